"""Messages from the 2 Dec 2026 testers that were not understood: being held, passports taken
to force work, nowhere to live; and the everyday look-alikes that must stay no emergency."""

from __future__ import annotations

import pytest

from bot.understand import Understander

HELD = [
    ("uk", "мене тримають і не відпускають"),
    ("ru", "меня держат и не отпускают"),
    ("ru", "они заперли меня"),
    ("en", "they locked me in and wont let me leave"),
    ("ar", "حابسيني بالبيت"),
    ("fa", "نمیذارن برم بیرون"),
]
EVERYDAY = [
    ("ru", "меня не отпускают с работы пораньше"),
    ("ru", "мама не отпускает меня на дискотеку"),
    ("de", "mein Chef lässt mich nicht gehen bevor 18 Uhr"),
]
NOWHERE_TO_LIVE = [
    ("ru", "нам негде жить"),
    ("uk", "ніде жити"),
    ("en", "we have nowhere to live"),
]


@pytest.mark.parametrize(("language", "text"), HELD)
def test_being_held_is_an_emergency(understander: Understander, language: str, text: str) -> None:
    assert understander.understand(text, language).emergency == "threat"


@pytest.mark.parametrize(("language", "text"), EVERYDAY)
def test_not_let_go_early_is_none(understander: Understander, language: str, text: str) -> None:
    assert understander.understand(text, language).emergency is None


def test_passports_taken_to_force_work_is_violence(understander: Understander) -> None:
    found = understander.understand("у нас отобрали паспорта и заставляют работать", "ru")
    assert found.emergency == "violence"


@pytest.mark.parametrize(("language", "text"), NOWHERE_TO_LIVE)
def test_nowhere_to_live_is_housing(understander: Understander, language: str, text: str) -> None:
    assert understander.understand(text, language).area == "housing"


def test_english_the_language_is_not_england(understander: Understander) -> None:
    """«انگلیسی» (English) minus its ending is «انگلیس» (England), a country to move on to; the
    entry is "=انگلیس", only that word, so "I speak English" at the interpreter question no
    longer offered to leave the request for return counselling."""
    assert understander.understand("انگلیسی صحبت میکنم", "fa").area != "return"
    assert understander.understand("میخوام برم انگلیس", "fa").area == "return"
