"""PostgreSQL storage via psycopg 3 (async) and its connection pool, for several workers.

Units: each outermost unit takes a connection from the pool and runs in one transaction
(`READ COMMITTED`); `unit()` returns after COMMIT, which PostgreSQL acknowledges once the WAL is
flushed (`synchronous_commit` on, the default). Reads outside a unit use a pooled connection in
autocommit and see only committed data. Several processes may use one database:

- the turn that handles a stored update marks it processed only if nobody did before (a second
  worker's turn for the same update is rolled back: `AlreadyProcessed`);
- `inbox_claim` hands out the oldest unprocessed update of a chat only while no other worker
  holds a live lease on that chat's oldest update (`FOR UPDATE SKIP LOCKED`), so a chat's updates
  are handled in order, one at a time, and a killed worker's claim is taken over when its lease
  ends;
- `due_outbox` is a claim too: it returns due items no other worker holds a live lease on and
  leases them to this worker; items whose kind starts with `group_` (posts into counsellor
  groups, paced to 20 a minute per group) are handed only to the one worker holding the
  `group_sender` lease, and to a new holder only one pacing window after it took over, so the
  in-process pacing of that one worker holds for all;
- `claim_lease(name, …)` gives a named job (the daily purge) to one worker at a time.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Collection, Iterable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from bot import compact_json
from bot.session import Session
from bot.storage import marks
from bot.storage.base import FINISHED_STATUSES, inbox_cutoff
from bot.storage.migrations import POSTGRES_MIGRATIONS
from bot.storage.records import Appendix, AuditEntry, InboxEntry, OutboxItem, RequestRow

REQUEST_COLUMNS = 'ref, "user", office, status, data, created_at, updated_at'
OUTBOX_COLUMNS = "id, key, kind, target, payload, due_at, attempts, sent_at, last_error, progress"
POOL_SIZE = int(os.environ.get("WEGWEISER_DATABASE_POOL", "10"))
OUTBOX_LEASE = timedelta(seconds=60)
GROUP_SENDER = "group_sender"
GROUP_WINDOW = timedelta(minutes=1)  # the pacing window of counsellor groups
MIGRATION_LOCK = 0x57E6  # advisory lock: workers starting together migrate one after another

_units: ContextVar[dict[int, AsyncConnection[Any]]] = ContextVar("wegweiser_pg_units")


class AlreadyProcessed(Exception):
    """Another worker's turn already handled this update; this turn is rolled back."""


def worker_name() -> str:
    """A name for this process in claims: host, process id and a random part."""
    return f"{os.uname().nodename}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class PostgresStorage:
    """The storage for several workers on one PostgreSQL database (see the module docstring)."""

    def __init__(self, pool: AsyncConnectionPool[AsyncConnection[Any]], worker: str) -> None:
        self._pool = pool
        self.worker = worker

    @classmethod
    async def open(cls, url: str, worker: str | None = None) -> PostgresStorage:
        """Connect to `url` (a `postgresql://` URL), migrate, and return the storage."""

        async def configure(connection: AsyncConnection[Any]) -> None:
            await connection.execute("SET TIME ZONE 'UTC'")

        pool: AsyncConnectionPool[AsyncConnection[Any]] = AsyncConnectionPool(
            url,
            min_size=1,
            max_size=POOL_SIZE,
            kwargs={"autocommit": True},
            configure=configure,
            open=False,
        )
        await pool.open(wait=True, timeout=30)
        try:
            async with pool.connection() as connection:
                await migrate(connection)
        except BaseException:
            await pool.close()
            raise
        return cls(pool, worker or worker_name())

    # units

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[None]:
        current = _units.get({})
        if id(self) in current:
            yield  # joins the enclosing unit of this task
            return
        mark = marks.take()
        async with self._pool.connection() as connection, connection.transaction():
            token = _units.set({**current, id(self): connection})
            try:
                yield
                if mark is not None:
                    await self._mark_processed(connection, mark)
            finally:
                _units.reset(token)
        if mark is not None:
            mark.consumed = True

    async def _mark_processed(self, connection: AsyncConnection[Any], mark: marks.Mark) -> None:
        cursor = await connection.execute(
            "UPDATE inbox SET processed_at = now(), payload = '', lease_until = NULL "
            "WHERE channel = %s AND update_id = %s AND processed_at IS NULL",
            (mark.channel, mark.update_id),
        )
        if cursor.rowcount:
            return
        done = await connection.execute(
            "SELECT 1 FROM inbox WHERE channel = %s AND update_id = %s",
            (mark.channel, mark.update_id),
        )
        if await done.fetchone() is not None:
            raise AlreadyProcessed(mark.update_id)
        await connection.execute(  # handed on before its own row was committed (that failed)
            "INSERT INTO inbox (channel, update_id, payload, received_at, processed_at) "
            "VALUES (%s, %s, '', now(), now()) ON CONFLICT DO NOTHING",
            (mark.channel, mark.update_id),
        )

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[AsyncConnection[Any]]:
        """Inside a unit its connection (its own view), outside a pooled autocommit one."""
        inside = _units.get({}).get(id(self))
        if inside is not None:
            yield inside
            return
        async with self._pool.connection() as connection:
            yield connection

    async def _rows(self, query: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        async with self._connection() as connection:
            cursor = await connection.execute(query, tuple(params))
            return list(await cursor.fetchall())

    async def _write(self, query: str, params: Iterable[Any] = ()) -> int:
        async with self.unit(), self._connection() as connection:
            cursor = await connection.execute(query, tuple(params))
            return cursor.rowcount

    # sessions

    async def load_session(self, user: str) -> Session | None:
        rows = await self._rows('SELECT data FROM sessions WHERE "user" = %s', (user,))
        return Session.from_json(rows[0][0]) if rows else None

    async def save_session(self, session: Session) -> None:
        await self._write(
            'INSERT INTO sessions ("user", data) VALUES (%s, %s) '
            'ON CONFLICT ("user") DO UPDATE SET data = excluded.data, updated_at = now()',
            (session.user, session.to_json()),
        )

    async def delete_user(self, user: str) -> None:
        refs = 'SELECT ref FROM requests WHERE "user" = %s'
        async with self.unit():
            await self._write('DELETE FROM sessions WHERE "user" = %s', (user,))
            await self._write("DELETE FROM outbox WHERE target = %s AND sent_at IS NULL", (user,))
            await self._write("UPDATE outbox SET target = '' WHERE target = %s", (user,))
            await self._write(f"DELETE FROM message_links WHERE ref IN ({refs})", (user,))
            await self._write('DELETE FROM requests WHERE "user" = %s', (user,))

    # requests

    async def reference_taken(self, ref: str) -> bool:
        return bool(await self._rows("SELECT 1 FROM requests WHERE ref = %s", (ref,)))

    async def save_request(self, row: RequestRow, appendix: Appendix | None = None) -> None:
        async with self.unit():
            await self._write(
                f"INSERT INTO requests ({REQUEST_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (ref) DO UPDATE SET status = excluded.status, data = excluded.data, "
                'office = excluded.office, updated_at = excluded.updated_at, "user" = excluded."user"',
                (
                    row.ref,
                    row.user,
                    row.office,
                    row.status,
                    row.data,
                    row.created_at,
                    row.updated_at,
                ),
            )
            for entry in appendix.audit if appendix else ():
                await self._write(
                    "INSERT INTO audit (ref, at, actor, action, detail) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    (entry.ref, entry.at, entry.actor, entry.action, entry.detail),
                )
            for item in appendix.outbox if appendix else ():
                await self.add_outbox(item)

    async def get_request(self, ref: str) -> RequestRow | None:
        rows = await self._rows(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE ref = %s", (ref,))
        return RequestRow(*rows[0]) if rows else None

    async def requests_of(self, user: str) -> list[RequestRow]:
        query = f'SELECT {REQUEST_COLUMNS} FROM requests WHERE "user" = %s ORDER BY created_at'
        return [RequestRow(*row) for row in await self._rows(query, (user,))]

    async def requests_in(self, offices: Collection[str]) -> list[RequestRow]:
        query = (
            f"SELECT {REQUEST_COLUMNS} FROM requests WHERE office = ANY(%s) "
            "ORDER BY created_at DESC"
        )
        return [RequestRow(*row) for row in await self._rows(query, (list(offices),))]

    async def audit_of(self, ref: str) -> list[AuditEntry]:
        query = "SELECT ref, at, actor, action, detail FROM audit WHERE ref = %s ORDER BY id"
        return [AuditEntry(*row) for row in await self._rows(query, (ref,))]

    async def link_message(self, chat: int, message: int, ref: str) -> None:
        await self._write(
            "INSERT INTO message_links (chat, message, ref) VALUES (%s, %s, %s) "
            "ON CONFLICT (chat, message) DO UPDATE SET ref = excluded.ref",
            (chat, message, ref),
        )

    async def linked_request(self, chat: int, message: int) -> str | None:
        query = "SELECT ref FROM message_links WHERE chat = %s AND message = %s"
        rows = await self._rows(query, (chat, message))
        return str(rows[0][0]) if rows else None

    # outbox

    async def add_outbox(self, item: OutboxItem) -> int | None:
        rows = await self._write_returning(
            "INSERT INTO outbox (key, kind, target, payload, due_at, created_at, progress) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO NOTHING RETURNING id",
            (
                item.key,
                item.kind,
                item.target,
                compact_json.dumps(item.payload),
                item.due_at,
                item.due_at,
                item.progress,
            ),
        )
        return int(rows[0][0]) if rows else None

    async def _write_returning(self, query: str, params: Iterable[Any]) -> list[tuple[Any, ...]]:
        async with self.unit():
            return await self._rows(query, params)

    async def due_outbox(self, now: datetime, limit: int = 50) -> list[OutboxItem]:
        """Due items, claimed for this worker with a lease (see the module docstring)."""
        async with self.unit():
            groups = await self._may_send_to_groups()
            rows = await self._rows(
                f"UPDATE outbox SET claimed_by = %s, lease_until = now() + %s "
                f"WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND due_at <= %s "
                "AND (lease_until IS NULL OR lease_until < now() OR claimed_by = %s) "
                "AND (%s OR kind NOT LIKE 'group\\_%%') "
                "ORDER BY due_at, id LIMIT %s FOR UPDATE SKIP LOCKED) "
                f"RETURNING {OUTBOX_COLUMNS}",
                (self.worker, OUTBOX_LEASE, now, self.worker, groups, limit),
            )
        return sorted((_outbox(row) for row in rows), key=lambda i: (i.due_at, i.id or 0))

    async def _may_send_to_groups(self) -> bool:
        """Hold the group sender lease; True once held for a whole pacing window."""
        since = await self._take_lease(GROUP_SENDER, OUTBOX_LEASE)
        return since is not None and since <= datetime.now(UTC) - GROUP_WINDOW

    async def pending_outbox(self) -> list[OutboxItem]:
        query = f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE sent_at IS NULL ORDER BY due_at, id"
        return [_outbox(row) for row in await self._rows(query)]

    async def outbox_done(self, item_id: int, at: datetime) -> None:
        await self._write(
            "UPDATE outbox SET sent_at = %s, payload = '{}', lease_until = NULL WHERE id = %s",
            (at, item_id),
        )

    async def outbox_retry(
        self, item_id: int, attempts: int, due_at: datetime, error: str, progress: int = 0
    ) -> None:
        await self._write(
            "UPDATE outbox SET attempts = %s, due_at = %s, last_error = %s, progress = %s "
            "WHERE id = %s",
            (attempts, due_at, error[:200], progress, item_id),
        )

    async def outbox_progress(self, item_id: int, progress: int) -> None:
        await self._write("UPDATE outbox SET progress = %s WHERE id = %s", (progress, item_id))

    # inbox

    async def inbox_add(self, entry: InboxEntry) -> bool:
        changed = await self._write(
            "INSERT INTO inbox (channel, update_id, payload, received_at, chat) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (channel, update_id) DO NOTHING",
            (entry.channel, entry.update_id, entry.payload, entry.received_at, entry.chat),
        )
        return changed > 0

    async def inbox_done(self, channel: str, update_id: str, at: datetime) -> None:
        await self._write(
            "UPDATE inbox SET processed_at = %s, payload = '', lease_until = NULL "
            "WHERE channel = %s AND update_id = %s",
            (at, channel, update_id),
        )

    async def inbox_pending(self, channel: str, limit: int = 1000) -> list[InboxEntry]:
        query = (
            "SELECT channel, update_id, payload, received_at, processed_at, chat FROM inbox "
            "WHERE channel = %s AND processed_at IS NULL ORDER BY seq LIMIT %s"
        )
        return [InboxEntry(*row) for row in await self._rows(query, (channel, limit))]

    async def inbox_claim(
        self, channel: str, worker: str, lease: timedelta, limit: int = 1
    ) -> list[InboxEntry]:
        """Claim up to `limit` updates, each the oldest unprocessed one of its chat and under no
        live lease (this worker's own included); they stay this worker's for `lease`."""
        async with self.unit():
            rows = await self._rows(
                "UPDATE inbox SET claimed_by = %s, lease_until = now() + %s "
                "WHERE (channel, update_id) IN ("
                "  SELECT channel, update_id FROM inbox i"
                "  WHERE channel = %s AND processed_at IS NULL"
                "  AND (lease_until IS NULL OR lease_until < now())"
                "  AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.channel = i.channel"
                "    AND e.chat = i.chat AND i.chat <> '' AND e.processed_at IS NULL"
                "    AND e.seq < i.seq)"
                "  ORDER BY seq LIMIT %s FOR UPDATE SKIP LOCKED) "
                "RETURNING channel, update_id, payload, received_at, processed_at, chat, seq",
                (worker, lease, channel, limit),
            )
        return [InboxEntry(*row[:6]) for row in sorted(rows, key=lambda r: r[6])]

    # leases of named jobs

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        """A unit that holds the advisory lock of `name` until it commits."""
        async with self.unit(), self._connection() as connection:
            await connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (name,))
            yield

    async def claim_lease(self, name: str, holder: str, duration: timedelta) -> bool:
        """Hold the job `name` for `duration` unless another holder's lease is still live."""
        async with self.unit():
            return await self._take_lease(name, duration, holder) is not None

    async def _take_lease(
        self, name: str, duration: timedelta, holder: str | None = None
    ) -> datetime | None:
        """Take or renew the lease; returns since when `holder` holds it (a new lease counts as
        held for a window already, a taken-over one from now), None if another holds it."""
        rows = await self._rows(
            "INSERT INTO leases (name, holder, since, until) "
            "VALUES (%s, %s, now() - %s, now() + %s) "
            "ON CONFLICT (name) DO UPDATE SET "
            "since = CASE WHEN leases.holder = excluded.holder THEN leases.since ELSE now() END, "
            "holder = excluded.holder, until = excluded.until "
            "WHERE leases.holder = excluded.holder OR leases.until < now() RETURNING since",
            (name, holder or self.worker, GROUP_WINDOW, duration),
        )
        return rows[0][0] if rows else None

    async def release_leases(self) -> None:
        """End this worker's leases now (a clean stop), so another takes over at once."""
        await self._write("UPDATE leases SET until = now() WHERE holder = %s", (self.worker,))

    # counsellor groups

    async def add_group_move(self, old: int, new: int, at: datetime) -> None:
        await self._write(
            "INSERT INTO group_moves (old_chat, new_chat, moved_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (old_chat) DO UPDATE SET new_chat = excluded.new_chat, "
            "moved_at = excluded.moved_at",
            (old, new, at),
        )

    async def group_moves(self) -> dict[int, int]:
        rows = await self._rows("SELECT old_chat, new_chat FROM group_moves")
        return {int(old): int(new) for old, new in rows}

    # upkeep

    async def purge(
        self, before: datetime, finished: Collection[str] = FINISHED_STATUSES
    ) -> dict[str, int]:
        done = list(finished)
        open_users = 'SELECT "user" FROM requests WHERE status <> ALL(%s)'
        old = "SELECT ref FROM requests WHERE status = ANY(%s) AND updated_at < %s"
        counts: dict[str, int] = {}
        async with self.unit():
            counts["sessions"] = await self._write(
                f'DELETE FROM sessions WHERE updated_at < %s AND "user" NOT IN ({open_users})',
                (before, done),
            )
            await self._write(f"DELETE FROM message_links WHERE ref IN ({old})", (done, before))
            counts["requests"] = await self._write(
                "DELETE FROM requests WHERE status = ANY(%s) AND updated_at < %s", (done, before)
            )
            counts["outbox"] = await self._write(
                "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < %s", (before,)
            )
            counts["inbox"] = await self._write(
                "DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < %s",
                (inbox_cutoff(before, datetime.now(UTC)),),
            )
        return counts

    async def close(self) -> None:
        try:
            await self.release_leases()
        finally:
            await self._pool.close()


def _outbox(row: tuple[Any, ...]) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        key=row[1],
        kind=row[2],
        target=row[3],
        payload=compact_json.loads(row[4]),
        due_at=row[5],
        attempts=row[6],
        sent_at=row[7],
        last_error=row[8],
        progress=row[9],
    )


async def schema_version(connection: AsyncConnection[Any]) -> int:
    """How many migration steps the database has (0 for an empty one)."""
    await connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
    cursor = await connection.execute("SELECT max(version) FROM schema_version")
    row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


async def migrate(connection: AsyncConnection[Any]) -> int:
    """Apply the steps not yet applied, each in its own transaction, one worker at a time."""
    await connection.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        version = await schema_version(connection)
        for number, script in enumerate(POSTGRES_MIGRATIONS[version:], start=version + 1):
            async with connection.transaction():
                await connection.execute(script.encode())
                await connection.execute(
                    "INSERT INTO schema_version (version) VALUES (%s)", (number,)
                )
    finally:
        await connection.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    return len(POSTGRES_MIGRATIONS)
