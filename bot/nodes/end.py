"""`end`: close the flow; the person always gets buttons to the menu and to a counsellor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.messages import Choice
from bot.nodes.base import NodeParser, Text, WaitingNode

if TYPE_CHECKING:
    from bot.engine.run import Run


@dataclass(frozen=True)
class End(WaitingNode):
    key = "end"
    text: Text | None = None

    @classmethod
    def parse(cls, p: NodeParser) -> End:
        value = p.get("end")
        text = None if value in (None, True) else p.text("end")
        return cls(p.node_id, p.line(), text)

    def texts(self) -> Iterable[Text]:
        return (self.text,) if self.text else ()

    def ends_path(self) -> bool:
        return True

    def question_text(self, run: Run) -> str:
        return run.translate(self.text.source) if self.text else run.ui("end_default")

    def buttons(self, run: Run) -> tuple[Choice, ...]:
        return run.global_choices("menu", "human")
