"""`python -m bot <command>`: chat, validate, translations, understand, telegram, graph."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module

COMMANDS: dict[str, tuple[str, str]] = {
    "chat": ("bot.cli.chat", "talk to the bot in the terminal"),
    "validate": ("bot.cli.validate", "check flows, knowledge and translations"),
    "translations": (
        "bot.cli.translations",
        "extract texts into the .po catalogs, report coverage",
    ),
    "understand": ("bot.understand.cli", "show what the bot understands of messages on stdin"),
    "telegram": ("bot.channels.telegram.cli", "run the Telegram bot (polling or webhook)"),
    "serve": ("bot.cli.serve", "run every configured channel (Telegram, WhatsApp) in one web app"),
    "graph": ("bot.cli.graph", "print a Mermaid diagram of a flow"),
    "purge": ("bot.cli.purge", "forget old conversations and finished requests"),
    "migrate-db": ("bot.cli.migrate_db", "copy an office's SQLite data into PostgreSQL"),
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help") or args[0] not in COMMANDS:
        print("usage: python -m bot <command> [options]\n\ncommands:")
        for name, (_, summary) in COMMANDS.items():
            print(f"  {name:<13} {summary}")
        return 0 if args and args[0] in ("-h", "--help") else 2
    module, _ = COMMANDS[args[0]]
    entry: Callable[[list[str]], int] = import_module(module).main
    return entry(args[1:])


if __name__ == "__main__":
    sys.exit(main())
