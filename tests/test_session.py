"""A session survives being stored: every field, in every shape it takes, comes back."""

from __future__ import annotations

import json
from dataclasses import fields

from bot.session import Position, RequestRef, Session


def full_session() -> Session:
    return Session(
        user="telegram:42",
        language="fa",
        language_confirmed=True,
        position=Position("handoff", "urgency", (("housing", "q1"), ("menu", "topics"))),
        answers={"place": "prohlis", "note": 'Sie sagte "Wohnung" – خانه'},
        history=[Position("welcome", "place"), Position("housing", "q1", (("menu", "t"),))],
        requests=[RequestRef("WG-7K3F", "housing", "open")],
        stopped=True,
        relay="WG-7K3F",
        offered=[("handoff.urgency.urgent", "Dringend"), ("back", "Zurück")],
    )


def test_every_field_round_trips() -> None:
    session = full_session()
    assert Session.from_json(session.to_json()) == session


def test_every_field_is_written() -> None:
    """A field added to Session and forgotten in to_json would be lost at the next turn."""
    written = json.loads(full_session().to_json())
    assert set(written) == {f.name for f in fields(Session)}


def test_a_new_session_round_trips() -> None:
    session = Session("telegram:1")
    assert Session.from_json(session.to_json()) == session
