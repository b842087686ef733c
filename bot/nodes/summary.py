"""`summary`: show the collected answers and let the person send them or change them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.messages import Choice
from bot.nodes.base import Go, Link, Move, NodeParser, Text, WaitingNode

if TYPE_CHECKING:
    from bot.engine.run import Run


@dataclass(frozen=True)
class Summary(WaitingNode):
    """Lists the saved answers named in `fields`; `confirm` and `change` are button texts.

    `confirm_also` and `change_also` (optional, comma-separated like a choice's `also`) are the
    words people type for the two buttons ("abschicken", «بفرست», "alles richtig").
    """

    key = "summary"
    text: Text
    fields: tuple[str, ...]
    confirm: Text
    change: Text
    next: str
    change_to: str
    confirm_also: Text | None = None
    change_also: Text | None = None

    @classmethod
    def parse(cls, p: NodeParser) -> Summary | None:
        text, confirm, change = p.text("summary"), p.text("confirm"), p.text("change")
        raw_fields = p.sequence("fields")
        fields = tuple(
            f for f in (p.ident("fields", v, p.line("fields")) for v in raw_fields or ()) if f
        )
        nxt = p.next_node()
        change_to = p.ident("change_to", p.get("change_to"), p.line("change_to"))
        confirm_also = p.text("confirm_also", required=False)
        change_also = p.text("change_also", required=False)
        if not (text and confirm and change and raw_fields and nxt and change_to):
            return None
        return cls(
            p.node_id,
            p.line(),
            text,
            fields,
            confirm,
            change,
            nxt,
            change_to,
            confirm_also,
            change_also,
        )

    def texts(self) -> Iterable[Text]:
        extra = (t for t in (self.confirm_also, self.change_also) if t)
        return (self.text, self.confirm, self.change, *extra)

    def links(self) -> Iterable[Link]:
        yield Link("node", self.next, self.line_of("next"))
        yield Link("node", self.change_to, self.line_of("change_to"))

    def question_text(self, run: Run) -> str:
        from bot.engine.answers import describe_answers

        wanted = {
            name: run.session.answers[name] for name in self.fields if name in run.session.answers
        }
        rows = describe_answers(run.content, wanted, run.language)
        listing = "\n".join(f"• {label}: {value}" for label, value in rows)
        return f"{run.translate(self.text.source)}\n\n{listing}"

    def buttons(self, run: Run) -> tuple[Choice, ...]:
        base = f"{run.position.flow}.{self.id}."
        return (
            Choice(base + "send", run.translate(self.confirm.source)),
            Choice(base + "change", run.translate(self.change.source)),
        )

    def choose(self, run: Run, choice_id: str) -> Move | None:
        if choice_id == "send":
            return Go(self.next)
        if choice_id == "change":
            return Go(self.change_to)
        return None
