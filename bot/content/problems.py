"""A problem found in content: where it is, what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    severity: Severity = "error"
    node: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        node = f" node '{self.node}':" if self.node else ""
        prefix = "" if self.severity == "error" else " warning:"
        return f"{where}:{prefix}{node} {self.message}"


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def suggestion(found: str, known: list[str] | set[str] | tuple[str, ...]) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''."""
    matches = get_close_matches(found, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
