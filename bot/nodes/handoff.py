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
    """`handoff: housing` fixes the topic; any other value uses the saved answer `topic`."""

    key = "handoff"
    topic: str
    next: str

    @classmethod
    def parse(cls, p: NodeParser) -> Handoff | None:
        topic = p.ident("handoff", p.get("handoff"), p.line("handoff"))
        nxt = p.next_node()
        return cls(p.node_id, p.line(), topic, nxt) if topic and nxt else None

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
        return Go(self.next)
