"""The public interface: area, small talk, confidence, language."""

from __future__ import annotations

import pytest

from bot.understand import Understander, Understood


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("بدي بيت اكبر", "housing"),
        ("kvartyru shukayu", "housing"),
        ("پول سوسیال نیومده", "benefits"),
        ("Jobcenter hat kein geld geschickt", "benefits"),
        ("Buergergeld gekürzt", "benefits"),
        ("robotu shukayu", "work"),
        ("khune mikham", "housing"),
        ("doktor mikham baraye bacham", "health"),
        ("madrese baraye pesaram", "school"),
        ("el jobcenter ma ba3atli masari", "benefits"),
        ("ميخوام خونه بزرگتر", "housing"),
        ("Ich möchte mit einem Berater sprechen", "human"),
        ("freiwillige Rückkehr", "return"),
        ("Fiktionsbescheinigung abgelaufen", "residence"),
    ],
)
def test_area(understander: Understander, text: str, area: str) -> None:
    result = understander.understand(text)
    assert result.area == area
    assert result.candidates[0][0] == area
    assert 0.0 < result.score <= 1.0


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Привіт", "greeting"),
        ("salam", "greeting"),
        ("مرحبا", "greeting"),
        ("سلام", "greeting"),
        ("hallo", "greeting"),
        ("thanks", "thanks"),
        ("شكرا", "thanks"),
        ("merci", "thanks"),
        ("дякую", "thanks"),
        ("спасибо", "thanks"),
        ("ممنون از کمکتون", "thanks"),
    ],
)
def test_small_talk_has_no_area(understander: Understander, text: str, intent: str) -> None:
    result = understander.understand(text)
    assert (result.intent, result.area, result.emergency) == (intent, None, None)
    assert not result.unsure


def test_greeting_with_a_topic_keeps_the_topic(understander: Understander) -> None:
    result = understander.understand("Hallo, ich suche eine Wohnung")
    assert (result.intent, result.area) == ("greeting", "housing")


def test_nothing_fits(understander: Understander) -> None:
    result = understander.understand("qwertz asdf")
    assert (result.area, result.emergency, result.intent) == (None, None, None)
    assert (result.score, result.candidates) == (0.0, ())
    assert not result.unsure
    assert understander.understand("").area is None


def test_close_second_is_unsure(understander: Understander) -> None:
    result = understander.understand("Kita in der Nähe der Wohnung")
    assert result.unsure
    assert {area for area, _ in result.candidates} >= {"school", "housing"}


def test_clear_topic_is_sure(understander: Understander) -> None:
    assert not understander.understand("Mein Aufenthaltstitel läuft bald ab").unsure


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ich suche eine Wohnung", "de"),
        ("I am looking for a flat", "en"),
        ("Шукаю квартиру", "uk"),
        ("Ищу квартиру", "ru"),
        ("ابحث عن شقة", "ar"),
        ("دنبال خونه میگردم", "fa"),
        ("دنبال خونه ميگردم", "fa"),
        ("kvartyru shukayu", "uk"),
        ("kvartiru ishchu", "ru"),
        ("bdi beit", "ar"),
        ("khune mikham", "fa"),
    ],
)
def test_language(understander: Understander, text: str, language: str) -> None:
    assert understander.understand(text).language == language


def test_language_hint_breaks_ties(understander: Understander) -> None:
    assert understander.understand("Jobcenter", language="ru").language == "ru"
    assert understander.understand("🙂", language="fa").language == "fa"


def test_unsure_follows_the_scores() -> None:
    assert Understood("housing", None, None, "de", 0.4, (("housing", 0.4),)).unsure
    close = (("housing", 0.4), ("school", 0.35))
    assert Understood("housing", None, None, "de", 0.6, close).unsure
    assert not Understood("housing", None, None, "de", 0.8, (("housing", 0.8),)).unsure
    assert not Understood(None, None, "greeting", "de", 0.0, ()).unsure


def test_understood_is_frozen(understander: Understander) -> None:
    result = understander.understand("Kita")
    with pytest.raises(AttributeError):
        result.area = "work"  # type: ignore[misc]
