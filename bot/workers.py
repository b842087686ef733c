"""Several workers on one database: handling the updates of the shared inbox.

Every worker (process) stores the updates its web endpoint receives in the inbox and answers
at once; it does not handle them itself. Instead each worker runs an `InboxWorker`, which
claims stored updates from the database (`Storage.inbox_claim`, `FOR UPDATE SKIP LOCKED` in
PostgreSQL) and handles them. Only the oldest unprocessed update of a chat can be claimed, and
only while no other worker holds a live lease on it, so the updates of one chat are handled one
after another, in the order they were stored, whichever worker takes them; different chats are
handled at once, by any worker. The turn that handles an update marks it processed in its own
transaction, and only if nobody did before (PostgreSQL raises `AlreadyProcessed` and rolls the
turn back otherwise), so each update changes the stored state exactly once. A worker killed
mid-turn leaves its claim behind; when the lease ends another worker takes the update over.

Why claims on the inbox rather than a per-chat advisory lock: the claim and the "processed" mark
are rows, so what is in flight and what was done can be read with SQL, and a killed worker's
update is visibly taken over; an advisory lock would hold a connection per chat in flight.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from bot.storage import Storage, marks
from bot.storage.records import InboxEntry

log = logging.getLogger(__name__)

# How long a claimed update stays the claiming worker's; then another worker may take it over
# (after a kill). Far longer than any turn; `WEGWEISER_INBOX_LEASE` (seconds) for tests.
DEFAULT_LEASE = timedelta(seconds=float(os.environ.get("WEGWEISER_INBOX_LEASE", "30")))
IDLE_POLL = 0.02  # seconds between claims while nothing is waiting

Handle = Callable[[InboxEntry], Awaitable[None]]


def worker_name() -> str:
    """A name for this process in claims and leases: host and process id."""
    return f"{os.uname().nodename}:{os.getpid()}"


class InboxWorker:
    """Claims updates of `channel` from the shared inbox and runs `handle` for each, at most
    `concurrency` chats at once (see the module docstring)."""

    def __init__(
        self,
        storage: Storage,
        channel: str,
        handle: Handle,
        *,
        worker: str | None = None,
        lease: timedelta = DEFAULT_LEASE,
        concurrency: int = 64,
    ) -> None:
        self._storage = storage
        self._channel = channel
        self._handle = handle
        self.worker = worker or worker_name()
        self._lease = lease
        self._concurrency = concurrency
        self._running: set[asyncio.Task[None]] = set()
        self._finished = asyncio.Event()
        self.handled = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Claim and handle until `stop` is set; then wait for the turns in flight."""
        try:
            while not stop.is_set():
                if not await self.claim_once():
                    self._finished.clear()
                    waiters = [asyncio.ensure_future(e.wait()) for e in (stop, self._finished)]
                    await asyncio.wait(waiters, timeout=IDLE_POLL)
                    for waiter in waiters:
                        waiter.cancel()
        finally:
            await asyncio.gather(*self._running, return_exceptions=True)

    async def claim_once(self) -> int:
        """Claim what there is room for and start handling it; returns how many."""
        room = self._concurrency - len(self._running)
        if room <= 0:
            return 0
        try:
            entries = await self._storage.inbox_claim(
                self._channel, self.worker, self._lease, limit=room
            )
        except Exception as error:  # the database is away for a moment: try again soon
            log.warning("inbox claim failed: %s", type(error).__name__)
            await asyncio.sleep(1.0)
            return 0
        for entry in entries:
            task = asyncio.create_task(self._one(entry))
            self._running.add(task)
            task.add_done_callback(self._done)
        return len(entries)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        self._finished.set()

    async def _one(self, entry: InboxEntry) -> None:
        """Handle one update; its turn marks it processed, or this does (nothing was stored)."""
        try:
            with marks.handling(entry.channel, entry.update_id) as mark:
                await self._handle(entry)
            if not mark.consumed:
                await self._storage.inbox_done(entry.channel, entry.update_id, datetime.now(UTC))
            self.handled += 1
        except Exception as error:  # stays claimed; another worker retries after the lease
            log.error("update %s not handled: %s", entry.update_id, type(error).__name__)
