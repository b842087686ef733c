"""The German summary a counsellor reads in the office group.

Order: the heading with status and urgency (and the emergency it came from), then the contact
block (how to reach the person safely), then the topic and answers, then the person's own words.
Everything the person typed is made inert (`bot.handoff.inert`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from babel import Locale

from bot.content.model import Content
from bot.engine.answers import AnswerInfo, answer_index
from bot.handoff.inert import isolated, latin
from bot.handoff.long_text import in_parts
from bot.handoff.model import Request
from bot.i18n.language_names import recognised_language
from bot.i18n.placeholders import fill

CONTACT_FIELDS = (
    "contact",
    "phone",
    "safe_contact",
    "times",
    "interpreter",
    "interpreter_language",
    "interpreter_language_other",
    "name",
)
OWN_WORDS_FIELDS = ("own_words", "note")
HIDDEN_FIELDS = frozenset({"topic", "consent", "urgency", "urgent", "emergency", "emergency_check"})
CHECK_ANSWER = "emergency_check"  # the person's answer to the triage's check question
NAME_FIELD = "name"
OTHER_LANGUAGE_FIELD = "interpreter_language_other"  # a language name in the person's words


def german_summary(
    content: Content, request: Request, staff: Mapping[str, str], *, words_apart: bool = False
) -> str:
    """The whole summary; `words_apart`: the person's own words are said to follow in their
    own messages (`own_words_notes`), for a summary too long for one group message."""
    index = answer_index(content)
    answers = request.answers
    lines = _heading(content, request, staff, index)
    lines += ["", staff["section_contact"]]
    lines.append(f"{staff['label_language']}: {language_name(request.language)}")
    lines += [
        _line(index[n], answers[n], n, request.language, staff)
        for n in CONTACT_FIELDS
        if n in answers and n in index
    ]
    lines += ["", staff["section_request"]]
    lines.append(f"{staff['label_topic']}: {_topic(content, request.topic)}")
    skipped = set(CONTACT_FIELDS) | set(OWN_WORDS_FIELDS) | HIDDEN_FIELDS
    lines += [
        _line(info, answers[name], name, request.language, staff)
        for name, info in index.items()
        if name in answers and name not in skipped
    ]
    own = _own_words(request, staff, index)
    if own:
        original = staff["free_text_in"].format(language=language_name(request.language))
        shown = [staff["own_words_below"]] if words_apart else own
        lines += ["", f"{staff['section_own_words']} ({original})", *shown]
    return "\n".join(lines)


def own_words_notes(content: Content, request: Request, staff: Mapping[str, str]) -> list[str]:
    """The person's own words as group messages of their own, each field whole (in parts
    where one message is too short for it)."""
    index = answer_index(content)
    original = staff["free_text_in"].format(language=language_name(request.language))
    notes: list[str] = []
    for name, label in _own_word_fields(request, staff, index):
        params = {"label": label, "ref": request.ref, "original": original}
        notes += in_parts(
            fill(staff["own_words_note"], **params),
            partial(_part_heading, staff["own_words_note_part"], params),
            request.answers[name],
        )
    return notes


def language_name(code: str) -> str:
    return Locale("de").languages.get(code, code)


def emergency_name(index: Mapping[str, AnswerInfo], kind: str | None) -> str | None:
    """The German name of an emergency kind as its choice reads ("Jemand bedroht mein
    Leben"), or None for no kind or one the content does not name."""
    info = index.get("emergency")
    if not kind or info is None or kind not in info.choices:
        return None
    return info.choices[kind].source


def _heading(
    content: Content, request: Request, staff: Mapping[str, str], index: dict[str, AnswerInfo]
) -> list[str]:
    status = staff["status_" + request.status.value]
    if request.claimed_name:
        status += f" ({isolated(request.claimed_name)})"
    lines = [
        f"{staff['summary_title']} {request.ref}",
        f"{staff['label_status']}: {status}",
        f"{staff['label_urgency']}: {staff['urgent'] if request.urgent else staff['not_urgent']}",
    ]
    kind = emergency_name(index, request.answers.get("emergency"))
    if kind:
        lines.append(staff["via_emergency"].format(kind=kind))
    check = request.answers.get(CHECK_ANSWER)
    if check in ("yes", "no"):
        lines.append(staff[f"check_{check}"])
    if request.appointment:
        when = request.appointment.starts_at.strftime("%d.%m.%Y %H:%M")
        place = isolated(request.appointment.place)
        lines.append(f"{staff['label_appointment']}: {when}, {place}")
    return lines


def _own_words(
    request: Request, staff: Mapping[str, str], index: dict[str, AnswerInfo]
) -> list[str]:
    return [
        f"{label}: {isolated(request.answers[name])}"
        for name, label in _own_word_fields(request, staff, index)
    ]


def _part_heading(template: str, params: Mapping[str, str], part: int, parts: int) -> str:
    """ "… (Teil 2 von 3):" for one part of a long text."""
    return fill(template, part=str(part), parts=str(parts), **params)


def _own_word_fields(
    request: Request, staff: Mapping[str, str], index: dict[str, AnswerInfo]
) -> list[tuple[str, str]]:
    """(answer name, German label) of the person's own words this request holds."""
    fields = []
    if request.answers.get("own_words"):
        fields.append(("own_words", staff["label_own_words"]))
    if request.answers.get("note") and "note" in index:
        fields.append(("note", index["note"].label.source))
    return fields


def _line(info: AnswerInfo, value: str, name: str, language: str, staff: Mapping[str, str]) -> str:
    if value in info.choices:
        return f"{info.label.source}: {info.choices[value].source}"
    shown = isolated(value)
    if name == NAME_FIELD and (transliterated := latin(value)):
        shown += " " + staff["latin"].format(latin=isolated(transliterated))
    if name == OTHER_LANGUAGE_FIELD and (german := recognised_language(value, language)):
        shown += " " + staff["language_recognised"].format(language=german)
    if info.free_text and name != NAME_FIELD:
        original = staff["free_text_in"].format(language=language_name(language))
        return f"{info.label.source} ({original}): {shown}"
    return f"{info.label.source}: {shown}"


def _topic(content: Content, topic: str) -> str:
    text = content.ui.get(f"topic_{topic}")
    return text.source if text else topic
