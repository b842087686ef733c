"""The turn being built: session copy, replies and events, with translation helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast

from bot.content.model import RTL_LANGUAGES, Content
from bot.engine.understanding import Understood
from bot.events import Event
from bot.i18n.direction import mark_rtl
from bot.messages import Choice, Reply
from bot.session import Position, Session

_T = TypeVar("_T")


@dataclass
class Run:
    content: Content
    session: Session
    replies: list[Reply] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # The emergency kind of a message whose check question was answered "no": if the message
    # then answers nothing, its kind's information is shown instead of "not understood".
    checked_kind: str | None = None
    # What understanding made of a text in this turn, by (text, language): asked once per turn.
    _understood: dict[tuple[str, str | None], Understood] = field(default_factory=dict, repr=False)
    # Other results worked out from this turn's words, by key (`once`); gone with the turn.
    _once: dict[tuple[str, ...], object] = field(default_factory=dict, repr=False)

    @property
    def language(self) -> str:
        return self.session.language

    @property
    def position(self) -> Position:
        assert self.session.position is not None, "the engine always sets a position first"
        return self.session.position

    def understood(self, text: str, language: str | None) -> Understood:
        """The content's understanding of `text` (in `language`, None: any), worked out once
        per turn however many steps of the turn ask. Only call it when content has one."""
        key = (text, language)
        found = self._understood.get(key)
        if found is None:
            assert self.content.understanding is not None
            found = self._understood[key] = self.content.understanding.understand(text, language)
        return found

    def once(self, key: tuple[str, ...], build: Callable[[], _T]) -> _T:
        """`build()`'s result for `key` (strings naming the question and the words asked
        about), worked out once per turn: several steps of one turn may ask the same, e.g. which
        choice of a flow's first question the words name. The caller keys one kind of result
        per first key string."""
        if key not in self._once:
            self._once[key] = build()
        return cast(_T, self._once[key])

    def translate(self, source: str) -> str:
        return self.content.catalogs.translate(source, self.language)[0]

    def ui(self, key: str) -> str:
        text = self.content.ui.get(key)
        return self.translate(text.source) if text else key

    def say(self, text: str, choices: Sequence[Choice] = ()) -> None:
        """Add a reply; `text` and choice labels are already in the person's language."""
        rtl = self.language in RTL_LANGUAGES
        shown = tuple(_direction(c, rtl) for c in choices)
        self.replies.append(
            Reply(
                text=mark_rtl(text) if rtl else text, choices=shown, language=self.language, rtl=rtl
            )
        )

    def say_source(self, source: str, choices: Sequence[Choice] = ()) -> None:
        self.say(self.translate(source), choices)

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def global_choices(self, *keys: str) -> tuple[Choice, ...]:
        """Buttons that work anywhere: 'menu', 'human', 'start', 'back'."""
        return tuple(Choice(id=key, label=self.ui(f"button_{key}")) for key in keys)


def _direction(choice: Choice, rtl: bool) -> Choice:
    if not rtl:
        return choice
    return Choice(
        id=choice.id,
        label=mark_rtl(choice.label),
        short=mark_rtl(choice.short) if choice.short else None,
        description=mark_rtl(choice.description) if choice.description else None,
    )
