"""German office words as people write them in Cyrillic or Arabic script.

"Kündigung" is typed "кюндигунг" by a Russian speaker and "كوندیغونغ" by an Arabic speaker.
Instead of listing such spellings by hand, each German topic word is spelt by sound with a few
rules per script; the matcher's typo tolerance covers the rest ("хаусарцт" ~ "хаусарст").
Only words of at least `MIN_LETTERS` letters are spelt: short ones collide with real words.
"""

from __future__ import annotations

import re

MIN_LETTERS = 6

# German letter groups by sound, longest first; umlauts and ß are spelt out by `normalize`
# (ae oe ue ss), so both forms are listed.
_CYRILLIC = (
    ("tsch", "ч"), ("ssch", "сш"), ("sch", "ш"), ("chs", "кс"), ("ch", "х"), ("ck", "к"), ("tz", "ц"),
    ("ei", "ай"), ("ai", "ай"), ("eu", "ой"), ("aeu", "ой"), ("äu", "ой"), ("ie", "и"),
    ("ph", "ф"), ("qu", "кв"), ("ae", "е"), ("ä", "е"), ("oe", "ё"), ("ö", "ё"), ("ue", "ю"),
    ("ü", "ю"), ("ss", "с"), ("ß", "с"), ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"),
    ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"), ("j", "й"), ("k", "к"),
    ("l", "ль"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
    ("t", "т"), ("u", "у"), ("v", "ф"), ("w", "в"), ("x", "кс"), ("y", "и"), ("z", "ц"),
)  # fmt: skip
# Arabic script: long and stressed vowels are written, short "e" in endings is often left out.
_ARABIC = (
    ("tsch", "تش"), ("ssch", "سش"), ("sch", "ش"), ("chs", "كس"), ("ch", "خ"), ("ck", "ك"), ("tz", "تس"),
    ("ei", "اي"), ("ai", "اي"), ("eu", "وي"), ("aeu", "وي"), ("äu", "وي"), ("ie", "ي"),
    ("au", "او"), ("ph", "ف"), ("qu", "كف"), ("ae", "ي"), ("ä", "ي"), ("oe", "و"), ("ö", "و"),
    ("ue", "و"), ("ü", "و"), ("ss", "س"), ("ß", "س"), ("ng", "نغ"), ("a", "ا"), ("b", "ب"),
    ("c", "ك"), ("d", "د"), ("e", "ي"), ("f", "ف"), ("g", "غ"), ("h", "ه"), ("i", "ي"),
    ("j", "ي"), ("k", "ك"), ("l", "ل"), ("m", "م"), ("n", "ن"), ("o", "و"), ("p", "ب"),
    ("r", "ر"), ("s", "س"), ("t", "ت"), ("u", "و"), ("v", "ف"), ("w", "و"), ("x", "كس"),
    ("y", "ي"), ("z", "تس"),
)  # fmt: skip
_PERSIAN = {"غ": "گ", "ب": "پ"}  # Persian writers use گ for g and پ for p
_VOWELS = "aeiouäöü"
_GERMAN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzäöüß")
_MARKS = re.compile(r"^([=*]?)(.*?)(\*?)$")


def german_spellings(entry: str, language: str) -> list[str]:
    """Spellings of a German entry in the script of `language` (uk ru ar fa); [] if none."""
    spelt = [_word(word, language) for word in entry.split()]
    if any(word is None for word in spelt):
        return []
    words = [word for word in spelt if word]
    variants = {" ".join(words)}
    if language in ("ar", "fa"):
        # short "e" before r, l, n at the end of a syllable is often not written
        variants.add(" ".join(re.sub("ي(?=[رلن])", "", w) for w in words))
    return sorted(variants)


def _word(word: str, language: str) -> str | None:
    marks = _MARKS.match(word)
    assert marks is not None
    before, core, after = marks.groups()
    letters = core.casefold()
    if not letters or not set(letters) <= _GERMAN_LETTERS or len(letters) < MIN_LETTERS:
        return None
    if language in ("uk", "ru"):
        spelt = _spell(_silent_h(letters), _CYRILLIC)
        if language == "uk":
            spelt = spelt.replace("и", "і")
    else:
        spelt = _spell(_silent_h(letters), _ARABIC)
        if language == "fa":
            spelt = "".join(_PERSIAN.get(char, char) for char in spelt)
    return f"{before}{spelt}{after}"


def _silent_h(letters: str) -> str:
    """A German "h" after a vowel only lengthens it: "Wohngeld" sounds "Wongeld"."""
    return re.sub(f"(?<=[{_VOWELS}])h(?![{_VOWELS}])", "", letters)


def _spell(letters: str, table: tuple[tuple[str, str], ...]) -> str:
    out, index = [], 0
    while index < len(letters):
        for source, target in table:
            if letters.startswith(source, index):
                out.append(target)
                index += len(source)
                break
        else:
            index += 1
    return "".join(out)
