"""`python -m bot purge [--days N]`: forget old conversations and finished requests."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.deploy import load_deploy_config
from bot.settings import SettingsError, load_settings
from bot.storage import file_url, open_storage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot purge", description=__doc__)
    parser.add_argument(
        "--days",
        type=int,
        help="keep this many days (default: retention_days of WEGWEISER_CONFIG, else 30)",
    )
    parser.add_argument(
        "--db", type=Path, help="SQLite file (default: $WEGWEISER_DATA_DIR/wegweiser.sqlite3)"
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        days = (
            args.days
            if args.days is not None
            else load_deploy_config(settings.config_file).retention_days
        )
    except SettingsError as exc:
        print(f"error: {exc}")
        return 2
    url = file_url(args.db) if args.db else settings.database_url
    counts = asyncio.run(purge(url, days))
    print(", ".join(f"{name}: {count} removed" for name, count in counts.items()))
    return 0


async def purge(database_url: str, days: int) -> dict[str, int]:
    """Remove what is older than `days` days from the storage at `database_url`."""
    storage = await open_storage(database_url)
    try:
        return await storage.purge(datetime.now(UTC) - timedelta(days=days))
    finally:
        await storage.close()
