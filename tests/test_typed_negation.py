"""Negation decides a typed answer, in all six languages (regressions from the tester report).

Farsi "میخوام" (I want) is one letter from "نمیخوام" (I don't want) and was read as no: at
consent, at the /delete confirmation and at the interpreter question. A negation glued to a
word, or standing after it ("صبح نه": not morning), is never matched away; "I don't know" is
neither yes nor no; "I want" / "I don't want" answer a yes/no question only in a short message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.events import DataDeletionRequested, EmergencyShown, HandoffRequested
from bot.messages import Inbound
from bot.session import Position, Session
from bot.settings import BUNDLED_CONTENT
from tests.typist import terminal


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def at(content: Content, node: str, language: str, text: str, **answers: str) -> Turn:
    """Type `text` at the counsellor request's question `node`."""
    session = Session(
        "typist",
        language=language,
        language_confirmed=True,
        position=Position("handoff", node),
        answers={"place": "pirna", "topic": "housing", **answers},
    )
    return step(content, session, Inbound("typist", text=text))


def where(turn: Turn) -> str:
    position = turn.session.position
    assert position is not None
    return f"{position.flow}.{position.node}"


I_WANT = ["میخوام", "میخواهم", "ميخوام", "می\u200cخوام", "آره میخوام", "می خوام"]
I_DONT_WANT = ["نمیخوام", "نمی\u200cخوام", "نمیخواهم", "نمي خوام"]


@pytest.mark.parametrize("word", I_WANT)
def test_farsi_i_want_is_yes_at_consent(bundled: Content, word: str) -> None:
    turn = at(bundled, "consent", "fa", word)
    assert turn.session.answers["consent"] == "yes"
    assert where(turn) == "handoff.contact_visit"  # nothing refused: the request goes on


@pytest.mark.parametrize("word", I_DONT_WANT)
def test_farsi_i_dont_want_is_no_at_consent(bundled: Content, word: str) -> None:
    turn = at(bundled, "consent", "fa", word)
    assert turn.session.answers.get("consent") in ("no", None)
    assert "contact" not in turn.session.answers
    assert where(turn) == "menu.topics"


def test_farsi_i_want_confirms_delete_and_i_dont_want_keeps(bundled: Content) -> None:
    for word in I_WANT[:4]:
        asked = at(bundled, "name", "fa", "/delete", phone="+491529876543")
        deleted = step(bundled, asked.session, Inbound("typist", text=word))
        assert DataDeletionRequested() in deleted.events, word
        assert deleted.session.answers == {}
    for word in I_DONT_WANT:
        asked = at(bundled, "name", "fa", "/delete", phone="+491529876543")
        kept = step(bundled, asked.session, Inbound("typist", text=word))
        assert not kept.events, word
        assert kept.session.answers["phone"] == "+491529876543"
        assert "name" not in kept.session.answers


def test_farsi_interpreter_wish_typed_in_a_sentence(bundled: Content) -> None:
    wanted = at(bundled, "interpreter", "fa", "مترجم دری میخوام")
    assert wanted.session.answers["interpreter"] == "yes"
    assert where(wanted) == "handoff.interpreter_language"
    dari = step(bundled, wanted.session, Inbound("typist", text="مترجم دری میخوام"))
    assert dari.session.answers["interpreter_language"] == "dari"
    refused = at(bundled, "interpreter", "fa", "مترجم نمیخوام")
    assert refused.session.answers["interpreter"] == "no"
    assert "interpreter_language" not in refused.session.answers


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fa", "صبح نه بعد از ظهر"),
        ("fa", "صبح نه، بعد از ظهر"),
        ("en", "not morning afternoon"),
        ("en", "not in the morning, afternoon"),
        ("de", "nicht vormittags sondern nachmittags"),
        ("de", "vormittags nicht, nachmittags"),
        ("ru", "не утром, а после обеда"),
        ("ru", "не утром после обеда"),
        ("uk", "не зранку після обіду"),
        ("ar", "مش الصبح بعد الظهر"),
    ],
)
def test_the_negated_time_never_wins(bundled: Content, language: str, words: str) -> None:
    turn = at(bundled, "times", language, words)
    assert turn.session.answers.get("times") == "afternoon"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("uk", "не знаю"),
        ("uk", "я не знаю"),
        ("ru", "не знаю"),
        ("en", "I don't know"),
        ("en", "not sure"),
        ("de", "weiß nicht"),
        ("de", "keine Ahnung"),
        ("ar", "ما بعرف"),
        ("fa", "نمیدونم"),
    ],
)
def test_i_dont_know_is_neither_yes_nor_no(bundled: Content, language: str, words: str) -> None:
    for node in ("consent", "interpreter"):
        turn = at(bundled, node, language, words)
        assert node not in turn.session.answers
        assert where(turn) == f"handoff.{node}"  # the same question again
        assert turn.replies[-1].choices[0].id == f"handoff.{node}.yes"


@pytest.mark.parametrize(("language", "words"), [("uk", "незгоден"), ("de", "unsicher")])
def test_a_glued_negation_is_no_yes(bundled: Content, language: str, words: str) -> None:
    turn = at(bundled, "consent", language, words)
    assert turn.session.answers.get("consent") != "yes"


WANT = {"de": "ich möchte", "en": "I want", "uk": "хочу", "ru": "хочу", "ar": "بدي", "fa": "میخوام"}
DONT_WANT = {
    "de": "ich will nicht",
    "en": "I don't want",
    "uk": "не хочу",
    "ru": "не хочу",
    "ar": "ما بدي",
    "fa": "نمیخوام",
}


@pytest.mark.parametrize("language", WANT)
def test_want_and_dont_want_at_a_yes_no_question(bundled: Content, language: str) -> None:
    assert at(bundled, "interpreter", language, WANT[language]).session.answers["interpreter"] == (
        "yes"
    )
    assert at(bundled, "interpreter", language, DONT_WANT[language]).session.answers[
        "interpreter"
    ] == ("no")


def test_i_need_something_else_is_no_yes(bundled: Content) -> None:
    turn = at(bundled, "consent", "en", "I need a Kita place for my son")
    assert turn.session.answers.get("consent") != "yes"


def test_i_dont_want_to_live_at_the_danger_check_is_no_no(bundled: Content) -> None:
    """The check question ("are you in danger now?") is answered "no" by "no", never by a
    message that says an emergency ("не хочу жити": I don't want to live)."""
    for language, farewell, words in (
        ("uk", "Я попрощалася з сім'єю, як отримати Wohngeld?", "не хочу жити"),
        ("fa", "با خانواده خداحافظی کردم، چطوری Wohngeld بگیرم؟", "نمیخوام زنده باشم"),
    ):
        session = Session("typist", language=language, language_confirmed=True)
        turn = step(bundled, session, Inbound("typist", text="/start"))
        turn = step(bundled, turn.session, Inbound("typist", choice="welcome.place.pirna"))
        turn = step(bundled, turn.session, Inbound("typist", text=farewell))
        assert [c.id for c in turn.replies[-1].choices] == ["check.yes", "check.no"]
        answered = step(bundled, turn.session, Inbound("typist", text=words))
        assert answered.session.answers.get("emergency_check") != "no"
        assert any(isinstance(e, EmergencyShown) for e in answered.events), language


# A Farsi walk to a sent request, typed: what the counsellor receives.
FA_WALK = (
    "4",  # Pirna
    "9",  # talk to a counsellor
    "میخوام",  # consent: I want
    "1",  # housing
    "2",  # a call
    "صبح نه بعد از ظهر",  # not morning, afternoon
    "مترجم دری میخوام",  # I want a Dari interpreter
    "مترجم دری میخوام",  # which language: Dari
    "0151 2345678",
    "سارا",
    "2",
    "-",
    "میخوام",  # send: yes
)


def test_farsi_walk_sends_what_was_meant(bundled: Content) -> None:
    session = Session("typist", language="fa", language_confirmed=True)
    turn = step(bundled, session, Inbound("typist", text="/start"))
    sent: list[HandoffRequested] = []
    for line in FA_WALK:
        turn = step(bundled, turn.session, Inbound("typist", text=line))
        sent.extend(e for e in turn.events if isinstance(e, HandoffRequested))
    assert len(sent) == 1
    answers = sent[0].answers
    assert answers["consent"] == "yes"
    assert answers["times"] == "afternoon"
    assert answers["interpreter"] == "yes"
    assert answers["interpreter_language"] == "dari"
    assert answers["phone"] == "01512345678"


def test_farsi_walk_in_the_terminal_tells_the_counsellor(tmp_path: Path) -> None:
    printed = terminal(tmp_path / "f.db", "fa", FA_WALK)
    group = printed.split("counsellor group", 1)
    assert len(group) == 2, printed[-2000:]
    shown = group[1].replace("\u2068", "").replace("\u2069", "")
    for line in (
        "Zeitwunsch: Nachmittags",
        "Dolmetscher nötig: Ja",
        "Dolmetschersprache: Dari",
        "Kontaktwunsch: Anruf",
    ):
        assert line in shown, (line, shown)


def test_a_word_never_matches_its_glued_negation(bundled: Content) -> None:
    """Without any "I want" word known, "میخوام" still never picks the option of "نمیخوام"."""
    import dataclasses

    from bot.understand.choices import compile_options

    assert bundled.typed is not None
    words = dataclasses.replace(bundled.typed.words, yes_short=frozenset())
    options = [("q.yes", ["بله"]), ("q.no", ["نه", "نمیخوام"])]
    for typed in ("میخوام", "می\u200cخوام", "ميخوام", "میخواهم"):
        assert compile_options(options, words).match(typed).chosen is None, typed
    assert compile_options(options, words).match("نمیخوام").chosen == "q.no"
    german = [("q.sure", ["sicher"]), ("q.other", ["weiß nicht"])]
    assert compile_options(german, words).match("unsicher").chosen != "q.sure"


def test_a_typed_negation_still_turns_its_word_around(bundled: Content) -> None:
    """ "ندارم" (I don't have) is the opposite of the card option's "دارم" (I have)."""
    session = Session(
        "typist", language="fa", language_confirmed=True, position=Position("health", "insurance")
    )
    turn = step(bundled, session, Inbound("typist", text="ندارم"))
    assert turn.session.answers.get("health_insurance") == "unknown"


def insurance(content: Content, language: str, text: str) -> Turn:
    session = Session(
        "typist",
        language=language,
        language_confirmed=True,
        position=Position("health", "insurance"),
    )
    return step(content, session, Inbound("typist", text=text))


LOST_CARD = [
    ("de", "Karte verloren"),
    ("de", "Gesundheitskarte abgelaufen"),
    ("en", "I lost my health card"),
    ("en", "card expired"),
    ("uk", "картку загубила"),
    ("ru", "карточку потерял"),
    ("ar", "ضيعت كرت التأمين"),
    ("ar", "الكرت منتهي"),
    ("fa", "کارت بيمه ام باطل شده"),
    ("fa", "کارتمو گم کردم"),
    # a second tester
    ("ar", "ضاعت بطاقة التأمين"),
    ("ar", "الكرت انتهى"),
    ("fa", "کارتمو دزدیدن"),
]
HAVE_CARD = [
    ("de", "ich habe eine Karte"),
    ("en", "I have a card"),
    ("ar", "عندي كرت"),
    ("fa", "کارت دارم"),
]
VOUCHER = [
    ("de", "Behandlungsschein"),
    ("de", "Krankenschein"),
    ("en", "treatment voucher"),
    ("ru", "талон на лечение"),
    ("ar", "ورقة علاج"),
    ("fa", "برگه درمان"),
    ("ru", "бумага из социаламта"),  # a third tester: it opened the benefits menu
    ("uk", "папір із соціаламту"),
]


@pytest.mark.parametrize(("language", "text"), LOST_CARD)
def test_a_lost_or_expired_card_is_not_saved_as_having_a_card(
    bundled: Content, language: str, text: str
) -> None:
    """A tester's finding: "Karte verloren" saved "card" and told the person to bring it."""
    turn = insurance(bundled, language, text)
    assert turn.session.answers.get("health_insurance") == "unknown"


@pytest.mark.parametrize(("language", "text"), HAVE_CARD)
def test_having_a_card_is_still_the_card(bundled: Content, language: str, text: str) -> None:
    assert insurance(bundled, language, text).session.answers.get("health_insurance") == "card"


@pytest.mark.parametrize(("language", "text"), VOUCHER)
def test_the_sozialamt_voucher_by_its_name_is_the_sozialamt_answer(
    bundled: Content, language: str, text: str
) -> None:
    assert insurance(bundled, language, text).session.answers.get("health_insurance") == "schein"
