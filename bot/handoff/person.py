"""Messages to the person about their request, in their language."""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.model import Content
from bot.engine.run import Run
from bot.i18n.placeholders import fill
from bot.messages import Choice, Reply
from bot.session import Session


def person_reply(
    content: Content,
    language: str,
    key: str,
    params: dict[str, str],
    choices: Sequence[tuple[str, str]] = (),
) -> Reply:
    """`key` is an interface message with {placeholders}; choices are (id, message key) pairs."""
    run = Run(content, Session("", language=language))
    text = fill(run.ui(key), **params)
    shown = tuple(Choice(choice_id, fill(run.ui(label), **params)) for choice_id, label in choices)
    run.say(text, shown)
    return run.replies[-1]


def counsellor_text_reply(
    content: Content, language: str, ref: str, text: str, *, correction: bool = False
) -> Reply:
    """A counsellor's own words (or their correction), under a header in the person's language."""
    run = Run(content, Session("", language=language))
    header = fill(run.ui("counsellor_correction" if correction else "counsellor_message"), ref=ref)
    hint = run.ui("relay_hint")
    run.say(f"{header}\n\n{text}\n\n{hint}", (Choice("relay.end", run.ui("button_relay_end")),))
    return run.replies[-1]
