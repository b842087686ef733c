"""`python -m bot telegram [--webhook]`: run the Telegram bot (polling unless webhook mode)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from telegram.error import InvalidToken, NetworkError

from bot import heap
from bot.channels.telegram.handoff_delivery import TelegramDeliverer
from bot.channels.telegram.plugin import runtime_channel, shared_inbox
from bot.channels.telegram.polling import run_polling
from bot.channels.telegram.settings import TelegramSettings, load_telegram_settings
from bot.channels.telegram.webhook import run_webhook
from bot.cli.failing import EXIT_BAD_SETTINGS, EXIT_FAILED, EXIT_OK, content_failed, fail
from bot.cli.logs import setup_logging
from bot.content.problems import ContentError
from bot.desk.app import desk_of_runtime
from bot.settings import Settings, SettingsError, load_settings
from bot.web import EmbeddedServer, ListenError, create_web_app

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        telegram = load_telegram_settings(webhook=args.webhook)
    except SettingsError as error:
        return fail(str(error), EXIT_BAD_SETTINGS)
    configure_logging()
    try:
        asyncio.run(serve(settings, telegram))
    except SettingsError as error:
        return fail(str(error), EXIT_BAD_SETTINGS)
    except ContentError as error:
        return content_failed(settings.content_dir, error)
    except InvalidToken:
        return fail(
            "Telegram rejected TELEGRAM_BOT_TOKEN; copy the token again from BotFather.",
            EXIT_BAD_SETTINGS,
        )
    except NetworkError as error:
        return fail(
            f"The Bot API at TELEGRAM_API_URL ({telegram.api_url}) cannot be reached "
            f"({type(error).__name__}); check the network and the URL.",
            EXIT_FAILED,
        )
    except ListenError as error:
        return fail(
            f"WEGWEISER_LISTEN {telegram.listen.host}:{telegram.listen.port} cannot be used: "
            f"{error.strerror or type(error).__name__}.",
            EXIT_BAD_SETTINGS,
        )
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot telegram",
        description="Run the Telegram bot: long polling by default, webhook mode when "
        "--webhook is given or TELEGRAM_WEBHOOK_URL is set.",
    )
    parser.add_argument(
        "--webhook",
        action="store_true",
        help="serve POST /telegram on WEGWEISER_LISTEN and register TELEGRAM_WEBHOOK_URL",
    )
    return parser


def configure_logging() -> None:
    """`WEGWEISER_LOG_LEVEL` (default INFO) to stderr. httpx would log request URLs, which
    contain the bot token, aiosqlite the statement parameters, and PTB whole updates at DEBUG,
    so all three stay at INFO or above whatever the level."""
    setup_logging()
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLogger().level))


async def serve(settings: Settings, telegram: TelegramSettings) -> None:
    """Open the runtime, run the channel until SIGINT/SIGTERM, close everything."""
    from bot.runtime import open_runtime

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    runtime = await open_runtime(settings, keep_last_good=True)
    try:
        channel, _ = runtime_channel(telegram, runtime, settings.database_url)
        deliverer = TelegramDeliverer(
            channel.application.bot, channel.sender, runtime.config, on_moved=runtime.group_moved
        )
        outbox = runtime.start_outbox(deliverer)
        replies = runtime.deliver_replies_through(deliverer)
        replies.recover_at_start = not shared_inbox(telegram, settings.database_url)
        jobs = (outbox, replies)
        web_desk = desk_of_runtime(runtime, settings.data_dir)  # /desk once an account exists
        log.info("start-up objects kept out of the garbage collector: %d", heap.freeze_loaded())
        async with background(
            *(job.run_forever() for job in jobs), runtime.content.watch(), runtime.purge_daily()
        ):
            if telegram.webhook:
                await run_webhook(channel, telegram, stop, extra_routes=web_desk)
            elif web_desk:
                web = EmbeddedServer(
                    create_web_app(extra_routes=web_desk),
                    host=telegram.listen.host,
                    port=telegram.listen.port,
                )
                async with web.running():
                    await run_polling(channel, stop)
            else:
                await run_polling(channel, stop)
    finally:
        await runtime.close()


@asynccontextmanager
async def background(*jobs: Coroutine[Any, Any, None]) -> AsyncIterator[None]:
    """Run `jobs` (outbox delivery, content reload) while the channel serves."""
    tasks = [asyncio.create_task(job) for job in jobs]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
