"""WhatsApp as a channel of `python -m bot serve` (see `bot.compose`): `GET`/`POST /whatsapp`."""

from __future__ import annotations

from collections.abc import Mapping

from bot.channels.whatsapp.channel import WhatsAppChannel
from bot.channels.whatsapp.convert import CHANNEL
from bot.channels.whatsapp.graph import GraphApi
from bot.channels.whatsapp.settings import load_whatsapp_settings, whatsapp_configured
from bot.channels.whatsapp.templates import load_reply_template
from bot.compose import Core, StartedChannel
from bot.storage import is_postgres_url
from bot.workers import InboxWorker

NAME = "whatsapp"


def configured(environ: Mapping[str, str] | None = None) -> bool:
    return whatsapp_configured(environ)


async def start(core: Core) -> StartedChannel:
    settings = load_whatsapp_settings(core.environ)
    runtime = core.runtime
    api = GraphApi(settings)
    channel = WhatsAppChannel(
        settings,
        runtime.conversation,
        runtime.storage,
        api,
        core.clock,
        template=load_reply_template(core.settings.config_file),
        handoff=runtime.handoff.parts,
        shared=shared_database(core),
    )
    if not channel.shared:
        await channel.replay_pending()

    async def claim() -> None:  # several workers: whichever claims an update handles it
        await InboxWorker(runtime.storage, CHANNEL, channel.handle_claimed).run(core.stop)

    async def close() -> None:
        await channel.idle()
        await api.close()

    return StartedChannel(
        NAME,
        routes=channel.routes(),
        person=channel,
        media=channel,
        close=close,
        jobs=[claim] if channel.shared else [],
        shared=channel.shared,
    )


def shared_database(core: Core) -> bool:
    """Several workers may serve one PostgreSQL database (see `bot.workers`)."""
    return is_postgres_url(core.settings.database_url)
