"""The German summary a counsellor reads in the office group."""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale

from bot.content.model import Content
from bot.engine.answers import AnswerInfo, answer_index
from bot.handoff.model import Request

FIRST_FIELDS = ("place", "interpreter", "contact", "times")
HIDDEN_FIELDS = frozenset({"topic", "consent", "urgency", "urgent"})


def german_summary(content: Content, request: Request, staff: Mapping[str, str]) -> str:
    index = answer_index(content)
    status = staff["status_" + request.status.value]
    if request.claimed_name:
        status += f" ({request.claimed_name})"
    lines = [
        f"{staff['summary_title']} {request.ref}",
        f"{staff['label_topic']}: {_topic(content, request.topic)}",
        f"{staff['label_urgency']}: {staff['urgent'] if request.urgent else staff['not_urgent']}",
        f"{staff['label_language']}: {language_name(request.language)}",
        f"{staff['label_status']}: {status}",
    ]
    if request.appointment:
        when = request.appointment.starts_at.strftime("%d.%m.%Y %H:%M")
        lines.append(f"{staff['label_appointment']}: {when}, {request.appointment.place}")
    lines.append("")
    ordered = [n for n in FIRST_FIELDS if n in index] + [n for n in index if n not in FIRST_FIELDS]
    for name in ordered:
        if name in request.answers and name not in HIDDEN_FIELDS:
            lines.append(_line(index[name], request.answers[name], request.language, staff))
    return "\n".join(lines)


def language_name(code: str) -> str:
    return Locale("de").languages.get(code, code)


def _line(info: AnswerInfo, value: str, language: str, staff: Mapping[str, str]) -> str:
    if value in info.choices:
        return f"{info.label.source}: {info.choices[value].source}"
    if info.free_text:
        original = staff["free_text_in"].format(language=language_name(language))
        return f"{info.label.source} ({original}): {value}"
    return f"{info.label.source}: {value}"


def _topic(content: Content, topic: str) -> str:
    text = content.ui.get(f"topic_{topic}")
    return text.source if text else topic
