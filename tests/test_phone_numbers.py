"""Phone numbers at the counsellor request are saved so that a counsellor can dial them."""

from __future__ import annotations

import pytest

from bot.nodes.input_types import parse_phone


@pytest.mark.parametrize(
    ("raw", "dialable"),
    [
        ("плюс 49 176 55566677", "+4917655566677"),
        ("Plus 49 176 5556667", "+491765556667"),
        ("بلاس ٤٩ ١٧٦ ٥٥٥٦٦٦٧", "+491765556667"),
        ("پلاس ۴۹ ۱۷۶ ۵۵۵۶۶۶۷", "+491765556667"),
        ("49 176 5556667", "+491765556667"),
        ("49 (0) 176 5556667", "+491765556667"),
        ("49 351 1234567", "+493511234567"),
        ("+49 0176 5556667", "+491765556667"),
        ("00 49 176 5556667", "+491765556667"),
        ("176 5556667", "01765556667"),
        ("۱۵۱ ۲۳۴۵۶۷۸۹", "015123456789"),
        ("0351 1234567", "03511234567"),
        ("+43 660 1234567", "+436601234567"),
    ],
)
def test_a_number_is_saved_dialable(raw: str, dialable: str) -> None:
    assert parse_phone(raw) == dialable


@pytest.mark.parametrize(
    ("raw", "saved"),
    [
        ("0176 555 66 67 или 0351 1234567", "01765556667 / 03511234567"),
        ("0176 5556667 / 0351 1234567", "01765556667 / 03511234567"),
        ("0176 5556667 oder 0176 5556667", "01765556667"),
    ],
)
def test_several_numbers_are_all_kept(raw: str, saved: str) -> None:
    assert parse_phone(raw) == saved


@pytest.mark.parametrize("raw", ["ja", "12", "²", "①", "call me please", "01796", "plus", "49"])
def test_what_is_no_phone_number_stays_rejected(raw: str) -> None:
    assert parse_phone(raw) is None


@pytest.mark.parametrize(
    ("language", "spoken"),
    [
        ("de", "null eins sieben sechs 5556667"),
        ("uk", "нуль один сім шість 5556667"),
        ("ar", "صفر واحد سبعة ستة 5556667"),
        ("en", "zero one seven six 5556667"),
    ],
)
def test_digits_said_as_words_are_asked_again_not_dropped(language: str, spoken: str) -> None:
    """Dictated digits ("null eins sieben sechs …") would be lost by the parser, which keeps
    only the digits: the person is asked to write the number with digits."""
    from bot.content.loader import load_content_or_raise
    from bot.engine import step
    from bot.messages import Inbound
    from bot.session import Session
    from bot.settings import BUNDLED_CONTENT

    content = load_content_or_raise(BUNDLED_CONTENT)
    session = Session("typist", language=language, language_confirmed=True)
    turn = step(content, session, Inbound("typist", text="/start"))
    # Pirna, a counsellor, consent, a topic, a call, afternoon, no interpreter: the phone
    for line in ("4", "/human", "1", "3", "2", "2", "2"):
        turn = step(content, turn.session, Inbound("typist", text=line))
    assert turn.session.position is not None and turn.session.position.node == "phone"
    asked_again = step(content, turn.session, Inbound("typist", text=spoken))
    assert "phone" not in asked_again.session.answers
    assert asked_again.session.position == turn.session.position
    written = step(content, asked_again.session, Inbound("typist", text="0176 5556667"))
    assert written.session.answers.get("phone") == "01765556667"
