"""What a second tester found on 2 Dec 2026: a German danger sentence missed, false suicide
alerts that reached the counsellor as "urgent", and a short call for the police unanswered."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.understand import Understander

# (language, text, the emergency kind it must get)
CAUGHT = [
    ("de", "Mein Leben ist in Gefahr", "threat"),
    ("de", "mein leben in gefahr", "threat"),
    ("de", "Leben in Gefahr", "threat"),
    ("de", "ich will nicht leben", "suicide"),
    ("de", "Hilfe Polizei", "threat"),
    ("en", "police", "threat"),
    ("uk", "викличте поліцію", "threat"),
    ("ru", "полиция", "threat"),
    ("ar", "الشرطة", "threat"),
    ("fa", "پلیس", "threat"),
    # still caught with the new exceptions
    ("en", "I don't want to live anymore", "suicide"),
    ("en", "I don't want to live with this pain anymore", "suicide"),
    ("de", "ich will nicht mehr mit diesen Schmerzen leben", "suicide"),
    ("uk", "не хочу жити", "suicide"),
    ("ru", "не хочу жить с этой болью", "suicide"),
    ("ar", "ما بدي عيش", "suicide"),
    ("fa", "نمیخوام زندگی کنم", "suicide"),
]

# Living with someone or somewhere is no wish to die; "sakin" is "I live" in Arabizi.
QUIET = [
    ("en", "I live in Pirna and I don't want to go back"),
    ("en", "I do not want to live with my parents"),
    ("en", "We don't want to live in Pirna"),
    ("de", "Ich will nicht mehr mit meinem Mann leben"),
    ("de", "ich will nicht mehr in Pirna leben"),
    ("uk", "не хочу жити з чоловіком"),
    ("ru", "я не хочу жить с мужем"),
    ("ar", "ما بدي عيش مع جوزي"),
    ("ar", "sakin b pirna"),
    ("fa", "نمیخوام با شوهرم زندگی کنم"),
]


@pytest.fixture(scope="module")
def understander() -> Understander:
    from bot.settings import BUNDLED_CONTENT

    content: Content = load_content_or_raise(BUNDLED_CONTENT)
    assert isinstance(content.understanding, Understander)
    return content.understanding


@pytest.mark.parametrize(("language", "text", "kind"), CAUGHT)
def test_caught(understander: Understander, language: str, text: str, kind: str) -> None:
    assert understander.understand(text, language).emergency == kind


@pytest.mark.parametrize(("language", "text"), QUIET)
def test_quiet(understander: Understander, language: str, text: str) -> None:
    found = understander.understand(text, language)
    assert (found.emergency, found.check) == (None, None)
