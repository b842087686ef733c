"""Past, stories and mere questions: a danger at a distance asks nothing, in six languages."""

from __future__ import annotations

import pytest

from bot.understand import Understander

DISTANT = [
    ("de", "Vor drei Jahren hat mein Ex-Mann mich geschlagen, jetzt brauche ich eine Wohnung"),
    ("en", "years ago my husband beat me, now I need help with the Jobcenter"),
    ("uk", "Колись чоловік мене бив, ми розлучені, потрібна квартира"),
    ("ru", "Раньше муж меня бил, мы развелись, нужна квартира"),
    ("ar", "قبل سنتين زوجي كان يضربني، مطلقين هلق، بدي بيت"),
    ("fa", "دو سال پیش شوهرم منو کتک میزد، جدا شدیم، خونه میخوام"),
]
ASKING = [
    ("de", "nur eine Frage, ist der Krankenwagen 112? es ist nichts passiert"),
    ("en", "just asking, what number is the ambulance"),
    ("uk", "просто питаю, який номер швидкої допомоги"),
    ("ru", "просто спрашиваю, какой номер скорой"),
    ("ar", "بس بسأل شو رقم الإسعاف"),
    ("fa", "فقط میپرسم شماره آمبولانس چنده"),
]
NOW = [
    ("de", "früher war er ruhig, aber gerade schlägt er mich"),
    ("en", "years ago it was fine but right now he is beating me"),
    ("ru", "раньше всё было хорошо, но сейчас муж бьёт меня"),
    ("de", "Früher hat er mich geschlagen, und gestern hat er mich wieder geschlagen"),
]


@pytest.mark.parametrize(("language", "text"), DISTANT + ASKING)
def test_a_distant_or_asked_about_danger_is_no_alarm_and_no_check(
    understander: Understander, language: str, text: str
) -> None:
    found = understander.understand(text)
    assert found.emergency is None and found.check is None, (language, found)
    assert found.area is not None, (language, found)


@pytest.mark.parametrize(("language", "text"), NOW)
def test_a_now_word_keeps_the_danger(understander: Understander, language: str, text: str) -> None:
    assert understander.understand(text).emergency == "violence", language


def test_since_last_year_is_still_going_on(understander: Understander) -> None:
    assert understander.understand("he has been beating me since last year").emergency


BENIGN = [
    ("de", "Danke, tschüss"),
    ("de", "ich rauche nicht, aber mein Mitbewohner raucht im Zimmer"),
    ("de", "Mein Kind hat Fieber, wo finde ich einen Kinderarzt"),
    ("en", "goodbye and thank you"),
    ("en", "he pushed me to apply for the course"),
    ("en", "the heating is broken, it is cold at night in the flat"),
    ("uk", "дякую, до побачення"),
    ("ru", "Я попрощалась с работой, ищу новую"),
    ("ru", "дочь упала с велосипеда, нужна справка для школы"),
    ("ar", "مع السلامة شكرا"),
    ("fa", "خداحافظ، ممنون"),
    ("fa", "پسرم از دوچرخه افتاد، دکتر میخوام"),
]


@pytest.mark.parametrize(("language", "text"), BENIGN)
def test_everyday_messages_raise_no_check(
    understander: Understander, language: str, text: str
) -> None:
    found = understander.understand(text)
    assert found.emergency is None and found.check is None, (language, found)


def test_just_asking_about_a_described_event_still_gets_the_check(
    understander: Understander,
) -> None:
    found = understander.understand("just asking, my husband beats me every day, is that allowed")
    assert found.emergency is None and found.check == "violence"
    now = understander.understand("what number do I call, my husband is beating me right now")
    assert now.emergency == "violence"


def test_spoken_punctuation_is_ignored(understander: Understander) -> None:
    found = understander.understand("Hallo Komma ich möchte Fragezeichen wie viel Wohngeld")
    assert found.area == "benefits"
    assert understander.understand("ich will Komma mit einem Menschen reden").area == "human"
    assert understander.understand("он в коме, не дышит").emergency == "medical"
