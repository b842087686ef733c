"""A number typed at a text question picks the button shown beside it ("1) Back 2) Main
menu"): it is never saved as a name."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import step
from bot.messages import Inbound
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed, where


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


# Pirna, a counsellor, consent, a topic, chat, afternoon, no interpreter: the name question
TO_NAME = {
    "en": ("4", "/human", "yes", "3", "1", "2", "2"),
    "fa": ("۴", "/human", "بله", "۳", "۱", "۲", "۲"),
}


@pytest.mark.parametrize(("language", "number"), [("en", "2"), ("fa", "۲")])
def test_a_number_at_the_name_question_is_the_button_beside_it(
    bundled: Content, language: str, number: str
) -> None:
    turns = typed(bundled, language, *TO_NAME[language])
    assert where(turns[-1]) == "handoff.name"
    labels = [c.label for c in turns[-1].replies[-1].choices]
    assert len(labels) >= int("2")  # "1) Back 2) Main menu" beside the question
    after = step(bundled, turns[-1].session, Inbound("typist", text=number))
    assert "name" not in after.session.answers
    assert where(after) != "handoff.name" and not where(after).startswith("handoff.urgency")


def test_a_name_is_still_a_name(bundled: Content) -> None:
    turns = typed(bundled, "en", *TO_NAME["en"], "Ali")
    assert turns[-1].session.answers.get("name") == "Ali"
