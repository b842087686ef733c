"""Text normalisation shared by messages and lexicon entries.

Everything that is compared goes through `normalize` first, so a rule added here applies to
both sides at once. The rules are listed in order in `normalize`'s docstring.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_MEMO: ContextVar[dict[str, str] | None] = ContextVar("normalized_this_turn", default=None)

# Arabic harakat, Quranic annotation marks, superscript alef, tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

# Letter variants of the Arabic script folded to one form (Arabic and Persian keyboards differ).
_ARABIC_LETTERS = str.maketrans(
    {
        "ی": "ي",  # Persian yeh
        "ى": "ي",  # alef maksura
        "ې": "ي",
        "ۍ": "ي",
        "ئ": "ي",
        "ک": "ك",  # keheh
        "ڪ": "ك",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ۃ": "ه",
        "ؤ": "و",
        "ء": "",  # a lone hamza carries no meaning for matching
    }
)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

# Cyrillic letters people often replace on a keyboard without them, and the soft and hard
# signs, which are often left out ("бет" for "бьет").
_CYRILLIC = str.maketrans({"ё": "е", "ґ": "г", "ь": "", "ъ": ""})

# Apostrophe look-alikes (Ukrainian uses one inside words: б'є, п'ять, м'ясо).
_APOSTROPHES = "'’ʼ‘`´′ʹ"
_APOSTROPHE = "'"

# Arabizi: digits standing for Arabic letters inside Latin words.
# 2 (hamza) and 3 (ain) are dropped, as people who write without digits usually do.
_ARABIZI = str.maketrans({"2": "", "3": "", "5": "kh", "6": "t", "7": "h", "8": "gh", "9": "q"})
_ARABIZI_DIGITS = frozenset("2356789")

# Laughing and joking emoji stay as one word, "😂": they mark figurative speech
# ("das Amt bringt mich um 😂"), which lexicons may list under `not_near`.
LAUGHTER = "😂"
_LAUGHING = frozenset("😂🤣😅😆😁😄😹🙃😜😝🤪")
# Typed smileys that mean the same: ")))" (Russian and Ukrainian chat), ":)", ":D", ";-)".
_TYPED_LAUGHTER = re.compile(r"\){2,}|[:;]-?[)d](?![a-z])")
_LATIN_WORD_WITH_DIGITS = re.compile(r"[a-z0-9]*[0-9][a-z0-9]*")


def normalize(text: str) -> str:
    """Fold text to the form that matching compares (inside `remembered()`, each text once).

    1. Unicode NFKC (ligatures, full-width and presentation forms).
    2. Case folding.
    3. Control characters become spaces; invisible format characters (ZWNJ, ZWJ, direction
       marks and embeddings, soft hyphen, BOM) are removed, so Persian words written with a
       zero-width non-joiner are joined: "می‌خوام" -> "ميخوام".
    4. Arabic diacritics (harakat) and tatweel are removed.
    5. Arabic/Persian letter variants are unified: ی ى ئ -> ي, ک -> ك, أ إ آ ٱ -> ا,
       ة ۀ -> ه, ؤ -> و; a lone hamza is dropped.
    6. Arabic-Indic and Persian digits become 0-9.
    7. German umlauts and ß are spelled out (ä -> ae, ö -> oe, ü -> ue, ß -> ss), other accents
       on Latin letters are removed; Cyrillic ё -> е and ґ -> г; ь and ъ are dropped.
    8. Apostrophe variants (’ ʼ ` ´) become ' when they stand between two letters.
    9. Laughing emoji (😂 🤣 😅 😆 …) and typed smileys (")))", ":)", ":D") become the word
       "😂"; other punctuation and symbols (including other emoji) become spaces.
    10. Arabizi digits inside Latin words become letters: 7 -> h, 5 -> kh, 9 -> q, 6 -> t,
        8 -> gh; 2 (hamza) and 3 (ain) are dropped ("ma3ash" -> "maash").
    11. Whitespace is collapsed.
    """
    memo = _MEMO.get()
    if memo is None:
        return _normalized(text)
    folded = memo.get(text)
    if folded is None:
        folded = memo[text] = _normalized(text)
    return folded


@contextmanager
def remembered() -> Iterator[None]:
    """Within the block (one turn of the engine), `normalize` folds each text once and then
    answers from memory: a typed message is read about seven times a turn (commands, emergency,
    the question's choices, topics). What was remembered is forgotten when the block ends, so
    no message stays in memory after its turn."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _normalized(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _TYPED_LAUGHTER.sub(f" {LAUGHTER} ", text)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_ARABIC_LETTERS).translate(_DIGITS)
    text = text.translate(_GERMAN).translate(_CYRILLIC)
    text = _fold_characters(text)
    text = " ".join(_arabizi(word) for word in text.split())
    return text


def _fold_characters(text: str) -> str:
    """Apply the per-character rules 3, 7 (accents), 8 and 9 in one pass."""
    out: list[str] = []
    length = len(text)
    for index, char in enumerate(text):
        if char in _APOSTROPHES:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < length else ""
            out.append(_APOSTROPHE if before.isalpha() and after.isalpha() else " ")
            continue
        if char.isalnum():
            out.append(_strip_latin_accent(char))
            continue
        if char in _LAUGHING:
            out.append(f" {LAUGHTER} ")
            continue
        category = unicodedata.category(char)
        if category in ("Mn", "Mc"):
            out.append(char)  # combining marks of Indic/other scripts stay with their letter
        elif category == "Cf":
            continue  # ZWNJ, ZWJ, LRM/RLM, embeddings, isolates, soft hyphen, BOM
        else:
            out.append(" ")  # spaces, control characters, punctuation, symbols, emoji
    return "".join(out)


def _strip_latin_accent(char: str) -> str:
    if char.isascii() or not ("\u00c0" <= char <= "\u024f"):
        return char
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() else char


def _arabizi(word: str) -> str:
    """Replace Arabizi digits in a Latin word such as "ba3atli"; leave "b2", "116117" alone."""
    if not _LATIN_WORD_WITH_DIGITS.fullmatch(word):
        return word
    letters = sum(char.isalpha() for char in word)
    digits = {char for char in word if char.isdigit()}
    if letters < 2 or not digits <= _ARABIZI_DIGITS:
        return word
    return word.translate(_ARABIZI)
