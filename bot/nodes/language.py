"""`language`: the language picker, skipped when the language is already confirmed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.i18n.languages import native_name
from bot.messages import Choice
from bot.nodes.base import Go, Link, Move, NodeParser, Text, WaitingNode

if TYPE_CHECKING:
    from bot.engine.run import Run

LANGUAGE_PREFIX = "lang."


@dataclass(frozen=True)
class Language(WaitingNode):
    key = "language"
    text: Text
    next: str

    @classmethod
    def parse(cls, p: NodeParser) -> Language | None:
        text, nxt = p.text("language"), p.next_node()
        return cls(p.node_id, p.line(), text, nxt) if text and nxt else None

    def texts(self) -> Iterable[Text]:
        return (self.text,)

    def links(self) -> Iterable[Link]:
        return (Link("node", self.next, self.line_of("next")),)

    def enter(self, run: Run) -> Move:
        if run.session.language_confirmed:
            return Go(self.next)
        return super().enter(run)

    def question_text(self, run: Run) -> str:
        return run.translate(self.text.source)

    def buttons(self, run: Run) -> tuple[Choice, ...]:
        return language_choices(run.content.languages, run.language)


def language_choices(languages: tuple[str, ...], first: str) -> tuple[Choice, ...]:
    """Native names, the current guess first."""
    ordered = sorted(languages, key=lambda lang: lang != first)
    return tuple(Choice(id=LANGUAGE_PREFIX + lang, label=native_name(lang)) for lang in ordered)
