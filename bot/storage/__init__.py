"""Where sessions, requests, the outbox and the inbox are kept: one protocol, several backends.

`open_storage(url)` is the only place that picks a backend: `sqlite:///path/file.sqlite3`
(relative or absolute path; `sqlite:///:memory:` for a throw-away database), `memory:`, or
`postgresql://…` (several workers on one database, `bot.storage.postgres`).
"""

from __future__ import annotations

from pathlib import Path

from bot.storage.base import Storage
from bot.storage.memory import MemoryStorage
from bot.storage.sqlite import SqliteStorage


class StorageUrlError(ValueError):
    """The database URL names no backend this build has; the message says what is accepted."""


def file_url(path: object) -> str:
    """The URL of the embedded database in the file at `path`."""
    return f"sqlite:///{path}"


DEFAULT_DATABASE_FILE = "wegweiser.sqlite3"


def default_url(data_dir: Path) -> str:
    """The embedded database in `data_dir` (used when WEGWEISER_DATABASE_URL is not set)."""
    return file_url(data_dir / DEFAULT_DATABASE_FILE)


async def open_storage(url: str) -> Storage:
    """Open the storage named by `url` (see the module docstring); raises StorageUrlError."""
    if url.startswith("sqlite:///"):
        return await SqliteStorage.open(url.removeprefix("sqlite:///"))
    if url == "memory:":
        return MemoryStorage()
    if is_postgres_url(url):
        from bot.storage.postgres import PostgresStorage  # psycopg only where it is used

        return await PostgresStorage.open(url)
    raise StorageUrlError(
        f"WEGWEISER_DATABASE_URL {url.split(':', 1)[0]!r}: "
        "use sqlite:///PATH, postgresql://… or memory:"
    )


def is_postgres_url(url: str) -> bool:
    """True for a PostgreSQL URL (`postgresql://…` or `postgres://…`)."""
    return url.startswith(("postgresql://", "postgres://"))


__all__ = [
    "DEFAULT_DATABASE_FILE",
    "MemoryStorage",
    "SqliteStorage",
    "Storage",
    "StorageUrlError",
    "file_url",
    "is_postgres_url",
    "open_storage",
]
