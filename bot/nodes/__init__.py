"""Node types: one small frozen dataclass each, registered in this one table."""

from __future__ import annotations

from bot.nodes.ask import Ask
from bot.nodes.base import Node
from bot.nodes.branch import Branch
from bot.nodes.end import End
from bot.nodes.goto import Goto
from bot.nodes.handoff import Handoff
from bot.nodes.info import Info
from bot.nodes.input_node import Input
from bot.nodes.language import Language
from bot.nodes.ret import ReturnNode
from bot.nodes.say import Say
from bot.nodes.setvalues import SetValues
from bot.nodes.summary import Summary

NODE_TYPES: dict[str, type[Node]] = {
    kind.key: kind
    for kind in (
        Say,
        Ask,
        Input,
        Branch,
        SetValues,
        Goto,
        ReturnNode,
        Info,
        Language,
        Summary,
        Handoff,
        End,
    )
}
# Types whose `next` may be left out: the node below follows.
IMPLICIT_NEXT = frozenset({"say", "info", "set", "handoff", "language", "input"})

__all__ = ["IMPLICIT_NEXT", "NODE_TYPES", "Node"]
