"""`python -m bot keys new` prints a fresh data key; `python -m bot keys rotate` re-encrypts the
stored data with the first configured key (put the new key first, rotate, drop the old one)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.crypto.keys import load_cipher, new_key
from bot.crypto.rotate import rotate_sqlite
from bot.settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot keys")
    parser.add_argument("command", choices=["new", "rotate"])
    args = parser.parse_args(argv)
    if args.command == "new":
        print(new_key())
        return 0
    try:
        settings = load_settings()
        cipher = load_cipher()
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    url = settings.database_url
    if not url.startswith("sqlite:///"):
        print("error: keys rotate works on the embedded SQLite database", file=sys.stderr)
        return 2
    counts = rotate_sqlite(Path(url.removeprefix("sqlite:///")), cipher)
    print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    return 0
