"""Runs the channel by long polling getUpdates until `stop` is set.

With an inbox (the production set-up) each batch is stored before the next getUpdates confirms
it to Telegram (see `bot.channels.telegram.inbox`); stored but unprocessed updates from before
a crash are handled first. Without one (some tests), PTB's own Updater polls.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.error import InvalidToken, TelegramError

from bot.channels.telegram.app import ALLOWED_UPDATES, TelegramChannel, run_post_init
from bot.channels.telegram.inbox import TelegramInbox
from bot.channels.telegram.parse import parse_update
from bot.channels.telegram.redact import describe_error

log = logging.getLogger(__name__)

POLL_TIMEOUT = 30  # seconds Telegram holds a getUpdates call open when nothing arrives
FIRST_BACKOFF = 1.0
LONGEST_BACKOFF = 60.0


async def run_polling(channel: TelegramChannel, stop: asyncio.Event) -> None:
    application = channel.application
    async with application:
        await run_post_init(application)
        if channel.inbox is None:
            await _run_ptb_updater(channel, stop)
            return
        await application.start()
        try:
            await replay_pending(channel, channel.inbox)
            poller = asyncio.create_task(_poll(channel, channel.inbox))
            await stop.wait()
            poller.cancel()
            await asyncio.gather(poller, return_exceptions=True)
        finally:
            await application.stop()


async def replay_pending(channel: TelegramChannel, inbox: TelegramInbox) -> int:
    """Queue the updates stored before a crash and never processed; returns how many."""
    pending = await inbox.pending()
    for data in pending:
        _queue(channel, data)
    if pending:
        log.info("%d stored update(s) from before the restart are processed first", len(pending))
    return len(pending)


async def poll_updates(channel: TelegramChannel, inbox: TelegramInbox) -> None:
    """getUpdates until cancelled; each batch is stored before the next call confirms it."""
    await _poll(channel, inbox)


async def _poll(channel: TelegramChannel, inbox: TelegramInbox) -> None:
    bot = channel.application.bot
    offset: int | None = None
    backoff = FIRST_BACKOFF
    while True:
        try:
            updates = await bot.get_updates(
                offset=offset, timeout=POLL_TIMEOUT, allowed_updates=list(ALLOWED_UPDATES)
            )
            raw = [update.to_dict() for update in updates]
            # handled at once, confirmed by the next offset only once stored durably
            await inbox.store(raw, hand=lambda data: _queue(channel, data))
        except InvalidToken:
            raise
        except (TelegramError, OSError) as error:
            log.warning("getUpdates failed, again in %.0fs: %s", backoff, describe_error(error))
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, LONGEST_BACKOFF)
            continue
        backoff = FIRST_BACKOFF
        if updates:
            offset = updates[-1].update_id + 1


def _queue(channel: TelegramChannel, data: dict[str, Any]) -> None:
    application = channel.application
    application.update_queue.put_nowait(parse_update(data, application.bot))


async def _run_ptb_updater(channel: TelegramChannel, stop: asyncio.Event) -> None:
    application = channel.application
    updater = application.updater
    if updater is None:
        raise RuntimeError("polling without an inbox needs an Application built with an Updater")
    await updater.start_polling(allowed_updates=list(ALLOWED_UPDATES))
    await application.start()
    try:
        await stop.wait()
    finally:
        await updater.stop()
        await application.stop()
