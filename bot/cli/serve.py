"""`python -m bot serve`: every configured channel in one web app on WEGWEISER_LISTEN."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from bot.cli.logs import setup_logging
from bot.content.problems import ContentError
from bot.settings import Settings, SettingsError, load_settings
from bot.web import ListenError

EXIT_OK, EXIT_FAILED, EXIT_BAD_SETTINGS = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="python -m bot serve",
        description="Serve /healthz, /telegram (webhook mode) and /whatsapp in one web app; "
        "Telegram polls when TELEGRAM_WEBHOOK_URL is not set.",
    ).parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        return _fail(str(error), EXIT_BAD_SETTINGS)
    setup_logging()
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLogger().level))
    try:
        asyncio.run(_run(settings))
    except SettingsError as error:
        return _fail(str(error), EXIT_BAD_SETTINGS)
    except ContentError as error:
        return _fail(
            f"The content in {settings.content_dir} has {len(error.problems)} problem(s); "
            "`python -m bot validate` shows them.",
            EXIT_BAD_SETTINGS,
        )
    except ListenError as error:
        return _fail(f"WEGWEISER_LISTEN cannot be used: {error.strerror}.", EXIT_BAD_SETTINGS)
    return EXIT_OK


async def _run(settings: Settings) -> None:
    from bot.compose import serve

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await serve(settings, stop)


def _fail(sentence: str, code: int) -> int:
    print(f"error: {sentence}", file=sys.stderr)
    return code
