"""`info`: show a knowledge entry, then go on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.nodes.base import Go, Link, Move, Node, NodeParser

if TYPE_CHECKING:
    from bot.engine.run import Run


@dataclass(frozen=True)
class Info(Node):
    key = "info"
    entry: str
    entry_line: int
    next: str

    @classmethod
    def parse(cls, p: NodeParser) -> Info | None:
        entry = p.ident("info", p.get("info"), p.line("info"))
        nxt = p.next_node()
        return cls(p.node_id, p.line(), entry, p.line("info"), nxt) if entry and nxt else None

    def links(self) -> Iterable[Link]:
        return (
            Link("knowledge", self.entry, self.entry_line),
            Link("node", self.next, self.line_of("next")),
        )

    def enter(self, run: Run) -> Move:
        entry = run.content.knowledge[self.entry]
        body = run.translate(entry.text.source)
        if entry.title:
            body = f"{run.translate(entry.title.source)}\n\n{body}"
        run.say(body)
        return Go(self.next)
