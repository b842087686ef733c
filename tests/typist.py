"""A person typing to the engine, or to `python -m bot chat --lang xx` itself: for transcript
tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.content.model import Content
from bot.engine import Turn, step
from bot.events import HandoffRequested
from bot.messages import Inbound
from bot.session import Position, Session

PERSON = "typist"
# How the line naming an answer taken from the person's words starts ("typed_choice_taken")
UNDERSTOOD = {
    "de": "Verstanden:",
    "en": "Understood:",
    "uk": "Зрозуміло:",
    "ru": "Понятно:",
    "ar": "فهمت:",
    "fa": "متوجه شدم:",
}


def typed(content: Content, language: str, *lines: str) -> list[Turn]:
    """Every turn of a person whose language is set, sending /start and then `lines`."""
    session = Session(PERSON, language=language, language_confirmed=True)
    turns = [step(content, session, Inbound(PERSON, text="/start"))]
    for line in lines:
        turns.append(step(content, turns[-1].session, Inbound(PERSON, text=line)))
    return turns


def typed_at(
    content: Content,
    flow: str,
    node: str,
    language: str,
    text: str,
    answers: dict[str, str] | None = None,
) -> Turn:
    """A person (language confirmed; `answers` saved before, by default living in Pirna) types
    `text` at `flow`'s question `node`."""
    session = Session(
        PERSON,
        language=language,
        language_confirmed=True,
        position=Position(flow, node),
        answers=dict(answers or {"place": "pirna"}),
    )
    return step(content, session, Inbound(PERSON, text=text))


def requested(turns: list[Turn]) -> list[HandoffRequested]:
    """Every request the counsellor received during `turns`."""
    return [event for turn in turns for event in turn.events if isinstance(event, HandoffRequested)]


def sent(turns: list[Turn]) -> HandoffRequested:
    """The one request the counsellor received during `turns` (fails the test otherwise)."""
    found = requested(turns)
    assert len(found) == 1, [where(turn) for turn in turns]
    return found[0]


def where(turn: Turn) -> str:
    """Where the person stands after `turn`: "flow.node"."""
    position = turn.session.position
    assert position is not None
    return f"{position.flow}.{position.node}"


def terminal(db: Path, language: str, lines: list[str] | tuple[str, ...]) -> str:
    """What `python -m bot chat --lang <language> --db <db>` prints for `lines` typed (the
    counsellor group included); fails the test on a non-zero exit or a traceback."""
    command = [sys.executable, "-m", "bot", "chat", "--lang", language, "--db", str(db)]
    result = subprocess.run(
        command,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout
