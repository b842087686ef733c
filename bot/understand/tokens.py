"""Splitting normalised text into words, and the word forms that matching looks up.

Three helpers beyond splitting:
- `script_of` tells which alphabet a word is written in;
- `arabic_variants` strips the clitics that Arabic and Persian glue onto words
  ("والبيت" -> "بيت", "بيتنا" -> "بيت", "ميخوام" -> "خوام");
- `latin_key` folds the many Latin spellings of Ukrainian, Russian, Arabic and Persian words
  onto one key ("shukayu"/"shukaju" -> "sukaiu", "khune"/"xoone" -> "hune").
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
)
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
)
_MIN_STEM = 3

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
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            stems.append(word[len(prefix) :])
    out: list[str] = []
    for stem in stems:
        if stem is not word:
            out.append(stem)
        for suffix in _ARABIC_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM:
                out.append(stem[: -len(suffix)])
    return out


def squeeze(word: str) -> str:
    """The word with runs of a repeated letter reduced to one ("hitts" -> "hits")."""
    return _REPEATS.sub(r"\1", word)


def latin_key(word: str) -> str:
    """A spelling-insensitive key for a Latin-script transliteration."""
    key = word
    for old, new in _LATIN_FOLDS:
        key = key.replace(old, new)
    key = key.translate(_LATIN_LETTERS)
    key = _REPEATS.sub(r"\1", key)
    if len(key) > 3 and key.endswith("h") and key[-2] in "aeiou":
        key = key[:-1]
    return key
