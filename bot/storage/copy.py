"""Moving an office's data from its SQLite file into a PostgreSQL database.

Both are brought to the newest schema first; then every table is copied row by row in one
PostgreSQL transaction (all or nothing), ids kept, times turned from SQLite's ISO text into
`timestamptz`. The target must be empty: nothing is ever merged or overwritten.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import psycopg

from bot.storage.postgres import PostgresStorage
from bot.storage.sqlite import SqliteStorage

# table: (columns, the ones holding times, order); "user" is quoted for PostgreSQL
TABLES: dict[str, tuple[tuple[str, ...], frozenset[str], str]] = {
    "sessions": (("user", "data", "updated_at"), frozenset({"updated_at"}), "user"),
    "requests": (
        ("ref", "user", "office", "status", "data", "created_at", "updated_at"),
        frozenset({"created_at", "updated_at"}),
        "ref",
    ),
    "audit": (("id", "ref", "at", "actor", "action", "detail"), frozenset({"at"}), "id"),
    "outbox": (
        (
            "id",
            "key",
            "kind",
            "target",
            "payload",
            "due_at",
            "attempts",
            "sent_at",
            "last_error",
            "created_at",
            "progress",
        ),
        frozenset({"due_at", "sent_at", "created_at"}),
        "id",
    ),
    "message_links": (("chat", "message", "ref"), frozenset(), "chat, message"),
    "inbox": (
        ("channel", "update_id", "payload", "received_at", "processed_at", "chat"),
        frozenset({"received_at", "processed_at"}),
        "rowid",
    ),
    "group_moves": (("old_chat", "new_chat", "moved_at"), frozenset({"moved_at"}), "old_chat"),
}
IDENTITY_TABLES = ("audit", "outbox")


class TargetNotEmpty(RuntimeError):
    """The PostgreSQL database already holds data; nothing was copied."""


async def copy_sqlite_to_postgres(sqlite_path: str, postgres_url: str) -> dict[str, int]:
    """Copy everything from the SQLite file into the empty PostgreSQL database; returns the
    number of rows per table. Raises TargetNotEmpty if the target has any rows."""
    source = await SqliteStorage.open(sqlite_path)  # migrates the file to the newest schema
    await source.close()
    target = await PostgresStorage.open(postgres_url)  # creates the schema
    await target.close()
    reader = sqlite3.connect(sqlite_path)
    counts: dict[str, int] = {}
    try:
        async with await psycopg.AsyncConnection.connect(postgres_url) as connection:
            await connection.execute("SET TIME ZONE 'UTC'")
            for table in TABLES:
                cursor = await connection.execute(f"SELECT count(*) FROM {table}")
                row = await cursor.fetchone()
                if row and row[0]:
                    raise TargetNotEmpty(f"table {table} of the target already has rows")
            for table, (columns, times, order) in TABLES.items():
                rows = reader.execute(
                    f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
                ).fetchall()
                counts[table] = len(rows)
                if not rows:
                    continue
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("%s" for _ in columns)
                async with connection.cursor() as cursor:
                    await cursor.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})",
                        [_converted(columns, times, r) for r in rows],
                    )
            for table in IDENTITY_TABLES:
                await connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
            await connection.commit()
    finally:
        reader.close()
    return counts


def _converted(
    columns: tuple[str, ...], times: frozenset[str], row: tuple[Any, ...]
) -> tuple[Any, ...]:
    return tuple(
        datetime.fromisoformat(value) if name in times and value else value
        for name, value in zip(columns, row, strict=True)
    )
