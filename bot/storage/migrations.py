"""Schema versions of the SQLite database; append, never edit a released step."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: sessions
    """
    CREATE TABLE sessions (
        user TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    """,
)
