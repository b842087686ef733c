"""Matching typed text against the choices the bot just offered.

People type a button's label instead of pressing it, often with typos, in another script's
keyboard, or the German label they saw on a letter. A typed number picks the option at that
position ("2" or "٢"). The best option must be clearly better than the runner-up.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from bot.understand.normalize import normalize
from bot.understand.tokens import arabic_variants, script_of, tokenize

MIN_SCORE = 75.0
MIN_MARGIN = 10.0
_TOKEN_MATCH = 85.0
_MIN_CONTAINED = 3  # a label shorter than this must be typed alone


def match_choice(text: str, options: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    """The id of the option `text` means, or None when no option is clearly meant."""
    typed = " ".join(tokenize(normalize(text)))
    if not typed or not options:
        return None
    if typed.isdigit():
        number = int(typed)
        return options[number - 1][0] if 1 <= number <= len(options) else None
    ranked = sorted(
        ((_option_score(typed, labels), choice_id) for choice_id, labels in options),
        reverse=True,
    )
    best_score, best_id = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    if best_score >= MIN_SCORE and best_score - runner_up >= MIN_MARGIN:
        return best_id
    return None


def _option_score(typed: str, labels: Sequence[str]) -> float:
    normalized = (" ".join(tokenize(normalize(label))) for label in labels)
    return max((label_score(typed, label) for label in normalized if label), default=0.0)


def label_score(typed: str, label: str) -> float:
    """How well typed text (normalised) matches one label (normalised), 0..100."""
    if typed == label:
        return 100.0
    score = fuzz.ratio(typed, label)
    typed_words = _with_variants(typed.split())
    label_words = label.split()
    if len(label) >= _MIN_CONTAINED and f" {label} " in f" {typed} ":
        score = max(score, 95.0)
    if len(typed) >= 3 and label.startswith(typed) and len(typed) * 2 >= len(label):
        score = max(score, 90.0)
    matched = sum(1 for word in label_words if _best_word_ratio(word, typed_words) >= _TOKEN_MATCH)
    if label_words and matched == len(label_words):
        score = max(score, 90.0)
    elif matched:
        score = max(score, 60.0 + 25.0 * matched / len(label_words))
    return score


def _best_word_ratio(word: str, typed_words: Sequence[str]) -> float:
    if len(word) < _MIN_CONTAINED:
        return 100.0 if word in typed_words else 0.0
    forms = _with_variants([word])
    return max((fuzz.ratio(form, typed) for form in forms for typed in typed_words), default=0.0)


def _with_variants(words: Sequence[str]) -> list[str]:
    out = list(words)
    for word in words:
        if script_of(word) == "arabic":
            out.extend(arabic_variants(word))
    return out
