"""`goto`: continue in another flow; with `next`, come back there on `return`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.nodes.base import GoFlow, Link, Move, Node, NodeParser

if TYPE_CHECKING:
    from bot.engine.run import Run


def parse_target(
    p: NodeParser, key: str, value: object, line: int
) -> tuple[str, str | None] | None:
    """'flow' or 'flow.node' -> (flow, node)."""
    if not isinstance(value, str):
        p.error(line, f"'{key}' must name a flow like 'health' or 'health.start', found {value!r}")
        return None
    flow, _, node = value.partition(".")
    if not p.ident(key, flow, line) or (node and not p.ident(key, node, line)):
        return None
    return flow, node or None


@dataclass(frozen=True)
class Goto(Node):
    key = "goto"
    flow: str
    target_node: str | None
    target_line: int
    next: str | None

    @classmethod
    def parse(cls, p: NodeParser) -> Goto | None:
        target = parse_target(p, "goto", p.get("goto"), p.line("goto"))
        nxt = p.next_node(required=False) if "next" in p.raw else None
        if target is None:
            return None
        return cls(p.node_id, p.line(), target[0], target[1], p.line("goto"), nxt)

    def links(self) -> Iterable[Link]:
        yield Link("flow", self.flow, self.target_line, self.target_node)
        if self.next:
            yield Link("node", self.next, self.line_of("next"))

    def ends_path(self) -> bool:
        return True

    def enter(self, run: Run) -> Move:
        return GoFlow(self.flow, self.target_node, come_back_to=self.next)
