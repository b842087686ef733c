"""`return`: go back to where the last `goto` with `next` came from (else the menu)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.nodes.base import RETURN, Move, Node, NodeParser

if TYPE_CHECKING:
    from bot.engine.run import Run


@dataclass(frozen=True)
class ReturnNode(Node):
    key = "return"

    @classmethod
    def parse(cls, p: NodeParser) -> ReturnNode:
        p.get("return")
        return cls(p.node_id, p.line())

    def ends_path(self) -> bool:
        return True

    def enter(self, run: Run) -> Move:
        return RETURN
