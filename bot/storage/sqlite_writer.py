"""SQLite's one write connection, split by whether a statement can wait.

Inside an open write transaction (after `BEGIN IMMEDIATE`, SQLite's write lock held) a statement
never waits for a lock and touches only the page cache and the WAL file: it takes microseconds,
so `run` executes it at once on the caller's thread (a trip to another thread costs ~75 µs,
more than the statement). What can wait runs on the connection's own thread through `execute`
and `fetchall`: `BEGIN IMMEDIATE` (another process such as `python -m bot purge` may hold the
lock for up to the busy timeout), `COMMIT` (waits for fsync), checkpoints, migrations and
bulk deletions. The caller guarantees that only one of them uses the connection at a time
(`SqliteStorage` holds its lock for both).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

Params = Iterable[Any]


class Writer:
    """One `sqlite3.Connection` in autocommit mode (`isolation_level=None`, transactions are
    explicit) with its own thread for the statements that can wait."""

    def __init__(self, connection: sqlite3.Connection, thread: ThreadPoolExecutor) -> None:
        self._connection = connection
        self._thread = thread
        self._closed = False

    @classmethod
    async def open(cls, path: str, pragmas: Iterable[str]) -> Writer:
        """Connect on the connection's own thread and apply `pragmas` (statements)."""
        thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")

        def connect() -> sqlite3.Connection:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            for pragma in pragmas:
                connection.execute(pragma)
            return connection

        connection = await asyncio.get_running_loop().run_in_executor(thread, connect)
        return cls(connection, thread)

    def run(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        """Execute now, on this thread: only inside an open write transaction.
        Raises `sqlite3.Error` as SQLite does."""
        return self._connection.execute(sql, tuple(params))

    async def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        """Execute on the connection's thread (for statements that may wait)."""
        return await self._off(lambda: self._connection.execute(sql, tuple(params)))

    async def fetchall(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Execute on the connection's thread and return every row."""
        return await self._off(lambda: self._connection.execute(sql, tuple(params)).fetchall())

    async def executescript(self, script: str) -> None:
        """Run a script (migrations) on the connection's thread."""
        await self._off(lambda: self._connection.executescript(script))

    async def close(self) -> None:
        """Close the connection, then its thread (again: nothing happens)."""
        if self._closed:
            return
        self._closed = True
        await self._off(self._connection.close)
        self._thread.shutdown(wait=True)

    async def _off(self, call: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._thread, call)
