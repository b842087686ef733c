"""Loading `knowledge/typed/`: yes/no and negation words, and the places people type."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.problems import ContentError, Problem
from bot.content.yamlsrc import LinedDict, load_yaml
from bot.understand.choices import NO_WORDS, AnswerWords
from bot.understand.normalize import normalize
from bot.understand.places import Place, PlaceIndex
from bot.understand.tokens import tokenize

FOLDER = "typed"
ANSWERS_FILE = "answers.yaml"
PLACES_FILE = "places.yaml"
_ANSWER_SECTIONS = {
    "yes",
    "no",
    "negation",
    "negation_prefixes",
    "symbols",
    "filler",
    "negation_after",
    "negation_latin",
    "negation_glued",
    "negation_replaces",
    "yes_short",
    "no_short",
    "unknown",
    "later",
    "numbers",
    "number_filler",
    "before",
    "after",
}
_MAX_NUMBER = 10


@dataclass(frozen=True)
class TypedData:
    """What typed answers are matched with beyond the flows' own labels."""

    words: AnswerWords = NO_WORDS
    places: PlaceIndex = field(default_factory=lambda: PlaceIndex([]))


def load_typed_data(knowledge_dir: Path, problems: list[Problem]) -> TypedData | None:
    """Read `knowledge_dir/typed/`; None (and problems naming file:line) when it is broken."""
    folder = knowledge_dir / FOLDER
    if not folder.is_dir():
        return None
    found: list[Problem] = []
    words = _answer_words(folder / ANSWERS_FILE, found)
    places = _places(folder / PLACES_FILE, found)
    problems.extend(found)
    if found:
        return None
    return TypedData(words, places)


def _read(path: Path, problems: list[Problem]) -> LinedDict | None:
    shown = f"knowledge/{FOLDER}/{path.name}"
    if not path.exists():
        return None
    try:
        raw = load_yaml(path, shown)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(raw, LinedDict):
        problems.append(Problem(shown, 1, "expected a mapping"))
        return None
    return raw


def _answer_words(path: Path, problems: list[Problem]) -> AnswerWords:
    raw = _read(path, problems)
    if raw is None:
        return NO_WORDS
    shown = f"knowledge/{FOLDER}/{path.name}"
    for key in raw:
        if key not in _ANSWER_SECTIONS:
            expected = ", ".join(sorted(_ANSWER_SECTIONS))
            problems.append(
                Problem(shown, raw.line_of(key), f"unknown section '{key}'; expected {expected}")
            )
    sections = {
        key: _words(raw.get(key), shown, raw.line_of(key), problems)
        for key in _ANSWER_SECTIONS - {"numbers"}
    }
    symbols = raw.get("symbols") or LinedDict()
    return AnswerWords(
        yes=frozenset(_normalised(sections["yes"])),
        no=frozenset(_normalised(sections["no"])),
        negation=frozenset(_normalised(sections["negation"])),
        negation_prefixes=tuple(_normalised(sections["negation_prefixes"])),
        filler=frozenset(_normalised(sections["filler"])),
        negation_after=frozenset(_normalised(sections["negation_after"])),
        yes_symbols=frozenset(str(s).strip() for s in symbols.get("yes") or ()),
        no_symbols=frozenset(str(s).strip() for s in symbols.get("no") or ()),
        negation_by_language=tuple(
            (str(language), frozenset(_normalised([str(item) for item in items])))
            for language, items in (raw.get("negation_latin") or {}).items()
            if isinstance(items, list)
        ),
        yes_short=frozenset(_normalised(sections["yes_short"])),
        no_short=frozenset(_normalised(sections["no_short"])),
        glued_negations=tuple(_normalised(sections["negation_glued"])),
        negation_replaces=tuple(_normalised(sections["negation_replaces"])),
        unknown=frozenset(_normalised(sections["unknown"])),
        later=frozenset(_normalised(sections["later"])),
        numbers=_numbers(raw, shown, problems),
        number_filler=frozenset(_normalised(sections["number_filler"])),
        before=frozenset(_normalised(sections["before"])),
        after=frozenset(_normalised(sections["after"])),
    )


def _numbers(raw: LinedDict, shown: str, problems: list[Problem]) -> dict[str, int]:
    """`numbers:` {1: {language: [words]}, …}: each normalised word -> its number."""
    body = raw.get("numbers")
    if body is None:
        return {}
    line = raw.line_of("numbers")
    if not isinstance(body, dict):
        problems.append(Problem(shown, line, "'numbers' must map 1 … 10 to {language: [words]}"))
        return {}
    out: dict[str, int] = {}
    for key, value in body.items():
        at = body.line_of(key) if isinstance(body, LinedDict) else line
        if not str(key).isdigit():
            problems.append(Problem(shown, at, f"'{key}' under 'numbers' must be a number"))
            continue
        number = int(key)
        if not 1 <= number <= _MAX_NUMBER:
            problems.append(Problem(shown, at, f"numbers go from 1 to {_MAX_NUMBER}, not {number}"))
            continue
        for word in _normalised(_words(value, shown, at, problems)):
            if out.setdefault(word, number) != number:
                problems.append(
                    Problem(shown, at, f"'{word}' stands for {out[word]} and {number}; keep one")
                )
    return out


def _words(value: Any, shown: str, line: int, problems: list[Problem]) -> list[str]:
    """All words of a {language: [words]} section."""
    if value is None:
        return []
    if not isinstance(value, dict):
        problems.append(Problem(shown, line, "expected a mapping of language -> list of words"))
        return []
    out: list[str] = []
    for language, items in value.items():
        if not isinstance(items, list):
            problems.append(Problem(shown, line, f"'{language}' must be a list of words"))
            continue
        out.extend(str(item) for item in items)
    return out


def _normalised(items: list[str]) -> list[str]:
    return [form for form in (" ".join(tokenize(normalize(item))) for item in items) if form]


def _places(path: Path, problems: list[Problem]) -> PlaceIndex:
    raw = _read(path, problems)
    shown = f"knowledge/{FOLDER}/{path.name}"
    if raw is None:
        return PlaceIndex([])
    body = raw.get("places")
    if not isinstance(body, LinedDict):
        problems.append(Problem(shown, raw.line, "expected 'places:' with one entry per place"))
        return PlaceIndex([])
    places = []
    for place_id, item in body.items():
        line = body.line_of(place_id)
        if not isinstance(item, dict) or "choice" not in item or "names" not in item:
            problems.append(Problem(shown, line, f"place '{place_id}' needs 'choice' and 'names'"))
            continue
        choice = item["choice"]
        choices = tuple(str(c) for c in choice) if isinstance(choice, list) else (str(choice),)
        names = item["names"]
        if not isinstance(names, list) or not names:
            problems.append(Problem(shown, line, f"place '{place_id}': 'names' must be a list"))
            continue
        places.append(Place(str(place_id), choices, tuple(str(n) for n in names)))
    not_places = _word_list("not_places", shown, raw, problems)
    return PlaceIndex(places, not_places, _word_list("before_places", shown, raw, problems))


def _word_list(key: str, shown: str, raw: LinedDict, problems: list[Problem]) -> list[str]:
    """`not_places:` common words that are never a place by their consonants;
    `before_places:` words that lead to a place ("in", «در»)."""
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(Problem(shown, raw.line_of(key), f"'{key}' must be a list of words"))
        return []
    return [str(word) for word in value]
