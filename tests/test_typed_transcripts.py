"""The reproductions of issue 10 as transcripts: people who type instead of pressing buttons."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.engine.actions import STAY
from bot.i18n.direction import strip_marks
from bot.messages import Inbound
from bot.nodes.input_types import parse_phone
from bot.session import Session
from bot.settings import BUNDLED_CONTENT


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def typed(content: Content, language: str | None, *lines: str) -> list[Turn]:
    """A fresh person (like `python -m bot chat --lang xx`) typing `lines`; every turn."""
    session = Session("typist")
    if language:
        session = Session("typist", language=language, language_confirmed=True)
    turns = [step(content, session, Inbound("typist", text="/start"))]
    for line in lines:
        turns.append(step(content, turns[-1].session, Inbound("typist", text=line)))
    return turns


def node(turn: Turn) -> str:
    position = turn.session.position
    assert position is not None
    return f"{position.flow}.{position.node}"


def text_of(turn: Turn) -> str:
    return strip_marks("\n".join(r.text for r in turn.replies))


def test_mould_picks_defects_and_never_restarts_housing(bundled: Content) -> None:
    turns = typed(bundled, "en", "1", "1", "2", "mould")
    assert node(turns[-2]) == "housing.flat_issue"
    assert turns[-1].session.answers["housing_issue"] == "defects"
    assert node(turns[-1]) != "housing.situation"


@pytest.mark.parametrize(
    ("language", "lines", "flow"),
    [
        ("fa", ("1", "4", "پولمو کم کردن"), "benefits"),
        ("uk", ("1", "6", "продовження"), "residence"),
    ],
)
def test_a_word_of_the_current_area_keeps_the_question(
    bundled: Content, language: str, lines: tuple[str, ...], flow: str
) -> None:
    turns = typed(bundled, language, *lines)
    before, after = turns[-2], turns[-1]
    assert node(after) == node(before) and node(after).startswith(flow)
    assert [c.id for c in after.replies[-1].choices] == [c.id for c in before.replies[-1].choices]
    expected = bundled.catalogs.translate(bundled.ui["answer_not_understood"].source, language)[0]
    assert expected in text_of(after)


@pytest.mark.parametrize("word", ["Kita", "كيتا"])
def test_kita_typed_in_the_school_flow_picks_kita(bundled: Content, word: str) -> None:
    turns = typed(bundled, "ar", "1", "3", word)
    assert node(turns[-2]).startswith("school.")
    assert node(turns[-1]).startswith("school.") and node(turns[-1]) != node(turns[-2])
    assert turns[-1].session.answers["school_topic"] == "kita"


def test_call_me_at_the_contact_question_is_the_phone_wish(bundled: Content) -> None:
    turns = typed(bundled, "fa", "1", "9", "1", "1", "زنگ بزنین")
    assert node(turns[-2]) == "handoff.contact"
    assert turns[-1].session.answers["contact"] == "phone"
    assert node(turns[-1]) == "handoff.times"


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("en", "yes"),
        ("en", "ok"),
        ("ru", "да"),
        ("uk", "так"),
        ("ar", "نعم"),
        ("fa", "بله"),
        ("fa", "آره"),
    ],
)
def test_yes_is_understood_at_consent(bundled: Content, language: str, word: str) -> None:
    turns = typed(bundled, language, "1", "9", word)
    assert turns[-1].session.answers["consent"] == "yes"
    assert node(turns[-1]) == "handoff.topic"


def test_one_word_of_a_two_word_label(bundled: Content) -> None:
    turns = typed(bundled, "fa", "1", "9", "1", "1", "تلفن")
    assert turns[-1].session.answers["contact"] == "phone"
    leuben = typed(bundled, "de", "leuben")
    assert leuben[-1].session.answers["place"] == "leuben"


@pytest.mark.parametrize(
    ("language", "words", "saved"),
    [
        ("uk", "дуже терміново", "urgent"),
        ("ar", "مستعجل جدا", "urgent"),
        ("uk", "не дуже терміново", "normal"),
        ("ar", "مش مستعجل", "normal"),
    ],
)
def test_very_urgent_is_never_saved_as_not_urgent(
    bundled: Content, language: str, words: str, saved: str
) -> None:
    turns = typed(bundled, language, "1", "9", "1", "1", "1", "1", "2", "-", words)
    assert turns[-1].session.answers["urgency"] == saved
    assert node(turns[-1]) == "handoff.note"


@pytest.mark.parametrize(
    ("words", "saved"),
    [
        ("Prohlis", "prohlis"),
        ("leuben", "leuben"),
        ("Freital", "ssoe"),
        ("Heidenau", "ssoe"),
        ("Пірна", "pirna"),
        ("بيرنا", "pirna"),
        ("پروهلیس", "prohlis"),
        ("Я живу в Пірні", "pirna"),
    ],
)
def test_typed_places_are_saved(bundled: Content, words: str, saved: str) -> None:
    turns = typed(bundled, "uk", words)
    assert turns[-1].session.answers["place"] == saved
    assert node(turns[-1]) == "menu.topics"


def test_dresden_is_not_saved_as_leuben(bundled: Content) -> None:
    turns = typed(bundled, "de", "dresden")
    assert "place" not in turns[-1].session.answers
    assert node(turns[-1]) == "welcome.place"


def test_a_topic_word_inside_a_request_keeps_the_request_topic(bundled: Content) -> None:
    turns = typed(
        bundled, "fa", "1", "9", "1", "4", "1", "1", "2", "-", "خیلی فوریه، پول ندارم اجاره بدم"
    )
    assert turns[-1].session.answers["urgency"] == "urgent"
    assert turns[-1].session.answers["topic"] == "benefits"
    back = step(bundled, turns[-1].session, Inbound("typist", text="/back"))
    assert back.session.answers["topic"] == "benefits" and node(back) == "handoff.urgency"
    note = step(bundled, turns[-1].session, Inbound("typist", text="-"))  # nothing to add
    sent = step(bundled, note.session, Inbound("typist", text="بله"))
    requested = [e for e in sent.events if type(e).__name__ == "HandoffRequested"]
    assert requested and requested[0].topic == "benefits" and requested[0].urgent


def test_a_topic_word_inside_a_request_asks_before_leaving(bundled: Content) -> None:
    turns = typed(bundled, "en", "1", "9", "1", "4", "1", "I need a new flat, mine is too small")
    assert node(turns[-1]) == "handoff.times"
    ids = [c.id for c in turns[-1].replies[-1].choices]
    assert ids == ["area.housing", STAY]
    stay = step(bundled, turns[-1].session, Inbound("typist", text="2"))
    assert node(stay) == "handoff.times" and stay.session.answers["topic"] == "benefits"
    leave = step(bundled, turns[-1].session, Inbound("typist", choice="area.housing"))
    assert node(leave).startswith("housing.")


def test_typed_yes_at_the_delete_confirmation_deletes(bundled: Content) -> None:
    turns = typed(bundled, "uk", "1", "/delete", "так")
    assert [type(e).__name__ for e in turns[-1].events] == ["DataDeletionRequested"]
    assert turns[-1].session.answers == {}


def test_first_message_emergency_in_arabic_is_answered_in_arabic(bundled: Content) -> None:
    session = Session("typist")  # Telegram with a phone set to German: the hint says "de"
    first = step(
        bundled, session, Inbound("typist", text="جوزي ضربني وانا خايفة", locale_hint="de")
    )
    assert [type(e).__name__ for e in first.events] == ["EmergencyShown"]
    assert all(r.language == "ar" and r.rtl for r in first.replies)
    back = step(bundled, first.session, Inbound("typist", text="1"))
    picker = back.replies[-1]
    assert node(back) == "welcome.language" and picker.language == "ar"
    assert picker.choices[0].id == "lang.ar" and not back.session.language_confirmed
    confirmed = step(bundled, back.session, Inbound("typist", text="1"))
    assert confirmed.session.language == "ar" and confirmed.session.language_confirmed


def test_arabic_emergency_at_the_terminal_language_question(bundled: Content) -> None:
    turns = typed(bundled, None, "جوزي ضربني وانا خايفة")
    assert turns[-1].replies[0].language == "ar"


@pytest.mark.parametrize("kind", ["photo", "document", "video", "voice"])
def test_a_caption_is_read_as_text(bundled: Content, kind: str) -> None:
    session = Session("typist", language="en", language_confirmed=True)
    start = step(bundled, session, Inbound("typist", text="/start"))
    shown = step(
        bundled,
        start.session,
        Inbound("typist", text="My husband is beating me, help", kind=kind, message_ref="1:2"),
    )
    assert [type(e).__name__ for e in shown.events] == ["EmergencyShown"]
    assert node(shown).startswith("emergency.")
    no_caption = step(bundled, start.session, Inbound("typist", kind=kind, message_ref="1:3"))
    assert node(no_caption) == node(start) and not no_caption.events


@pytest.mark.parametrize(
    ("raw", "dialable"),
    [
        ("\u202d+49 151 23456789\u202c", "+4915123456789"),
        ("\u2066+49 151 23456789\u2069", "+4915123456789"),
        ("0151–23456789", "015123456789"),
        ("+49 (0) 151 23456789", "+4915123456789"),
        ("０１５１ ２３４５６７８９", "015123456789"),
        ("٠١٥١ ٢٣٤٥٦٧٨٩", "015123456789"),
        ("شماره من ۰۱۵۱۲۳۴۵۶۷۸۹ است", "015123456789"),
        ("my number is 0049 151 23456789", "+4915123456789"),
        ("\u200f0151\u200b/23456789", "015123456789"),
    ],
)
def test_phone_numbers_as_people_paste_them(raw: str, dialable: str) -> None:
    assert parse_phone(raw) == dialable


@pytest.mark.parametrize("raw", ["ja", "²", "①", "call me please", "12"])
def test_no_phone_number_gets_the_retry_text(bundled: Content, raw: str) -> None:
    turns = typed(bundled, "de", "1", "9", "1", "1", "2", "1", "1", "1", raw)
    assert node(turns[-2]) == "handoff.phone" and node(turns[-1]) == "handoff.phone"
    assert "phone" not in turns[-1].session.answers
    assert "Telefonnummer" in text_of(turns[-1])


def _chat(lines: str, language: str, tmp_path: Path) -> str:
    command = [sys.executable, "-m", "bot", "chat", "--lang", language]
    command += ["--db", str(tmp_path / f"{language}.db")]
    result = subprocess.run(
        command, input=lines, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


WALKS = {
    "fa": (
        "من تو پیرنا زندگی میکنم\nمیخوام با مشاور صحبت کنم\nبله\nجاب سنتر پولمو کم کرده\n"
        "زنگ بزنین\nصبح\nآره\nدری\nشماره‌ام ۰۱۵۱ ۲۳۴۵۶۷۸ هست\nسارا\n"
        "خیلی فوریه، پول ندارم اجاره بدم\n-\nبله\n",
        [
            "Thema: Geld und Leistungen",
            "Dringlichkeit: DRINGEND",
            "Wohnort: Pirna",
            "Kontaktwunsch: Anruf",
            "Zeitwunsch: Vormittags",
            "Telefonnummer: 01512345678",
        ],
    ),
    "ar": (
        "انا ساكن في بيرنا\nبدي احكي مع مستشار\nنعم\nالجوب سنتر قطع المساعدة\nاتصلوا فيني\n"
        "الصبح\nلا\nرقمي \u2066+49 (0) 151 2345678\u2069\n-\nمستعجل جدا\n-\nايوه\n",
        [
            "Thema: Geld und Leistungen",
            "Dringlichkeit: DRINGEND",
            "Wohnort: Pirna",
            "Kontaktwunsch: Anruf",
            "Telefonnummer: +491512345678",
        ],
    ),
    "uk": (
        "Я живу в Пірні\nхочу поговорити з консультантом\nтак\nпродовження дозволу на проживання\n"
        "подзвоніть мені\nпісля обіду\nні\nмій номер 0151-2345678\nОлена\nдуже терміново\n-\nтак\n",
        [
            "Thema: Aufenthalt und Asyl",
            "Dringlichkeit: DRINGEND",
            "Wohnort: Pirna",
            "Kontaktwunsch: Anruf",
            "Zeitwunsch: Nachmittags",
        ],
    ),
    "ru": (
        "живу в Хайденау\nконсультант\nда\nжильё\nв чате\nвсё равно\nнет\nИван\n"
        "не так срочно\n-\nда\n",
        [
            "Thema: Wohnen",
            "Dringlichkeit: normal",
            "Wohnort: Anderer Ort im Landkreis",
            "Kontaktwunsch: Antwort hier im Chat",
            "Zeitwunsch: Egal, jederzeit",
        ],
    ),
}


@pytest.mark.parametrize("language", WALKS)
def test_typing_everything_reaches_a_sent_request(language: str, tmp_path: Path) -> None:
    lines, expected = WALKS[language]
    out = _chat(lines, language, tmp_path)
    group = out.split("counsellor group", 1)
    assert len(group) == 2, out[-2000:]
    shown = group[1].replace("\u2068", "").replace("\u2069", "")  # values are isolated
    for line in expected:
        assert line in shown, (line, shown)


def test_the_request_topic_typed_inside_the_request_keeps_the_question(bundled: Content) -> None:
    turns = typed(bundled, "de", "1", "9", "1", "4", "1", "Jobcenter Bürgergeld")
    assert node(turns[-1]) == "handoff.times" and turns[-1].session.answers["topic"] == "benefits"
    assert turns[-1].replies[-1].choices[0].id == "handoff.times.morning"
