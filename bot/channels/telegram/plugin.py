"""Telegram as a channel of `python -m bot serve` (see `bot.compose`): people in private chats,
and the counsellor groups, which every other channel's requests go to as well.

Webhook mode (TELEGRAM_WEBHOOK_URL set) mounts `POST /telegram` in the one web app; otherwise
the bot polls getUpdates in the background. Either way updates are stored before they are
acknowledged (`TelegramInbox`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from starlette.routing import Route

from bot.channels.telegram.app import (
    ALLOWED_UPDATES,
    TelegramChannel,
    build_channel,
    run_post_init,
)
from bot.channels.telegram.handoff_delivery import TelegramDeliverer
from bot.channels.telegram.inbox import TelegramInbox
from bot.channels.telegram.polling import poll_updates, replay_pending
from bot.channels.telegram.settings import TelegramSettings, load_telegram_settings
from bot.compose import Core, StartedChannel
from bot.counsellors.telegram_group import CounsellorDesk
from bot.runtime import Runtime
from bot.storage import is_postgres_url
from bot.web import TelegramWebhook

NAME = "telegram"


def configured(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return bool(env.get("TELEGRAM_BOT_TOKEN", "").strip())


def shared_inbox(telegram: TelegramSettings, database_url: str) -> bool:
    """Whether several webhook workers on one PostgreSQL database claim stored updates from
    the inbox (then no worker replays or recovers at start on its own)."""
    return telegram.webhook and is_postgres_url(database_url)


def runtime_channel(
    telegram: TelegramSettings, runtime: Runtime, database_url: str
) -> tuple[TelegramChannel, TelegramInbox]:
    """The Telegram channel of `runtime`: its conversation, the counsellor groups' desk and a
    durable inbox (shared per `shared_inbox`). Not started."""
    desk = CounsellorDesk(runtime.handoff, runtime.handoff.store)
    inbox = TelegramInbox(runtime.storage, shared=shared_inbox(telegram, database_url))
    channel = build_channel(
        telegram,
        runtime.conversation,
        webhook=telegram.webhook,
        counsellor_groups=lambda: runtime.config.groups,
        on_group_moved=runtime.group_moved,
        counsellor_hook=desk.on_update,
        inbox=inbox,
    )
    return channel, inbox


async def start(core: Core) -> StartedChannel:
    settings = load_telegram_settings(core.environ)
    runtime = core.runtime
    shared = shared_inbox(settings, core.settings.database_url)
    channel, inbox = runtime_channel(settings, runtime, core.settings.database_url)
    application = channel.application
    await application.initialize()
    await run_post_init(application)
    await application.start()
    if not shared:
        await replay_pending(channel, inbox)
    started = StartedChannel(
        NAME,
        person=TelegramDeliverer(
            application.bot, channel.sender, runtime.config, on_moved=runtime.group_moved
        ),
        ready=lambda: application.running,
        shared=shared,
    )
    started.groups = started.person  # type: ignore[assignment]

    async def close() -> None:
        await application.stop()
        await application.shutdown()

    started.close = close
    if settings.webhook:
        secret = settings.webhook_secret
        started.routes = [
            Route(
                "/telegram", TelegramWebhook(application, secret, inbox).endpoint, methods=["POST"]
            )
        ]

        async def register() -> None:
            await application.bot.set_webhook(
                url=str(settings.webhook_url),
                secret_token=secret,
                allowed_updates=list(ALLOWED_UPDATES),
            )

        started.after_listen = register
    else:

        async def poll() -> None:
            await poll_updates(channel, inbox)

        started.jobs = [poll]
    return started
