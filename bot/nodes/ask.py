"""`ask`: a question with buttons; each choice leads somewhere."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.content.yamlsrc import LinedDict
from bot.events import AnswerSaved
from bot.messages import Choice
from bot.nodes.base import Go, GoFlow, Link, Move, NodeParser, Text, WaitingNode
from bot.nodes.goto import parse_target

if TYPE_CHECKING:
    from bot.engine.run import Run

CHOICE_KEYS = {
    "id", "text", "short", "description", "also", "next", "goto", "urgent", "set", "between",
}  # fmt: skip
# `also`: words people type for this choice, separated by commas (translated like all texts).
# `between: [0, 26]`: a number typed with words ("24 years", «عمري ٢٤») inside these bounds
# (inclusive) picks this choice; a bare number stays the button's number.
SYNONYM_SEPARATORS = (",", ";", "،", "؛")


@dataclass(frozen=True)
class AskChoice:
    id: str
    line: int
    text: Text
    short: Text | None = None
    description: Text | None = None
    next: str | None = None
    goto: tuple[str, str | None] | None = None
    urgent: bool = False
    values: tuple[tuple[str, str], ...] = ()
    also: Text | None = None
    between: tuple[float, float] | None = None

    def texts(self) -> Iterable[Text]:
        return (t for t in (self.text, self.short, self.description, self.also) if t)


@dataclass(frozen=True)
class Ask(WaitingNode):
    key = "ask"
    question: Text
    choices: tuple[AskChoice, ...]
    save: str | None = None
    label: Text | None = None
    # May the words that open this flow answer this question (`bot.engine.first_answer`)?
    # `from_words: false` where people name answers they do not hold ("waiting for my
    # Aufenthaltserlaubnis", "my brother has a Duldung").
    from_words: bool = True

    @classmethod
    def parse(cls, p: NodeParser) -> Ask | None:
        question = p.text("ask")
        save = p.ident("save", p.get("save"), p.line("save")) if "save" in p.raw else None
        label = p.text("label", required=save is not None)
        from_words = p.get("from_words", True)
        if not isinstance(from_words, bool):
            p.error(
                p.line("from_words"), f"'from_words' must be true or false, found {from_words!r}"
            )
            from_words = True
        raw = p.sequence("choices")
        if question is None or raw is None:
            return None
        choices = tuple(c for c in (_choice(p, item) for item in raw) if c)
        _check_unique(p, choices)
        return cls(p.node_id, p.line(), question, choices, save, label, from_words)

    def texts(self) -> Iterable[Text]:
        yield self.question
        if self.label:
            yield self.label
        for choice in self.choices:
            yield from choice.texts()

    def links(self) -> Iterable[Link]:
        for choice in self.choices:
            if choice.next:
                yield Link("node", choice.next, choice.line)
            if choice.goto:
                yield Link("flow", choice.goto[0], choice.line, choice.goto[1])

    def ends_path(self) -> bool:
        return any(c.goto for c in self.choices)

    def question_text(self, run: Run) -> str:
        return run.translate(self.question.source)

    def buttons(self, run: Run) -> tuple[Choice, ...]:
        base = f"{run.position.flow}.{self.id}."
        return tuple(
            Choice(
                id=base + c.id,
                label=run.translate(c.text.source),
                short=run.translate(c.short.source) if c.short else None,
                description=run.translate(c.description.source) if c.description else None,
            )
            for c in self.choices
        )

    def choose(self, run: Run, choice_id: str) -> Move | None:
        choice = next((c for c in self.choices if c.id == choice_id), None)
        if choice is None:
            return None
        if self.save:
            run.session.answers[self.save] = choice.id
            run.emit(AnswerSaved(self.save, choice.id))
        run.session.answers.update(choice.values)
        if choice.urgent:
            run.session.answers["urgent"] = "yes"
        if choice.goto:
            return GoFlow(choice.goto[0], choice.goto[1])
        assert choice.next is not None
        return Go(choice.next)


def _choice(p: NodeParser, item: object) -> AskChoice | None:
    if not isinstance(item, LinedDict):
        p.error(
            p.line("choices"),
            f"each choice must be a mapping with 'id', 'text' and 'next', found {item!r}",
        )
        return None
    for key in item:
        if key not in CHOICE_KEYS:
            from bot.content.problems import suggestion

            p.error(
                item.line_of(key), f"unknown key '{key}' in a choice{suggestion(key, CHOICE_KEYS)}"
            )
    choice_id = p.ident("id", item.get("id"), item.line_of("id"))
    text = p.text("text", source=item.get("text")) if "text" in item else None
    if text is None:
        p.error(item.line, "a choice needs 'text' (the German button label)")
    short = p.text("short", source=item["short"]) if "short" in item else None
    description = (
        p.text("description", source=item["description"]) if "description" in item else None
    )
    also = p.text("also", source=item["also"]) if "also" in item else None
    nxt = p.ident("next", item["next"], item.line_of("next")) if "next" in item else None
    goto = parse_target(p, "goto", item["goto"], item.line_of("goto")) if "goto" in item else None
    if ("next" in item) == ("goto" in item):
        p.error(item.line, f"choice '{item.get('id')}' needs exactly one of 'next' or 'goto'")
        return None
    values = item.get("set") or {}
    if not isinstance(values, dict):
        p.error(item.line_of("set"), "'set' in a choice must be a mapping like {name: value}")
        values = {}
    between = _between(p, item)
    if choice_id is None or text is None:
        return None
    return AskChoice(
        id=choice_id,
        line=item.line,
        text=Text(text.source, item.line_of("text")),
        short=_fix_line(short, item, "short"),
        description=_fix_line(description, item, "description"),
        next=nxt,
        goto=goto,
        urgent=item.get("urgent") is True,
        values=tuple((str(k), str(v)) for k, v in values.items()),
        also=_fix_line(also, item, "also"),
        between=between,
    )


def _between(p: NodeParser, item: LinedDict) -> tuple[float, float] | None:
    """`between: [low, high]` of a choice, or None (with a problem naming the line if wrong)."""
    if "between" not in item:
        return None
    raw = item["between"]
    numbers = raw if isinstance(raw, list) else []
    if len(numbers) != 2 or not all(
        isinstance(n, int | float) and not isinstance(n, bool) for n in numbers
    ):
        p.error(
            item.line_of("between"), f"'between' must be two numbers like [0, 26], found {raw!r}"
        )
        return None
    low, high = float(numbers[0]), float(numbers[1])
    if low > high:
        p.error(item.line_of("between"), f"'between' goes from low to high, found {raw!r}")
        return None
    return low, high


def synonyms(text: str) -> list[str]:
    """The single synonyms of an `also` text ("Ja, ok, klar" -> ["Ja", "ok", "klar"])."""
    for separator in SYNONYM_SEPARATORS[1:]:
        text = text.replace(separator, SYNONYM_SEPARATORS[0])
    return [word.strip() for word in text.split(SYNONYM_SEPARATORS[0]) if word.strip()]


def _fix_line(text: Text | None, item: LinedDict, key: str) -> Text | None:
    return Text(text.source, item.line_of(key)) if text else None


def _check_unique(p: NodeParser, choices: tuple[AskChoice, ...]) -> None:
    seen: dict[str, int] = {}
    for choice in choices:
        if choice.id in seen:
            p.error(
                choice.line,
                f"choice id '{choice.id}' is used twice (first at line {seen[choice.id]}); rename one",
            )
        seen.setdefault(choice.id, choice.line)
