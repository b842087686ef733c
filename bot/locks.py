"""Per-key serialisation: one FIFO lock per key (a person, a chat), forgotten when unused."""

from __future__ import annotations

import asyncio
from collections.abc import Hashable


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

    def hold(self, key: Hashable) -> Held:
        """`async with locks.hold(key):` runs its body while no other task holds `key`; tasks
        get `key` in the order they asked for it. A task cancelled while waiting leaves no
        trace. (A class, not `@asynccontextmanager`: three to four of these per turn, and a
        generator-based context manager costs several times more.)"""
        return Held(self, key)

    def _enter(self, key: Hashable) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        self._users[key] = self._users.get(key, 0) + 1
        return lock

    def _leave(self, key: Hashable) -> None:
        users = self._users[key] - 1
        if users:
            self._users[key] = users
        else:
            del self._users[key]
            del self._locks[key]


class Held:
    """The holding of one key of a `KeyedLocks` (see `KeyedLocks.hold`)."""

    __slots__ = ("_key", "_lock", "_locks")

    def __init__(self, locks: KeyedLocks, key: Hashable) -> None:
        self._locks = locks
        self._key = key
        self._lock: asyncio.Lock | None = None

    async def __aenter__(self) -> None:
        lock = self._locks._enter(self._key)
        try:
            await lock.acquire()
        except BaseException:
            self._locks._leave(self._key)
            raise
        self._lock = lock

    async def __aexit__(self, *exc: object) -> None:
        assert self._lock is not None
        self._lock.release()
        self._lock = None
        self._locks._leave(self._key)
