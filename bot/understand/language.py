"""Guessing the language of a message: de en uk ru ar fa.

The alphabet narrows the choice (Cyrillic: uk/ru, Arabic script: ar/fa, Latin: any of the six,
since people transliterate). Within it, letters only one language has (і ї є / ы э ъ,
پ چ ژ گ and the Persian forms of yeh and kaf) and the language of the lexicon entries found
(common words from `languages.yaml` and topic words) decide. The caller's hint wins unless
the text clearly points to another language.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from bot.understand.lexicon import ANY_LANGUAGE
from bot.understand.matcher import Hit
from bot.understand.tokens import script_of

_CANDIDATES = {
    "cyrillic": ("uk", "ru"),
    "arabic": ("fa", "ar"),
    "latin": ("de", "en", "uk", "ru", "ar", "fa"),
}
# Letters that only one of the candidate languages uses, with their weight as evidence.
_MARKER_LETTERS = {
    "uk": {"і": 1.0, "ї": 1.5, "є": 1.5, "ґ": 1.5},
    "ru": {"ы": 1.5, "э": 1.5, "ъ": 1.5, "ё": 1.0},
    "fa": {"پ": 1.5, "چ": 1.5, "ژ": 1.5, "گ": 1.5, "ی": 0.5, "ک": 0.5},
    "ar": {"ة": 1.0, "ى": 0.5, "ي": 0.3, "ك": 0.3, "ث": 0.3, "ض": 0.3, "ظ": 0.5},
}
_MAX_LETTER_EVIDENCE = 3.0
_HINT_MARGIN = 1.0
_EVIDENCE = frozenset({"area", "emergency", "alone", "intent", "lang"})
# A Latin spelling made from a Cyrillic entry, and a loan word, are weak evidence.
_SPELLED_WEIGHT = 0.5
_LOAN_WORD_WEIGHT = 0.3
# Without any evidence, the most likely language of each alphabet among the service's clients.
_DEFAULT = {"cyrillic": "uk", "arabic": "ar"}


def detect_language(
    text: str, tokens: Sequence[str], hits: Sequence[Hit], hint: str | None
) -> str | None:
    """The most likely language of `text`, or `hint` / None when nothing tells."""
    scripts = Counter(script_of(token) for token in tokens)
    scripts.pop("other", None)
    if not scripts:
        return hint
    script = scripts.most_common(1)[0][0]
    candidates = _CANDIDATES[script]
    evidence: dict[str, float] = defaultdict(float)
    sample = text[:2000].lower()
    for language in candidates:
        letters = _MARKER_LETTERS.get(language, {})
        found = sum(weight * sample.count(letter) for letter, weight in letters.items())
        evidence[language] += min(found, _MAX_LETTER_EVIDENCE)
    for hit in hits:
        language = hit.payload.language
        if hit.payload.category not in _EVIDENCE or _hit_script(tokens, hit) != script:
            continue  # exceptions and rule parts are often words shared by neighbouring languages
        if language in candidates:
            evidence[language] += hit.quality * (_SPELLED_WEIGHT if hit.payload.spelled else 1.0)
        elif language == ANY_LANGUAGE and script == "latin":
            evidence["de"] += hit.quality * _LOAN_WORD_WEIGHT  # Jobcenter, Kita: German words
    best = max(candidates, key=lambda language: (evidence[language], -candidates.index(language)))
    if hint in candidates and evidence[best] - evidence[hint] <= _HINT_MARGIN:
        return hint  # the channel's language wins unless the text clearly says otherwise
    if evidence[best] > 0:
        return best
    return _DEFAULT.get(script, hint)


def _hit_script(tokens: Sequence[str], hit: Hit) -> str:
    return script_of(tokens[hit.start])
