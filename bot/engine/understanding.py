"""The seam where free-text understanding plugs into the engine."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Understood(Protocol):
    """What the understanding found in one message (read-only: a frozen result)."""

    @property
    def area(self) -> str | None: ...

    @property
    def emergency(self) -> str | None: ...

    @property
    def intent(self) -> str | None: ...

    @property
    def language(self) -> str | None: ...

    @property
    def score(self) -> float: ...

    @property
    def candidates(self) -> tuple[tuple[str, float], ...]: ...

    @property
    def check(self) -> str | None:
        """The emergency kind a check question would lead to (an uncertain signal)."""
        ...

    @property
    def unsure(self) -> bool: ...


class Understanding(Protocol):
    def understand(self, text: str, language: str | None = None) -> Understood: ...

    def match_choice(
        self, text: str, options: Sequence[tuple[str, Sequence[str]]]
    ) -> str | None: ...

    def small_talk_words(self, intent: str) -> frozenset[str]:
        """Every normalised word of the small-talk entries of `intent` ("thanks"), all
        languages."""
        ...
