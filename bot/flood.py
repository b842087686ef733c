"""Per-user flood protection: one polite notice, then silence until the person slows down."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum

from bot.clock import Clock


class Verdict(Enum):
    ALLOW = "allow"
    NOTICE = "notice"
    DROP = "drop"


@dataclass
class FloodGuard:
    clock: Clock
    limit: int = 8
    window: float = 5.0
    enabled: bool = True  # off for the terminal, where scripted input arrives all at once
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _noticed: set[str] = field(default_factory=set)
    _swept_at: float = 0.0

    def __len__(self) -> int:
        """People remembered right now (only those active within the last window)."""
        return len(self._seen)

    def check(self, user: str) -> Verdict:
        """ALLOW the message, NOTICE (answer once that they are too fast) or DROP it.
        Texts and button presses count alike."""
        if not self.enabled:
            return Verdict.ALLOW
        now = self.clock.monotonic()
        if now - self._swept_at > self.window:
            self.forget_idle()
            self._swept_at = now
        times = self._seen.setdefault(user, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        times.append(now)
        if len(times) <= self.limit:
            self._noticed.discard(user)
            return Verdict.ALLOW
        if user in self._noticed:
            return Verdict.DROP
        self._noticed.add(user)
        return Verdict.NOTICE

    def forget_idle(self) -> None:
        """Drop everybody idle for longer than the window (called by `check` once a window,
        so memory follows the people active now, never everybody ever seen)."""
        now = self.clock.monotonic()
        idle = [u for u, t in self._seen.items() if not t or now - t[-1] > self.window]
        for user in idle:
            self._seen.pop(user, None)
            self._noticed.discard(user)
