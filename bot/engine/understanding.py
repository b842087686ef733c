"""The seam where free-text understanding plugs into the engine."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Understood(Protocol):
    area: str | None
    emergency: str | None
    intent: str | None
    language: str | None
    score: float
    candidates: tuple[tuple[str, float], ...]
    check: str | None  # the emergency kind a check question would lead to (uncertain signal)

    @property
    def unsure(self) -> bool: ...


class Understanding(Protocol):
    def understand(self, text: str, language: str | None = None) -> Understood: ...

    def match_choice(
        self, text: str, options: Sequence[tuple[str, Sequence[str]]]
    ) -> str | None: ...
