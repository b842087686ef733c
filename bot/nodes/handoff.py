"""`handoff`: pass the collected answers to a counsellor request."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.events import HandoffRequested
from bot.nodes.base import Go, Link, Move, Node, NodeParser

if TYPE_CHECKING:
    from bot.engine.run import Run

GENERAL_TOPIC = "general"


@dataclass(frozen=True)
class Handoff(Node):
    """`handoff: housing` fixes the topic; any other value uses the saved answer `topic`.
    `forget: [phone, name]` removes answers from the session once they are in the request."""

    key = "handoff"
    topic: str
    next: str
    forget: tuple[str, ...] = ()

    @classmethod
    def parse(cls, p: NodeParser) -> Handoff | None:
        topic = p.ident("handoff", p.get("handoff"), p.line("handoff"))
        nxt = p.next_node()
        names = p.sequence("forget") if "forget" in p.raw else ()
        forget = tuple(
            n for n in (p.ident("forget", v, p.line("forget")) for v in names or ()) if n
        )
        return cls(p.node_id, p.line(), topic, nxt, forget) if topic and nxt else None

    def links(self) -> Iterable[Link]:
        return (Link("node", self.next, self.line_of("next")),)

    def enter(self, run: Run) -> Move:
        from bot.content.model import LIFE_AREAS

        answers = dict(run.session.answers)
        topic = self.topic if self.topic in LIFE_AREAS else answers.get("topic", GENERAL_TOPIC)
        urgent = answers.get("urgent") == "yes" or answers.get("urgency") == "urgent"
        run.emit(
            HandoffRequested(topic=topic, answers=answers, language=run.language, urgent=urgent)
        )
        for name in self.forget:  # kept in the request only: the chat needs them no more
            run.session.answers.pop(name, None)
        return Go(self.next)
