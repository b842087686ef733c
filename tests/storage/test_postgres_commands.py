"""The commands on PostgreSQL as an operator runs them: the terminal chat continues after a
restart, and an office's SQLite file moves to PostgreSQL with `migrate-db`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.session import Session
from bot.storage import SqliteStorage, open_storage
from bot.storage.copy import copy_sqlite_to_postgres
from bot.storage.records import Appendix, AuditEntry, InboxEntry, OutboxItem, RequestRow


def bot(
    *args: str, lines: str = "", database_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    env.pop("WEGWEISER_DATABASE_URL", None)
    if database_url:
        env["WEGWEISER_DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=lines,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env=env,
    )


def test_terminal_chat_on_postgres_continues_after_a_restart(
    small_root: Path, postgres_url: str
) -> None:
    first = bot(
        "chat",
        "--content",
        str(small_root),
        "--lang",
        "de",
        lines="1\n1\n",
        database_url=postgres_url,
    )
    assert first.returncode == 0, first.stderr
    again = bot("chat", "--content", str(small_root), database_url=postgres_url)
    assert again.returncode == 0, again.stderr
    assert "Willkommen zurück" in again.stdout and "Wie wohnen Sie?" in again.stdout


def test_an_office_moves_from_sqlite_to_postgres(
    small_root: Path, tmp_path: Path, postgres_url: str
) -> None:
    db = tmp_path / "office.sqlite3"
    bot("chat", "--content", str(small_root), "--db", str(db), "--lang", "de", lines="1\n1\n")
    moved = bot("migrate-db", "--from", f"sqlite:///{db}", "--to", postgres_url)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert "sessions: 1" in moved.stdout
    again = bot("chat", "--content", str(small_root), database_url=postgres_url)
    assert "Willkommen zurück" in again.stdout and "Wie wohnen Sie?" in again.stdout
    twice = bot("migrate-db", "--from", f"sqlite:///{db}", "--to", postgres_url)
    assert twice.returncode == 2 and "nothing copied" in twice.stdout  # never merged


async def test_migrate_db_copies_every_kind_of_row(tmp_path: Path, postgres_url: str) -> None:
    source = await SqliteStorage.open(tmp_path / "office.sqlite3")
    session = Session("u:a")
    session.language = "fa"
    await source.save_session(session)
    created = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    request = RequestRow("WG-7K3F", "u:a", "pirna", "new", '{"topic": "housing"}', created, created)
    post = OutboxItem("post:WG-7K3F", "group_post", "pirna", {"ref": "WG-7K3F"}, created)
    audit = AuditEntry("WG-7K3F", created, "person", "created")
    await source.save_request(request, Appendix(outbox=[post], audit=[audit]))
    await source.link_message(-100, 7, "WG-7K3F")
    await source.inbox_add(InboxEntry("telegram", "5", '{"update_id": 5}', created, chat="42"))
    await source.add_group_move(-100, -1001, created)
    await source.close()

    counts = await copy_sqlite_to_postgres(str(tmp_path / "office.sqlite3"), postgres_url)
    assert counts["requests"] == counts["outbox"] == counts["audit"] == 1

    target = await open_storage(postgres_url)
    try:
        loaded = await target.load_session("u:a")
        assert loaded is not None and loaded.language == "fa"
        assert await target.get_request("WG-7K3F") == request
        assert [a.action for a in await target.audit_of("WG-7K3F")] == ["created"]
        (pending,) = await target.pending_outbox()
        assert (pending.key, pending.payload, pending.due_at) == (post.key, post.payload, created)
        assert await target.linked_request(-100, 7) == "WG-7K3F"
        assert [(e.update_id, e.chat) for e in await target.inbox_pending("telegram")] == [
            ("5", "42")
        ]
        assert await target.group_moves() == {-100: -1001}
        later = OutboxItem("user:1", "user", "u:a", {"text": "x"}, created)
        assert await target.add_outbox(later) == 2  # ids continue after the copied ones
    finally:
        await target.close()
