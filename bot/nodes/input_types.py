"""Checks for typed answers: number, date, phone, postcode, text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DATE = re.compile(r"^(\d{1,2})[./\-](\d{1,2})[./\-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PHONE_CHARS = re.compile(r"[\s\-/().]")
_PHONE = re.compile(r"^(\+|00)?\d{6,15}$")
_POSTCODE = re.compile(r"^\d{5}$")
MAX_TEXT = 500


def western_digits(text: str) -> str:
    return text.translate(_DIGITS)


def parse_text(raw: str) -> str | None:
    text = raw.strip()
    return text[:MAX_TEXT] if text else None


def parse_number(raw: str) -> str | None:
    text = western_digits(raw.strip()).replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return str(int(value)) if value.is_integer() else str(value)


def parse_date(raw: str) -> str | None:
    text = western_digits(raw.strip())
    if match := _DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
        year = year + 2000 if year < 100 else year
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_phone(raw: str) -> str | None:
    text = _PHONE_CHARS.sub("", western_digits(raw.strip()))
    if not _PHONE.match(text):
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    return text


def parse_postcode(raw: str) -> str | None:
    text = western_digits(raw.strip())
    return text if _POSTCODE.match(text) else None


PARSERS: dict[str, Callable[[str], str | None]] = {
    "text": parse_text,
    "number": parse_number,
    "date": parse_date,
    "phone": parse_phone,
    "postcode": parse_postcode,
}
