"""Free text from a person made inert for counsellor messages: it cannot forge their layout.

Bidi embeddings, overrides and isolates, zero-width and other format or control characters are
removed; line breaks become ' / ' so a value stays on its line; each value is wrapped in a
first-strong isolate (U+2068 … U+2069) so right-to-left text cannot reorder what follows it.
Persian's zero-width non-joiner (U+200C) is kept: it is part of how words are spelled.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

FSI, PDI = "\u2068", "\u2069"
KEEP_FORMAT = frozenset({"\u200c"})  # ZWNJ, part of Persian spelling
# anyascii drops the long vowel alef (فاطمة -> "ftmh"); names read better with it as "a".
ALEF_AS_A = str.maketrans({"\u0627": "a", "\u0622": "a", "\u0623": "a", "\u0625": "i"})
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_AIN_FIRST = re.compile(r"^\u0639")  # ع
_YEH_LAST = re.compile(r"[\u06cc\u064a]$")  # ی ي
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_SPACES = re.compile(r"[ \t]+")


def clean(text: str) -> str:
    """The text without control and format characters, on one line."""
    one_line = _LINE_BREAKS.sub(" / ", text)
    kept = "".join(
        ch
        for ch in one_line
        if ch in KEEP_FORMAT or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp")
    )
    return _SPACES.sub(" ", kept).strip()


def isolated(text: str) -> str:
    """A cleaned value wrapped in a direction isolate, safe to put beside German labels."""
    return f"{FSI}{clean(text)}{PDI}"


def latin(text: str) -> str | None:
    """A Latin transliteration of a text in another script (anyascii), or None when not needed.
    Arabic-script names read as names: "علی" -> "Ali", "فاطمة" -> "Fatma" (see `_arabic_name`)."""
    cleaned = clean(text)
    if not any(ch.isalpha() and not _is_latin(ch) for ch in cleaned):
        return None
    words = (_arabic_name(w) if _ARABIC_LETTER.search(w) else w for w in cleaned.split(" "))
    return clean(anyascii(" ".join(words).translate(ALEF_AS_A))) or None


def _arabic_name(word: str) -> str:
    """One Arabic-script word spelt for anyascii the way such names are usually written in
    Latin letters: ع first is "A" (anyascii writes a backtick, "`ly"), elsewhere an
    apostrophe; ی/ي last is "i"; ة is "a"; the first letter capitalised."""
    word = _AIN_FIRST.sub("A", word)
    word = word.replace("\u0639", "'").replace("\u0629", "a")
    word = _YEH_LAST.sub("i", word)
    spelt = anyascii(word.translate(ALEF_AS_A))
    return spelt[:1].upper() + spelt[1:]


def _is_latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")
