"""Number words and ordinals pick the option at that position, like digits, in six languages.

Regression for the tester report: "друге", "два", "второй", "пятый", "2-й", "№2", "the second
one", "two", "2nd", "die zweite", "zwei", "Nummer 2", "سه", "دوم", "ثلاثة", "الثاني" were "not
understood" while "2" worked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.engine.question_options import question_index
from bot.events import HandoffRequested
from bot.messages import Inbound
from bot.session import Position, Session
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed_at


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def at(content: Content, flow: str, node: str, language: str, text: str) -> Turn:
    return typed_at(content, flow, node, language, text, {"place": "pirna", "topic": "housing"})


SECOND = {
    "uk": ["друге", "два", "2-й", "№2", "другий варіант", "номер 2"],
    "ru": ["второй", "два", "2-й", "№ 2", "вариант 2", "вторая"],
    "en": ["the second one", "two", "2nd", "second", "number 2", "No. 2"],
    "de": ["die zweite", "zwei", "Nummer 2", "2.", "Nr. 2", "zweite"],
    "fa": ["دوم", "دو", "دومی", "گزینه ۲", "۲م", "شماره دو"],
    "ar": ["الثاني", "اثنين", "التاني", "رقم ٢", "الخيار الثاني"],
}


@pytest.mark.parametrize(
    ("language", "typed"), [(lang, t) for lang, ts in SECOND.items() for t in ts]
)
def test_the_second_time_of_day(bundled: Content, language: str, typed: str) -> None:
    turn = at(bundled, "handoff", "times", language, typed)
    assert turn.session.answers.get("times") == "afternoon"  # the second button
    assert turn.session.position == Position("handoff", "interpreter")


@pytest.mark.parametrize(
    ("language", "typed", "saved"),
    [
        ("fa", "سه", "office"),
        ("fa", "سوم", "office"),
        ("ar", "ثلاثة", "office"),
        ("ar", "الثالث", "office"),
        ("uk", "четвертий", "visit"),
        ("ru", "четыре", "visit"),
        ("en", "fourth", "visit"),
        ("de", "die vierte", "visit"),
        ("de", "eins", "chat"),
        ("en", "the first one", "chat"),
        ("en", "one", "chat"),
    ],
)
def test_the_contact_wish_by_number_word(
    bundled: Content, language: str, typed: str, saved: str
) -> None:
    turn = at(bundled, "handoff", "contact_visit", language, typed)
    assert turn.session.answers.get("contact") == saved


@pytest.mark.parametrize(
    ("language", "typed"), [("ru", "пятый"), ("uk", "п'ятий"), ("de", "fünf"), ("fa", "پنجم")]
)
def test_the_fifth_place(bundled: Content, language: str, typed: str) -> None:
    session = Session("typist", language=language, language_confirmed=True)
    turn = step(bundled, session, Inbound("typist", text="/start"))
    turn = step(bundled, turn.session, Inbound("typist", text=typed))
    assert turn.session.answers.get("place") == "ssoe"  # the fifth place of the list


def test_a_number_beyond_the_buttons_picks_nothing(bundled: Content) -> None:
    turn = at(bundled, "handoff", "times", "ru", "пятый")
    assert "times" not in turn.session.answers
    assert turn.session.position == Position("handoff", "times")


CARDINALS = {
    "de": "eins zwei drei vier fünf sechs sieben acht neun zehn",
    "en": "one two three four five six seven eight nine ten",
    "uk": "один два три чотири п'ять шість сім вісім дев'ять десять",
    "ru": "один два три четыре пять шесть семь восемь девять десять",
    "ar": "واحد اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة",
    "fa": "یک دو سه چهار پنج شش هفت هشت نهم ده",
}
ORDINALS = {
    "de": "erste zweite dritte vierte fünfte sechste siebte achte neunte zehnte",
    "en": "first second third fourth fifth sixth seventh eighth ninth tenth",
    "uk": "перший другий третій четвертий п'ятий шостий сьомий восьмий дев'ятий десятий",
    "ru": "первый второй третий четвёртый пятый шестой седьмой восьмой девятый десятый",
    "ar": "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر",
    "fa": "اول دوم سوم چهارم پنجم ششم هفتم هشتم نهم دهم",
}


@pytest.mark.parametrize("language", CARDINALS)
def test_one_to_ten_at_the_menu(bundled: Content, language: str) -> None:
    index = question_index(bundled, "menu", "topics", language)
    assert len(index.ids) >= 10
    for table in (CARDINALS, ORDINALS):
        for position, word in enumerate(table[language].split(), start=1):
            assert index.match(word).chosen == index.ids[position - 1], (word, position)


def test_farsi_nine_is_never_no(bundled: Content) -> None:
    """ "نه" is "no" (and "nine"): at a yes/no question it stays no."""
    turn = at(bundled, "handoff", "interpreter", "fa", "نه")
    assert turn.session.answers.get("interpreter") == "no"


# A Russian walk to a sent request, typed with number words only: what the counsellor receives.
RU_WALK = ("четвёртый", "девятый", "первый", "первый", "первый", "второй", "второй", "Иван")
RU_WALK += ("второй", "-", "первый")


def test_russian_walk_with_number_words_sends_the_request(bundled: Content) -> None:
    session = Session("typist", language="ru", language_confirmed=True)
    turn = step(bundled, session, Inbound("typist", text="/start"))
    sent: list[HandoffRequested] = []
    for line in RU_WALK:
        turn = step(bundled, turn.session, Inbound("typist", text=line))
        sent.extend(e for e in turn.events if isinstance(e, HandoffRequested))
    assert len(sent) == 1, turn.session.position
    answers = sent[0].answers
    assert answers["place"] == "pirna"
    assert answers["consent"] == "yes"
    assert answers["topic"] == "housing"
    assert answers["contact"] == "chat"  # not a call: no phone question
    assert answers["times"] == "afternoon"
    assert answers["interpreter"] == "no"
    assert answers["urgency"] == "normal"
    assert "phone" not in answers


def test_a_broken_numbers_section_names_file_and_line(tmp_path: Path) -> None:
    from bot.content.problems import Problem
    from bot.understand.typed_data import load_typed_data

    folder = tmp_path / "typed"
    folder.mkdir()
    (folder / "answers.yaml").write_text(
        "numbers:\n  2:\n    de: [zwei]\n  11:\n    de: [elf]\n  drei:\n    de: [drei]\n",
        encoding="utf-8",
    )
    problems: list[Problem] = []
    assert load_typed_data(tmp_path, problems) is None
    shown = [(p.file, p.line, p.message) for p in problems]
    assert ("knowledge/typed/answers.yaml", 4, "numbers go from 1 to 10, not 11") in shown
    assert ("knowledge/typed/answers.yaml", 6, "'drei' under 'numbers' must be a number") in shown
