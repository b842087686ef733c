"""Testers' finding: "I don't know" typed in a topic never opens another topic.

«ما بعرف» at "which residence paper do you have?" threw the person into Health with "no
insurance" saved: a health question's "don't know" option was the only match. Now a whole
"I don't know" picks the question's own "don't know" option where it has one, and elsewhere
the question is asked again; it never names a topic.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed, where

DONT_KNOW = [
    ("de", "weiß nicht"),
    ("en", "no idea"),
    ("uk", "не знаю"),
    ("ru", "не знаю"),
    ("ar", "ما بعرف"),
    ("ar", "مش عارف"),
    ("fa", "نمیدونم"),
    # a second tester: "I don't know" in a few more words
    ("ar", "والله ما بعرف"),
    ("ar", "ما بعرف شو اختار"),
    ("fa", "نمی‌دونم چی انتخاب کنم"),
]
# place Pirna; in the menu: 1 housing, 3 school and family, 5 work, 6 residence
MENU = {"housing": "1", "school": "3", "work": "5", "residence": "6"}


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


@pytest.mark.parametrize(("language", "words"), DONT_KNOW)
def test_dont_know_at_the_residence_paper_question_is_its_none_option(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, "4", MENU["residence"], words)
    assert where(turns[-2]) == "residence.document"
    assert turns[-1].session.answers["residence_doc"] == "none"
    assert where(turns[-1]).startswith("residence.")


@pytest.mark.parametrize("topic", ["housing", "school", "work"])
@pytest.mark.parametrize(("language", "words"), DONT_KNOW)
def test_dont_know_in_a_topic_without_such_an_option_asks_again(
    bundled: Content, language: str, words: str, topic: str
) -> None:
    turns = typed(bundled, language, "4", MENU[topic], words)
    assert where(turns[-1]) == where(turns[-2])  # the same question again
    assert where(turns[-1]).startswith(f"{topic}.")
    assert "health_insurance" not in turns[-1].session.answers
