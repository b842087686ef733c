"""`python -m bot chat`: talk to the bot in the terminal, no token needed."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.channels.console import ConsoleDeliverer
from bot.channels.console_desk import ConsoleDesk, with_terminal_counsellor
from bot.channels.terminal import TERMINAL_USER, run_terminal
from bot.cli.logs import setup_logging
from bot.content.model import LANGUAGES
from bot.content.problems import ContentError
from bot.crypto import load_cipher
from bot.runtime import open_runtime
from bot.settings import SettingsError, load_settings
from bot.storage import file_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot chat", description=__doc__)
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="language to use (skips the language question)"
    )
    parser.add_argument(
        "--db", type=Path, help="SQLite file (default: $WEGWEISER_DATA_DIR/wegweiser.sqlite3)"
    )
    parser.add_argument("--content", type=Path, help="folder with flows/, knowledge/, locales/")
    args = parser.parse_args(argv)
    setup_logging(quiet=True)
    _utf8_console()
    try:
        return asyncio.run(_chat(args))
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    except ContentError as exc:
        print(f"The content has errors; run 'python -m bot validate':\n{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


async def _chat(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.content:
        from dataclasses import replace

        settings = replace(settings, content_dir=args.content)
    deliverer = ConsoleDeliverer(sys.stdout)
    url = file_url(args.db) if args.db else None
    # trying the bot in the terminal: without a configured key one is made beside the database
    trial_dir = args.db.parent if args.db else settings.data_dir
    runtime = await open_runtime(
        settings,
        deliverer=deliverer,
        database_url=url,
        guard_floods=False,
        cipher=load_cipher(trial_dir=Path(trial_dir)),
    )
    outbox = runtime.outbox
    offices = list(runtime.content.current.offices)
    runtime.handoff.parts.config = with_terminal_counsellor(runtime.config, offices)
    desk = ConsoleDesk(runtime.handoff, TERMINAL_USER)
    try:
        return await run_terminal(
            runtime.conversation,
            language=args.lang,
            after_turn=outbox.run_once if outbox else None,
            counsellor=desk.handle,
        )
    finally:
        await runtime.close()


def _utf8_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8", errors="replace")
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure:
        reconfigure(encoding="utf-8", errors="replace")
