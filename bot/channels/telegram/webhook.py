"""Runs the channel behind the web application: Telegram posts updates to POST /telegram."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from starlette.routing import BaseRoute

from bot.channels.telegram.app import ALLOWED_UPDATES, TelegramChannel, run_post_init
from bot.channels.telegram.polling import replay_pending
from bot.channels.telegram.settings import TelegramSettings
from bot.channels.telegram.shared_inbox import StoreOnly, run_inbox_worker
from bot.web import EmbeddedServer, create_web_app


async def run_webhook(
    channel: TelegramChannel,
    settings: TelegramSettings,
    stop: asyncio.Event,
    extra_routes: Sequence[BaseRoute] = (),
) -> None:
    """Serve until `stop` is set. The webhook stays registered on exit, so Telegram keeps
    updates while the bot restarts."""
    if settings.webhook_url is None or settings.webhook_secret is None:
        raise RuntimeError("webhook mode needs TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET")
    application = channel.application
    shared = channel.inbox is not None and channel.inbox.shared  # several workers, one database
    web_app = create_web_app(
        telegram=application,
        telegram_secret=settings.webhook_secret,
        telegram_inbox=StoreOnly(channel.inbox) if shared and channel.inbox else channel.inbox,
        extra_routes=extra_routes,
    )
    server = EmbeddedServer(web_app, host=settings.listen.host, port=settings.listen.port)
    async with application:
        await run_post_init(application)
        await application.start()
        if channel.inbox is not None and not shared:
            await replay_pending(channel, channel.inbox)
        worker = asyncio.create_task(run_inbox_worker(channel, stop)) if shared else None
        try:
            async with server.running():
                await application.bot.set_webhook(
                    url=settings.webhook_url,
                    secret_token=settings.webhook_secret,
                    allowed_updates=list(ALLOWED_UPDATES),
                )
                await stop.wait()
        finally:
            if worker is not None:
                await worker  # ends with `stop`, after the turns in flight
            await application.stop()
