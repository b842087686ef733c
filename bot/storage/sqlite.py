"""SQLite storage via aiosqlite: isolated units with a durable group commit, WAL, migrations.

Two connections: the writer runs one unit at a time, each inside a SAVEPOINT of the open batch
transaction; the reader serves reads outside units and, by WAL, sees only committed data.
A unit that fails is rolled back to its savepoint and leaves no trace; the others of its batch
are untouched. Units released since the last commit are committed together (group commit)
and `unit()` returns only once that commit is on disk: the COMMIT (`synchronous=NORMAL`)
writes the WAL at once, and an `fdatasync` of the WAL file that began after it, on a thread
of its own, makes it durable (`sqlite_sync`: why this is as safe as `synchronous=FULL`, and
faster, since nobody waits for the disk while holding the write lock). A failed COMMIT or
sync fails every unit of that batch (none of them is told it succeeded); a unit never sees
another unit's writes that could still roll back alone. Statements inside the open
transaction, COMMIT included, run at once on the caller's thread; what can wait (BEGIN
IMMEDIATE while another process writes, checkpoints, purge) runs on the writer's thread
(`sqlite_writer`).
The outbox's "sent" and progress marks alone are not waited for (`_write_soon`); outbox reads
wait for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Collection, Iterable
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite

from bot import compact_json
from bot.privacy import silence_chatty_loggers
from bot.session import Session
from bot.storage import marks
from bot.storage.base import FINISHED_STATUSES, inbox_cutoff
from bot.storage.migrations import MIGRATIONS
from bot.storage.records import Appendix, AuditEntry, InboxEntry, OutboxItem, RequestRow
from bot.storage.sqlite_quick import QuickReader
from bot.storage.sqlite_sync import CHECKPOINT_BYTES, WAL_LIMIT_BYTES, SyncFailed, WalSync
from bot.storage.sqlite_writer import Writer

silence_chatty_loggers()
log = logging.getLogger(__name__)

REQUEST_COLUMNS = "ref, user, office, status, data, created_at, updated_at"
OUTBOX_COLUMNS = "id, key, kind, target, payload, due_at, attempts, sent_at, last_error, progress"
BUSY_TIMEOUT_MS = 10_000  # another process (python -m bot purge) may hold the write lock briefly
FAILED_BATCHES_KEPT = 64

_inside: ContextVar[frozenset[int]] = ContextVar("wegweiser_sqlite_units", default=frozenset())


class CommitFailed(Exception):
    """The batch this unit belonged to could not be committed; nothing of it was stored."""


def _utc(moment: datetime) -> str:
    """Times are stored in UTC so that text order is time order."""
    return moment.astimezone(UTC).isoformat()


PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA secure_delete=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)
# The writer commits without waiting for the disk; `WalSync` makes commits durable and runs the
# checkpoints (see `bot.storage.sqlite_sync` for why this is as safe as `synchronous=FULL`).
# The size limit makes SQLite shrink the WAL file whenever it starts over, so that its size
# says how much was written since (`WalSync` decides by it when to checkpoint).
WRITER_PRAGMAS = (
    *PRAGMAS,
    "PRAGMA synchronous=NORMAL",
    "PRAGMA wal_autocheckpoint=0",
    f"PRAGMA journal_size_limit={CHECKPOINT_BYTES}",
)


async def _connect(path: str) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        await connection.execute(pragma)
    return connection


class SqliteStorage:
    """The production storage (see the module docstring for the transaction rules)."""

    def __init__(
        self,
        writer: Writer,
        reader: aiosqlite.Connection,
        quick: QuickReader,
        sync: WalSync,
        scratch: Path | None = None,
    ) -> None:
        self._w = writer
        self._r = reader
        self._quick = quick  # reads by primary key outside units, on the loop's thread
        self._sync = sync  # makes commits durable (fdatasync of the WAL) off the loop
        self._scratch = scratch
        self._lock = asyncio.Lock()  # one unit (or one commit) on the writer at a time
        self._batch = 0  # number of the batch transaction units are added to
        self._open = False  # BEGIN issued for the current batch
        self._committed = -1  # the last batch whose COMMIT ran (it may have failed)
        self._failed: dict[int, BaseException] = {}
        self._committing: asyncio.Task[None] | None = None
        self._checkpoint_due = False  # a deletion in this batch: clear the WAL after commit
        self._closed = False
        # per batch, the one task that waits for the commit of its marks (nobody else does)
        self._settling: dict[int, asyncio.Task[None]] = {}

    @classmethod
    async def open(cls, path: Path | str) -> SqliteStorage:
        """Open (and migrate) the file at `path`; `:memory:` means a throw-away file."""
        scratch = None
        if str(path) == ":memory:":
            scratch = Path(tempfile.mkdtemp(prefix="wegweiser-"))
            path = scratch / "db.sqlite3"
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        writer = await Writer.open(str(path), WRITER_PRAGMAS, BUSY_TIMEOUT_MS)
        await migrate(writer)
        reader = await _connect(str(path))
        return cls(writer, reader, QuickReader.open(str(path)), WalSync(str(path)), scratch)

    # units

    def unit(self) -> _Unit:
        """See `Storage.unit`. A unit inside a unit of the same task joins it."""
        return _Unit(self)

    async def _join_batch(self) -> None:
        """Open the batch transaction if none is open (the caller holds the lock): at once if
        SQLite's write lock is free, else on the writer's thread, where it may wait for another
        process (`python -m bot purge`) up to the busy timeout."""
        if not self._open:
            if not self._w.try_begin():
                await self._w.begin()
            self._open = True

    def _mark_processed(self, mark: marks.Mark) -> None:
        """Marks the update processed; if its row is missing (the inbox's own commit failed
        after the update was handed on), writes one, so a redelivery is not applied again."""
        now = _utc(datetime.now(UTC))
        self._w.run(
            "INSERT INTO inbox (channel, update_id, payload, received_at, processed_at) "
            "VALUES (?, ?, '', ?, ?) ON CONFLICT (channel, update_id) "
            "DO UPDATE SET processed_at = excluded.processed_at, payload = ''",
            (mark.channel, mark.update_id, now, now),
        )

    async def _until_durable(self, batch: int) -> None:
        """Return once `batch` is committed and on disk; `CommitFailed` if it never will be."""
        while self._committed < batch:
            if batch in self._failed:
                raise CommitFailed(type(self._failed[batch]).__name__) from self._failed[batch]
            if self._committing is None or self._committing.done():
                self._committing = asyncio.create_task(self._commit())
            await asyncio.shield(self._committing)
        if batch in self._failed:
            raise CommitFailed(type(self._failed[batch]).__name__) from self._failed[batch]
        try:
            await self._sync.until_synced(batch)
        except SyncFailed as error:
            raise CommitFailed(type(error).__name__) from error

    def _refuse_if_unsynced(self) -> None:
        """After a failed sync nothing new is accepted (see `bot.storage.sqlite_sync`)."""
        if self._sync.failed:
            raise CommitFailed("SyncFailed")

    async def _commit(self) -> None:
        """Commit every unit released so far as one transaction (never raises). The COMMIT
        writes the WAL without waiting for the disk (microseconds, on this thread); waiting
        for the disk is `_until_durable`'s, so the next units are written meanwhile."""
        async with self._lock:
            if not self._open:
                return
            batch, self._open = self._batch, False
            self._batch += 1
            try:
                self._w.run("COMMIT")
            except Exception as error:
                self._failed[batch] = error
                self._committed = batch
                self._forget_old_failures()
                with contextlib.suppress(Exception):  # SQLite may have rolled back already
                    await self._w.execute("ROLLBACK")
                return
            self._committed = batch
            self._sync.committed(batch)
            await self._checkpoint_if_due(batch)

    async def _checkpoint_if_due(self, batch: int) -> None:
        """After a commit (lock held): clear the WAL after a deletion, or restart it when
        passive checkpoints fell behind. A failure is logged and tried after the next commit;
        it never fails the batch, which is committed."""
        try:
            if self._checkpoint_due:  # nothing of a deleted person stays in the WAL file
                self._checkpoint_due = not await self._w.checkpoint("TRUNCATE", wait=True)
            elif self._sync.wal_bytes >= WAL_LIMIT_BYTES and await self._w.checkpoint(
                "RESTART",
                wait=False,  # never waits for readers: turns wait for the lock
            ):
                self._sync.restarted(batch)
        except sqlite3.Error as error:
            log.warning("WAL checkpoint after a commit failed: %s", type(error).__name__)

    def _forget_old_failures(self) -> None:
        for old in [b for b in self._failed if b < self._batch - FAILED_BATCHES_KEPT]:
            del self._failed[old]

    def _in_unit(self) -> bool:
        return id(self) in _inside.get()

    async def _rows(self, query: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Reads: inside a unit its own view (with its writes), outside only committed data."""
        if self._in_unit():
            return self._w.run(query, params).fetchall()
        rows = await self._r.execute_fetchall(query, tuple(params))  # one trip to its thread
        return [tuple(row) for row in rows]

    async def _key_rows(self, query: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """A read by primary key: as `_rows`, but outside a unit at once on this thread
        (`bot.storage.sqlite_quick`), through the reader's thread only if SQLite is busy."""
        if not self._in_unit():
            rows = self._quick.rows(query, params)
            if rows is not None:
                return rows
        return await self._rows(query, params)

    async def _write(self, query: str, params: Iterable[Any] = ()) -> int:
        async with self.unit():
            return self._w.run(query, params).rowcount

    async def _write_soon(self, query: str, params: Iterable[Any] = ()) -> None:
        """A write whose loss in a crash only repeats a message already sent (the outbox's
        "sent" mark; delivery is at least once anyway): it joins the open batch
        and is committed with it, without waiting for the fsync. A commit is started so that
        it does not wait for the next turn either. One statement fails or succeeds whole."""
        if self._in_unit():
            self._w.run(query, params)
            return
        async with self._lock:
            self._refuse_if_unsynced()
            await self._join_batch()
            self._w.run(query, params)
            batch = self._batch
        if batch not in self._settling:  # one task per batch, however many marks it holds
            task = asyncio.create_task(self._settle(batch))
            self._settling[batch] = task
            task.add_done_callback(lambda _: self._settling.pop(batch, None))

    async def _settle(self, batch: int) -> None:
        with contextlib.suppress(CommitFailed):  # the mark is lost: one message may repeat
            await self._until_durable(batch)

    async def _marks_settled(self) -> None:
        """Reads of the outbox see every mark written before them (read your writes)."""
        if self._settling and not self._in_unit():
            await asyncio.gather(*list(self._settling.values()))

    async def _bulk(self, query: str, params: Iterable[Any] = ()) -> int:
        """A statement inside the current unit that may touch many rows (purge): run on the
        writer's thread so that the event loop keeps serving people meanwhile."""
        return await self._w.execute(query, params)

    # sessions

    async def load_session(self, user: str) -> Session | None:
        rows = await self._key_rows("SELECT data FROM sessions WHERE user = ?", (user,))
        return Session.from_json(rows[0][0]) if rows else None

    async def save_session(self, session: Session) -> None:
        await self._write(
            "INSERT INTO sessions (user, data) VALUES (?, ?) "
            "ON CONFLICT(user) DO UPDATE SET data = excluded.data, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            (session.user, session.to_json()),
        )

    async def delete_user(self, user: str) -> None:
        refs = "SELECT ref FROM requests WHERE user = ?"
        async with self.unit():
            await self._write("DELETE FROM sessions WHERE user = ?", (user,))
            await self._write("DELETE FROM outbox WHERE target = ? AND sent_at IS NULL", (user,))
            await self._write("UPDATE outbox SET target = '' WHERE target = ?", (user,))
            await self._write(f"DELETE FROM message_links WHERE ref IN ({refs})", (user,))
            await self._write("DELETE FROM requests WHERE user = ?", (user,))
            self._checkpoint_due = True

    # requests

    async def reference_taken(self, ref: str) -> bool:
        return bool(await self._rows("SELECT 1 FROM requests WHERE ref = ?", (ref,)))

    async def save_request(self, row: RequestRow, appendix: Appendix | None = None) -> None:
        async with self.unit():
            await self._write(
                f"INSERT INTO requests ({REQUEST_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(ref) DO UPDATE SET status = excluded.status, data = excluded.data, "
                "office = excluded.office, updated_at = excluded.updated_at, user = excluded.user",
                (
                    row.ref,
                    row.user,
                    row.office,
                    row.status,
                    row.data,
                    row.created_at.isoformat(),
                    row.updated_at.isoformat(),
                ),
            )
            for entry in appendix.audit if appendix else ():
                await self._write(
                    "INSERT INTO audit (ref, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                    (entry.ref, entry.at.isoformat(), entry.actor, entry.action, entry.detail),
                )
            for item in appendix.outbox if appendix else ():
                await self.add_outbox(item)

    async def get_request(self, ref: str) -> RequestRow | None:
        rows = await self._rows(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE ref = ?", (ref,))
        return _request(rows[0]) if rows else None

    async def requests_of(self, user: str) -> list[RequestRow]:
        query = f"SELECT {REQUEST_COLUMNS} FROM requests WHERE user = ? ORDER BY created_at"
        return [_request(row) for row in await self._rows(query, (user,))]

    async def requests_in(self, offices: Collection[str]) -> list[RequestRow]:
        marks = ", ".join("?" for _ in offices)
        query = (
            f"SELECT {REQUEST_COLUMNS} FROM requests WHERE office IN ({marks}) "
            "ORDER BY created_at DESC"
        )
        return [_request(row) for row in await self._rows(query, tuple(offices))]

    async def audit_of(self, ref: str) -> list[AuditEntry]:
        query = "SELECT ref, at, actor, action, detail FROM audit WHERE ref = ? ORDER BY id"
        return [
            AuditEntry(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4])
            for r in await self._rows(query, (ref,))
        ]

    async def link_message(self, chat: int, message: int, ref: str) -> None:
        await self._write(
            "INSERT OR REPLACE INTO message_links (chat, message, ref) VALUES (?, ?, ?)",
            (chat, message, ref),
        )

    async def linked_request(self, chat: int, message: int) -> str | None:
        query = "SELECT ref FROM message_links WHERE chat = ? AND message = ?"
        rows = await self._rows(query, (chat, message))
        return str(rows[0][0]) if rows else None

    # outbox

    async def add_outbox(self, item: OutboxItem) -> int | None:
        async with self.unit():
            cursor = self._w.run(
                "INSERT OR IGNORE INTO outbox "
                "(key, kind, target, payload, due_at, created_at, progress) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    item.key,
                    item.kind,
                    item.target,
                    compact_json.dumps(item.payload),
                    _utc(item.due_at),
                    _utc(item.due_at),
                    item.progress,
                ),
            )
            return cursor.lastrowid if cursor.rowcount else None

    async def due_outbox(self, now: datetime, limit: int = 50) -> list[OutboxItem]:
        query = (
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE sent_at IS NULL AND due_at <= ? "
            "ORDER BY due_at, id LIMIT ?"
        )
        await self._marks_settled()
        return [_outbox(row) for row in await self._rows(query, (_utc(now), limit))]

    async def pending_outbox(self) -> list[OutboxItem]:
        query = f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE sent_at IS NULL ORDER BY due_at, id"
        await self._marks_settled()
        return [_outbox(row) for row in await self._rows(query)]

    async def outbox_done(self, item_id: int, at: datetime) -> None:
        await self._write_soon(
            "UPDATE outbox SET sent_at = ?, payload = '{}' WHERE id = ?", (_utc(at), item_id)
        )

    async def outbox_retry(
        self, item_id: int, attempts: int, due_at: datetime, error: str, progress: int = 0
    ) -> None:
        await self._write(
            "UPDATE outbox SET attempts = ?, due_at = ?, last_error = ?, progress = ? WHERE id = ?",
            (attempts, _utc(due_at), error[:200], progress, item_id),
        )

    async def outbox_progress(self, item_id: int, progress: int) -> None:
        await self._write_soon("UPDATE outbox SET progress = ? WHERE id = ?", (progress, item_id))

    # inbox

    async def inbox_add(self, entry: InboxEntry) -> bool:
        changed = await self._write(
            "INSERT OR IGNORE INTO inbox (channel, update_id, payload, received_at, chat) "
            "VALUES (?, ?, ?, ?, ?)",
            (entry.channel, entry.update_id, entry.payload, _utc(entry.received_at), entry.chat),
        )
        return changed > 0

    async def inbox_done(self, channel: str, update_id: str, at: datetime) -> None:
        await self._write(
            "UPDATE inbox SET processed_at = ?, payload = '' WHERE channel = ? AND update_id = ?",
            (_utc(at), channel, update_id),
        )

    async def inbox_pending(self, channel: str, limit: int = 1000) -> list[InboxEntry]:
        query = (
            "SELECT channel, update_id, payload, received_at FROM inbox "
            "WHERE channel = ? AND processed_at IS NULL ORDER BY received_at, rowid LIMIT ?"
        )
        return [
            InboxEntry(r[0], r[1], r[2], datetime.fromisoformat(r[3]))
            for r in await self._rows(query, (channel, limit))
        ]

    async def inbox_claim(
        self, channel: str, worker: str, lease: timedelta, limit: int = 1
    ) -> list[InboxEntry]:
        """The oldest unprocessed update of each chat not under another's live lease (SQLite
        serves one process, but the rule is the same as PostgreSQL's)."""
        now = datetime.now(UTC)
        async with self.unit():
            rows = await self._rows(
                "SELECT rowid, channel, update_id, payload, received_at, chat FROM inbox i "
                "WHERE channel = ? AND processed_at IS NULL "
                "AND (lease_until IS NULL OR lease_until < ?) "
                "AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.channel = i.channel "
                "AND e.chat = i.chat AND i.chat <> '' AND e.processed_at IS NULL "
                "AND e.rowid < i.rowid) ORDER BY rowid LIMIT ?",
                (channel, _utc(now), limit),
            )
            for row in rows:
                await self._write(
                    "UPDATE inbox SET claimed_by = ?, lease_until = ? WHERE rowid = ?",
                    (worker, _utc(now + lease), row[0]),
                )
        return [
            InboxEntry(r[1], r[2], r[3], datetime.fromisoformat(r[4]), None, r[5]) for r in rows
        ]

    def exclusive(self, name: str) -> contextlib.AbstractAsyncContextManager[None]:
        """One process: its own locks suffice (a do-nothing context, one per reply sent)."""
        return _ALONE

    async def claim_lease(self, name: str, holder: str, duration: timedelta) -> bool:
        now = datetime.now(UTC)
        changed = await self._write(
            "INSERT INTO leases (name, holder, since, until) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until = excluded.until "
            "WHERE leases.holder = excluded.holder OR leases.until < ?",
            (name, holder, _utc(now), _utc(now + duration), _utc(now)),
        )
        return changed > 0

    # counsellor groups

    async def add_group_move(self, old: int, new: int, at: datetime) -> None:
        await self._write(
            "INSERT OR REPLACE INTO group_moves (old_chat, new_chat, moved_at) VALUES (?, ?, ?)",
            (old, new, _utc(at)),
        )

    async def group_moves(self) -> dict[int, int]:
        rows = await self._rows("SELECT old_chat, new_chat FROM group_moves")
        return {int(old): int(new) for old, new in rows}

    # upkeep

    async def purge(
        self, before: datetime, finished: Collection[str] = FINISHED_STATUSES
    ) -> dict[str, int]:
        cutoff = _utc(before)
        done = ", ".join("?" for _ in finished)
        open_users = f"SELECT user FROM requests WHERE status NOT IN ({done})"
        old = f"SELECT ref FROM requests WHERE status IN ({done}) AND updated_at < ?"
        counts: dict[str, int] = {}
        async with self.unit():
            counts["sessions"] = await self._bulk(
                f"DELETE FROM sessions WHERE updated_at < ? AND user NOT IN ({open_users})",
                (cutoff.replace("+00:00", "Z"), *finished),
            )
            await self._bulk(f"DELETE FROM message_links WHERE ref IN ({old})", (*finished, cutoff))
            counts["requests"] = await self._bulk(
                f"DELETE FROM requests WHERE status IN ({done}) AND updated_at < ?",
                (*finished, cutoff),
            )
            counts["outbox"] = await self._bulk(
                "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?", (cutoff,)
            )
            counts["inbox"] = await self._bulk(
                "DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < ?",
                (_utc(inbox_cutoff(before, datetime.now(UTC))),),
            )
        return counts

    async def checkpoint(self) -> None:
        """Move the WAL into the main file and truncate it (deleted rows leave the WAL too)."""
        await self._marks_settled()
        async with self._lock:
            if not self._open:
                await self._w.checkpoint("TRUNCATE", wait=True)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._committing is not None:
            await asyncio.gather(self._committing, return_exceptions=True)
        await self._commit()
        await asyncio.gather(*self._settling.values(), return_exceptions=True)
        with contextlib.suppress(SyncFailed):  # what was committed is on disk before closing
            await self._sync.flush()
        await self._sync.close()
        await self._r.close()
        self._quick.close()
        await self._w.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    @property
    def connection(self) -> Writer:
        """The writer connection, for this backend's own tests (pragmas, schema)."""
        return self._w


def _request(row: tuple[Any, ...]) -> RequestRow:
    return RequestRow(
        ref=row[0],
        user=row[1],
        office=row[2],
        status=row[3],
        data=row[4],
        created_at=datetime.fromisoformat(row[5]),
        updated_at=datetime.fromisoformat(row[6]),
    )


def _outbox(row: tuple[Any, ...]) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        key=row[1],
        kind=row[2],
        target=row[3],
        payload=compact_json.loads(row[4]),
        due_at=datetime.fromisoformat(row[5]),
        attempts=row[6],
        sent_at=datetime.fromisoformat(row[7]) if row[7] else None,
        last_error=row[8],
        progress=row[9],
    )


async def schema_version(connection: Writer) -> int:
    rows = await connection.fetchall("PRAGMA user_version")
    return int(rows[0][0]) if rows else 0


async def migrate(connection: Writer) -> int:
    """Apply the migrations not yet applied, each in its own transaction."""
    version = await schema_version(connection)
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        await connection.executescript(
            f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
        )
    return len(MIGRATIONS)


_ALONE = contextlib.nullcontext()


class _Unit:
    """One unit of `SqliteStorage` (`unit()`): a savepoint in the open batch transaction,
    under the storage's lock; on leaving, released (or rolled back on an error) and waited
    for until its batch is durable. A class, not `@asynccontextmanager`: every turn enters a
    unit several times (the turn's own, and each write joining it)."""

    __slots__ = ("_batch", "_joined", "_mark", "_storage", "_token")

    def __init__(self, storage: SqliteStorage) -> None:
        self._storage = storage

    async def __aenter__(self) -> None:
        storage = self._storage
        self._joined = id(storage) in _inside.get()
        if self._joined:
            return  # joins the enclosing unit of this task
        self._mark = marks.take()
        await storage._lock.acquire()
        try:
            storage._refuse_if_unsynced()
            await storage._join_batch()
            self._batch = storage._batch
            storage._w.run("SAVEPOINT unit")
        except BaseException:
            storage._lock.release()
            raise
        self._token = _inside.set(_inside.get() | {id(storage)})

    async def __aexit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self._joined:
            return
        storage, mark = self._storage, self._mark
        try:
            try:
                if kind is None and mark is not None:
                    storage._mark_processed(mark)
            except BaseException:
                storage._w.run("ROLLBACK TO unit")
                storage._w.run("RELEASE unit")
                raise
            finally:
                _inside.reset(self._token)
            if kind is not None:
                storage._w.run("ROLLBACK TO unit")
            storage._w.run("RELEASE unit")
        finally:
            storage._lock.release()
        if kind is not None:
            return  # the body's error goes on as it is
        await storage._until_durable(self._batch)
        if mark is not None:
            mark.consumed = True
