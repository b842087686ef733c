"""`set`: store values without asking, then go on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.nodes.base import Go, Link, Move, Node, NodeParser

if TYPE_CHECKING:
    from bot.engine.run import Run


@dataclass(frozen=True)
class SetValues(Node):
    """`set: {contact: chat}` stores values; optional `forget: [phone]` removes answers the
    way on no longer needs (a phone number once the person wants only the chat)."""

    key = "set"
    values: tuple[tuple[str, str], ...]
    next: str
    forget: tuple[str, ...] = ()

    @classmethod
    def parse(cls, p: NodeParser) -> SetValues | None:
        raw = p.mapping("set")
        nxt = p.next_node()
        if raw is None or nxt is None:
            return None
        values = []
        for name, value in raw.items():
            if p.ident("set", name, raw.line_of(name)):
                values.append((name, "" if value is None else str(value)))
        names = p.sequence("forget") if "forget" in p.raw else ()
        forget = tuple(
            n for n in (p.ident("forget", v, p.line("forget")) for v in names or ()) if n
        )
        return cls(p.node_id, p.line(), tuple(values), nxt, forget)

    def links(self) -> Iterable[Link]:
        return (Link("node", self.next, self.line_of("next")),)

    def enter(self, run: Run) -> Move:
        for name in self.forget:
            run.session.answers.pop(name, None)
        run.session.answers.update(self.values)
        return Go(self.next)
