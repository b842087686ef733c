"""SQLite storage via aiosqlite: WAL, one durable commit per processed message, migrations."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.handoff.model import Request
from bot.handoff.records import (
    Appendix,
    AuditEntry,
    OutboxItem,
    request_from_row,
    request_to_json,
)
from bot.privacy import silence_chatty_loggers
from bot.session import Session
from bot.storage.migrations import MIGRATIONS


def _utc(moment: datetime) -> str:
    """Outbox times are stored in UTC so that text order is time order."""
    return moment.astimezone(UTC).isoformat()


silence_chatty_loggers()

REQUEST_COLUMNS = "ref, user, office, status, data, created_at, updated_at"
OUTBOX_COLUMNS = "id, key, kind, target, payload, due_at, attempts, sent_at, last_error"


class SqliteStorage:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        self._depth = 0
        self._checkpoint_due = False

    @classmethod
    async def open(cls, path: Path | str) -> SqliteStorage:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(str(path))
        await connection.execute("PRAGMA journal_mode=WAL")
        await connection.execute("PRAGMA synchronous=FULL")
        await connection.execute("PRAGMA foreign_keys=ON")
        await connection.execute("PRAGMA secure_delete=ON")  # deleted data is overwritten
        await migrate(connection)
        return cls(connection)

    @property
    def connection(self) -> aiosqlite.Connection:
        return self._db

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[None]:
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if not self._depth:
                await self._db.rollback()
            raise
        self._depth -= 1
        await self._commit()

    async def _commit(self) -> None:
        if not self._depth:
            await self._db.commit()
            if self._checkpoint_due:  # after a deletion: nothing of it stays in the WAL file
                self._checkpoint_due = False
                await self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # sessions

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
        await self._commit()

    async def delete_user(self, user: str) -> None:
        """The session, the person's requests and undelivered messages to them; audit keeps refs only."""
        await self._db.execute("DELETE FROM sessions WHERE user = ?", (user,))
        await self._db.execute("DELETE FROM outbox WHERE target = ? AND sent_at IS NULL", (user,))
        await self._db.execute(
            "DELETE FROM message_links WHERE ref IN (SELECT ref FROM requests WHERE user = ?)",
            (user,),
        )
        await self._db.execute("DELETE FROM requests WHERE user = ?", (user,))
        await self._db.execute("UPDATE outbox SET target = '' WHERE target = ?", (user,))
        self._checkpoint_due = True
        await self._commit()

    # requests

    async def reference_taken(self, ref: str) -> bool:
        async with self._db.execute("SELECT 1 FROM requests WHERE ref = ?", (ref,)) as cursor:
            return await cursor.fetchone() is not None

    async def save_request(self, request: Request, appendix: Appendix | None = None) -> None:
        updated = (request.updated_at or request.created_at).isoformat()
        await self._db.execute(
            f"INSERT INTO requests ({REQUEST_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(ref) DO UPDATE SET status = excluded.status, data = excluded.data, "
            "office = excluded.office, updated_at = excluded.updated_at, user = excluded.user",
            (
                request.ref,
                request.user,
                request.office,
                request.status.value,
                request_to_json(request),
                request.created_at.isoformat(),
                updated,
            ),
        )
        for entry in appendix.audit if appendix else ():
            await self._db.execute(
                "INSERT INTO audit (ref, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                (entry.ref, entry.at.isoformat(), entry.actor, entry.action, entry.detail),
            )
        for item in appendix.outbox if appendix else ():
            await self._db.execute(
                "INSERT OR IGNORE INTO outbox (key, kind, target, payload, due_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    item.key,
                    item.kind,
                    item.target,
                    json.dumps(item.payload, ensure_ascii=False),
                    _utc(item.due_at),
                    _utc(item.due_at),
                ),
            )
        await self._commit()

    async def get_request(self, ref: str) -> Request | None:
        query = f"SELECT {REQUEST_COLUMNS} FROM requests WHERE ref = ?"
        async with self._db.execute(query, (ref,)) as cursor:
            row = await cursor.fetchone()
        return request_from_row(*row) if row else None

    async def requests_of(self, user: str) -> list[Request]:
        query = f"SELECT {REQUEST_COLUMNS} FROM requests WHERE user = ? ORDER BY created_at"
        async with self._db.execute(query, (user,)) as cursor:
            return [request_from_row(*row) async for row in cursor]

    async def audit_of(self, ref: str) -> list[AuditEntry]:
        query = "SELECT ref, at, actor, action, detail FROM audit WHERE ref = ? ORDER BY id"
        async with self._db.execute(query, (ref,)) as cursor:
            return [
                AuditEntry(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4])
                async for r in cursor
            ]

    async def link_message(self, chat: int, message: int, ref: str) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO message_links (chat, message, ref) VALUES (?, ?, ?)",
            (chat, message, ref),
        )
        await self._commit()

    async def linked_request(self, chat: int, message: int) -> str | None:
        query = "SELECT ref FROM message_links WHERE chat = ? AND message = ?"
        async with self._db.execute(query, (chat, message)) as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else None

    # outbox

    async def due_outbox(self, now: datetime, limit: int = 50) -> list[OutboxItem]:
        query = (
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE sent_at IS NULL AND due_at <= ? "
            "ORDER BY due_at, id LIMIT ?"
        )
        async with self._db.execute(query, (_utc(now), limit)) as cursor:
            return [_outbox(row) async for row in cursor]

    async def pending_outbox(self) -> list[OutboxItem]:
        query = f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE sent_at IS NULL ORDER BY due_at, id"
        async with self._db.execute(query) as cursor:
            return [_outbox(row) async for row in cursor]

    async def outbox_done(self, item_id: int, at: datetime) -> None:
        # Delivered: the text it carried is not kept (privacy); the row stays for de-duplication.
        await self._db.execute(
            "UPDATE outbox SET sent_at = ?, payload = '{}' WHERE id = ?", (_utc(at), item_id)
        )
        await self._commit()

    async def outbox_retry(self, item_id: int, attempts: int, due_at: datetime, error: str) -> None:
        await self._db.execute(
            "UPDATE outbox SET attempts = ?, due_at = ?, last_error = ? WHERE id = ?",
            (attempts, _utc(due_at), error[:200], item_id),
        )
        await self._commit()

    async def purge(self, before: datetime) -> dict[str, int]:
        """Forget what is older than `before`: idle sessions without an open request, closed or
        cancelled requests, delivered outbox rows. The audit trail keeps references only."""
        cutoff = before.astimezone(UTC).isoformat()
        open_users = "SELECT user FROM requests WHERE status NOT IN ('closed', 'cancelled')"
        counts = {}
        async with self.unit():
            cursor = await self._db.execute(
                f"DELETE FROM sessions WHERE updated_at < ? AND user NOT IN ({open_users})",
                (cutoff.replace("+00:00", "Z"),),
            )
            counts["sessions"] = cursor.rowcount
            old = "SELECT ref FROM requests WHERE status IN ('closed', 'cancelled') AND updated_at < ?"
            await self._db.execute(f"DELETE FROM message_links WHERE ref IN ({old})", (cutoff,))
            cursor = await self._db.execute(
                "DELETE FROM requests WHERE status IN ('closed', 'cancelled') AND updated_at < ?",
                (cutoff,),
            )
            counts["requests"] = cursor.rowcount
            cursor = await self._db.execute(
                "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?", (cutoff,)
            )
            counts["outbox"] = cursor.rowcount
        return counts

    async def close(self) -> None:
        await self._db.close()


def _outbox(row: tuple) -> OutboxItem:  # type: ignore[type-arg]
    return OutboxItem(
        id=row[0],
        key=row[1],
        kind=row[2],
        target=row[3],
        payload=json.loads(row[4]),
        due_at=datetime.fromisoformat(row[5]),
        attempts=row[6],
        sent_at=datetime.fromisoformat(row[7]) if row[7] else None,
        last_error=row[8],
    )


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
