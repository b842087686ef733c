"""SQLite durability by `fdatasync` of the WAL file (`bot/storage/sqlite_sync.py`).

The writer commits with `synchronous=NORMAL`; a unit may only return once a sync of the WAL
file that started after its commit has returned. Each rule here was broken on purpose once to
see its test fail (no wait for the sync, a sync counted for a commit made while it ran, no
refusal after a failed sync, no passive checkpoint, no restart of a WAL that outgrew them, a
PRAGMA's row left unread, a busy TRUNCATE counted as done, the WAL file never cut back, the
size measured before the cut counted).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.session import Session
from bot.storage import SqliteStorage
from bot.storage import sqlite as sqlite_module
from bot.storage.sqlite import CommitFailed


class Disk:
    """Stands in for `os.fdatasync`: records which file each sync flushed and can hold a
    sync until the test lets it go (`hold`) or make it fail (`fail`)."""

    def __init__(self, real: Callable[[int], None]) -> None:
        self.real = real
        self.files: list[str] = []
        self.started = threading.Semaphore(0)
        self.gates: list[threading.Event] = []
        self.fail: OSError | None = None

    def hold(self) -> threading.Event:
        gate = threading.Event()
        self.gates.append(gate)
        return gate

    def __call__(self, fd: int) -> None:
        self.files.append(os.readlink(f"/proc/self/fd/{fd}"))
        self.started.release()
        if self.gates:
            self.gates.pop(0).wait(10)
        if self.fail is not None:
            raise self.fail
        self.real(fd)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    fake = Disk(os.fdatasync)
    monkeypatch.setattr(os, "fdatasync", fake)
    return fake


async def save(storage: SqliteStorage, user: str) -> None:
    async with storage.unit():
        await storage.save_session(Session(user))


async def save_many(storage: SqliteStorage, people: int = 400) -> None:
    """One unit (one batch) per person, each session carrying 3,000 bytes of notes."""
    for n in range(people):
        session = Session(f"u:{n}")
        session.answers["note"] = os.urandom(1500).hex()
        async with storage.unit():
            await storage.save_session(session)


async def until_sync_started(disk: Disk) -> None:
    await asyncio.to_thread(disk.started.acquire, True, 10)


async def test_a_unit_returns_only_once_the_wal_file_is_synced(tmp_path: Path, disk: Disk) -> None:
    storage = await SqliteStorage.open(tmp_path / "db")
    try:
        gate = disk.hold()
        turn = asyncio.create_task(save(storage, "u:a"))
        await until_sync_started(disk)
        await asyncio.sleep(0.2)
        assert not turn.done()  # committed, visible to readers, but not yet on disk
        gate.set()
        await asyncio.wait_for(turn, 10)
        assert disk.files[-1] == str(tmp_path / "db-wal")
    finally:
        gate.set()
        await storage.close()


async def test_a_sync_that_began_before_a_commit_does_not_make_it_durable(
    tmp_path: Path, disk: Disk
) -> None:
    storage = await SqliteStorage.open(tmp_path / "db")
    first_gate = disk.hold()
    try:
        first = asyncio.create_task(save(storage, "u:a"))
        await until_sync_started(disk)  # the first sync runs (and covers only u:a's batch)
        second = asyncio.create_task(save(storage, "u:b"))
        await asyncio.sleep(0.1)  # u:b's batch is committed while that sync runs
        syncs_before = len(disk.files)
        first_gate.set()
        await asyncio.wait_for(asyncio.gather(first, second), 10)
        assert len(disk.files) == syncs_before + 1  # u:b waited for a sync of its own
    finally:
        first_gate.set()
        await storage.close()


async def test_a_failed_sync_fails_its_turns_and_refuses_new_ones(
    tmp_path: Path, disk: Disk, caplog: pytest.LogCaptureFixture
) -> None:
    storage = await SqliteStorage.open(tmp_path / "db")
    try:
        disk.fail = OSError(5, "Input/output error")
        with caplog.at_level(logging.CRITICAL), pytest.raises(CommitFailed):
            await save(storage, "u:secret-person")
        disk.fail = None  # Linux may report a lost write-back once: a later success proves nothing
        with pytest.raises(CommitFailed):
            await save(storage, "u:b")
        assert await storage.load_session("u:b") is None  # refused before anything was written
        assert "restart" in caplog.text
        assert "secret-person" not in caplog.text
    finally:
        await storage.close()


async def test_a_long_wal_is_copied_into_the_database_file_off_the_loop(
    tmp_path: Path,
) -> None:
    storage = await SqliteStorage.open(tmp_path / "db")
    try:
        storage._sync._checkpoint_bytes = 256 * 1024
        await save_many(storage)  # about 1.6 MB of pages, one batch each
        await asyncio.sleep(0.2)
        assert (tmp_path / "db").stat().st_size > 1024 * 1024  # passive checkpoints ran
    finally:
        await storage.close()


async def test_a_wal_that_outgrows_passive_checkpoints_is_restarted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_module, "WAL_LIMIT_BYTES", 256 * 1024)
    storage = await SqliteStorage.open(tmp_path / "db")
    try:
        storage._sync._checkpoint_bytes = 1 << 40  # as if passive checkpoints never caught up
        await save_many(storage)
        assert (tmp_path / "db-wal").stat().st_size < 1024 * 1024  # reused from the start
    finally:
        await storage.close()


async def test_a_statement_run_off_the_loop_leaves_nothing_open_for_the_next_unit(
    tmp_path: Path,
) -> None:
    """A PRAGMA's unread result row kept its statement running, and every later unit failed
    with "cannot open savepoint - SQL statements in progress" (seen under load, when the
    storage restarted the WAL)."""
    storage = await SqliteStorage.open(tmp_path / "db")
    try:
        await save(storage, "u:a")
        kept = await storage.connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        await save(storage, "u:b")  # raised OperationalError while `kept` was a live cursor
        assert kept == -1
        assert await storage.load_session("u:b") is not None
    finally:
        await storage.close()


async def test_a_deletion_whose_wal_clearing_a_reader_blocked_is_cleared_after_the_next_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_module, "BUSY_TIMEOUT_MS", 50)
    storage = await SqliteStorage.open(tmp_path / "db")
    other = sqlite3.connect(tmp_path / "db")
    try:
        secret = os.urandom(64).hex()
        session = Session("u:gone")
        session.answers["note"] = secret
        async with storage.unit():
            await storage.save_session(session)
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM sessions").fetchall()  # holds an older snapshot
        await storage.delete_user("u:gone")
        assert (tmp_path / "db-wal").stat().st_size > 0  # could not be truncated
        other.rollback()
        await save(storage, "u:next")
        wal = (tmp_path / "db-wal").read_bytes()
        assert wal == b""
        assert secret.encode() not in (tmp_path / "db").read_bytes()
    finally:
        other.close()
        await storage.close()


async def test_once_restarted_the_wal_is_not_checkpointed_again_at_every_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reuses the WAL file without shrinking it: judged by the file's size alone, every
    commit after one busy spell ran a RESTART checkpoint (and every sync a passive one)."""
    monkeypatch.setattr(sqlite_module, "WAL_LIMIT_BYTES", 256 * 1024)
    storage = await SqliteStorage.open(tmp_path / "db")
    restarts: list[str] = []
    checkpoint = storage.connection.checkpoint

    async def counted(mode: str, wait: bool) -> bool:
        restarts.append(mode)
        return await checkpoint(mode, wait)

    monkeypatch.setattr(storage.connection, "checkpoint", counted)
    try:
        await storage.connection.execute("PRAGMA journal_size_limit=65536")  # as the limits
        storage._sync._checkpoint_bytes = 1 << 40  # only the restart keeps the WAL short
        await save_many(storage)
        # about 4 MiB written; each restart lets the WAL grow from 64 to 256 KiB: ~22 restarts
        assert 1 <= len(restarts) <= 30  # (by the file's size alone: one at every commit)
    finally:
        await storage.close()
