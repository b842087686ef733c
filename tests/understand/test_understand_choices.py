"""Matching typed text against offered choices."""

from __future__ import annotations

from bot.understand import Understander
from bot.understand.choices import match_choice

AREAS = [
    ("housing", ["السكن", "Wohnen"]),
    ("health", ["الصحة", "Gesundheit"]),
    ("work", ["العمل", "Arbeit"]),
    ("benefits", ["المساعدات", "Sozialleistungen", "Geld"]),
]
YES_NO = [("yes", ["Так", "Ja"]), ("no", ["Ні", "Nein"])]


def test_exact_label() -> None:
    assert match_choice("Wohnen", AREAS) == "housing"
    assert match_choice("العمل", AREAS) == "work"


def test_label_with_typo() -> None:
    assert match_choice("Arbiet", AREAS) == "work"
    assert match_choice("gesundheid", AREAS) == "health"


def test_german_label_typed_by_an_arabic_speaker() -> None:
    assert match_choice("vohnen", AREAS) == "housing"
    assert match_choice("arbeit bitte", AREAS) == "work"


def test_arabic_label_without_article_or_with_clitic() -> None:
    assert match_choice("سكن", AREAS) == "housing"
    assert match_choice("بالعمل", AREAS) == "work"


def test_wrong_keyboard_letters() -> None:
    options = [("work", ["کار", "Arbeit"]), ("school", ["مدرسه", "Schule"])]
    assert match_choice("كار", options) == "work"
    assert match_choice("مدرسة", options) == "school"


def test_number_picks_position() -> None:
    assert match_choice("2", AREAS) == "health"
    assert match_choice("٣", AREAS) == "work"
    assert match_choice("9", AREAS) is None


def test_short_labels_and_casing() -> None:
    assert match_choice("ТАК", YES_NO) == "yes"
    assert match_choice("nein danke", YES_NO) == "no"
    assert match_choice("jaa", YES_NO) == "yes"


def test_unclear_text_gives_none() -> None:
    assert match_choice("", AREAS) is None
    assert match_choice("🙂", AREAS) is None
    assert match_choice("xyz", AREAS) is None
    assert match_choice("Wohnen oder Arbeit", AREAS) is None


def test_ambiguous_prefix_gives_none() -> None:
    options = [("a", ["Kindergeld"]), ("b", ["Kindergarten"])]
    assert match_choice("kinder", options) is None


def test_understander_falls_back_to_the_area_of_free_text(understander: Understander) -> None:
    assert understander.match_choice("بدي بيت اكبر", AREAS) == "housing"
    assert understander.match_choice("Jobcenter hat kein Geld geschickt", AREAS) == "benefits"
    assert understander.match_choice("hallo", AREAS) is None
