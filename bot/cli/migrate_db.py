"""`python -m bot migrate-db --from sqlite:///FILE --to postgresql://…`: move an office to
PostgreSQL. Stop the bot first; the target database must exist and be empty."""

from __future__ import annotations

import argparse
import asyncio

from bot.storage import is_postgres_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot migrate-db", description=__doc__)
    parser.add_argument("--from", dest="source", required=True, help="sqlite:///PATH")
    parser.add_argument("--to", dest="target", required=True, help="postgresql://…")
    args = parser.parse_args(argv)
    if not args.source.startswith("sqlite:///") or not is_postgres_url(args.target):
        print("error: migrate-db copies from sqlite:///PATH to postgresql://…")
        return 2
    import psycopg

    from bot.storage.copy import TargetNotEmpty, copy_sqlite_to_postgres

    path = args.source.removeprefix("sqlite:///")
    try:
        counts = asyncio.run(copy_sqlite_to_postgres(path, args.target))
    except TargetNotEmpty as error:
        print(f"error: nothing copied: {error}")
        return 2
    except (OSError, psycopg.Error) as error:  # no connection, no such database, …
        print(f"error: nothing copied: {type(error).__name__}")
        return 1
    print(", ".join(f"{table}: {count}" for table, count in counts.items()) + " rows copied")
    return 0
