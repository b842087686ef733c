"""A language typed by name switches the language, as /language does.

Found by a tester (2026-12-01): "по-русски" and "عربي" typed in a topic got "not
understood", and "دری" (Dari) at the language picker was not taken for Farsi.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import step
from bot.messages import Inbound
from bot.session import Position, Session
from bot.settings import BUNDLED_CONTENT
from tests.typist import where


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


@pytest.mark.parametrize(
    ("language", "typed", "now"),
    [("de", "по-русски", "ru"), ("de", "عربي", "ar"), ("ar", "English", "en"), ("uk", "دری", "fa")],
)
def test_a_language_name_typed_in_a_topic_switches_to_it(
    bundled: Content, language: str, typed: str, now: str
) -> None:
    session = Session(
        "typist",
        language=language,
        language_confirmed=True,
        position=Position("housing", "situation"),
        answers={"place": "pirna"},
    )
    turn = step(bundled, session, Inbound("typist", text=typed))
    assert turn.session.language == now
    assert where(turn) == "housing.situation"


def test_dari_at_the_picker_is_farsi(bundled: Content) -> None:
    picker = step(bundled, Session("typist"), Inbound("typist", text="/start"))
    chosen = step(bundled, picker.session, Inbound("typist", text="دری"))
    assert chosen.session.language == "fa" and chosen.session.language_confirmed


def test_arabic_at_the_interpreter_question_is_no_switch(bundled: Content) -> None:
    session = Session(
        "typist",
        language="de",
        language_confirmed=True,
        position=Position("handoff", "interpreter_language_any"),
        answers={"place": "pirna", "topic": "housing", "contact": "chat", "interpreter": "yes"},
    )
    turn = step(bundled, session, Inbound("typist", text="عربي"))
    assert turn.session.language == "de"
