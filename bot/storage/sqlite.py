"""SQLite storage via aiosqlite: WAL, one durable commit per processed message, migrations."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from bot.session import Session
from bot.storage.migrations import MIGRATIONS


class SqliteStorage:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection

    @classmethod
    async def open(cls, path: Path | str) -> SqliteStorage:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(str(path))
        await connection.execute("PRAGMA journal_mode=WAL")
        await connection.execute("PRAGMA synchronous=FULL")
        await connection.execute("PRAGMA foreign_keys=ON")
        await migrate(connection)
        return cls(connection)

    @property
    def connection(self) -> aiosqlite.Connection:
        return self._db

    async def load_session(self, user: str) -> Session | None:
        async with self._db.execute("SELECT data FROM sessions WHERE user = ?", (user,)) as cursor:
            row = await cursor.fetchone()
        return Session.from_json(row[0]) if row else None

    async def save_session(self, session: Session) -> None:
        await self._db.execute(
            "INSERT INTO sessions (user, data) VALUES (?, ?) "
            "ON CONFLICT(user) DO UPDATE SET data = excluded.data, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            (session.user, session.to_json()),
        )
        await self._db.commit()

    async def delete_user(self, user: str) -> None:
        await self._db.execute("DELETE FROM sessions WHERE user = ?", (user,))
        await self._db.commit()

    async def close(self) -> None:
        await self._db.close()


async def schema_version(connection: aiosqlite.Connection) -> int:
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(connection: aiosqlite.Connection) -> int:
    """Apply the migrations not yet applied, each in its own transaction."""
    version = await schema_version(connection)
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        await connection.executescript(
            f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
        )
    return len(MIGRATIONS)
