"""Splitting normalised text into words, and the word forms that matching looks up.

Four helpers beyond splitting:
- `script_of` tells which alphabet a word is written in;
- `arabic_variants` strips the clitics that Arabic and Persian glue onto words
  ("والبيت" -> "بيت", "بيتنا" -> "بيت", "ميخوام" -> "خوام");
- `latin_key` folds the many Latin spellings of Ukrainian, Russian, Arabic and Persian words
  onto one key ("shukayu"/"shukaju" -> "sukaiu", "khune"/"xoone" -> "hune");
- `cyrillic_to_latin` spells a Ukrainian or Russian entry in Latin letters, so that every
  Cyrillic entry also finds its transliteration ("не дихає" ~ "ne dykhaye").
"""

from __future__ import annotations

import re
from typing import Literal

Script = Literal["latin", "cyrillic", "arabic", "other"]

# Persian verb prefixes written as a separate word ("مي خوام" for "میخوام").
_DETACHED_PREFIXES = frozenset({"مي", "نمي"})

_ARABIC_PREFIXES = (
    "وبال",
    "هال",
    "وال",
    "بال",
    "فال",
    "كال",
    "عال",
    "ولل",
    "لل",
    "ال",
    "نمي",
    "مي",
    "وب",
    "ول",
    "و",
    "ف",
    "ب",
    "ل",
    "ع",
    "ن",
    "ح",  # future: حيقتلني (Levantine), هيقتلني (Egyptian)
    "ه",
)
# After "و" (and) a short word is still a word: ومش, وما, ولا.
_CONJUNCTION = "و"
_MIN_CONJUNCTION_STEM = 2
_ARABIC_SUFFIXES = (
    "هايمان",
    "هامون",
    "هاشون",
    "هاي",
    "هام",
    "ها",
    "مان",
    "مون",
    "تان",
    "تون",
    "شان",
    "شون",
    "كم",
    "كن",
    "هم",
    "هن",
    "نا",
    "ني",
    "لي",  # Levantine dative: كسرلي, بعتلي
    "لو",
    "لها",
    "وا",  # plural verbs: يضربوا, ضربوا
    "ات",
    "ين",
    "ون",
    "ان",
    "اش",
    "ام",
    "مو",
    "تو",
    "شو",
    "يم",
    "يد",
    "ند",
    "ي",
    "ك",
    "ه",
    "و",
    "م",
    "ت",
    "ش",
    "ا",  # the indefinite accusative, tanween or not: سكنًا, عملا, محاميا (~ سكن, عمل, محامي)
)
_MIN_STEM = 3
# A noun ending in ta marbuta (ة, folded to ه) writes it as ت before an ending: شقة -> شقتي.
_OPEN_TA = "ت"
_TA_MARBUTA = "ه"
_FEMININE_PLURAL = "ات"  # its singular ends in ta marbuta: دورات -> دورة
_PLURAL_ENDINGS = frozenset({"ات", "ين", "ون", "ان", "وا"})
# A verb can carry a plural or person ending under the object pronoun: يضربوها, ضربوني.
_INNER_SUFFIXES = ("و", "وا", "ت", "ي", "ن")
_OBJECT_SUFFIXES = frozenset({"ني", "نا", "ها", "ه", "هم", "هن", "كم", "ك", "لي", "لو", "لها"})

_LATIN_FOLDS = (
    ("shch", "s"),
    ("tsch", "č"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "č"),
    ("zh", "z"),
    ("kh", "h"),
    ("gh", "g"),
    ("ts", "ç"),
    ("ck", "k"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
)
_LATIN_LETTERS = str.maketrans({"x": "h", "w": "v", "q": "k", "y": "i", "j": "i", "c": "k"})
_REPEATS = re.compile(r"(.)\1+")


def tokenize(normalized: str) -> list[str]:
    """Split normalised text into words; apostrophes inside words are dropped (б'є -> бє)."""
    words = normalized.replace("'", "").split()
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _DETACHED_PREFIXES and index + 1 < len(words):
            word += words[index + 1]
            index += 1
        out.append(word)
        index += 1
    return out


def script_of(word: str) -> Script:
    """The alphabet of the first letter of `word`."""
    for char in word:
        if "a" <= char <= "z":
            return "latin"
        if "\u0400" <= char <= "\u04ff":
            return "cyrillic"
        if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f":
            return "arabic"
    return "other"


def arabic_variants(word: str) -> list[str]:
    """Forms of an Arabic-script word with one clitic prefix and/or suffix removed."""
    stems = [word]
    for prefix in _ARABIC_PREFIXES:
        least = _MIN_CONJUNCTION_STEM if prefix == _CONJUNCTION else _MIN_STEM
        if word.startswith(prefix) and len(word) - len(prefix) >= least:
            stems.append(word[len(prefix) :])
    out: list[str] = []
    for stem in stems:
        if stem is not word:
            out.append(stem)
        for suffix in _ARABIC_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM:
                inner = stem[: -len(suffix)]
                out.append(inner)
                if inner.endswith(_OPEN_TA) and suffix not in _PLURAL_ENDINGS:
                    out.append(inner[:-1] + _TA_MARBUTA)  # شقتي, حرارته ~ شقة, حرارة
                if suffix == _FEMININE_PLURAL:
                    out.append(inner + _TA_MARBUTA)  # دورات, شهادات ~ دورة, شهادة
                if suffix not in _OBJECT_SUFFIXES:
                    continue
                for second in _INNER_SUFFIXES:
                    if inner.endswith(second) and len(inner) - len(second) >= _MIN_STEM:
                        out.append(inner[: -len(second)])
    return out


def squeeze(word: str) -> str:
    """The word with runs of a repeated letter reduced to one ("hitts" -> "hits")."""
    return _REPEATS.sub(r"\1", word)


def latin_key(word: str, stem: bool = False) -> str:
    """A spelling-insensitive key for a Latin-script transliteration (or the start of one)."""
    key = word
    for old, new in _LATIN_FOLDS:
        key = key.replace(old, new)
    key = key.translate(_LATIN_LETTERS)
    key = _REPEATS.sub(r"\1", key)
    if not stem and len(key) > 3 and key.endswith("h") and key[-2] in "aeiou":
        key = key[:-1]
    return key


# One common Latin spelling per Cyrillic letter; `latin_key` folds the other spellings onto it.
_CYRILLIC_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ё": "yo",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e",
    "ю": "yu", "я": "ya", "'": "",
}  # fmt: skip
# Russian и and г are written i and g; Ukrainian г is written h or g.
_RUSSIAN_LATIN = {**_CYRILLIC_LATIN, "и": "i", "г": "g"}
_UKRAINIAN_G = {**_CYRILLIC_LATIN, "г": "g"}
# Shorter transliterated words are too often words of other languages ("мы" ~ "my").
_MIN_TRANSLIT_WORD = 4


def cyrillic_to_latin(entry: str, language: str) -> list[str]:
    """Latin spellings of a Cyrillic uk/ru entry, keeping its `*` and `=` marks; [] if none."""
    if not any("\u0400" <= char <= "\u04ff" for char in entry):
        return []
    tables = (_RUSSIAN_LATIN,) if language == "ru" else (_CYRILLIC_LATIN, _UKRAINIAN_G)
    out: list[str] = []
    for table in tables:
        latin = "".join(table.get(char, char) for char in entry.lower())
        letters = [sum(c.isalpha() for c in word) for word in latin.split()]
        if not letters or (len(letters) == 1 and letters[0] < _MIN_TRANSLIT_WORD):
            continue
        if sum(letters) < _MIN_TRANSLIT_WORD + 1 and len(letters) > 1:
            continue
        if any(c.isalpha() and not c.isascii() for c in latin) or latin in out:
            continue
        out.append(latin)
    return out
