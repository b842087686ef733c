"""Per-key serialisation: one FIFO lock per key (a person, a chat), forgotten when unused."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager


class KeyedLocks:
    """One FIFO lock per key, created on first use and dropped when nobody holds or waits,
    so memory grows with the people active right now, never with everybody ever seen."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._users: dict[Hashable, int] = {}

    def __len__(self) -> int:
        return len(self._locks)

    def waiting(self, key: Hashable) -> int:
        """How many tasks hold or wait for `key` (0 when unused)."""
        return self._users.get(key, 0)

    @asynccontextmanager
    async def hold(self, key: Hashable) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if self._users[key] == 0:
                del self._users[key]
                del self._locks[key]
