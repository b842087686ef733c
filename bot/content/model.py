"""The loaded, checked content the engine runs on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.i18n.catalogs import Catalogs
from bot.nodes.base import Node, Text

if TYPE_CHECKING:
    from bot.engine.understanding import Understanding
    from bot.understand.typed_data import TypedData

from bot.domain import LANGUAGES, LIFE_AREAS, RTL_LANGUAGES

__all__ = ["LANGUAGES", "LIFE_AREAS", "RTL_LANGUAGES", "Content", "Entry", "Flow", "Office"]


@dataclass(frozen=True)
class Flow:
    id: str
    file: str
    line: int
    start: str
    nodes: Mapping[str, Node]
    area: str | None = None
    title: Text | None = None


@dataclass(frozen=True)
class Entry:
    """A knowledge entry: a fact the flows show."""

    id: str
    file: str
    line: int
    text: Text
    title: Text | None = None
    status: str | None = None
    verified_on: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Office:
    id: str
    file: str
    line: int
    name: str
    places: tuple[str, ...]
    topics: tuple[str, ...]
    outreach: bool = False
    status: str | None = None
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)  # identity: derived indexes are cached per loaded content
class Content:
    flows: Mapping[str, Flow]
    knowledge: Mapping[str, Entry]
    ui: Mapping[str, Text]
    offices: Mapping[str, Office]
    catalogs: Catalogs
    understanding: Understanding | None = None
    staff: Mapping[str, Text] = field(default_factory=dict)  # German texts for counsellors only
    flow_files: frozenset[str] = frozenset()  # every flow file, also those that failed to load
    languages: tuple[str, ...] = LANGUAGES
    typed: TypedData | None = None  # yes/no words and places for typed answers (knowledge/typed)

    def staff_text(self, key: str) -> str:
        text = self.staff.get(key)
        return text.source if text else key

    def node(self, flow: str, node: str) -> Node | None:
        found = self.flows.get(flow)
        return found.nodes.get(node) if found else None
