"""A person typing to the engine, as `python -m bot chat --lang xx` would: for transcript tests."""

from __future__ import annotations

from bot.content.model import Content
from bot.engine import Turn, step
from bot.messages import Inbound
from bot.session import Session

PERSON = "typist"


def typed(content: Content, language: str, *lines: str) -> list[Turn]:
    """Every turn of a person whose language is set, sending /start and then `lines`."""
    session = Session(PERSON, language=language, language_confirmed=True)
    turns = [step(content, session, Inbound(PERSON, text="/start"))]
    for line in lines:
        turns.append(step(content, turns[-1].session, Inbound(PERSON, text=line)))
    return turns


def where(turn: Turn) -> str:
    """Where the person stands after `turn`: "flow.node"."""
    position = turn.session.position
    assert position is not None
    return f"{position.flow}.{position.node}"
