"""Place and topic in one message at "where do you live?" (noticed while measuring typed places).

"Ich wohne in Pirna und habe Schulden" saved Pirna and then showed the menu: the debts were
dropped and the person had to say them again. Now the place is saved and the topic the rest of
the message names opens right after the welcome, as for a first message that names a topic.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.messages import Inbound
from bot.session import Session
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed, where

PLACE_AND_TOPIC = [
    ("de", "Ich wohne in Pirna und habe Schulden", "pirna", "everyday."),
    ("de", "wir wohnen in Pirna und suchen eine Wohnung", "pirna", "housing."),
    ("en", "I live in Leuben and I need a job", "leuben", "work."),
    ("uk", "живу в Пірні, потрібен садочок для дитини", "pirna", "school."),
    ("ru", "живу в Пирне, нужен садик для ребенка", "pirna", "school."),
    ("ar", "انا ساكن في فرايتال وبدي روضة لابني", "ssoe", "school."),
    ("fa", "در پیرنا زندگی میکنم و دنبال کار هستم", "pirna", "work."),
    # a second tester: a "no" in the topic's clause does not deny the place
    ("en", "Leuben, I have no health insurance", "leuben", "health."),
    ("ru", "живу в Пирне, нет медицинской страховки", "pirna", "health."),
    ("fa", "درسدن لویبن، کارت بیمه ندارم", "leuben", "health."),
]


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def at_place_question(content: Content, language: str, text: str) -> Turn:
    session = Session("typist", language=language, language_confirmed=True)
    first = step(content, session, Inbound("typist", text="/start"))
    assert where(first) == "welcome.place"
    return step(content, first.session, Inbound("typist", text=text))


@pytest.mark.parametrize(("language", "text", "place", "flow"), PLACE_AND_TOPIC)
def test_place_and_topic_in_one_message_save_the_place_and_open_the_topic(
    bundled: Content, language: str, text: str, place: str, flow: str
) -> None:
    turn = at_place_question(bundled, language, text)
    assert turn.session.answers["place"] == place
    assert where(turn).startswith(flow)


@pytest.mark.parametrize(("language", "text"), [("en", "I live in Leuben"), ("de", "Pirna")])
def test_a_place_alone_still_shows_the_menu(bundled: Content, language: str, text: str) -> None:
    assert where(at_place_question(bundled, language, text)) == "menu.topics"


GREETING_AND_PLACE = [
    ("ar", "مرحبا انا ساكن ببرنا", "pirna"),
    ("ar", "مرحبا، بيرنا", "pirna"),
    ("ar", "السلام عليكم انا من بروليس", "prohlis"),
    ("fa", "سلام من در پیرنا زندگی میکنم", "pirna"),
    ("fa", "سلام من در هایدناو زندگی میکنم", "ssoe"),
    ("de", "hallo ich wohne in Pirna", "pirna"),
]


@pytest.mark.parametrize(("language", "text", "place"), GREETING_AND_PLACE)
def test_a_greeting_beside_the_place_keeps_the_place(
    bundled: Content, language: str, text: str, place: str
) -> None:
    """Testers: «مرحبا انا ساكن ببرنا» got "hello!" and the place question again (places in
    Arabic script are no button label)."""
    turn = typed(bundled, language, text)[-1]
    assert turn.session.answers.get("place") == place
    assert where(turn) == "menu.topics"
