"""A person typing about a forced marriage at the main menu gets the violence answer first
(Hilfetelefon 116 016, 110), in every language (testers got "not understood")."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.events import EmergencyShown
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed

FORCED = {
    "de": "meine Eltern wollen mich zwangsverheiraten",
    "en": "my parents want to force me to marry, I am 16",
    "uk": "батьки змушують мене вийти заміж",
    "ru": "родители заставляют выйти замуж",
    "ar": "أهلي بدهم يجوزوني غصب وأنا خايفة",
    "fa": "خانواده‌ام میخواهند مرا به زور شوهر بدهند",
}


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


@pytest.mark.parametrize("language", sorted(FORCED))
def test_forced_marriage_gets_the_violence_answer(bundled: Content, language: str) -> None:
    turns = typed(bundled, language, "1", FORCED[language])  # the place, then the words
    assert EmergencyShown("violence") in turns[-1].events
    shown = "\n".join(reply.text for reply in turns[-1].replies)
    assert "116 016" in shown and "110" in shown
