"""A third tester walked the topic flows typing everyday words (2 Dec 2026).

"I am gay and I am scared in the camp" at "who needs special protection?" opened the housing
questions (the camp), never the LGBTQI referral; an unaccompanied minor was "not understood";
in Arabic "no money left for food" (urgent) could only be reached by the label's own words.
Each choice now has the words people type for it (`also:`, ×6).
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed_at


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


at = typed_at


def answer(content: Content, flow: str, node: str, language: str, text: str) -> dict[str, str]:
    return at(content, flow, node, language, text).session.answers


PROTECTION = [
    ("en", "I am gay and I am scared in the camp", "lgbtqi"),
    ("ar", "انا مثلي وخايف بالكامب", "lgbtqi"),
    ("de", "ich bin schwul und habe angst im heim", "lgbtqi"),
    ("fa", "همجنسگرا هستم", "lgbtqi"),
    ("ar", "انا عمري ١٦ سنة ولحالي هون بدون اهلي", "minor"),
    ("uk", "мені 16, я тут без батьків", "minor"),
]


@pytest.mark.parametrize(("language", "text", "need"), PROTECTION)
def test_who_needs_protection_in_words(
    bundled: Content, language: str, text: str, need: str
) -> None:
    assert answer(bundled, "protection", "topic", language, text)["protection_need"] == need


NO_MONEY = [
    ("de", "kein Geld mehr für Essen"),
    ("en", "no money for food"),
    ("uk", "нема грошей на їжу"),
    ("ru", "нет денег на еду"),
    ("ar", "ما عندي مصاري للاكل"),
    ("ar", "خلصو المصاري"),
    ("fa", "پول غذا ندارم"),
]


@pytest.mark.parametrize(("language", "text"), NO_MONEY)
def test_no_money_left_in_words_is_the_urgent_choice(
    bundled: Content, language: str, text: str
) -> None:
    answers = answer(bundled, "benefits", "concern", language, text)
    assert answers["benefit_concern"] == "no_money"


AGES = [
    ("de", "ich bin 24 jahre alt", "under_27"),
    ("en", "24 years", "under_27"),
    ("en", "I am 24", "under_27"),
    ("uk", "мені 24 роки", "under_27"),
    ("ru", "мне 30 лет", "over_27"),
    ("ar", "عمري ٢٤ سنة", "under_27"),
    ("fa", "۲۲ سالمه", "under_27"),
    ("en", "35", "over_27"),  # more than the buttons: an age, not a button's number
]


@pytest.mark.parametrize(("language", "text", "group"), AGES)
def test_an_age_typed_answers_the_age_question(
    bundled: Content, language: str, text: str, group: str
) -> None:
    """A tester: "24 years" was § 24 (Ukraine) and opened the residence questions."""
    answers = answer(bundled, "work", "age_group", language, text)
    assert answers["age_group"] == group
    assert answers.get("residence_doc") is None


@pytest.mark.parametrize(
    ("language", "text", "group"),
    [("de", "10", "age_6_18"), ("ar", "عمره ٣ سنين", "under_6"), ("ru", "ей 19 лет", "over_18")],
)
def test_a_childs_age_typed_answers_the_school_age_question(
    bundled: Content, language: str, text: str, group: str
) -> None:
    assert answer(bundled, "school", "age", language, text)["child_age"] == group


GERMAN_COURSE = [("ru", "немецкий"), ("uk", "німецька"), ("ar", "الماني"), ("fa", "آلمانی")]


@pytest.mark.parametrize(("language", "text"), GERMAN_COURSE)
def test_german_named_in_the_persons_language_is_the_course_not_a_language_switch(
    bundled: Content, language: str, text: str
) -> None:
    """A tester: "немецкий" at the work menu switched the whole chat to German."""
    turn = at(bundled, "work", "topic", language, text)
    assert turn.session.language == language
    assert turn.session.answers.get("work_topic") == "course"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "хочу вивчати німецьку мову"),
        ("ar", "بدي اتعلم الماني"),
        ("ru", "хочу учить немецкий"),
    ],
)
def test_wanting_to_learn_german_is_the_work_topic(
    bundled: Content, language: str, text: str
) -> None:
    assert bundled.understanding is not None
    assert bundled.understanding.understand(text, language).area == "work"


@pytest.mark.parametrize(("language", "text"), GERMAN_COURSE)
def test_german_named_in_the_persons_language_at_the_menu_keeps_the_language(
    bundled: Content, language: str, text: str
) -> None:
    assert at(bundled, "menu", "topics", language, text).session.language == language


@pytest.mark.parametrize(
    ("language", "text", "code"), [("de", "по-русски", "ru"), ("en", "عربي", "ar")]
)
def test_a_language_named_in_itself_still_switches(
    bundled: Content, language: str, text: str, code: str
) -> None:
    assert at(bundled, "menu", "topics", language, text).session.language == code


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ar", "ما بعرف لسا"),
        ("de", "weiß ich noch nicht"),
        ("ru", "пока не знаю"),
        ("fa", "هنوز نمیدونم"),
    ],
)
def test_not_knowing_the_country_yet_saves_no_country(
    bundled: Content, language: str, text: str
) -> None:
    """A tester: «ما بعرف لسا» (I don't know yet) was saved as the destination country."""
    assert "return_country" not in answer(bundled, "return", "country", language, text)


def test_a_country_is_saved(bundled: Content) -> None:
    assert answer(bundled, "return", "country", "ar", "سوريا")["return_country"] == "سوريا"


PAPERS = [
    ("fa", "دولدونگ دارم", "duldung"),
    ("ar", "عندي دولدونغ", "duldung"),
    ("ar", "فيكسيون", "fiktion"),
    ("ar", "عندي اقامة ٣ سنين", "permit"),
    ("fa", "گشتاتونگ", "gestattung"),
    ("ru", "дульдунг", "duldung"),
    ("uk", "дозвіл на проживання", "permit"),
    ("en", "tolerated stay", "duldung"),
    ("de", "ich bin geduldet", "duldung"),
]


@pytest.mark.parametrize(("language", "text", "paper"), PAPERS)
def test_a_residence_paper_in_the_persons_own_letters_is_understood(
    bundled: Content, language: str, text: str, paper: str
) -> None:
    """Testers: «دولدونگ» at "which residence paper?" was asked again and again."""
    turn = typed_at(bundled, "residence", "document", language, text)
    assert turn.session.answers["residence_doc"] == paper
