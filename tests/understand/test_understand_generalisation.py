"""General mechanisms that carry the lexicons beyond their literal entries.

Cyrillic entries also match their Latin transliteration, stems forgive one typo, Arabic verbs
lose plural and object endings, short cries for help count when they are the whole message,
laughing emoji mark figurative speech, and a tie between areas goes to the concrete question.
"""

from __future__ import annotations

import pytest

from bot.understand import Understander
from bot.understand.normalize import LAUGHTER, normalize
from bot.understand.tokens import arabic_variants, cyrillic_to_latin, tokenize


@pytest.mark.parametrize(
    ("entry", "language", "spellings"),
    [
        ("не дихає", "uk", ["ne dykhaye"]),
        ("допомога", "uk", ["dopomoha", "dopomoga"]),
        ("изнасилова*", "ru", ["iznasilova*"]),
        ("мы", "ru", []),  # too short: "my" is an English word
        ("Jobcenter", "uk", []),
    ],
)
def test_cyrillic_entries_are_spelt_in_latin(
    entry: str, language: str, spellings: list[str]
) -> None:
    assert cyrillic_to_latin(entry, language) == spellings


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("dytyna ne dyhaye", "medical"),
        ("mama vtratyla svidomist", "medical"),
        ("menya iznasilovali", "sexual_violence"),
        ("nam negde nochevat", "shelter"),
        ("pozhezha v kvartyri", "fire"),
    ],
)
def test_transliterated_ukrainian_and_russian(
    understander: Understander, text: str, kind: str
) -> None:
    assert understander.understand(text).emergency == kind


def test_transliterated_loan_word_does_not_make_the_language(
    understander: Understander,
) -> None:
    assert understander.understand("Kindergeld beantragen").language == "de"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("selbsmordgedanken", "suicide"),
        ("mein vater ist bewustlos", "medical"),
        ("حريييق", "fire"),
        ("муж бет меня", "violence"),  # soft sign left out
    ],
)
def test_typos_in_stems_and_repeated_letters(
    understander: Understander, text: str, kind: str
) -> None:
    assert understander.understand(text).emergency == kind


def test_arabic_verbs_lose_plural_and_object_endings() -> None:
    assert "يضرب" in arabic_variants("بيضربوني")
    assert "يضرب" in arabic_variants("يضربوا")
    assert "يقتل" in arabic_variants("هيقتلوني")
    assert "ما" in arabic_variants("وما")
    assert "والب" not in arabic_variants("والبيت")  # "ت" is not an object pronoun


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("أين يمكنني أن أجد سكنًا؟", "housing"),
        ("ابحث عن سكنا في دريسدن", "housing"),
        ("مشكلة في شقتي", "housing"),  # شقة + my: the ta marbuta is written ت
        ("حرارته عالية", "health"),
        ("عندي مشكلة مع مدرستي", "school"),
    ],
)
def test_arabic_word_forms_are_understood(understander: Understander, text: str, area: str) -> None:
    """Written Arabic puts the object in the indefinite accusative (tanween and alif), and a
    noun ending in ta marbuta writes it as ت before a possessive ending."""
    assert understander.understand(text).area == area


@pytest.mark.parametrize(
    "text", ["ich kann nicht mehr", "Hilfe, ich kann nicht mehr!!", "не можу більше", "i give up"]
)
def test_a_short_cry_for_help_alone_is_an_emergency(understander: Understander, text: str) -> None:
    assert understander.understand(text).emergency == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "ich kann nicht mehr arbeiten wegen meinem Rücken",
        "ich will nicht mehr im Heim wohnen",
        "дякую, більше не можу нічого сказати про документи",
    ],
)
def test_the_same_words_inside_a_sentence_are_not(understander: Understander, text: str) -> None:
    assert understander.understand(text).emergency is None


def test_laughing_emoji_become_one_word() -> None:
    assert tokenize(normalize("تقتلني😂🤣 بدي")) == ["تقتلني", LAUGHTER, LAUGHTER, "بدي"]


@pytest.mark.parametrize(
    "text",
    [
        "моя начальниця мене вбʼє якщо я знову запізнюсь 😂 як змінити час",
        "اللغة الالمانية رح تقتلني 😂 بدي سجل بكورس",
        "the jobcenter will kill me with these letters 😅",
    ],
)
def test_laughter_marks_a_figurative_threat(understander: Understander, text: str) -> None:
    assert understander.understand(text).emergency is None


def test_a_real_threat_stays_one(understander: Understander) -> None:
    assert understander.understand("he said he will kill me").emergency == "threat"


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("wie viel Geld bekomme ich als Asylbewerber", "benefits"),
        ("Мне нужна справка от врача для работы", "health"),
    ],
)
def test_a_tie_goes_to_the_concrete_question(
    understander: Understander, text: str, area: str
) -> None:
    assert understander.understand(text).area == area


@pytest.mark.parametrize(
    "text",
    [
        "my father had a heart attack two years ago and needs rehab",
        "ich bin schwanger und habe Angst vor der Geburt, welches Krankenhaus",
        "kindergeld chetori begiram",  # one letter from "bemiram" (I die)
        "how long can i stay outside germany with my permit",
        "بچم تب داره دکتر اطفال کجا برم",
    ],
)
def test_everyday_messages_near_emergency_words(understander: Understander, text: str) -> None:
    assert understander.understand(text).emergency is None


@pytest.mark.parametrize("text", ["меня убьет )))", "the jobcenter will kill me :D", "ok :)"])
def test_typed_smileys_are_laughter(text: str) -> None:
    assert LAUGHTER in tokenize(normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "there was a fire in Pirna yesterday on the news, is the office open",
        "вчера в Пирне был пожар, видели в новостях? вопрос про детский сад",
        "دیروز تو پیرنا آتیش سوزی شد، سوال درباره کیندرگلد",
        "I was beaten in a Libyan prison years ago, is there a therapist",
        "در افغانستان طالبان مرا لت و کوب کردند، حالا درخواست پناهندگی دارم",
    ],
)
def test_a_past_or_distant_event_is_no_emergency(understander: Understander, text: str) -> None:
    assert understander.understand(text).emergency is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("es riecht seit gestern nach Gas in der Wohnung", "fire"),
        ("he has been beating me since last year", "violence"),
        ("he beat me yesterday and he is coming back", "violence"),
    ],
)
def test_since_keeps_an_event_going_on(understander: Understander, text: str, kind: str) -> None:
    assert understander.understand(text).emergency == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("спим в машине с детьми", "shelter"),  # "машин*" is a not_near word of shelter
        ("я в общежитии и хочу покончить с собой", "suicide"),
        ("انا بالكامب وبدي انتحر", "suicide"),
    ],
)
def test_a_place_does_not_hide_a_listed_phrase(
    understander: Understander, text: str, kind: str
) -> None:
    assert understander.understand(text).emergency == kind


@pytest.mark.parametrize(
    "text", ["mikham khune begiram", "ich will nicht mehr in diesem Heim leben"]
)
def test_transliterated_phrase_with_a_short_typo_is_no_emergency(
    understander: Understander, text: str
) -> None:
    assert understander.understand(text).emergency is None
