"""Reads by primary key on the event loop's own thread, through a read-only connection.

In WAL mode a reader never waits for the writer: it reads the last committed snapshot, and a
lookup by primary key takes microseconds. A trip to a connection's thread costs more, and under
load much more: the thread waits for the GIL while the loop's thread is busy (measured with
`python -m bot.bench.open_load --rate 450`: `load_session` through aiosqlite p50 2–3 ms, p90
15 ms, p99 40 ms). SQLite can still answer "busy" to a reader in rare moments (recovering the
WAL after a crash, a checkpoint resetting it): the connection has no busy timeout, so the loop
never waits; `rows` returns None and the caller reads through its thread instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from bot.storage.sqlite_writer import is_busy


class QuickReader:
    """One read-only `sqlite3.Connection` (`query_only`, no busy timeout) for the loop's thread."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    @classmethod
    def open(cls, path: str) -> QuickReader:
        """Connect to the database file at `path` (it exists: the writer made it)."""
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA busy_timeout=0")
        connection.execute("PRAGMA query_only=1")
        return cls(connection)

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]] | None:
        """Every row of a small read now, or None if SQLite answered busy (read elsewhere).
        Raises other `sqlite3.Error`s as SQLite does."""
        try:
            return self._connection.execute(sql, tuple(params)).fetchall()
        except sqlite3.OperationalError as error:
            if is_busy(error):
                return None
            raise

    def close(self) -> None:
        """Close the connection (again: nothing happens)."""
        self._connection.close()
