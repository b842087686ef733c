"""Checks for typed answers: number, date, phone, postcode, text.

Every check first cleans what phones and copy-paste add: direction marks and isolates
(U+200E/F, U+202A–202E, U+2066–2069, which the bot itself puts around numbers in Arabic and
Farsi replies), zero-width characters, and digits of any script (Arabic-Indic, Persian,
full-width, superscript ², circled ①) become 0-9; dashes of every kind become "-".
A number, date, phone number or postcode is then found inside a sentence too
("my number is 0151 2345678", "ich wohne in 01796 Pirna").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹘﹣－"), "-")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s?[./\-]\s?(\d{1,2})\s?[./\-]\s?(\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_PHONE_RUN = re.compile(r"(?:\+|\b00)?\s?\d[\d\s\-/().]{4,}\d")
_PHONE_SEPARATORS = re.compile(r"[\s\-/().]")
_PHONE = re.compile(r"^(\+|00)?\d{6,15}$")
_TRUNK_ZERO = re.compile(r"^(\+\d{1,3}|00\d{1,3}|49)\s?\(0\)")
# 'plus' spoken or typed out before a country code, as in 'плюс 49 176 …'
_PLUS_WORD = re.compile(r"(?<!\w)(?:plus|плюс|بلاس|پلاس)\s*(?=\d)", re.IGNORECASE)
# Germany's 49 without + or 00, before a mobile (15x-17x) or area code: 10 to 13 digits in all
_BARE_COUNTRY_CODE = re.compile(r"^49(?:0?1[5-7]\d{8,9}|0?[2-9]\d{6,10})$")
_MOBILE_WITHOUT_ZERO = re.compile(r"^1[5-7]\d{8,9}$")  # '176 5556667' for '0176 5556667'

NUMBER = re.compile(r"(?<![\d.,])-?\d+(?:[.,]\d+)?(?![\d])")  # "24", "-3", "5,5"
_POSTCODE = re.compile(r"(?<!\d)\d{5}(?!\d)")
MAX_TEXT = 4096  # as the engine's cap (one Telegram or WhatsApp message): never cut before


def western_digits(text: str) -> str:
    """Digits of every script as 0-9 (also ², ①, full-width); other characters unchanged."""
    return "".join(_ascii_digit(char) for char in text)


def _ascii_digit(char: str) -> str:
    if char.isascii():
        return char
    value = unicodedata.decimal(char, None)
    if value is None:
        value = unicodedata.digit(char, None)
    return str(value) if value is not None else char


def clean(raw: str) -> str:
    """Invisible format characters removed, digits 0-9, dashes '-', spaces collapsed."""
    text = "".join(ch for ch in raw if unicodedata.category(ch) != "Cf")
    text = western_digits(text).translate(_DASHES)
    return " ".join(text.split())


def parse_text(raw: str) -> str | None:
    text = raw.strip()
    return text[:MAX_TEXT] if text else None


def parse_number(raw: str) -> str | None:
    match = NUMBER.search(clean(raw))
    if match is None:
        return None
    value = float(match.group().replace(",", "."))
    return str(int(value)) if value.is_integer() else str(value)


def parse_date(raw: str) -> str | None:
    text = clean(raw)
    if match := _ISO_DATE.search(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DATE.search(text):
        day, month, year = (int(g) for g in match.groups())
        year = year + 2000 if year < 100 else year
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_phone(raw: str) -> str | None:
    """Every dialable number in the answer, joined with ' / ' (none silently dropped).

    '+49 (0) 151 …', '0049 (0) 151 …', 'plus 49 151 …' (also плюс, بلاس, پلاس) and a bare
    '49 151 …' -> '+49151…'; a German mobile number written without its 0 ('151 …') gets it
    back; found in a sentence.
    """
    text = _PLUS_WORD.sub("+", clean(raw))
    numbers: list[str] = []
    for match in _PHONE_RUN.finditer(text):
        run = match.group().strip()
        found = _dialable(run)
        pieces = [found] if found else [_dialable(piece) for piece in run.split("/")]
        numbers += [number for number in pieces if number and number not in numbers]
    return " / ".join(numbers) or None


def words_beside_phone(raw: str) -> str:
    """The words a phone answer holds besides its numbers ("0176 … пишіть у вайбер" ->
    "пишіть у вайбер"), so that "call my husband" or "Viber only" is not lost; "" when there
    are none. The numbers and a spoken plus are left out."""
    text = _PHONE_RUN.sub(" ", _PLUS_WORD.sub(" ", clean(raw)))
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    return " ".join(words).strip(" ,.:;-–")


def _dialable(candidate: str) -> str | None:
    """One number as it can be dialled from a German phone, or None."""
    candidate = _TRUNK_ZERO.sub(r"\1", candidate.strip())
    digits = _PHONE_SEPARATORS.sub("", candidate)
    if not _PHONE.match(digits):
        return None
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif _BARE_COUNTRY_CODE.match(digits):
        digits = "+" + digits
    elif _MOBILE_WITHOUT_ZERO.match(digits):
        digits = "0" + digits
    if digits.startswith("+490"):  # '+49 0151 …': the trunk 0 is not dialled after +49
        digits = "+49" + digits[4:]
    return digits


def parse_postcode(raw: str) -> str | None:
    match = _POSTCODE.search(clean(raw))
    return match.group() if match else None


PARSERS: dict[str, Callable[[str], str | None]] = {
    "text": parse_text,
    "number": parse_number,
    "date": parse_date,
    "phone": parse_phone,
    "postcode": parse_postcode,
}
