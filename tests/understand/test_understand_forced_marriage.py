"""Forced marriage is violence (Hilfetelefon 116 016 counsels on it): testers' messages in six
languages got "not understood" or the health-insurance question."""

from __future__ import annotations

import pytest

from bot.understand import Understander

FORCED = [
    ("ar", "بنتي عمرها ١٤ سنة وأبوها بدو يزوجها غصب عنها الشهر الجاي"),
    ("ar", "أهلي بدهم يجوزوني غصب وأنا خايفة"),
    ("en", "My parents want to force me to marry, I am 16"),
    ("de", "Meine Eltern wollen mich zwangsverheiraten"),
    ("uk", "батьки змушують мене вийти заміж"),
    ("ru", "родители заставляют выйти замуж"),
    ("fa", "خانواده‌ام میخواهند مرا به زور شوهر بدهند"),
]
WEDDINGS = [
    ("en", "we married two years ago, what papers do I need"),
    ("de", "ich will heiraten, welche Papiere brauche ich"),
    ("ar", "أريد الزواج من خطيبتي"),
    ("ru", "мы хотим пожениться, какие документы нужны"),
]


@pytest.mark.parametrize(("language", "text"), FORCED)
def test_forced_marriage_gets_the_violence_answer(
    understander: Understander, language: str, text: str
) -> None:
    assert understander.understand(text, language).emergency == "violence"


@pytest.mark.parametrize(("language", "text"), WEDDINGS)
def test_a_wished_wedding_is_no_emergency(
    understander: Understander, language: str, text: str
) -> None:
    assert understander.understand(text, language).emergency is None


def test_getting_married_is_no_typo_of_hanging_oneself(understander: Understander) -> None:
    """ "пожениться" is two letters from "повеситься": a wedding question got the suicide
    answer until the wedding words were listed as Russian words (known, never a typo)."""
    assert understander.understand("мы хотим пожениться", "ru").emergency is None
    assert understander.understand("хочу повеситься", "ru").emergency == "suicide"
