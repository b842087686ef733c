"""Delivering queued messages: retries with backoff, 20 a minute per group, across restarts."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.handoff.delivery import DeliveryError
from bot.handoff.records import OutboxItem
from bot.handoff.store import RequestStore
from bot.reply_outbox import REPLY_KIND

log = logging.getLogger(__name__)

GROUP_LIMIT = 20  # Telegram: about 20 messages a minute into one group
GROUP_WINDOW = timedelta(minutes=1)
FIRST_RETRY = 5.0
LONGEST_RETRY = 900.0
GROUP_KINDS = frozenset({"group_post", "group_edit", "group_note", "group_copy", "group_deleted"})

Handler = Callable[[OutboxItem], Awaitable[None]]


@dataclass
class OutboxWorker:
    store: RequestStore
    clock: Clock
    handle: Handler
    _sent: dict[str, deque[datetime]] = field(default_factory=dict)

    async def run_once(self) -> int:
        """Try every due item once; returns how many were delivered."""
        delivered = 0
        for item in await self.store.due_outbox(self.clock.now()):
            if item.kind == REPLY_KIND:
                continue  # replies of turns: bot.reply_outbox delivers them, in order per person
            delivered += await self._try(item)
        return delivered

    async def run_forever(self, interval: float = 1.0) -> None:
        while True:
            try:
                await self.run_once()
            except Exception as exc:  # a broken item must not stop delivery of the others
                log.error("outbox pass failed: %s", type(exc).__name__)
            await asyncio.sleep(interval)

    async def _try(self, item: OutboxItem) -> int:
        assert item.id is not None
        now = self.clock.now()
        if item.kind in GROUP_KINDS and (slot := self._next_slot(item.target, now)) > now:
            await self.store.outbox_retry(item.id, item.attempts, slot, "paced", item.progress)
            return 0
        before = item.progress
        try:
            await self.handle(item)
        except DeliveryError as exc:
            self._count(item, now, item.progress - before)
            return await self._later(item, now, str(exc), exc.retry_after)
        except Exception as exc:
            self._count(item, now, item.progress - before)
            return await self._later(item, now, type(exc).__name__, None)
        self._count(item, now, max(1, item.progress - before))
        await self.store.outbox_done(item.id, now)
        return 1

    def _count(self, item: OutboxItem, now: datetime, messages: int) -> None:
        """Group messages sent, for the pacing (a long note goes out in several parts)."""
        if item.kind in GROUP_KINDS:
            self._sent.setdefault(item.target, deque()).extend([now] * messages)

    async def _later(
        self, item: OutboxItem, now: datetime, reason: str, retry_after: float | None
    ) -> int:
        attempts = item.attempts + 1
        delay = (
            retry_after
            if retry_after is not None
            else min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)
        )
        log.warning(
            "outbox item %s (%s) failed, attempt %d, retry in %.0fs: %s",
            item.id,
            item.kind,
            attempts,
            delay,
            reason,
        )
        assert item.id is not None
        retry_at = now + timedelta(seconds=delay)  # parts already sent stay sent
        await self.store.outbox_retry(item.id, attempts, retry_at, reason, item.progress)
        return 0

    def _next_slot(self, target: str, now: datetime) -> datetime:
        sent = self._sent.setdefault(target, deque())
        while sent and now - sent[0] >= GROUP_WINDOW:
            sent.popleft()
        return now if len(sent) < GROUP_LIMIT else sent[0] + GROUP_WINDOW
