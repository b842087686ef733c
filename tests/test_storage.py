"""SQLite storage and its in-memory twin keep sessions; a restart resumes at the same node."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from bot.content.holder import ContentHolder
from bot.conversation import Conversation
from bot.messages import Inbound
from bot.session import Position, Session
from bot.storage import MemoryStorage, SqliteStorage
from bot.storage.migrations import MIGRATIONS
from bot.storage.sqlite import schema_version


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
async def test_session_round_trip_and_delete(kind: str, tmp_path: Path) -> None:
    storage = (
        MemoryStorage() if kind == "memory" else await SqliteStorage.open(tmp_path / "db.sqlite3")
    )
    session = Session(
        "u:1", language="fa", position=Position("housing", "rooms", (("menu", "main"),))
    )
    session.answers["place"] = "pirna"
    await storage.save_session(session)
    loaded = await storage.load_session("u:1")
    assert loaded == session
    await storage.delete_user("u:1")
    assert await storage.load_session("u:1") is None
    await storage.close()


async def test_sqlite_uses_wal_and_versioned_schema(tmp_path: Path) -> None:
    storage = await SqliteStorage.open(tmp_path / "db.sqlite3")
    assert await storage.connection.fetchall("PRAGMA journal_mode") == [("wal",)]
    # NORMAL: commits are made durable by `WalSync`'s fdatasync, checkpoints run by it too
    assert await storage.connection.fetchall("PRAGMA synchronous") == [(1,)]
    assert await storage.connection.fetchall("PRAGMA wal_autocheckpoint") == [(0,)]
    # the WAL file is cut back when it starts over, so its size tells when to checkpoint
    assert await storage.connection.fetchall("PRAGMA journal_size_limit") == [(4 * 1024 * 1024,)]
    assert await schema_version(storage.connection) == len(MIGRATIONS)
    await storage.close()
    again = await SqliteStorage.open(tmp_path / "db.sqlite3")  # migrating twice is a no-op
    assert await schema_version(again.connection) == len(MIGRATIONS)
    await again.close()


async def test_restart_resumes_at_same_question(small_root: Path, tmp_path: Path) -> None:
    db = tmp_path / "chat.sqlite3"
    first = Conversation(ContentHolder.load(small_root), await SqliteStorage.open(db))
    for text in ("hi", "1", "1", "1"):
        replies = await first.handle(Inbound("terminal:local", text=text))
    assert replies[-1].text == "Wie wohnen Sie?"
    await first.close()
    second = Conversation(ContentHolder.load(small_root), await SqliteStorage.open(db))
    resumed = await second.resume("terminal:local")
    assert resumed[-1].text == "Wie wohnen Sie?"
    replies = await second.handle(Inbound("terminal:local", text="2"))
    assert replies[-1].text == "Wie viele Personen leben bei Ihnen?"
    await second.close()


async def test_each_message_is_committed(small_root: Path, tmp_path: Path) -> None:
    db = tmp_path / "chat.sqlite3"
    conversation = Conversation(ContentHolder.load(small_root), await SqliteStorage.open(db))
    await conversation.handle(Inbound("u:2", text="hi"))
    async with aiosqlite.connect(db) as other:  # a second connection sees it at once
        cursor = await other.execute("SELECT count(*) FROM sessions")
        assert (await cursor.fetchone())[0] == 1
    await conversation.close()


async def test_purge_forgets_old_sessions_and_finished_requests_but_not_open_ones(
    small_root: Path, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from bot.handoff.model import Request, Status
    from bot.handoff.records import request_to_row

    storage = await SqliteStorage.open(tmp_path / "db.sqlite3")
    now = datetime.now(UTC)
    for user, status in (("u:open", Status.CLAIMED), ("u:done", Status.CLOSED)):
        await storage.save_session(Session(user))
        request = Request(
            f"WG-{user[-4:].upper()}", user, "pirna", "housing", "de", False, {}, now, status, now
        )
        await storage.save_request(request_to_row(request))
    counts = await storage.purge(now + timedelta(days=1))
    assert counts == {"sessions": 1, "requests": 1, "outbox": 0, "inbox": 0}
    assert await storage.load_session("u:open") is not None
    assert await storage.load_session("u:done") is None
    assert [r.user for r in await storage.requests_of("u:open")] == ["u:open"]
    await storage.close()
