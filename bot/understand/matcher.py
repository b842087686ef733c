"""Finding lexicon entries in a tokenised message, tolerant of typos and inflection.

Entries are compiled once into indexes; a message is matched word by word (results per word
are cached) and then phrases are assembled from consecutive word matches.

How one word of an entry matches a word of the message:
- `word`: the same word; or the word with an inflection ending of up to 2-3 letters
  ("kita" ~ "kitas", "квартира" ~ "квартирах"); or, when neither is a known word, with one
  typo (5+ letters; 6+ in Arabic script) or two (9+ letters);
- `stem*`: any word starting with the stem ("квартир*" ~ "квартиру"), or, for stems of 6+
  letters, starting with the stem with one typo ("selbsmordgedanken" ~ "selbstmord*");
- `*ending` / `*inside*`: a word ending with / containing it ("*wohnung" ~ "sozialwohnung");
- `=word`: only exactly this word ("=fire" does not match "fired");
- a doubled letter typed by mistake is forgiven ("hitts" ~ "hits", "Wohnnung" ~ "Wohnung");
- Arabic-script words also match with clitics removed ("والبيت", "بيتنا" ~ "بيت");
- Latin transliterations of uk/ru/ar/fa words match through a spelling-insensitive key
  ("shukaju" ~ "shukayu", "xune" ~ "khune"), stems too ("pozhezh*" ~ "pojeja").
A phrase matches when its words appear in order with at most one other word between them;
an entry of two words also matches them written together ("job center" ~ "jobcenter").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.understand.normalize import normalize
from bot.understand.tokens import arabic_variants, latin_key, script_of, squeeze, tokenize

Mode = Literal["word", "exact", "prefix", "suffix", "infix"]

TRANSLIT_LANGUAGES = frozenset({"uk", "ru", "ar", "fa"})

_QUALITY_EXACT = 1.0
_QUALITY_STEM = 1.0
_QUALITY_VARIANT = 0.9
_QUALITY_TAIL = 0.9
_QUALITY_AFFIX = 0.9
_QUALITY_KEY = 0.95
_QUALITY_SQUEEZED = 0.9
_QUALITY_FUZZY = (1.0, 0.8, 0.7)  # by edit distance
_MIN_TAIL_BASE = 4
_MIN_FUZZY = {"latin": 5, "cyrillic": 5, "arabic": 6, "other": 99}
_MIN_FUZZY_STEM = {"latin": 6, "cyrillic": 6, "arabic": 7, "other": 99}
_MIN_KEY = 4
_MIN_KEY_STEM = 5  # shorter keyed stems start too many words of other languages
_MAX_GAP = 1
_CACHE_LIMIT = 50_000

_Adder = Callable[[Iterable[int], float], None]


@dataclass(frozen=True)
class Payload:
    """What a matched entry means; `category` is area, intent, lang, emergency, alone, group,
    not, not_near, past, since, check (an uncertain signal) or a context word (distant, asking,
    now); `spelled` marks a Latin spelling made from a Cyrillic entry."""

    category: str
    target: str
    language: str
    weight: float = 1.0
    rule: int = -1
    group: int = -1
    spelled: bool = False


@dataclass(frozen=True)
class Hit:
    payload: Payload
    start: int
    end: int  # exclusive token index
    quality: float
    specificity: int  # letters of the entry that matched; longer entries are more specific
    typo_letters: int = 0  # length of the shortest entry word matched only with a typo


@dataclass(frozen=True)
class _WordPattern:
    text: str
    mode: Mode
    translit: bool


@dataclass(frozen=True)
class _Phrase:
    words: tuple[int, ...]
    payloads: tuple[Payload, ...]
    specificity: int


def parse_entry(text: str) -> list[tuple[str, Mode]]:
    """Split an entry into normalised words with their matching mode."""
    out: list[tuple[str, Mode]] = []
    for raw in text.split():
        exact = raw.startswith("=")
        suffix = raw.lstrip("=").startswith("*")
        prefix = raw.endswith("*")
        words = tokenize(normalize(raw.strip("=*")))
        for index, word in enumerate(words):
            first, last = index == 0, index == len(words) - 1
            mode: Mode = "exact" if exact else "word"
            if first and suffix and last and prefix:
                mode = "infix"
            elif first and suffix:
                mode = "suffix"
            elif last and prefix:
                mode = "prefix"
            out.append((word, mode))
    return out


def _index() -> defaultdict[str, list[int]]:
    """An index by text (a named function, not a lambda: a compiled Matcher can be pickled)."""
    return defaultdict(list)


class Matcher:
    """Compiled indexes over all entries; `find` returns every hit in a token list."""

    def __init__(self, entries: Iterable[tuple[str, Payload]], known_words: Iterable[str]) -> None:
        self._patterns: list[_WordPattern] = []
        self._pattern_ids: dict[_WordPattern, int] = {}
        phrases: dict[tuple[int, ...], list[Payload]] = defaultdict(list)
        specificity: dict[tuple[int, ...], int] = {}
        shared: dict[Payload, Payload] = {}
        for text, payload in entries:
            payload = shared.setdefault(payload, payload)  # one object per meaning: less to load
            parsed = parse_entry(text)
            translit = payload.language in TRANSLIT_LANGUAGES
            ids = tuple(self._pattern_id(word, mode, translit) for word, mode in parsed)
            if payload not in phrases[ids]:
                phrases[ids].append(payload)
            specificity[ids] = sum(len(word) for word, _ in parsed)
            if len(parsed) == 2 and all(mode == "word" for _, mode in parsed):
                joined = (self._pattern_id(parsed[0][0] + parsed[1][0], "word", translit),)
                if payload not in phrases[joined]:
                    phrases[joined].append(payload)
                specificity[joined] = specificity[ids]
        self._phrases = [
            _Phrase(ids, tuple(payloads), specificity[ids]) for ids, payloads in phrases.items()
        ]
        self._by_first: dict[int, list[int]] = defaultdict(list)
        for index, phrase in enumerate(self._phrases):
            self._by_first[phrase.words[0]].append(index)
        self._build_indexes(known_words)
        self._cache: dict[str, tuple[tuple[int, float], ...]] = {}

    def _pattern_id(self, text: str, mode: Mode, translit: bool) -> int:
        pattern = _WordPattern(text, mode, translit and script_of(text) == "latin")
        if pattern not in self._pattern_ids:
            self._pattern_ids[pattern] = len(self._patterns)
            self._patterns.append(pattern)
        return self._pattern_ids[pattern]

    def _build_indexes(self, known_words: Iterable[str]) -> None:
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._variant_of: dict[str, list[int]] = defaultdict(list)
        self._tail: dict[str, list[int]] = defaultdict(list)
        self._stems: dict[int, dict[str, list[int]]] = defaultdict(_index)
        self._affixes: list[tuple[str, Mode, int]] = []
        self._keys: dict[str, list[int]] = defaultdict(list)
        self._key_stems: dict[int, dict[str, list[int]]] = defaultdict(_index)
        self._squeezed: dict[str, list[int]] = defaultdict(list)
        fuzzy: dict[tuple[str, int], set[str]] = defaultdict(set)
        self._fuzzy_ids: dict[str, list[int]] = defaultdict(list)
        for pattern_id, pattern in enumerate(self._patterns):
            text, mode = pattern.text, pattern.mode
            script = script_of(text)
            if mode in ("word", "exact"):
                self._exact[text].append(pattern_id)
            if mode == "word":  # "=word" is that word only, never a clitic variant of another
                self._variant_of[text].append(pattern_id)
            if mode == "prefix":
                self._stems[len(text)][text].append(pattern_id)
                key = latin_key(text, stem=True)
                if pattern.translit and len(key) >= _MIN_KEY_STEM:
                    self._key_stems[len(key)][key].append(pattern_id)
            if mode in ("suffix", "infix"):
                self._affixes.append((text, mode, pattern_id))
            if mode != "word":
                continue
            self._squeezed[squeeze(text)].append(pattern_id)
            if len(text) >= _MIN_TAIL_BASE and script in ("latin", "cyrillic"):
                self._tail[text].append(pattern_id)
            if len(text) >= _MIN_FUZZY[script]:
                fuzzy[(script, len(text))].add(text)
                self._fuzzy_ids[text].append(pattern_id)
            if pattern.translit and len(text) >= _MIN_KEY:
                self._keys[latin_key(text)].append(pattern_id)
        self._fuzzy = {key: sorted(words) for key, words in fuzzy.items()}
        self._stem_lengths = sorted(self._stems)
        self._fuzzy_stems = {
            length: sorted(stems)
            for length, stems in self._stems.items()
            if length >= min(_MIN_FUZZY_STEM.values())
        }
        self._key_stem_lengths = sorted(self._key_stems)
        self._known = frozenset(self._exact) | frozenset(
            word for text in known_words for word in tokenize(normalize(text))
        )

    # --- matching -----------------------------------------------------------------------

    def find(self, tokens: Sequence[str]) -> list[Hit]:
        """All entries found in `tokens`, as hits with token spans."""
        spans: list[list[tuple[int, int, float]]] = [[] for _ in tokens]
        for position, token in enumerate(tokens):
            spans[position].extend(
                (pattern_id, position + 1, quality)
                for pattern_id, quality in self.word_matches(token)
            )
        for position in range(len(tokens) - 1):
            joined = tokens[position] + tokens[position + 1]
            for pattern_id in self._exact.get(joined, ()):
                spans[position].append((pattern_id, position + 2, _QUALITY_EXACT))
        hits: list[Hit] = []
        for start, matches in enumerate(spans):
            for pattern_id, end, quality in matches:
                for phrase_index in self._by_first.get(pattern_id, ()):
                    phrase = self._phrases[phrase_index]
                    found = self._extend(spans, phrase.words, end, quality)
                    if found is None:
                        continue
                    phrase_end, phrase_quality, typo = found
                    typo = _shortest(typo, self._typo_letters(pattern_id, quality))
                    hits.extend(
                        Hit(payload, start, phrase_end, phrase_quality, phrase.specificity, typo)
                        for payload in phrase.payloads
                    )
        return hits

    def _typo_letters(self, pattern_id: int, quality: float) -> int:
        """The entry word's length when it matched only with a typo, else 0."""
        return len(self._patterns[pattern_id].text) if quality < _QUALITY_SQUEEZED else 0

    def _extend(
        self,
        spans: list[list[tuple[int, int, float]]],
        words: tuple[int, ...],
        end: int,
        quality: float,
    ) -> tuple[int, float, int] | None:
        typo = 0
        for word in words[1:]:
            for position in range(end, min(end + _MAX_GAP + 1, len(spans))):
                found = next((m for m in spans[position] if m[0] == word), None)
                if found is not None:
                    end, quality = found[1], min(quality, found[2])
                    typo = _shortest(typo, self._typo_letters(word, found[2]))
                    break
            else:
                return None
        return end, quality, typo

    def word_matches(self, token: str) -> tuple[tuple[int, float], ...]:
        """Pattern ids matching one message word, with a match quality in 0..1 (cached)."""
        cached = self._cache.get(token)
        if cached is None:
            cached = tuple(self._compute_word_matches(token).items())
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[token] = cached
        return cached

    def _compute_word_matches(self, token: str) -> dict[int, float]:
        found: dict[int, float] = {}

        def add(ids: Iterable[int], quality: float) -> None:
            for pattern_id in ids:
                if found.get(pattern_id, 0.0) < quality:
                    found[pattern_id] = quality

        script = script_of(token)
        is_entry = token in self._exact
        add(self._exact.get(token, ()), _QUALITY_EXACT)
        self._add_stems(token, _QUALITY_STEM, add)
        for text, mode, pattern_id in self._affixes:
            if token != text and (token.endswith(text) if mode == "suffix" else text in token):
                add((pattern_id,), _QUALITY_AFFIX)
        if script == "arabic":
            for variant in arabic_variants(token):
                add(self._variant_of.get(variant, ()), _QUALITY_VARIANT)
                self._add_stems(variant, _QUALITY_VARIANT, add)
        if not is_entry:
            squeezed = squeeze(token)
            if squeezed != token:
                add(self._squeezed.get(squeezed, ()), _QUALITY_SQUEEZED)
                self._add_stems(squeezed, _QUALITY_SQUEEZED, add)
            self._add_tail(token, add)
            if script == "latin":
                key = latin_key(token)
                add(self._keys.get(key, ()), _QUALITY_KEY)
                for length in self._key_stem_lengths:
                    if length > len(key):
                        break
                    add(self._key_stems[length].get(key[:length], ()), _QUALITY_KEY)
        if not found and token not in self._known:
            self._add_fuzzy(token, script, add)
            self._add_fuzzy_stems(token, script, add)
        return found

    def _add_stems(self, token: str, quality: float, add: _Adder) -> None:
        for length in self._stem_lengths:
            if length > len(token):
                break
            ids = self._stems[length].get(token[:length])
            if ids:
                add(ids, quality)

    def _add_tail(self, token: str, add: _Adder) -> None:
        for cut in (1, 2, 3):
            base = token[:-cut]
            if len(base) < _MIN_TAIL_BASE or (cut == 3 and len(base) < 6):
                break
            ids = self._tail.get(base)
            if ids:
                add(ids, _QUALITY_TAIL)

    def _add_fuzzy_stems(self, token: str, script: str, add: _Adder) -> None:
        """Stems of 6+ letters (7+ in Arabic script) with one typo ("selbsmord" ~ "selbstmord*")."""
        least = _MIN_FUZZY_STEM.get(script, 99)
        for length in self._stem_lengths:
            if length < least:
                continue
            if length > len(token) + 1:
                break
            stems = self._fuzzy_stems.get(length)
            if not stems:
                continue
            for cut in (length - 1, length, length + 1):
                if cut > len(token):
                    break
                for stem, distance, _ in process.extract(
                    token[:cut], stems, scorer=Levenshtein.distance, score_cutoff=1, limit=None
                ):
                    if distance == 1:
                        add(self._stems[length][stem], _QUALITY_FUZZY[1])

    def _add_fuzzy(self, token: str, script: str, add: _Adder) -> None:
        length = len(token)
        if length < _MIN_FUZZY.get(script, 99):
            return
        limit = 2 if length >= 9 else 1
        for size in range(length - limit, length + limit + 1):
            words = self._fuzzy.get((script, size))
            if not words:
                continue
            for word, distance, _ in process.extract(
                token, words, scorer=Levenshtein.distance, score_cutoff=limit, limit=None
            ):
                if distance and (distance == 1 or len(word) >= 9):
                    add(self._fuzzy_ids[word], _QUALITY_FUZZY[int(distance)])


def _shortest(one: int, other: int) -> int:
    """The smaller of two typo lengths, where 0 means "no typo"."""
    return min(one, other) if one and other else one or other
