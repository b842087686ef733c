"""Typing "back" inside a topic goes one question back, as /back does.

Found by a tester (2026-12-01): "رجوع", "برگشت", "повернутися назад" and "go back" typed at
a health question opened the voluntary-return counselling ("return" is the same word in
Arabic and Farsi). Inside a topic the whole message "back" now means /back.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.messages import Inbound
from bot.session import Session
from bot.settings import BUNDLED_CONTENT
from tests.typist import where


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def at_health(content: Content, language: str) -> Turn:
    session = Session("typist", language=language, language_confirmed=True)
    turn = step(content, session, Inbound("typist", text="/start"))
    turn = step(content, turn.session, Inbound("typist", choice="welcome.place.pirna"))
    return step(content, turn.session, Inbound("typist", choice="menu.topics.health"))


@pytest.mark.parametrize(
    ("language", "back"),
    [
        ("ar", "رجوع"),
        ("ar", "بدي ارجع لورا"),
        ("fa", "برگشت"),
        ("fa", "bargasht"),
        ("uk", "повернутися назад"),
        ("ru", "назад"),
        ("en", "go back"),
        ("de", "zurück"),
    ],
)
def test_back_typed_in_a_topic_goes_one_question_back(
    bundled: Content, language: str, back: str
) -> None:
    health = at_health(bundled, language)
    assert health.session.position is not None and health.session.position.flow == "health"
    backed = step(bundled, health.session, Inbound("typist", text=back))
    assert backed.session.position is not None
    assert backed.session.position.flow == "menu", where(backed)


def test_back_inside_a_longer_message_is_no_command(bundled: Content) -> None:
    health = at_health(bundled, "ar")
    turn = step(bundled, health.session, Inbound("typist", text="بدي رجوع طوعي على سوريا"))
    assert turn.session.position is not None and turn.session.position.flow != "menu"
