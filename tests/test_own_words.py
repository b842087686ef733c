"""What the person said about their problem reaches the counsellor as "own words": words that
only ask for a counsellor, or answer where they live, never replace it."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed, where

OWN_WORDS = "own_words"


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


@pytest.mark.parametrize(
    ("language", "place", "problem", "ask"),
    [
        (
            "en",
            "Prohlis",
            "I got a letter from Jobcenter, they stopped my money",
            "talk to someone",
        ),
        (
            "uk",
            "Пірна",
            "прийшов лист з джобцентру, мені зупинили гроші",
            "хочу поговорити з кимось",
        ),
        ("fa", "پرنا", "از جابسنتر نامه اومده پولمو قطع کردن", "میخوام با مشاور حرف بزنم"),
    ],
)
def test_asking_for_a_counsellor_keeps_the_problem_told_before(
    bundled: Content, language: str, place: str, problem: str, ask: str
) -> None:
    turns = typed(bundled, language, place, problem, ask)
    assert turns[-2].session.answers.get(OWN_WORDS) == problem  # the topic said in words
    assert where(turns[-1]).startswith("handoff.")
    assert turns[-1].session.answers.get(OWN_WORDS) == problem  # not "talk to someone"


@pytest.mark.parametrize(("language", "topic"), [("fa", "خونه"), ("de", "Kita"), ("ar", "شغل")])
def test_a_topic_named_in_one_word_is_no_own_words(
    bundled: Content, language: str, topic: str
) -> None:
    """My own Farsi walk: "خونه" (home) typed at the menu stood in the counsellor's summary
    as the person's own words, next to what they really wrote."""
    turns = typed(bundled, language, "4", topic)
    assert turns[-1].session.position is not None
    assert turns[-1].session.position.flow in ("housing", "school", "work")
    assert OWN_WORDS not in turns[-1].session.answers


def test_a_place_typed_is_no_own_words(bundled: Content) -> None:
    turns = typed(bundled, "en", "Prohlis")
    assert OWN_WORDS not in turns[-1].session.answers


def test_choosing_the_counsellor_after_an_emergency_keeps_the_emergency_message(
    bundled: Content,
) -> None:
    message = "میخوام خودمو بکشم"
    turns = typed(bundled, "fa", "۴", message, "با مشاور")
    assert turns[-2].session.answers.get(OWN_WORDS) == message
    assert where(turns[-1]).startswith("handoff.")
    assert turns[-1].session.answers.get(OWN_WORDS) == message
