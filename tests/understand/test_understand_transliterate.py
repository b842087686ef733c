"""German office words typed in Cyrillic or Arabic script find their topic."""

from __future__ import annotations

import pytest

from bot.understand import Understander
from bot.understand.transliterate import german_spellings


def test_spellings_by_sound() -> None:
    assert german_spellings("Kündigung", "ru") == ["кюндигунг"]
    assert german_spellings("Kindergeld", "uk") == ["кіндергельд"]
    assert "وونغلد" in german_spellings("Wohngeld", "ar")
    assert "وونگلد" in german_spellings("Wohngeld", "fa")
    assert german_spellings("Hausarzt*", "ru") == ["хаусарцт*"]
    assert german_spellings("Kita", "ru") == []  # short words collide with real ones


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("получил письмо про айгенбедарф, что делать", "housing"),
        ("як отримати кіндергельд", "benefits"),
        ("шукаю хаусарцта", "health"),
        ("كيف بطلع كيندرغيلد", "benefits"),
        ("میخوام درباره وونگلد بپرسم", "benefits"),
    ],
)
def test_transliterated_office_words_find_the_topic(
    understander: Understander, text: str, area: str
) -> None:
    assert understander.understand(text).area == area
