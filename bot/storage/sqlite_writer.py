"""SQLite's one write connection, split by whether a statement can wait.

Inside an open write transaction (after `BEGIN IMMEDIATE`, SQLite's write lock held) a statement
never waits for a lock and touches only the page cache and the WAL file: it takes microseconds,
so `run` executes it at once on the caller's thread (a trip to another thread costs ~75 µs,
more than the statement). What can wait runs on the connection's own thread through `execute`
and `fetchall`, with SQLite's busy timeout: `COMMIT` (waits for fsync), checkpoints,
migrations and bulk deletions. `BEGIN IMMEDIATE` is first tried on the caller's thread with no
busy timeout (`try_begin`: the write lock is free almost always, and taking it costs
microseconds); only when another process such as `python -m bot purge` holds it does `begin`
wait for it on the connection's thread. The caller guarantees that only one of them uses the
connection at a time (`SqliteStorage` holds its lock for both).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

Params = Iterable[Any]
BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
CHECKPOINT_MODES = frozenset({"PASSIVE", "FULL", "RESTART", "TRUNCATE"})


def is_busy(error: sqlite3.OperationalError) -> bool:
    """SQLite answered "busy" or "locked" (extended result codes included): another connection
    holds a lock this statement needs."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF in BUSY_CODES


class Writer:
    """One `sqlite3.Connection` in autocommit mode (`isolation_level=None`, transactions are
    explicit) with its own thread for the statements that can wait."""

    def __init__(
        self, connection: sqlite3.Connection, thread: ThreadPoolExecutor, busy_timeout_ms: int
    ) -> None:
        self._connection = connection
        self._thread = thread
        self._busy_timeout_ms = busy_timeout_ms
        self._closed = False

    @classmethod
    async def open(cls, path: str, pragmas: Iterable[str], busy_timeout_ms: int) -> Writer:
        """Connect on the connection's own thread and apply `pragmas` (statements).
        `busy_timeout_ms`: how long a statement on the connection's thread waits for a lock
        another process holds (statements on the caller's thread never wait)."""
        thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")

        def connect() -> sqlite3.Connection:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            for pragma in pragmas:
                connection.execute(pragma)
            connection.execute("PRAGMA busy_timeout=0")
            return connection

        connection = await asyncio.get_running_loop().run_in_executor(thread, connect)
        return cls(connection, thread, busy_timeout_ms)

    def run(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        """Execute now, on this thread: only inside an open write transaction.
        Raises `sqlite3.Error` as SQLite does."""
        return self._connection.execute(sql, tuple(params))

    def try_begin(self) -> bool:
        """`BEGIN IMMEDIATE` now, on this thread, if SQLite's write lock is free: True once the
        write transaction is open, False if another connection holds the lock (then `begin`).
        Raises other `sqlite3.Error`s as SQLite does."""
        try:
            self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if is_busy(error):
                return False
            raise
        return True

    async def begin(self) -> None:
        """`BEGIN IMMEDIATE` on the connection's thread, waiting up to the busy timeout for
        the write lock. Raises `sqlite3.OperationalError` ("database is locked") after it."""
        await self.execute("BEGIN IMMEDIATE")

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Execute on the connection's thread (for statements that may wait) and step the
        statement to its end: the number of rows it changed (-1 for others). A statement left
        unfinished (a PRAGMA's result row unread) would make the next `SAVEPOINT` fail with
        "SQL statements in progress"; rows are read with `fetchall`."""

        def run() -> int:
            cursor = self._connection.execute(sql, tuple(params))
            cursor.fetchall()
            return cursor.rowcount

        return int(await self._off(run))

    async def fetchall(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Execute on the connection's thread and return every row."""
        return await self._off(lambda: self._connection.execute(sql, tuple(params)).fetchall())

    async def checkpoint(self, mode: str, wait: bool) -> bool:
        """`PRAGMA wal_checkpoint(mode)` (PASSIVE, FULL, RESTART or TRUNCATE) on the
        connection's thread. `wait`: wait up to the busy timeout for readers on an older
        snapshot and for another checkpoint; else give up at once. True once SQLite did all of
        it, False if it was busy (then try again later). Raises `sqlite3.Error` as SQLite does;
        `ValueError` for another mode."""
        if mode not in CHECKPOINT_MODES:
            raise ValueError(f"unknown checkpoint mode {mode!r}")

        def run() -> bool:
            rows = self._connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
            return bool(rows) and rows[0][0] == 0

        if wait:
            return bool(await self._off(run))
        return await asyncio.get_running_loop().run_in_executor(self._thread, run)

    async def executescript(self, script: str) -> None:
        """Run a script (migrations) on the connection's thread."""
        await self._off(lambda: self._connection.executescript(script))

    async def close(self) -> None:
        """Close the connection, then its thread (again: nothing happens)."""
        if self._closed:
            return
        self._closed = True
        await asyncio.get_running_loop().run_in_executor(self._thread, self._connection.close)
        self._thread.shutdown(wait=True)

    async def _off(self, call: Any) -> Any:
        """Run `call` on the connection's thread with the busy timeout switched on for it."""

        def waiting() -> Any:
            self._connection.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
            try:
                return call()
            finally:
                self._connection.execute("PRAGMA busy_timeout=0")

        return await asyncio.get_running_loop().run_in_executor(self._thread, waiting)
