"""Runs the channel by long polling getUpdates until `stop` is set."""

from __future__ import annotations

import asyncio

from bot.channels.telegram.app import ALLOWED_UPDATES, TelegramChannel, run_post_init


async def run_polling(channel: TelegramChannel, stop: asyncio.Event) -> None:
    application = channel.application
    updater = application.updater
    if updater is None:
        raise RuntimeError("polling needs an Application built with an Updater")
    async with application:
        await run_post_init(application)
        await updater.start_polling(allowed_updates=list(ALLOWED_UPDATES))
        await application.start()
        try:
            await stop.wait()
        finally:
            await updater.stop()
            await application.stop()
