"""What every node type shares: texts, links, parse helpers and the moves a node can make."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from bot.content.problems import Problem
from bot.content.yamlsrc import LinedDict, LinedList

if TYPE_CHECKING:
    from bot.engine.run import Run
    from bot.messages import Choice

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Text:
    """A German source text and the line it stands on."""

    source: str
    line: int


@dataclass(frozen=True)
class Link:
    """A reference from a node to a node, a flow or a knowledge entry."""

    kind: Literal["node", "flow", "knowledge"]
    target: str
    line: int
    node: str | None = None  # for kind 'flow': an optional node inside that flow


# Moves a node returns after running.
@dataclass(frozen=True)
class Go:
    node: str


@dataclass(frozen=True)
class GoFlow:
    flow: str
    node: str | None = None
    come_back_to: str | None = None


@dataclass(frozen=True)
class Wait:
    pass


@dataclass(frozen=True)
class Return:
    pass


Move = Go | GoFlow | Wait | Return
WAIT = Wait()
RETURN = Return()


@dataclass(frozen=True)
class Node:
    """Base of all node types. `key` is the YAML key that names the type."""

    key: ClassVar[str] = ""
    waits: ClassVar[bool] = False
    id: str
    line: int
    key_lines: tuple[tuple[str, int], ...] = field(default=(), kw_only=True, compare=False)

    def line_of(self, key: str) -> int:
        return dict(self.key_lines).get(key, self.line)

    def texts(self) -> Iterable[Text]:
        return ()

    def links(self) -> Iterable[Link]:
        return ()

    def successors(self) -> Iterable[str]:
        """Node ids of this flow that can follow this node."""
        return (link.target for link in self.links() if link.kind == "node")

    def ends_path(self) -> bool:
        """True when the node legitimately has no successor in this flow."""
        return False

    def enter(self, run: Run) -> Move:
        raise NotImplementedError


@dataclass(frozen=True)
class WaitingNode(Node):
    """A node that shows a question with buttons and waits for the person's answer."""

    waits: ClassVar[bool] = True

    def question_text(self, run: Run) -> str:
        raise NotImplementedError

    def buttons(self, run: Run) -> tuple[Choice, ...]:
        raise NotImplementedError

    def prompt(self, run: Run, prefix: str | None = None) -> None:
        """The question, after `prefix` (an explanation) when given."""
        text = self.question_text(run)
        run.say(f"{prefix}\n\n{text}" if prefix else text, self.buttons(run))

    def enter(self, run: Run) -> Move:
        self.prompt(run)
        return WAIT


@dataclass
class NodeParser:
    """Reads one node's mapping and collects problems with file and line."""

    file: str
    node_id: str
    raw: LinedDict
    implicit_next: str | None
    problems: list[Problem] = field(default_factory=list)
    allowed: set[str] = field(default_factory=set)

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message, node=self.node_id))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message, "warning", node=self.node_id))

    def line(self, key: str | None = None) -> int:
        return self.raw.line_of(key) if key else self.raw.line

    def get(self, key: str, default: Any = None) -> Any:
        self.allowed.add(key)
        return self.raw.get(key, default)

    def text(self, key: str, *, required: bool = True, source: Any = None) -> Text | None:
        self.allowed.add(key)
        value = self.raw.get(key) if source is None else source
        if value is None:
            if required:
                self.error(self.line(), f"'{key}' is missing; expected a German text")
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.error(self.line(key), f"'{key}' must be a text, found {_kind(value)}")
            return None
        text = str(value).strip()
        if not text:
            self.error(self.line(key), f"'{key}' is empty; expected a German text")
            return None
        return Text(text, self.line(key))

    def ident(self, key: str, value: Any, line: int) -> str | None:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.error(
                line,
                f"'{key}' must be a plain lower-case ASCII id like 'my_answer', found {value!r}",
            )
            return None
        return value

    def next_node(self, *, required: bool = True) -> str | None:
        """The explicit `next`, else the node below (when the type allows it)."""
        self.allowed.add("next")
        value = self.raw.get("next")
        if value is None:
            if self.implicit_next is None and required:
                self.error(
                    self.line(),
                    "has no 'next' and is the last node of the flow; add 'next: <node id>'",
                )
            return self.implicit_next
        return self.ident("next", value, self.line("next"))

    def mapping(self, key: str) -> LinedDict | None:
        self.allowed.add(key)
        value = self.raw.get(key)
        if not isinstance(value, LinedDict):
            self.error(
                self.line(key), f"'{key}' must be a mapping (name: value), found {_kind(value)}"
            )
            return None
        return value

    def sequence(self, key: str) -> LinedList | None:
        self.allowed.add(key)
        value = self.raw.get(key)
        if not isinstance(value, LinedList) or not value:
            self.error(
                self.line(key),
                f"'{key}' must be a list with at least one item, found {_kind(value)}",
            )
            return None
        return value

    def check_unknown_keys(self, known_everywhere: set[str]) -> None:
        from bot.content.problems import suggestion

        for key in self.raw:
            if key not in self.allowed and key not in known_everywhere:
                hint = suggestion(key, self.allowed | known_everywhere)
                self.error(self.line(key), f"unknown key '{key}'{hint}")


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
