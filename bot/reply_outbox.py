"""Replies kept in the outbox: written in the turn's transaction, sent after its commit.

A turn's replies are one outbox item (kind `reply`) committed with the person's session, so a
crash after the commit loses no answer: the item is still pending and is sent at the next start.
Right after the commit the turn sends its own item (`flush`); if sending fails (a 429, a 5xx, a
timeout) the item is retried later by `run_forever`, resuming at the first reply not yet sent,
and the person's later replies wait behind it, so their order never changes. A 429 for one
person delays only that person. Delivery is at least once: each part's "sent" mark is committed
with the next batch, not waited for (waiting cost a commit per part, the largest share of a
multi-part reply's time under load), so a crash repeats at the next start the parts whose mark
was not yet committed: the one in flight, and those sent in the last commit interval (about a
millisecond).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.handoff.delivery import DeliveryError, PersonUnreachable
from bot.locks import KeyedLocks
from bot.messages import Reply, reply_from_data, reply_to_data
from bot.privacy import pseudonym
from bot.storage import Storage
from bot.storage.records import OutboxItem

log = logging.getLogger(__name__)

REPLY_KIND = "reply"
# How long a turn's own delivery owns its item before the background worker may take it over
# (only after a crash, since a running process sends it at once).
LEASE = timedelta(seconds=60)
FIRST_RETRY = 2.0
LONGEST_RETRY = 300.0

Send = Callable[[str, Sequence[Reply]], Awaitable[None]]


def reply_item(user: str, replies: Sequence[Reply], now: datetime) -> OutboxItem:
    """The outbox item carrying one turn's replies to `user`."""
    payload = {"replies": [reply_to_data(r) for r in replies]}
    return OutboxItem(f"reply:{user}:{uuid.uuid4().hex}", REPLY_KIND, user, payload, now + LEASE)


class ReplyDelivery:
    """Sends the `reply` items of one person in order, one person's failure touching nobody
    else. `send(user, replies)` raises `DeliveryError` (with Telegram's wait time, if any)."""

    def __init__(self, storage: Storage, send: Send, clock: Clock) -> None:
        self._storage = storage
        self._send = send
        self._clock = clock
        self._locks = KeyedLocks()
        # Off with several workers: another worker's just-committed replies are its own to send.
        self.recover_at_start = True
        # Once `recover` is done, a person not listed here has no reply item pending but the
        # one their turn just committed; the listed ones (a send failed) go through the table.
        # (Never set with several workers: there `recover` does not run.)
        self._recovered = False
        self._behind: set[str] = set()
        # Items whose turn sends them itself (`flush(user, fresh)`), reserved before their
        # commit: other passes (recovery, retries) leave them, so they go out once.
        self._reserved: set[int] = set()

    def reserve(self, item: OutboxItem) -> None:
        """Called in the turn's transaction once `item` has its id, before the commit makes
        it visible: from then on only the turn's own `flush(user, item)` sends it (which
        ends the reservation), or `release` after a rollback. Without this the start-up
        recovery or a retry pass could read the committed item between the commit and the
        turn's send, send it, and the turn would send it again."""
        if item.id is not None:
            self._reserved.add(item.id)

    def release(self, item: OutboxItem) -> None:
        """End a reservation without sending (the turn rolled back: no such item exists)."""
        if item.id is not None:
            self._reserved.discard(item.id)

    async def flush(self, user: str, fresh: OutboxItem | None = None) -> None:
        """Send every pending reply item of `user`, oldest first; stop at one that must wait.
        `fresh` is the item the caller's turn has just committed: when nothing of `user` is
        waiting before it, it is sent without reading the table (which holds everybody's).
        Ends `fresh`'s reservation (`reserve`), also when this fails or is cancelled."""
        try:
            async with self._locks.hold(user), self._storage.exclusive(f"reply:{user}"):
                await self._flush_held(user, fresh)
        finally:
            if fresh is not None:
                self.release(fresh)

    async def _flush_held(self, user: str, fresh: OutboxItem | None) -> None:
        if fresh is not None and self._recovered and user not in self._behind:
            self._behind.add(user)  # until it is known to be delivered (also on errors)
            if await self._deliver(fresh):
                self._behind.discard(user)
            return
        pending = [
            item
            for item in await self._storage.pending_outbox()
            if item.kind == REPLY_KIND and item.target == user
        ]
        fresh_id = fresh.id if fresh is not None else None
        for item in sorted(pending, key=lambda i: i.id or 0):
            if item.id in self._reserved and item.id != fresh_id:
                return  # its turn sends it, after what this pass sent before it
            if item.attempts and item.due_at > self._clock.now():
                self._behind.add(user)
                return  # waits for its retry; later replies wait behind it
            if not await self._deliver(item):
                self._behind.add(user)
                return
        self._behind.discard(user)  # caught up: bounded by the people with failures

    async def recover(self) -> int:
        """At start: send at once what a crash left committed but unsent, without waiting for
        its lease (no other process sends for this storage). Returns the people served."""
        pending = await self._storage.pending_outbox()
        users = list(dict.fromkeys(i.target for i in pending if i.kind == REPLY_KIND))
        self._behind.update(users)
        self._recovered = True  # turns committed from now on read the table only if behind
        await asyncio.gather(*(self.flush(user) for user in users))
        return len(users)

    async def run_once(self) -> int:
        """Retry what is due (after a failure, or left over from before a crash)."""
        due = await self._storage.due_outbox(self._clock.now(), limit=500)
        users = list(dict.fromkeys(i.target for i in due if i.kind == REPLY_KIND))
        await asyncio.gather(*(self.flush(user) for user in users))
        return len(users)

    async def run_forever(self, interval: float = 1.0) -> None:
        """`recover`, then retry what is due every `interval` seconds until cancelled."""
        try:
            if self.recover_at_start:
                await self.recover()
        except Exception as error:  # the regular passes below pick it up
            log.error("reply recovery failed: %s", type(error).__name__)
        while True:
            try:
                await self.run_once()
            except Exception as error:  # one bad pass must not stop later ones
                log.error("reply delivery pass failed: %s", type(error).__name__)
            await asyncio.sleep(interval)

    async def _deliver(self, item: OutboxItem) -> bool:
        assert item.id is not None
        replies = [reply_from_data(data) for data in item.payload["replies"]]
        for index in range(item.progress, len(replies)):
            try:
                await self._send(item.target, [replies[index]])
            except PersonUnreachable:
                break  # blocked the bot: kept no longer, never retried
            except DeliveryError as error:
                await self._later(item, index, str(error), error.retry_after)
                return False
            except Exception as error:
                await self._later(item, index, type(error).__name__, None)
                return False
            if index + 1 < len(replies):  # a restart resumes at the next part, not the first
                await self._storage.outbox_progress(item.id, index + 1)
        await self._storage.outbox_done(item.id, self._clock.now())
        return True

    async def _later(
        self, item: OutboxItem, progress: int, reason: str, retry_after: float | None
    ) -> None:
        assert item.id is not None
        attempts = item.attempts + 1
        delay = retry_after if retry_after is not None else FIRST_RETRY * 2 ** (attempts - 1)
        delay = min(delay, LONGEST_RETRY)
        log.warning(
            "reply to %s not delivered (attempt %d, part %d), again in %.0fs: %s",
            pseudonym(item.target),
            attempts,
            progress,
            delay,
            reason,
        )
        due = self._clock.now() + timedelta(seconds=delay)
        await self._storage.outbox_retry(item.id, attempts, due, reason, progress)
