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
    # 2: counsellor requests, their audit trail, the outbox, group messages of a request
    """
    CREATE TABLE requests (
        ref TEXT PRIMARY KEY,
        user TEXT NOT NULL,
        office TEXT NOT NULL,
        status TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX requests_by_user ON requests (user);
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_by_ref ON audit (ref);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        payload TEXT NOT NULL,
        due_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        sent_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX outbox_due ON outbox (sent_at, due_at);
    CREATE TABLE message_links (
        chat INTEGER NOT NULL,
        message INTEGER NOT NULL,
        ref TEXT NOT NULL,
        PRIMARY KEY (chat, message)
    );
    """,
    # 3: updates stored before they are acknowledged; where a multi-part message got to
    """
    CREATE TABLE inbox (
        channel TEXT NOT NULL,
        update_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        received_at TEXT NOT NULL,
        processed_at TEXT,
        PRIMARY KEY (channel, update_id)
    );
    CREATE INDEX inbox_pending ON inbox (channel, processed_at);
    ALTER TABLE outbox ADD COLUMN progress INTEGER NOT NULL DEFAULT 0;
    """,
    # 4: counsellor groups that Telegram upgraded to supergroups (old id -> new id)
    """
    CREATE TABLE group_moves (
        old_chat INTEGER PRIMARY KEY,
        new_chat INTEGER NOT NULL,
        moved_at TEXT NOT NULL
    );
    """,
)
