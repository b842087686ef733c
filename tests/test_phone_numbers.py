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
