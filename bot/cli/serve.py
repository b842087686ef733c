"""`python -m bot serve`: every configured channel in one web app on WEGWEISER_LISTEN."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from bot.cli.failing import EXIT_BAD_SETTINGS, EXIT_OK, content_failed, fail
from bot.cli.logs import setup_logging
from bot.content.problems import ContentError
from bot.settings import Settings, SettingsError, load_settings
from bot.web import ListenError


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="python -m bot serve",
        description="Serve /healthz, /telegram (webhook mode) and /whatsapp in one web app; "
        "Telegram polls when TELEGRAM_WEBHOOK_URL is not set.",
    ).parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        return fail(str(error), EXIT_BAD_SETTINGS)
    setup_logging()
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLogger().level))
    try:
        asyncio.run(_run(settings))
    except SettingsError as error:
        return fail(str(error), EXIT_BAD_SETTINGS)
    except ContentError as error:
        return content_failed(settings.content_dir, error)
    except ListenError as error:
        return fail(f"WEGWEISER_LISTEN cannot be used: {error.strerror}.", EXIT_BAD_SETTINGS)
    return EXIT_OK


async def _run(settings: Settings) -> None:
    from bot.compose import serve

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await serve(settings, stop)
