"""Recognising a typed place ("Prohlis", "Пірна", «بيرنا», "I live in Heidenau") in any script.

Each place of `knowledge/typed/places.yaml` names the answer (choice id) of the place question
it means. A typed word or phrase is compared three ways, all prepared once at load time:
1. its normalised form against every listed name ("Dresden-Leuben" -> "dresden leuben");
2. a Latin typo of a longer name ("Heidenua"), same first letter;
3. its consonant skeleton: Latin, Cyrillic (after transliteration) and Arabic-script words are
   reduced to the consonants a speaker writes in every script ("Pirna", "Пірні", «پیرنا» ->
   "brn"), so towns without listed spellings are found too.
A word found by its consonants alone must also look like a name with those consonants (same
script, or Cyrillic read in Latin letters): "Пірні" is Pirna, "можна" (may) is not München.
Arabic script has no vowels to compare: a word there whose consonants only a Latin name has
counts typed alone or after a word that leads to a place (`before_places`: «در», "near").
All places found are intersected ("Dresden" + "Neustadt" -> the Dresden district); nothing in
common keeps them all, and the caller asks which one is meant. Common words listed as
`not_places` are never a place by their consonants alone (Persian «نیست», "is not", and
Neustadt are both "nst").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.process import extractOne

from bot.understand.normalize import normalize
from bot.understand.tokens import arabic_variants, script_of, tokenize

_MIN_SKELETON = 3
_MIN_SKELETON_WORD = 4  # letters a word needs before its skeleton counts
_TYPO_SCORE = 86.0
_MIN_TYPO_LENGTH = 6
_MAX_WORDS_IN_TEXT = 60
# A word found only by its consonants must also look like a name with those consonants
# (rapidfuzz ratio, same script or Cyrillic read in Latin letters): "Пірні" is Pirna, but
# "можна" (may), "البيت" (the house) and "sind" only share consonants with a town.
_LOOKS_LIKE = 75.0
# An Arabic-script word whose consonants match a town with no Arabic-script name listed
# counts typed alone (a message of this many words), or after a word of `before_places`.
_SHORT_MESSAGE = 1

_LATIN_FOLDS = (
    ("tsch", "c"),
    ("sch", "s"),
    ("sh", "s"),
    ("zh", "s"),
    ("kh", "h"),
    ("ch", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("x", "ks"),
)
_LATIN_LETTERS = str.maketrans(
    {"c": "k", "q": "k", "g": "k", "p": "b", "z": "s", "j": "", "v": "", "w": "", "y": ""}
)
_VOWELS = re.compile("[aeiou]")
_REPEATS = re.compile(r"(.)\1+")

_ARABIC_SKELETON = str.maketrans(
    {
        "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ز": "s",
        "ذ": "s", "ظ": "s", "ژ": "s", "ش": "s", "ض": "d", "د": "d", "ج": "k", "ك": "k",
        "گ": "k", "ق": "k", "غ": "k", "چ": "c", "ح": "h", "خ": "h", "ه": "h", "ر": "r",
        "ل": "l", "م": "m", "ن": "n", "ف": "f", "ا": "", "و": "", "ي": "", "ع": "",
    }
)  # fmt: skip

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    """A place id and the answers (choice ids of the place question) it may mean."""

    id: str
    choices: tuple[str, ...]
    names: tuple[str, ...]


class PlaceIndex:
    """Every place name prepared for lookup; `find` is pure and fast."""

    def __init__(
        self,
        places: Sequence[Place],
        not_places: Iterable[str] = (),
        before_places: Iterable[str] = (),
    ) -> None:
        self.places = {place.id: place for place in places}
        self._not_places = _word_set(not_places)
        self._before_places = _word_set(before_places)
        self._exact: dict[str, set[str]] = {}
        self._skeletons: dict[str, set[str]] = {}
        # skeleton -> (normalised name, place id) of every name with those consonants
        self._skeleton_names: dict[str, list[tuple[str, str]]] = {}
        self._typo: dict[str, set[str]] = {}
        self._max_words = 1
        for place in places:
            for name in place.names:
                words = tokenize(normalize(name))
                if not words:
                    continue
                self._max_words = max(self._max_words, len(words))
                self._exact.setdefault(" ".join(words), set()).add(place.id)
                if script_of(words[0]) == "latin" and len("".join(words)) >= _MIN_TYPO_LENGTH:
                    self._typo.setdefault(" ".join(words), set()).add(place.id)
                for skeleton in _skeletons(words):
                    self._skeletons.setdefault(skeleton, set()).add(place.id)
                    self._skeleton_names.setdefault(skeleton, []).append(
                        (" ".join(words), place.id)
                    )
        self._typo_keys = tuple(self._typo)

    def find(self, text: str) -> tuple[str, ...]:
        """The choice ids the places named in `text` mean, in data order; () for none."""
        words = tokenize(normalize(text))[:_MAX_WORDS_IN_TEXT]
        found: list[set[str]] = []
        for size in range(min(self._max_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                ids = self._lookup(words[start : start + size], self._led(words, start))
                if ids:
                    found.append(ids)
        if not found:
            return ()
        choices = [set(self._choices(ids)) for ids in found]
        common = set.intersection(*choices)
        chosen = common or set.union(*choices)
        order = [c for place in self.places.values() for c in place.choices]
        return tuple(dict.fromkeys(c for c in order if c in chosen))

    def says_no_place(self, text: str) -> bool:
        """A word of `text` is listed under `not_places` ("Mein Leben"): then no answer of
        the place question is read from it, not even by a button's label ("Leuben")."""
        return any(word in self._not_places for word in tokenize(normalize(text)))

    def loose_words(self, text: str) -> list[tuple[str, set[str]]]:
        """Each single word of `text` taken for a place although it is no listed name (found
        by its consonants or as a typo), with the place ids: for `python -m bot.bench.places`."""
        words = tokenize(normalize(text))[:_MAX_WORDS_IN_TEXT]
        found = []
        for position, word in enumerate(words):
            if any(" ".join(form) in self._exact for form in _forms([word])):
                continue
            ids = self._lookup([word], self._led(words, position))
            if ids:
                found.append((word, ids))
        return found

    def _led(self, words: Sequence[str], start: int) -> bool:
        """The words from `start` are typed alone or follow a word that leads to a place."""
        return len(words) <= _SHORT_MESSAGE or (
            start > 0 and words[start - 1] in self._before_places
        )

    def _choices(self, place_ids: Iterable[str]) -> Iterable[str]:
        for place_id in place_ids:
            yield from self.places[place_id].choices

    def _lookup(self, words: Sequence[str], led: bool) -> set[str]:
        """Place ids `words` name; `led`: typed alone or after a word that leads to a place."""
        for form in _forms(words):
            hit = self._exact.get(" ".join(form))
            if hit:
                return hit
        joined = " ".join(words)
        if joined in self._not_places:
            return set()  # "Menschen" is no typo of München
        if script_of(joined) == "latin" and len(joined.replace(" ", "")) >= _MIN_TYPO_LENGTH:
            best = extractOne(joined, self._typo_keys, scorer=fuzz.ratio, score_cutoff=_TYPO_SCORE)
            if best and best[0][0] == joined[0]:
                return self._typo[best[0]]
        if sum(len(word) for word in words) < _MIN_SKELETON_WORD:
            return set()
        for form in _forms(words):
            if " ".join(form) in self._not_places:
                return set()  # «بيرونمون» is «بيرون» (outside) with an ending, not Pirna
            for skeleton in _skeletons(form):
                hit = self._looking_alike(" ".join(form), skeleton, led)
                if hit:
                    return hit
        return set()

    def _looking_alike(self, typed: str, skeleton: str, led: bool) -> set[str]:
        """The places with `skeleton` that have a name `typed` looks like, in its own script
        or, for Cyrillic, read in Latin letters ("Штольпені" / "Stolpen"). An Arabic-script
        word with no Arabic-script name of these consonants listed («راتن», Rathen) counts
        when `led`: typed alone or after a word like «در»."""
        script = script_of(typed)
        latin = "".join(_CYRILLIC.get(ch, ch) for ch in typed) if script == "cyrillic" else ""
        words = typed.count(" ")  # a name of as many words: "lebe in" is not Leuben
        names = [(n, i) for n, i in self._skeleton_names.get(skeleton, ()) if n.count(" ") == words]
        ids: set[str] = set()
        for name, place_id in names:
            spelled = script_of(name)
            if spelled == script:
                compared = typed
            elif latin and spelled == "latin":
                compared = latin
            else:
                continue
            if fuzz.ratio(compared, name) >= _LOOKS_LIKE:
                ids.add(place_id)
        unlisted = not any(script_of(name) == "arabic" for name, _ in names)
        if not ids and script == "arabic" and led and unlisted:
            ids = {place_id for _, place_id in names}
        return ids


def _forms(words: Sequence[str]) -> Iterable[tuple[str, ...]]:
    """The words, and with an Arabic clitic removed from the one word ("ببيرنا" -> "بيرنا")."""
    yield tuple(words)
    if len(words) == 1 and script_of(words[0]) == "arabic":
        for variant in arabic_variants(words[0])[:4]:
            yield (variant,)


def _skeletons(words: Sequence[str]) -> list[str]:
    """Consonant skeletons of a name (two for Cyrillic г: h and g)."""
    joined = "".join(words)
    script = script_of(joined)
    if script == "arabic":
        body = joined[:-1] if len(joined) > 2 and joined.endswith("ه") else joined
        candidates = [_REPEATS.sub(r"\1", body.translate(_ARABIC_SKELETON))]
    elif script == "cyrillic":
        latin = "".join(_CYRILLIC.get(ch, ch) for ch in joined)
        candidates = [_latin_skeleton(latin), _latin_skeleton(latin.replace("h", "g"))]
    elif script == "latin":
        candidates = [_latin_skeleton(joined)]
    else:
        return []
    return [s for s in dict.fromkeys(candidates) if len(s) >= _MIN_SKELETON and s.isascii()]


def _latin_skeleton(word: str) -> str:
    for old, new in _LATIN_FOLDS:
        word = word.replace(old, new)
    word = _VOWELS.sub("", word.translate(_LATIN_LETTERS))
    return _REPEATS.sub(r"\1", word)


def _word_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(tokenize(normalize(word))) for word in words if word.strip())


def places_from_data(raw: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> PlaceIndex:
    """Build the index from {place id: (choice ids, names)}."""
    return PlaceIndex([Place(pid, choices, names) for pid, (choices, names) in raw.items()])
