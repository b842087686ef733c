"""A question as the first message is answered after the welcome instead of being lost.

Found by a tester (2026-12-01): "Добрий день, де можна знайти квартиру в Дрездені?" typed at
the language picker got "not understood" and the picker again; after language and place the
menu came and the question was never used. Now its language is chosen, and after the place
question the bot goes on with the question's topic, keeping the words for a request.
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


def send(content: Content, session: Session, **kw: str) -> Turn:
    return step(content, session, Inbound("typist", **kw))


QUESTIONS = [
    ("uk", "Добрий день, де можна знайти квартиру в Дрездені?", "housing"),
    ("ru", "Здравствуйте, мне пришло письмо из джобцентра, что делать?", "benefits"),
    ("ar", "كيف بسجل ابني بالمدرسة", "school"),
    ("en", "Hi, I need help with my flat, the landlord wants me out", "housing"),
    ("fa", "سلام، برای کار کردن اجازه کار لازم دارم؟", "work"),
]


@pytest.mark.parametrize(("language", "question", "flow"), QUESTIONS)
def test_a_question_at_the_language_picker_is_answered_after_the_place(
    bundled: Content, language: str, question: str, flow: str
) -> None:
    picker = send(bundled, Session("typist"), text="/start")
    assert where(picker) == "welcome.language"
    asked = send(bundled, picker.session, text=question)
    assert asked.session.language == language and asked.session.language_confirmed
    assert where(asked) == "welcome.place"
    placed = send(bundled, asked.session, choice="welcome.place.pirna")
    assert placed.session.position is not None and placed.session.position.flow == flow
    assert placed.session.answers.get("own_words") == question


def test_a_first_message_without_start_is_answered_after_the_place(bundled: Content) -> None:
    first = step(
        bundled,
        Session("typist"),
        Inbound("typist", text="Wie finde ich eine Wohnung in Pirna?", locale_hint="de"),
    )
    placed = first
    if where(first) == "welcome.language":
        placed = send(bundled, first.session, choice="lang.de")
    placed = send(bundled, placed.session, choice="welcome.place.pirna")
    assert placed.session.position is not None and placed.session.position.flow == "housing"


@pytest.mark.parametrize("text", ["hmm", "ok"])
def test_a_word_that_is_no_question_still_gets_the_picker(bundled: Content, text: str) -> None:
    picker = send(bundled, Session("typist"), text="/start")
    again = send(bundled, picker.session, text=text)
    assert where(again) == "welcome.language"
    assert not again.session.language_confirmed


def test_without_a_question_the_welcome_ends_at_the_menu(bundled: Content) -> None:
    picker = send(bundled, Session("typist"), text="/start")
    chosen = send(bundled, picker.session, choice="lang.uk")
    placed = send(bundled, chosen.session, choice="welcome.place.pirna")
    assert placed.session.position is not None and placed.session.position.flow == "menu"
