"""The inbox of any channel: updates stored before they are acknowledged, marked processed by
their turn (the pattern of `bot.channels.telegram.inbox`, keyed by a string id per channel).

The webhook stores every update before it answers `200`; a redelivered id is recognised and
not handled twice, also across restarts (processed rows are kept for `INBOX_KEEP`). The turn
that handles an update writes "processed" in its own transaction (`bot.storage.marks`); an
update that no turn wrote (a status, an ignored kind) is marked afterwards.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from bot.clock import Clock
from bot.storage import Storage, marks
from bot.storage.records import InboxEntry

JSON = dict[str, Any]


class ChannelInbox:
    """One channel's side of the storage's inbox table."""

    def __init__(self, storage: Storage, channel: str, clock: Clock) -> None:
        self._storage = storage
        self._channel = channel
        self._clock = clock

    async def store(self, updates: Sequence[tuple[str, JSON]]) -> list[tuple[str, JSON]]:
        """Store `(id, update)` pairs in one transaction; returns those not seen before."""
        now = self._clock.now()
        fresh: list[tuple[str, JSON]] = []
        async with self._storage.unit():
            for update_id, update in updates:
                chat = str(update.get("user") or "")  # one person's updates keep their order
                entry = InboxEntry(self._channel, update_id, _dump(update), now, chat=chat)
                if await self._storage.inbox_add(entry):
                    fresh.append((update_id, update))
        return fresh

    async def pending(self) -> list[tuple[str, JSON]]:
        """Updates stored but never processed (a crash came in between), oldest first."""
        entries = await self._storage.inbox_pending(self._channel)
        ordered = sorted(entries, key=lambda e: e.received_at)
        return [(e.update_id, json.loads(e.payload)) for e in ordered]

    @asynccontextmanager
    async def handling(self, update_id: str) -> AsyncIterator[None]:
        """Around the handling of one update: its turn marks it processed, or this does."""
        with marks.handling(self._channel, update_id) as mark:
            yield
        if not mark.consumed:
            await self._storage.inbox_done(self._channel, update_id, self._clock.now())


def _dump(update: JSON) -> str:
    return json.dumps(update, ensure_ascii=False, separators=(",", ":"))
