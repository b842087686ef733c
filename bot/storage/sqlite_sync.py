"""Making committed SQLite transactions durable: `fdatasync` of the WAL file, off the loop.

The writer runs with `synchronous=NORMAL` in WAL mode and COMMITs on the event loop's thread:
that writes the transaction's frames to the WAL file (the operating system's cache) and takes
microseconds. Durability comes from here: `until_synced(n)` returns once an `fdatasync` of
the WAL file that started after commit `n` has returned. In WAL mode that is exactly what
`synchronous=FULL` adds to `NORMAL` (SQLite's documentation: with FULL "the WAL file is synced
after each transaction commit"; NORMAL already syncs the WAL before and the database file after
every checkpoint, so the file is never corrupted). Frames of a commit are either still in the
WAL file, which the sync flushes, or were copied into the database file by a checkpoint that
synced it before the WAL could be reused. The difference to FULL: the write lock is not held
while the disk works, so the next transactions are written during the sync, and one sync
covers every commit made before it started (group commit without holding anyone up).

Other connections can read a transaction before it is durable. That is safe because nothing
leaves the process (a reply, Telegram's next offset, the webhook's `200`) before the sync, and
a transaction that read such data commits after it, so its own durability implies the data's.

A failed `fdatasync` cannot be retried: Linux reports a write-back error once and may have
dropped the pages, so a later successful sync proves nothing (PostgreSQL's "fsyncgate"; it
stops the server). `until_synced` raises `SyncFailed` for that and every later commit; the
storage refuses new work until the process is restarted and SQLite recovers from what is on
disk.

Checkpoints (copying the WAL into the database file so that the WAL can be reused) would run
inside a COMMIT on the loop's thread if SQLite started them itself, and take milliseconds. So
the writer sets `wal_autocheckpoint=0`, and after a sync that finds the WAL longer than
`CHECKPOINT_BYTES` a `PASSIVE` checkpoint (never waits for readers or the writer) runs on a
connection and thread of its own, with `synchronous=FULL`. A passive checkpoint copies what
was committed when it started; under a load without pauses the writer keeps appending, the WAL
can never start over and would grow without end, so once it is longer than `WAL_LIMIT_BYTES`
the storage runs a `RESTART` checkpoint itself, between two batches (`wal_bytes`).
SQLite reuses the WAL file from its start without shrinking it, so its size alone would stay
above both limits for good after one busy spell (and a checkpoint would run after every sync);
the writer therefore sets `journal_size_limit` to `CHECKPOINT_BYTES`, and SQLite cuts the file
back to that whenever the WAL starts over: a WAL longer than `CHECKPOINT_BYTES` has grown since.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

CHECKPOINT_BYTES = 4 * 1024 * 1024  # SQLite's own default: 1,000 pages of 4 KiB
WAL_LIMIT_BYTES = 4 * CHECKPOINT_BYTES


class SyncFailed(Exception):
    """The WAL file could not be synced to disk: nothing committed since the last good sync
    is known to be durable, and nothing will be (restart the process)."""


class WalSync:
    """Coalesced `fdatasync` of `<database>-wal` on a thread of its own.

    Commits are numbered by the caller (increasing integers, e.g. batch numbers)."""

    def __init__(self, database_path: str, checkpoint_bytes: int = CHECKPOINT_BYTES) -> None:
        self._database = database_path
        self._path = database_path + "-wal"
        self._checkpoint_bytes = checkpoint_bytes
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-wal-sync")
        self._checkpoint_thread = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="sqlite-checkpoint"
        )
        self._checkpointer: sqlite3.Connection | None = None
        self._checkpointing: asyncio.Future[None] | None = None
        self._fd: int | None = None
        self.wal_bytes = 0  # the WAL file's size at the last sync
        self._restarted_after = -1  # the WAL started over after this commit (`restarted`)
        self._committed = -1  # the last commit noted
        self._synced = -1  # every commit up to this one is on disk
        self._running: asyncio.Future[None] | None = None
        self._failure: BaseException | None = None

    def committed(self, commit: int) -> None:
        """Note that `commit` (an increasing number) has been written to the WAL file."""
        self._committed = max(self._committed, commit)

    async def until_synced(self, commit: int) -> None:
        """Return once `commit` is on disk. Raises `SyncFailed` if a sync failed (then for
        every later commit too), `ValueError` for a commit that was never noted."""
        if commit > self._committed:
            raise ValueError(f"commit {commit} was never noted (last: {self._committed})")
        while self._synced < commit:
            if self._failure is not None:
                raise SyncFailed(type(self._failure).__name__) from self._failure
            if self._running is None or self._running.done():
                self._running = asyncio.ensure_future(self._sync())
            await asyncio.shield(self._running)

    async def _sync(self) -> None:
        """One `fdatasync` covering every commit noted before it starts (never raises)."""
        covers = self._committed
        loop = asyncio.get_running_loop()
        try:
            size = await loop.run_in_executor(self._thread, self._fdatasync)
        except OSError as error:
            self._failure = error
            log.critical(
                "the database's WAL file could not be synced to disk (%s): no further writes "
                "are accepted; restart the bot",
                type(error).__name__,
            )
            return
        self._synced = max(self._synced, covers)
        if covers <= self._restarted_after:
            return  # the file is cut back at the first commit after the restart
        self.wal_bytes = size
        if size > self._checkpoint_bytes and (
            self._checkpointing is None or self._checkpointing.done()
        ):
            self._checkpointing = loop.run_in_executor(self._checkpoint_thread, self._checkpoint)

    def _fdatasync(self) -> int:
        """On the sync thread: (re)open the WAL file if it is new, flush it; its size in bytes."""
        current = os.stat(self._path).st_ino
        if self._fd is not None and os.fstat(self._fd).st_ino != current:
            os.close(self._fd)
            self._fd = None
        if self._fd is None:
            self._fd = os.open(self._path, os.O_RDONLY)
        os.fdatasync(self._fd)
        return os.fstat(self._fd).st_size

    def _checkpoint(self) -> None:
        """On the checkpoint thread: copy what it can of the WAL into the database file."""
        try:
            if self._checkpointer is None:
                connection = sqlite3.connect(
                    self._database, isolation_level=None, check_same_thread=False
                )
                connection.execute("PRAGMA synchronous=FULL")
                connection.execute("PRAGMA busy_timeout=0")
                self._checkpointer = connection
            self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as error:  # the next long WAL tries again
            log.warning("WAL checkpoint skipped: %s", type(error).__name__)

    def restarted(self, commit: int) -> None:
        """The WAL was started over (a `RESTART` checkpoint) after `commit`: SQLite cuts the
        file back at the next commit, so sizes measured before that are not looked at."""
        self.wal_bytes = 0
        self._restarted_after = max(self._restarted_after, commit)

    async def flush(self) -> None:
        """Return once every commit noted so far is on disk (`SyncFailed` as above)."""
        await self.until_synced(self._committed)

    @property
    def failed(self) -> bool:
        """A sync failed: the storage must not accept more work."""
        return self._failure is not None

    async def close(self) -> None:
        """Wait for a running sync, close the file and the thread (again: nothing happens)."""
        for running in (self._running, self._checkpointing):
            if running is not None:
                await asyncio.gather(running, return_exceptions=True)
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._thread.shutdown(wait=True)
        self._checkpoint_thread.shutdown(wait=True)
