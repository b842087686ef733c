"""Which language the interpreter must speak reaches the counsellor, for every writer.

Before, only Farsi writers were asked (Dari or Farsi); a German or Arabic writer who needs a
Kurdish, Pashto or Tigrinya interpreter answered "yes" and the counsellor read "Dolmetscher
nötig: Ja" with no language. Now everyone is asked: the chat's language, the languages most
often needed besides the six, or any other, written in their own words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.events import HandoffRequested
from bot.i18n.language_names import recognised_language
from bot.messages import Inbound
from bot.session import Position, Session
from bot.settings import BUNDLED_CONTENT
from tests.typist import terminal, where


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def at(content: Content, node: str, language: str, *lines: str) -> list[Turn]:
    """Type `lines` one after another, starting at the counsellor request's question `node`."""
    session = Session(
        "typist",
        language=language,
        language_confirmed=True,
        position=Position("handoff", node),
        answers={"place": "pirna", "topic": "housing", "contact": "chat", "times": "any"},
    )
    turns: list[Turn] = []
    for line in lines:
        turns.append(step(content, session, Inbound("typist", text=line)))
        session = turns[-1].session
    return turns


# (language, "yes, I need one", typed language, saved choice)
TYPED_CHOICES = [
    ("de", "ja", "Kurmandschi", "kurmanji"),
    ("de", "ja", "paschtu", "pashto"),
    ("en", "yes", "same language", "chat_language"),
    ("en", "yes", "tigrinya", "tigrinya"),
    ("uk", "так", "курманджі", "kurmanji"),
    ("uk", "так", "українською", "chat_language"),
    ("ru", "да", "турецкий", "turkish"),
    ("ru", "да", "сорани", "sorani"),
    ("ar", "نعم", "كرمانجي", "kurmanji"),
    ("ar", "نعم", "نفس اللغة", "chat_language"),
    ("ar", "نعم", "بشتو", "pashto"),
]


@pytest.mark.parametrize(("language", "yes", "typed", "saved"), TYPED_CHOICES)
def test_every_writer_is_asked_and_a_typed_language_is_saved(
    bundled: Content, language: str, yes: str, typed: str, saved: str
) -> None:
    asked, answered = at(bundled, "interpreter", language, yes, typed)
    assert where(asked) == "handoff.interpreter_language_any", language
    assert answered.session.answers["interpreter_language"] == saved
    assert where(answered) == "handoff.name"  # chat contact: no phone number asked


@pytest.mark.parametrize(
    ("language", "yes", "kurdish"),
    [("de", "ja", "Kurdisch"), ("en", "yes", "kurdish"), ("uk", "так", "курдська"),
     ("ru", "да", "курдский"), ("ar", "نعم", "كردي")],
)  # fmt: skip
def test_kurdish_alone_asks_kurmanji_or_sorani(
    bundled: Content, language: str, yes: str, kurdish: str
) -> None:
    """ "Kurdish" names two languages an interpreter speaks: many Iraqi Kurds speak Sorani,
    so the bot asks which instead of booking a Kurmanji interpreter."""
    _, asked = at(bundled, "interpreter", language, yes, kurdish)
    assert "interpreter_language" not in asked.session.answers
    offered = [choice.id for reply in asked.replies for choice in reply.choices]
    assert offered[:2] == [
        "handoff.interpreter_language_any.kurmanji",
        "handoff.interpreter_language_any.sorani",
    ], offered


# (language, "another language", the language typed in the person's own words)
OTHER = [
    ("de", "eine andere Sprache", "Somali"),
    ("en", "another language", "Somali"),
    ("uk", "інша мова", "грузинська"),
    ("ru", "другой язык", "чеченский"),
    ("ar", "لغة أخرى", "الأمازيغية"),
    ("fa", "زبان دیگه", "پشتو"),
]


@pytest.mark.parametrize(("language", "other", "own_words"), OTHER)
def test_another_language_is_kept_in_the_persons_words(
    bundled: Content, language: str, other: str, own_words: str
) -> None:
    yes = {"de": "ja", "en": "yes", "uk": "так", "ru": "да", "ar": "نعم", "fa": "بله"}[language]
    _, pressed, written = at(bundled, "interpreter", language, yes, other, own_words)
    assert pressed.session.answers["interpreter_language"] == "other"
    assert where(pressed) == "handoff.interpreter_language_other"
    assert written.session.answers["interpreter_language_other"] == own_words
    assert where(written) == "handoff.name"


def test_farsi_writers_still_choose_dari_or_farsi(bundled: Content) -> None:
    asked, answered = at(bundled, "interpreter", "fa", "بله", "دری")
    assert where(asked) == "handoff.interpreter_language"
    assert answered.session.answers["interpreter_language"] == "dari"


def test_no_interpreter_after_all_drops_the_written_language(bundled: Content) -> None:
    """Going back and answering "no interpreter" leaves no language in the request."""
    turns = at(bundled, "interpreter", "en", "yes", "another language", "Somali")
    assert turns[-1].session.answers["interpreter_language_other"] == "Somali"
    back = at(bundled, "interpreter", "en", "no")
    session = turns[-1].session
    session.position = Position("handoff", "interpreter")
    no = step(bundled, session, Inbound("typist", text="no"))
    assert where(back[0]) == where(no) == "handoff.name"
    assert "interpreter_language" not in no.session.answers
    assert "interpreter_language_other" not in no.session.answers


# An Arabic writer who needs a Kurdish interpreter, typed all the way to the sent request.
AR_WALK = (
    "4",  # Pirna
    "9",  # talk to a counsellor
    "نعم",  # consent
    "1",  # housing
    "1",  # reply here in the chat
    "3",  # any time
    "نعم",  # interpreter: yes
    "كردي كرمانجي",  # which language: Kurdish (Kurmanji)
    "أحمد",
    "2",  # not so urgent
    "-",
    "نعم",  # send
)


def test_arabic_walk_tells_the_counsellor_the_interpreter_language(bundled: Content) -> None:
    session = Session("typist", language="ar", language_confirmed=True)
    turn = step(bundled, session, Inbound("typist", text="/start"))
    sent: list[HandoffRequested] = []
    for line in AR_WALK:
        turn = step(bundled, turn.session, Inbound("typist", text=line))
        sent.extend(e for e in turn.events if isinstance(e, HandoffRequested))
    assert len(sent) == 1, where(turn)
    assert sent[0].answers["interpreter"] == "yes"
    assert sent[0].answers["interpreter_language"] == "kurmanji"


def test_the_counsellor_group_reads_the_language(tmp_path: Path) -> None:
    printed = terminal(tmp_path / "k.db", "ar", AR_WALK)
    group = printed.split("counsellor group", 1)
    assert len(group) == 2, printed[-2000:]
    shown = group[1].replace("\u2068", "").replace("\u2069", "")
    assert "Dolmetscher nötig: Ja" in shown, shown
    assert "Dolmetschersprache: Kurdisch (Kurmandschi)" in shown, shown


def test_the_counsellor_group_reads_a_language_in_the_persons_words(tmp_path: Path) -> None:
    walk = (*AR_WALK[:7], "لغة أخرى", "الصومالية", *AR_WALK[8:])
    printed = terminal(tmp_path / "o.db", "ar", walk)
    group = printed.split("counsellor group", 1)
    assert len(group) == 2, printed[-2000:]
    shown = group[1].replace("\u2068", "").replace("\u2069", "")
    assert "Dolmetschersprache: Eine andere Sprache" in shown, shown
    assert "Dolmetschersprache (selbst geschrieben)" in shown and "الصومالية" in shown, shown
    assert "(erkannt: Somali)" in shown, shown


def test_the_chat_language_after_all_drops_the_written_language(bundled: Content) -> None:
    """A language written first and then replaced by "the language I write here" (going back,
    or "change something") is not sent as well."""
    written = at(bundled, "interpreter", "uk", "так", "інша мова", "грузинська")[-1].session
    written.position = Position("handoff", "interpreter_language_any")
    chosen = step(bundled, written, Inbound("typist", text="українською"))
    assert chosen.session.answers["interpreter_language"] == "chat_language"
    assert "interpreter_language_other" not in chosen.session.answers


# (typed language name, chat language, German name the counsellor reads), names from CLDR.
NAMED = [
    ("اردو", "fa", "Urdu"),
    ("زبان اردو", "fa", "Urdu"),
    ("الصومالية", "ar", "Somali"),
    ("صومالي", "ar", "Somali"),
    ("امهري", "ar", "Amharisch"),
    ("урду", "ru", "Urdu"),
    ("грузинська", "uk", "Georgisch"),
    ("somalisch", "de", "Somali"),
    ("Tigrinya", "en", "Tigrinya"),
]


@pytest.mark.parametrize(("typed", "language", "german"), NAMED)
def test_a_language_name_in_any_script_is_read_in_german(
    typed: str, language: str, german: str
) -> None:
    assert recognised_language(typed, language) == german


@pytest.mark.parametrize(
    ("typed", "language"),
    [("hallo", "de"), ("Mein Dialekt", "de"), ("Badini", "de"), ("Romanes", "de"), ("-", "fa")],
)
def test_no_language_name_is_guessed(typed: str, language: str) -> None:
    """A text that is no language name gets no German name: the counsellor reads only the
    person's words ("Romanes" is not "Rätoromanisch")."""
    assert recognised_language(typed, language) is None
