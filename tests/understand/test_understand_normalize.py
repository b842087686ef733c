"""One test per normalisation rule (see bot/understand/normalize.py)."""

from __future__ import annotations

import importlib

import pytest

from bot.understand import normalize
from bot.understand.tokens import arabic_variants, latin_key, tokenize

# the module (the package exports its function under the same name)
normalize_module = importlib.import_module("bot.understand.normalize")


def test_nfkc_and_casefold() -> None:
    assert normalize("ＪＯＢＣＥＮＴＥＲ") == "jobcenter"
    assert normalize("Straße") == "strasse"


def test_control_characters_become_spaces() -> None:
    assert normalize("Kita\x00platz\tneu\r\n") == "kita platz neu"


@pytest.mark.parametrize("mark", ["\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u2067"])
def test_invisible_format_characters_are_removed(mark: str) -> None:
    assert normalize(f"می{mark}خوام") == normalize("میخوام")


def test_arabic_harakat_and_tatweel_are_removed() -> None:
    assert normalize("مَدْرَسَةٌ") == normalize("مدرسة")
    assert normalize("مـــدرسة") == normalize("مدرسة")


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("ی", "ي"),  # Persian yeh
        ("ى", "ي"),  # alef maksura
        ("ک", "ك"),  # keheh
        ("أ", "ا"),
        ("إ", "ا"),
        ("آ", "ا"),
        ("ٱ", "ا"),
        ("ة", "ه"),
        ("ؤ", "و"),
        ("ئ", "ي"),
    ],
)
def test_arabic_letter_variants_are_unified(variant: str, plain: str) -> None:
    assert normalize(variant) == normalize(plain)


def test_wrong_keyboard_letters_match() -> None:
    assert normalize("کار یک") == normalize("كار يك")
    assert normalize("مدرسة") == normalize("مدرسه")


def test_arabic_indic_and_persian_digits() -> None:
    assert normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalize("۰۱۲۳۴۵۶۷۸۹") == "0123456789"


def test_ukrainian_apostrophes_are_unified() -> None:
    forms = ["б'є", "б’є", "бʼє", "б`є"]
    assert {normalize(form) for form in forms} == {"б'є"}
    assert tokenize(normalize("б’є")) == ["бє"]


@pytest.mark.parametrize(
    ("spelled", "plain"),
    [
        ("Bürgergeld", "Buergergeld"),
        ("Ausländerbehörde", "Auslaenderbehoerde"),
        ("Straße", "Strasse"),
    ],
)
def test_german_umlaut_spellings_are_equal(spelled: str, plain: str) -> None:
    assert normalize(spelled) == normalize(plain)


def test_latin_accents_are_removed() -> None:
    assert normalize("café réfugié") == "cafe refugie"


def test_cyrillic_yo_and_ghe_with_upturn() -> None:
    assert normalize("всё ґанок") == "все ганок"


def test_punctuation_and_emoji_become_spaces() -> None:
    assert normalize("Hilfe!!! 🙏 (Wohnung), bitte?") == "hilfe wohnung bitte"
    assert normalize("سلام، چطوری؟") == normalize("سلام چطوری")


def test_arabizi_digits_in_latin_words() -> None:
    assert normalize("7abibi") == "habibi"
    assert normalize("5alas") == "khalas"
    assert normalize("ma3ash") == "maash"
    assert normalize("sha2a") == "shaa"
    assert normalize("9alb") == "qalb"


def test_digits_that_are_not_arabizi_stay() -> None:
    assert normalize("B1 Kurs") == "b1 kurs"
    assert normalize("116 117") == "116 117"
    assert normalize("§24") == "24"
    assert normalize("covid19") == "covid19"


def test_whitespace_is_collapsed() -> None:
    assert normalize("  viel   \n  Platz  ") == "viel platz"


def test_empty_and_symbol_only_input() -> None:
    assert normalize("") == ""
    assert normalize("🙂🙂 ...") == ""


def test_detached_persian_verb_prefix_is_joined() -> None:
    assert tokenize(normalize("می خوام")) == tokenize(normalize("میخوام"))


def test_arabic_clitics_are_stripped_for_matching() -> None:
    assert "بيت" in arabic_variants(normalize("والبيت"))
    assert "بيت" in arabic_variants(normalize("بيتنا"))
    assert "حياه" in arabic_variants(normalize("هالحياة"))


@pytest.mark.parametrize(
    ("word", "noun"), [("شقتي", "شقه"), ("حرارته", "حراره"), ("إقامتنا", "اقامه")]
)
def test_a_noun_with_an_ending_gets_its_ta_marbuta_back(word: str, noun: str) -> None:
    assert noun in arabic_variants(normalize(word))


def test_a_plural_ending_does_not_make_a_ta_marbuta() -> None:
    assert "مساعده" not in arabic_variants(normalize("مساعدتات"))


@pytest.mark.parametrize("word", ["سكنًا", "سكنا", "سكناً"])
def test_the_arabic_indefinite_accusative_loses_its_alif(word: str) -> None:
    assert "سكن" in arabic_variants(normalize(word))


@pytest.mark.parametrize(
    ("one", "other"),
    [("shukayu", "shukaju"), ("khune", "xune"), ("pomoshch", "pomosh"), ("kvartyru", "kvartiru")],
)
def test_transliteration_key_ignores_spelling(one: str, other: str) -> None:
    assert latin_key(one) == latin_key(other)


def test_a_turn_folds_each_text_once_and_forgets_it_afterwards(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folded: list[str] = []
    real = normalize_module._normalized
    monkeypatch.setattr(normalize_module, "_normalized", lambda t: folded.append(t) or real(t))
    with normalize_module.remembered():
        assert normalize("Wo finde ICH eine Wohnung?") == "wo finde ich eine wohnung"
        assert normalize("Wo finde ICH eine Wohnung?") == "wo finde ich eine wohnung"
        assert normalize("Danke") == "danke"
    assert folded == ["Wo finde ICH eine Wohnung?", "Danke"]
    assert normalize_module._MEMO.get() is None  # nothing of the message kept after the turn
    normalize("Danke")
    assert folded[-1] == "Danke" and len(folded) == 3
