"""Which language a person means when they type its name ("اردو", "урду", "Somali").

For the counsellor: an interpreter language written in the person's own words and script is
shown with its German name, so that an office in Saxony can book the interpreter. Names come
from Babel's CLDR data (the language names of the person's chat language, German and
English); nothing is guessed: a text that is no language name gives None.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

from bot.understand.normalize import normalize

# Words around a language name that do not change it ("زبان اردو", "язык урду", "Sprache").
_FILLER = frozenset(
    normalize(word)
    for word in [
        "sprache",
        "language",
        "langue",
        "zeban",
        "zaban",
        "zabane",
        "زبان",
        "زبانِ",
        "لغه",
        "لغة",
        "اللغه",
        "اللغة",
        "язык",
        "языке",
        "мова",
        "мовою",
    ]
)
_ARABIC_ARTICLE = "ال"
_MIN_NAME = 3  # shorter texts ("ar", "en") are codes or typos, not names
_GERMAN_ADJECTIVE = "isch"  # "somalisch" for the name "Somali"
_ARABIC_FEMININE = "يه"  # "الصومالية" is also typed "صومالي" (after normalising ة to ه)


def recognised_language(text: str, chat_language: str) -> str | None:
    """The German name of the language `text` names, read in `chat_language`, German or
    English ("اردو", "fa" -> "Urdu"); None when `text` is no language name.

    Shapes: `text` is what the person typed (any script, case, with "language"/"زبان" words
    around it); `chat_language` a code such as "fa". Source: CLDR via Babel.
    """
    words = [w for w in normalize(text).split() if w not in _FILLER]
    if not words:
        return None
    key = _key(" ".join(words))
    names = _names(chat_language)
    code = names.get(key) or _by_german_adjective(key, names)
    return Locale("de").languages.get(code) if code else None


def _by_german_adjective(key: str, names: dict[str, str]) -> str | None:
    """ "somalisch" -> the one name that starts with "somal" ("somali"), else None."""
    stem = key.removesuffix(_GERMAN_ADJECTIVE)
    if stem == key or len(stem) < _MIN_NAME + 1:
        return None
    codes = {code for name, code in names.items() if name.startswith(stem)}
    return codes.pop() if len(codes) == 1 else None


def _key(folded: str) -> str:
    """A normalised name without a leading Arabic article ("الصومالية" -> "صومالية")."""
    if folded.startswith(_ARABIC_ARTICLE) and len(folded) > len(_ARABIC_ARTICLE) + _MIN_NAME:
        folded = folded.removeprefix(_ARABIC_ARTICLE)
    return folded


@cache
def _names(chat_language: str) -> dict[str, str]:
    """Normalised language name -> language code, in the chat language, German and English."""
    names: dict[str, str] = {}
    for locale in (chat_language, "de", "en"):
        try:
            languages = Locale.parse(locale).languages
        except (UnknownLocaleError, ValueError):
            continue
        for code, name in languages.items():
            key = _key(normalize(name))
            if len(key) >= _MIN_NAME:
                names.setdefault(key, code)
            if key.endswith(_ARABIC_FEMININE):
                names.setdefault(key.removesuffix("ه"), code)
    return names
