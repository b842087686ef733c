"""Loading and checking the staff-edited word lists in `knowledge/understanding/*.yaml`.

Each file starts with one key that says what it holds:

- `area: housing` with `words:` (strong signals) and `hints:` (weak signals), each a mapping
  from a language (`de en uk ru ar fa`, or `any` for loan words used in every language) to a
  list of entries;
- `emergency: violence` with `priority:`, `phrases:` (each alone is an emergency),
  `together:` (rules: a word from every group close together), `not:` (phrases that cancel a
  hit they overlap, for figurative speech), `not_near:` (words that cancel a hit close by),
  `past:` (words of a finished or distant event that cancel a hit close by unless they
  follow a `since` word), `alone:` (phrases that are an emergency only when they end a
  short message), and `check:` / `check_together:` (uncertain signals: they do not show the
  emergency answer at once but ask whether someone is in danger right now);
- `smalltalk:` mapping `greeting`, `thanks` and `office` (the counselling office's own address
  or hours asked for) to entries per language;
- `languages:` mapping each language to common words that tell it apart, and optionally
  `since:` mapping each language to the words for "since" ("seit gestern" is still going on),
  `dictated:` (punctuation spoken into voice typing: "Komma", "запятая"; ignored), and the
  context words of every emergency kind: `distant:` (a finished or distant event:
  "years ago", "in the film", "when I was a child"), `asking:` (the message only asks:
  "just asking", "nothing happened") and `now:` (it is going on: "right now", "gerade").

Errors name the file and line and say what to do.
"""

from __future__ import annotations

import difflib
import pathlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

import yaml

from bot.domain import AREA_IDS, EMERGENCY_KINDS, LANGUAGES
from bot.understand.normalize import normalize

# libyaml's parser when available: several times faster, the same nodes with line marks.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

AREAS = AREA_IDS
EMERGENCIES = EMERGENCY_KINDS
ANY_LANGUAGE = "any"
INTENTS = ("greeting", "thanks", "office")
CONTEXT_KEYS = ("distant", "asking", "now", "wish", "setting", "refusal")
_LANGUAGE_FILE_KEYS = ("languages", "since", "dictated", *CONTEXT_KEYS)

T = TypeVar("T")

# Entry syntax: `word`, `stem*`, `*ending`, `*inside*`, `=exact`, or several words (a phrase).
_MIN_STEM_LETTERS = 3
_MIN_AFFIX_LETTERS = 4


class LexiconError(ValueError):
    """A word list cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """One line of a word list, kept with where it was written."""

    text: str
    language: str
    source: str


@dataclass(frozen=True)
class AreaLexicon:
    area: str
    words: tuple[Entry, ...]
    hints: tuple[Entry, ...]
    # the area its words count for right after a refusal ("ich will nicht zurück": residence)
    refused: str | None = None


@dataclass(frozen=True)
class TogetherRule:
    """An emergency when a word from every group appears within `window` words."""

    groups: tuple[tuple[Entry, ...], ...]
    language: str
    source: str


@dataclass(frozen=True)
class EmergencyLexicon:
    kind: str
    priority: int
    phrases: tuple[Entry, ...]
    together: tuple[TogetherRule, ...]
    exceptions: tuple[Entry, ...]
    exceptions_near: tuple[Entry, ...] = ()
    alone: tuple[Entry, ...] = ()
    past: tuple[Entry, ...] = ()
    check: tuple[Entry, ...] = ()
    check_together: tuple[TogetherRule, ...] = ()
    topic: str | None = None  # the life area a question about this kind is about


@dataclass(frozen=True)
class ContextWords:
    """Words that put a danger in the past, in a story or in a question, or in the present."""

    distant: tuple[Entry, ...] = ()
    asking: tuple[Entry, ...] = ()
    now: tuple[Entry, ...] = ()
    wish: tuple[Entry, ...] = ()  # "we want", "решили": the topic right after is the need
    setting: tuple[Entry, ...] = ()  # "we live in", "мы в": where the story takes place
    refusal: tuple[Entry, ...] = ()  # "ich will nicht", "не хочу": see `AreaLexicon.refused`


@dataclass(frozen=True)
class Lexicon:
    areas: tuple[AreaLexicon, ...]
    emergencies: tuple[EmergencyLexicon, ...]
    intents: dict[str, tuple[Entry, ...]]
    language_words: dict[str, tuple[Entry, ...]]
    since_words: tuple[Entry, ...] = ()
    context: ContextWords = ContextWords()
    dictated: tuple[Entry, ...] = ()  # punctuation spoken into voice typing: "Komma"


def load_lexicon(knowledge_dir: pathlib.Path) -> Lexicon:
    """Read and check every `understanding/*.yaml` under `knowledge_dir`."""
    folder = knowledge_dir / "understanding"
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise LexiconError(f"{folder}: no word lists (*.yaml) found; is the path right?")
    areas: dict[str, tuple[AreaLexicon, str]] = {}
    emergencies: dict[str, tuple[EmergencyLexicon, str]] = {}
    intents: dict[str, list[Entry]] = {intent: [] for intent in INTENTS}
    language_words: dict[str, list[Entry]] = {language: [] for language in LANGUAGES}
    since_words: list[Entry] = []
    dictated: list[Entry] = []
    context: dict[str, list[Entry]] = {key: [] for key in CONTEXT_KEYS}
    for path in files:
        reader = _Reader(path)
        root = reader.root()
        kind = reader.file_kind(root)
        if kind == "area":
            area = reader.area(root)
            _once(areas, area.area, area, reader.where(root), "area")
        elif kind == "emergency":
            emergency = reader.emergency(root)
            _once(emergencies, emergency.kind, emergency, reader.where(root), "emergency")
        elif kind == "smalltalk":
            for intent, entries in reader.smalltalk(root).items():
                intents[intent].extend(entries)
        else:
            for language, entries in reader.languages(root).items():
                language_words[language].extend(entries)
            since_words.extend(reader.since(root))
            dictated.extend(reader.dictated(root))
            for key, entries in reader.context(root).items():
                context[key].extend(entries)
    _require_all(areas, AREAS, "area", folder)
    _require_all(emergencies, EMERGENCIES, "emergency", folder)
    return Lexicon(
        areas=tuple(areas[area][0] for area in AREAS),
        emergencies=tuple(emergencies[kind][0] for kind in EMERGENCIES),
        intents={intent: tuple(entries) for intent, entries in intents.items()},
        language_words={language: tuple(entries) for language, entries in language_words.items()},
        since_words=tuple(since_words),
        dictated=tuple(dictated),
        context=ContextWords(**{key: tuple(entries) for key, entries in context.items()}),
    )


def _once(seen: dict[str, tuple[T, str]], key: str, value: T, where: str, what: str) -> None:
    if key in seen:
        raise LexiconError(
            f"{where}: {what} '{key}' is already defined in {seen[key][1]}; "
            "keep one file per id and merge the lists"
        )
    seen[key] = (value, where)


def _require_all(seen: dict[str, T], ids: tuple[str, ...], what: str, folder: pathlib.Path) -> None:
    missing = [item for item in ids if item not in seen]
    if missing:
        raise LexiconError(
            f"{folder}: no file defines {what} {', '.join(repr(m) for m in missing)}; "
            f"add a file starting with '{what}: {missing[0]}'"
        )


class _Reader:
    """Walks the YAML node tree of one file, so every error can name its line."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.name = _display(path)

    def where(self, node: yaml.Node) -> str:
        return f"{self.name}:{node.start_mark.line + 1}"

    def fail(self, node: yaml.Node, message: str) -> LexiconError:
        return LexiconError(f"{self.where(node)}: {message}")

    def root(self) -> yaml.MappingNode:
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise LexiconError(f"{self.name}: not UTF-8 text ({error}); save as UTF-8") from None
        try:
            node = yaml.compose(text, Loader=_SAFE_LOADER)
        except yaml.YAMLError:
            node = self._compose_for_message(text)
        if not isinstance(node, yaml.MappingNode):
            raise LexiconError(f"{self.name}:1: expected a mapping such as 'area: housing'")
        return node

    def _compose_for_message(self, text: str) -> yaml.Node | None:
        """Read a broken file again with PyYAML's own parser: its wording is what staff see."""
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            problem = getattr(error, "problem", None) or str(error)
            raise LexiconError(
                f"{self.name}{line}: not valid YAML ({problem}); "
                "check indentation and quote entries that contain ':' or '#'"
            ) from None

    def file_kind(self, root: yaml.MappingNode) -> str:
        keys = [key.value for key, _ in root.value]
        for kind in ("area", "emergency", "smalltalk", "languages"):
            if kind in keys:
                return kind
        raise self.fail(
            root,
            "the file must start with one of 'area:', 'emergency:', 'smalltalk:', 'languages:'",
        )

    # --- file kinds ---------------------------------------------------------------------

    def area(self, root: yaml.MappingNode) -> AreaLexicon:
        fields = self.mapping(
            root, allowed=("area", "words", "hints", "refused"), required=("area", "words")
        )
        area = self.choice(fields["area"], AREAS, "area")
        words = self.entries_by_language(fields["words"], allow_any=True)
        hints = (
            self.entries_by_language(fields["hints"], allow_any=True) if "hints" in fields else []
        )
        refused = self.choice(fields["refused"], AREAS, "refused") if "refused" in fields else None
        return AreaLexicon(area=area, words=tuple(words), hints=tuple(hints), refused=refused)

    def emergency(self, root: yaml.MappingNode) -> EmergencyLexicon:
        fields = self.mapping(
            root,
            allowed=(
                "emergency",
                "priority",
                "phrases",
                "together",
                "alone",
                "not",
                "not_near",
                "past",
                "check",
                "check_together",
                "topic",
            ),
            required=("emergency", "priority"),
        )
        kind = self.choice(fields["emergency"], EMERGENCIES, "emergency kind")
        priority = self.integer(fields["priority"])
        phrases = self.entries_by_language(fields["phrases"]) if "phrases" in fields else []
        together = self.together(fields["together"]) if "together" in fields else []
        exceptions = self.entries_by_language(fields["not"]) if "not" in fields else []
        near = self.entries_by_language(fields["not_near"]) if "not_near" in fields else []
        alone = self.entries_by_language(fields["alone"]) if "alone" in fields else []
        past = self.entries_by_language(fields["past"]) if "past" in fields else []
        check = self.entries_by_language(fields["check"]) if "check" in fields else []
        check_together = (
            self.together(fields["check_together"]) if "check_together" in fields else []
        )
        if not phrases and not together and not alone:
            raise self.fail(root, f"emergency '{kind}' needs 'phrases:' or 'together:' entries")
        return EmergencyLexicon(
            kind=kind,
            priority=priority,
            phrases=tuple(phrases),
            together=tuple(together),
            exceptions=tuple(exceptions),
            exceptions_near=tuple(near),
            alone=tuple(alone),
            past=tuple(past),
            check=tuple(check),
            check_together=tuple(check_together),
            topic=self.choice(fields["topic"], AREAS, "topic") if "topic" in fields else None,
        )

    def smalltalk(self, root: yaml.MappingNode) -> dict[str, list[Entry]]:
        fields = self.mapping(root, allowed=("smalltalk",), required=("smalltalk",))
        intents = self.mapping(fields["smalltalk"], allowed=INTENTS, required=())
        return {intent: self.entries_by_language(node) for intent, node in intents.items()}

    def languages(self, root: yaml.MappingNode) -> dict[str, list[Entry]]:
        fields = self.mapping(root, allowed=_LANGUAGE_FILE_KEYS, required=("languages",))
        by_language = self.mapping(fields["languages"], allowed=LANGUAGES, required=())
        return {
            language: [self.entry(item, language) for item in self.sequence(node)]
            for language, node in by_language.items()
        }

    def since(self, root: yaml.MappingNode) -> list[Entry]:
        fields = self.mapping(root, allowed=_LANGUAGE_FILE_KEYS, required=("languages",))
        return self.entries_by_language(fields["since"]) if "since" in fields else []

    def dictated(self, root: yaml.MappingNode) -> list[Entry]:
        fields = self.mapping(root, allowed=_LANGUAGE_FILE_KEYS, required=("languages",))
        entries = self.entries_by_language(fields["dictated"]) if "dictated" in fields else []
        for entry, node in zip(entries, _items(fields.get("dictated")), strict=False):
            if " " in entry.text or "*" in entry.text or "=" in entry.text:
                raise self.fail(node, f"entry '{entry.text}': write one plain word per entry")
        return entries

    def context(self, root: yaml.MappingNode) -> dict[str, list[Entry]]:
        fields = self.mapping(root, allowed=_LANGUAGE_FILE_KEYS, required=("languages",))
        return {key: self.entries_by_language(fields[key]) for key in CONTEXT_KEYS if key in fields}

    # --- building blocks ----------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"expected a mapping with keys {', '.join(allowed)}")
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in allowed:
                raise self.fail(key_node, f"unknown key '{key}'{_did_you_mean(key, allowed)}")
            if key in out:
                raise self.fail(key_node, f"key '{key}' appears twice; merge the two lists")
            out[key] = value_node
        for key in required:
            if key not in out:
                raise self.fail(node, f"missing key '{key}'")
        return out

    def sequence(self, node: yaml.Node) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "expected a list (lines starting with '- ' or [a, b, c])")
        return list(node.value)

    def choice(self, node: yaml.Node, allowed: tuple[str, ...], what: str) -> str:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if value not in allowed:
            raise self.fail(
                node,
                f"unknown {what} '{value}'{_did_you_mean(str(value), allowed)}; "
                f"use one of: {' '.join(allowed)}",
            )
        return str(value)

    def integer(self, node: yaml.Node) -> int:
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        if not str(value).isdigit():
            raise self.fail(node, f"expected a whole number, got '{value}'")
        return int(value)

    def languages_of(self, node: yaml.Node, allow_any: bool) -> Iterator[tuple[str, yaml.Node]]:
        allowed = (*LANGUAGES, ANY_LANGUAGE) if allow_any else LANGUAGES
        yield from self.mapping(node, allowed=allowed, required=()).items()

    def entries_by_language(self, node: yaml.Node, allow_any: bool = False) -> list[Entry]:
        return [
            self.entry(item, language)
            for language, items in self.languages_of(node, allow_any)
            for item in self.sequence(items)
        ]

    def together(self, node: yaml.Node) -> list[TogetherRule]:
        rules: list[TogetherRule] = []
        for language, items in self.languages_of(node, allow_any=False):
            for rule_node in self.sequence(items):
                groups_nodes = self.sequence(rule_node)
                if len(groups_nodes) < 2:
                    raise self.fail(rule_node, "a 'together' rule needs at least two word groups")
                groups = tuple(
                    tuple(self.entry(item, language) for item in self.sequence(group))
                    for group in groups_nodes
                )
                rules.append(TogetherRule(groups, language, self.where(rule_node)))
        return rules

    def entry(self, node: yaml.Node, language: str) -> Entry:
        if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
            raise self.fail(node, "expected a word or phrase, got a list or mapping")
        text = node.value.strip()
        problem = entry_problem(text)
        if problem:
            raise self.fail(node, f"entry '{text}': {problem}")
        return Entry(text=text, language=language, source=self.where(node))


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    """The entry nodes of a mapping from language to lists, in order (for error lines)."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [
        item
        for _, items in node.value
        if isinstance(items, yaml.SequenceNode)
        for item in items.value
    ]


def entry_problem(text: str) -> str | None:
    """Why an entry cannot be matched, or None when it is fine."""
    if not normalize(text.replace("*", " ").replace("=", " ")):
        return "is empty after normalisation; write letters or digits"
    for word in text.split():
        core = word.lstrip("=").strip("*")
        letters = normalize(core).replace(" ", "")
        if "*" in core or "=" in core:
            return f"'{word}': '*' may only start or end a word and '=' only start it"
        if word.startswith("=") and "*" in word:
            return f"'{word}': use either '=' (exact) or '*' (stem), not both"
        if word.endswith("*") and len(letters) < _MIN_STEM_LETTERS:
            return f"'{word}': a stem needs at least {_MIN_STEM_LETTERS} letters"
        if word.startswith("*") and len(letters) < _MIN_AFFIX_LETTERS:
            return f"'{word}': an ending needs at least {_MIN_AFFIX_LETTERS} letters"
    return None


def _did_you_mean(value: str, options: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, options, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _display(path: pathlib.Path) -> str:
    try:
        return str(path.resolve().relative_to(pathlib.Path.cwd()))
    except ValueError:
        return str(path)
