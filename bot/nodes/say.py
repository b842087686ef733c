"""`say`: show a text, then go on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.nodes.base import Go, Link, Move, Node, NodeParser, Text

if TYPE_CHECKING:
    from bot.engine.run import Run


@dataclass(frozen=True)
class Say(Node):
    key = "say"
    text: Text
    next: str

    @classmethod
    def parse(cls, p: NodeParser) -> Say | None:
        text, nxt = p.text("say"), p.next_node()
        return cls(p.node_id, p.line(), text, nxt) if text and nxt else None

    def texts(self) -> Iterable[Text]:
        return (self.text,)

    def links(self) -> Iterable[Link]:
        return (Link("node", self.next, self.line_of("next")),)

    def enter(self, run: Run) -> Move:
        run.say_source(self.text.source)
        return Go(self.next)
