"""Telegram with several workers on one database (PostgreSQL): store, answer, claim, handle.

The webhook only stores an update (unique per channel and update id) and answers 200; it does
not handle it. Every worker runs an `InboxWorker` (`bot.workers`) that claims stored updates
from the database and feeds each through the application's update processor, so the
`ChatOrderedProcessor` and the inbox marks work as in a single process. Polling stays one
process (Telegram serves getUpdates to one caller at a time).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from bot.channels.telegram.app import TelegramChannel
from bot.channels.telegram.inbox import CHANNEL, Hand, TelegramInbox
from bot.channels.telegram.parse import parse_update
from bot.storage.records import InboxEntry
from bot.workers import InboxWorker

JSON = dict[str, Any]


class StoreOnly:
    """The webhook's inbox when workers claim updates: stores them and hands none to the local
    queue (returns no fresh update), so whichever worker claims an update handles it."""

    def __init__(self, inbox: TelegramInbox) -> None:
        self._inbox = inbox

    async def store(self, updates: Sequence[JSON], hand: Hand | None = None) -> list[JSON]:
        """Stores durably; `hand` is never called (a claiming worker handles each update)."""
        await self._inbox.store(updates)
        return []


async def run_inbox_worker(channel: TelegramChannel, stop: asyncio.Event) -> None:
    """Claim and handle stored Telegram updates until `stop` is set."""
    assert channel.inbox is not None
    application = channel.application

    async def handle(entry: InboxEntry) -> None:
        update = parse_update(json.loads(entry.payload), application.bot)
        await application.update_processor.process_update(
            update, application.process_update(update)
        )

    worker = InboxWorker(channel.inbox.storage, CHANNEL, handle)
    await worker.run(stop)
