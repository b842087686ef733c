"""`branch`: pick the next node from saved answers or the language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.content.yamlsrc import LinedDict, LinedList
from bot.nodes.base import Go, Link, Move, Node, NodeParser

if TYPE_CHECKING:
    from bot.engine.run import Run


@dataclass(frozen=True)
class Case:
    when: tuple[tuple[str, frozenset[str]], ...]
    next: str
    line: int

    def matches(self, facts: dict[str, str]) -> bool:
        return all(facts.get(name) in values for name, values in self.when)


@dataclass(frozen=True)
class Branch(Node):
    key = "branch"
    cases: tuple[Case, ...]
    otherwise: str
    otherwise_line: int

    @classmethod
    def parse(cls, p: NodeParser) -> Branch | None:
        raw = p.sequence("branch")
        if raw is None:
            return None
        cases: list[Case] = []
        otherwise: tuple[str, int] | None = None
        for item in raw:
            line = item.line if isinstance(item, LinedDict) else raw.line
            if isinstance(item, LinedDict) and "otherwise" in item and len(item) == 1:
                target = p.ident("otherwise", item["otherwise"], item.line_of("otherwise"))
                otherwise = (target, line) if target else otherwise
                continue
            case = _case(p, item, line)
            if case:
                cases.append(case)
        if otherwise is None:
            p.error(
                p.line("branch"),
                "has no '- otherwise: <node id>' as its last case; add one so nobody gets stuck",
            )
            return None
        return cls(p.node_id, p.line(), tuple(cases), otherwise[0], otherwise[1])

    def links(self) -> Iterable[Link]:
        yield from (Link("node", c.next, c.line) for c in self.cases)
        yield Link("node", self.otherwise, self.otherwise_line)

    def enter(self, run: Run) -> Move:
        return Go(self.target({**run.session.answers, "language": run.language}))

    def target(self, facts: dict[str, str]) -> str:
        """The node the saved answers (and the language) lead to."""
        return next((case.next for case in self.cases if case.matches(facts)), self.otherwise)


def _case(p: NodeParser, item: object, line: int) -> Case | None:
    if not isinstance(item, LinedDict) or set(item) != {"when", "next"}:
        p.error(line, "each case must have exactly 'when: {name: [values]}' and 'next: <node id>'")
        return None
    when = item["when"]
    target = p.ident("next", item["next"], item.line_of("next"))
    if not isinstance(when, LinedDict) or not when:
        p.error(item.line_of("when"), "'when' must be a mapping like {place: [pirna, ssoe]}")
        return None
    tests = []
    for name, values in when.items():
        listed = values if isinstance(values, LinedList | list) else [values]
        tests.append(
            (
                str(name),
                frozenset(str(v).lower() if isinstance(v, bool) else str(v) for v in listed),
            )
        )
    return Case(tuple(tests), target, line) if target else None
