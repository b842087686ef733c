"""The storage contract: the same tests against every backend (memory, SQLite, PostgreSQL).

Each test names the rule it guards; each rule was broken on purpose once to see the test fail
(no rollback, no isolation of reads, unit returning before its commit, no inbox de-duplication).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.session import Session
from bot.storage import MemoryStorage, SqliteStorage, Storage, marks, open_storage
from bot.storage.records import Appendix, AuditEntry, InboxEntry, OutboxItem, RequestRow

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
BACKENDS = ["memory", "sqlite", "postgres"]


class Boom(Exception):
    """A failure inside a turn (for example "database is locked" on one person's save)."""


@pytest.fixture(params=BACKENDS)
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    made: Storage
    if request.param == "memory":
        made = MemoryStorage()
    elif request.param == "sqlite":
        made = await SqliteStorage.open(tmp_path / "db")
    else:
        made = await open_storage(request.getfixturevalue("postgres_url"))
    yield made
    await made.close()


def row(ref: str, user: str, status: str = "new", office: str = "pirna") -> RequestRow:
    return RequestRow(ref, user, office, status, '{"topic": "housing"}', NOW, NOW)


def post(ref: str, target: str = "pirna") -> OutboxItem:
    return OutboxItem(f"post:{ref}", "group_post", target, {"ref": ref}, NOW)


async def confirm_request(storage: Storage, user: str, ref: str) -> None:
    """What a person's "send the request" turn writes: session, request, audit, outbox."""
    session = Session(user)
    session.language = "uk"
    await storage.save_session(session)
    appendix = Appendix(outbox=[post(ref)], audit=[AuditEntry(ref, NOW, "person", "created")])
    await storage.save_request(row(ref, user), appendix)


async def test_a_unit_commits_everything_together(storage: Storage) -> None:
    async with storage.unit():
        await confirm_request(storage, "u:a", "WG-AAAA")
    assert (await storage.load_session("u:a")) is not None
    assert [r.ref for r in await storage.requests_of("u:a")] == ["WG-AAAA"]
    assert [i.key for i in await storage.pending_outbox()] == ["post:WG-AAAA"]
    assert [a.action for a in await storage.audit_of("WG-AAAA")] == ["created"]


async def test_rollback_leaves_no_trace(storage: Storage) -> None:
    with pytest.raises(Boom):
        async with storage.unit():
            await confirm_request(storage, "u:a", "WG-AAAA")
            await storage.link_message(-100, 7, "WG-AAAA")
            raise Boom
    assert await storage.load_session("u:a") is None
    assert await storage.get_request("WG-AAAA") is None
    assert await storage.pending_outbox() == []
    assert await storage.audit_of("WG-AAAA") == []
    assert await storage.linked_request(-100, 7) is None
    assert not await storage.reference_taken("WG-AAAA")


async def test_reads_outside_a_unit_never_see_its_uncommitted_writes(storage: Storage) -> None:
    written, release = asyncio.Event(), asyncio.Event()

    async def turn() -> None:
        async with storage.unit():
            await confirm_request(storage, "u:a", "WG-AAAA")
            written.set()
            await release.wait()

    task = asyncio.create_task(turn())
    await written.wait()
    assert await storage.load_session("u:a") is None
    assert await storage.get_request("WG-AAAA") is None
    assert await storage.pending_outbox() == []
    release.set()
    await task
    assert await storage.get_request("WG-AAAA") is not None


async def test_a_failing_turn_never_undoes_a_finished_one(storage: Storage) -> None:
    """Person A confirms a request; then person B's save fails: A's request stays."""
    a_done = asyncio.Event()

    async def person_a() -> None:
        async with storage.unit():
            await confirm_request(storage, "u:a", "WG-AAAA")
        a_done.set()

    async def person_b() -> None:
        await asyncio.sleep(0)
        async with storage.unit():
            await storage.save_session(Session("u:b"))
            raise Boom("database is locked")

    results = await asyncio.gather(person_a(), person_b(), return_exceptions=True)
    assert a_done.is_set() and results[0] is None and isinstance(results[1], Boom)
    assert [i.key for i in await storage.pending_outbox()] == ["post:WG-AAAA"]
    assert await storage.get_request("WG-AAAA") is not None
    assert await storage.load_session("u:a") is not None
    assert await storage.load_session("u:b") is None


async def test_a_failed_turn_is_never_committed_by_another(storage: Storage) -> None:
    """Person B's turn fails while person A's is still running: nothing of B is kept."""
    b_wrote, a_may_finish = asyncio.Event(), asyncio.Event()

    async def person_b() -> None:
        async with storage.unit():
            await confirm_request(storage, "u:b", "WG-BBBB")
            b_wrote.set()
            await a_may_finish.wait()
            raise Boom("disk full")

    async def person_a() -> None:
        await b_wrote.wait()
        a_may_finish.set()
        async with storage.unit():
            await confirm_request(storage, "u:a", "WG-AAAA")

    results = await asyncio.gather(person_b(), person_a(), return_exceptions=True)
    assert isinstance(results[0], Boom) and results[1] is None
    assert await storage.get_request("WG-BBBB") is None
    assert await storage.requests_of("u:b") == []
    assert [i.key for i in await storage.pending_outbox()] == ["post:WG-AAAA"]


async def test_many_concurrent_turns_each_all_or_nothing(storage: Storage) -> None:
    async def turn(n: int) -> None:
        async with storage.unit():
            await confirm_request(storage, f"u:{n}", f"WG-{n:04d}")
            if n % 3 == 0:
                raise Boom

    results = await asyncio.gather(*(turn(n) for n in range(30)), return_exceptions=True)
    for n, result in enumerate(results):
        stored = await storage.get_request(f"WG-{n:04d}")
        assert (stored is None) == (n % 3 == 0) == isinstance(result, Boom)
    assert len(await storage.pending_outbox()) == 20


async def test_units_nest_into_one_transaction(storage: Storage) -> None:
    with pytest.raises(Boom):
        async with storage.unit():
            async with storage.unit():
                await storage.save_session(Session("u:a"))
            raise Boom
    assert await storage.load_session("u:a") is None


async def test_outbox_key_is_queued_once_and_done_forgets_the_text(storage: Storage) -> None:
    first = await storage.add_outbox(post("WG-AAAA"))
    assert first is not None
    assert await storage.add_outbox(post("WG-AAAA")) is None
    await storage.outbox_retry(first, 1, NOW + timedelta(seconds=5), "rate limited", progress=2)
    assert await storage.due_outbox(NOW) == []
    (item,) = await storage.due_outbox(NOW + timedelta(seconds=5))
    assert (item.attempts, item.progress, item.last_error) == (1, 2, "rate limited")
    await storage.outbox_done(first, NOW)
    assert await storage.pending_outbox() == []
    assert await storage.add_outbox(post("WG-AAAA")) is None  # delivered: still never twice


async def test_a_progress_mark_is_read_back_and_leaves_the_retry_state_alone(
    storage: Storage,
) -> None:
    item_id = await storage.add_outbox(post("WG-AAAA"))
    assert item_id is not None
    await storage.outbox_progress(item_id, 2)
    (item,) = await storage.pending_outbox()  # read your writes, though not waited for
    assert (item.progress, item.attempts, item.last_error) == (2, 0, None)
    assert await storage.due_outbox(NOW) == [item]


async def test_delete_user_removes_everything_that_links_to_the_person(storage: Storage) -> None:
    await confirm_request(storage, "u:a", "WG-AAAA")
    await storage.link_message(-100, 7, "WG-AAAA")
    to_person = OutboxItem("user:1", "user", "u:a", {"text": "Termin"}, NOW)
    delivered = OutboxItem("user:2", "user", "u:a", {"text": "Hallo"}, NOW)
    await storage.add_outbox(to_person)
    done_id = await storage.add_outbox(delivered)
    assert done_id is not None
    await storage.outbox_done(done_id, NOW)
    await confirm_request(storage, "u:other", "WG-OOOO")
    await storage.delete_user("u:a")
    assert await storage.load_session("u:a") is None
    assert await storage.requests_of("u:a") == []
    assert await storage.linked_request(-100, 7) is None
    assert all(i.target != "u:a" for i in await storage.pending_outbox())
    assert await storage.get_request("WG-OOOO") is not None  # nobody else's data


async def test_purge_keeps_open_requests_and_recent_data(storage: Storage) -> None:
    await storage.save_session(Session("u:open"))
    await storage.save_session(Session("u:done"))
    await storage.save_request(row("WG-OPEN", "u:open", status="claimed"))
    await storage.save_request(row("WG-DONE", "u:done", status="closed"))
    later = datetime.now(UTC) + timedelta(days=1)
    counts = await storage.purge(later)
    assert counts == {"sessions": 1, "requests": 1, "outbox": 0, "inbox": 0}
    assert await storage.load_session("u:open") is not None
    assert await storage.get_request("WG-DONE") is None
    assert await storage.purge(NOW - timedelta(days=1)) == {
        "sessions": 0,
        "requests": 0,
        "outbox": 0,
        "inbox": 0,
    }


async def test_inbox_keeps_each_update_once(storage: Storage) -> None:
    entry = InboxEntry("telegram", "101", '{"update_id": 101}', NOW)
    assert await storage.inbox_add(entry) is True
    assert await storage.inbox_add(entry) is False  # a redelivery
    assert [e.update_id for e in await storage.inbox_pending("telegram")] == ["101"]
    await storage.inbox_done("telegram", "101", NOW)
    assert await storage.inbox_pending("telegram") == []
    assert await storage.inbox_add(entry) is False  # still known after processing


async def test_the_turn_that_handles_an_update_marks_it_processed(storage: Storage) -> None:
    for update_id in ("1", "2"):
        await storage.inbox_add(InboxEntry("telegram", update_id, "{}", NOW))
    with marks.handling("telegram", "1") as mark:
        async with storage.unit():
            await storage.save_session(Session("u:a"))
    assert mark.consumed
    with marks.handling("telegram", "2") as failed, pytest.raises(Boom):
        async with storage.unit():
            await storage.save_session(Session("u:b"))
            raise Boom
    assert not failed.consumed  # rolled back with its turn: it will be processed again
    assert [e.update_id for e in await storage.inbox_pending("telegram")] == ["2"]


async def test_a_turn_whose_update_row_is_missing_still_leaves_it_known(
    storage: Storage,
) -> None:
    """The inbox hands updates on before its own commit; if that commit failed, the turn's
    mark is what keeps Telegram's redelivery from being applied a second time."""
    with marks.handling("telegram", "7") as mark:
        async with storage.unit():
            await storage.save_session(Session("u:a"))
    assert mark.consumed
    assert await storage.inbox_add(InboxEntry("telegram", "7", '{"update_id": 7}', NOW)) is False
    assert await storage.inbox_pending("telegram") == []


# SQLite only: durability as another process sees it


async def test_sqlite_unit_returns_only_after_its_commit_is_durable(tmp_path: Path) -> None:
    path = tmp_path / "db"
    storage = await SqliteStorage.open(path)
    early: list[int] = []

    async def turn(n: int) -> None:
        async with storage.unit():
            await storage.save_session(Session(f"u:{n}"))
        with sqlite3.connect(path) as other:  # a different connection, as after a crash
            found = other.execute("SELECT 1 FROM sessions WHERE user = ?", (f"u:{n}",)).fetchone()
        if found is None:
            early.append(n)

    await asyncio.gather(*(turn(n) for n in range(100)))
    await storage.close()
    assert early == []


async def test_sqlite_failed_commit_fails_its_turns_and_keeps_nothing(tmp_path: Path) -> None:
    storage = await SqliteStorage.open(tmp_path / "db")
    writer = storage.connection
    real = writer.run
    failing = {"on": True}

    def run(sql: str, *args: object) -> object:
        if sql == "COMMIT" and failing["on"]:
            failing["on"] = False
            raise sqlite3.OperationalError("disk I/O error")
        return real(sql, *args)  # type: ignore[arg-type]

    writer.run = run  # type: ignore[method-assign]
    with pytest.raises(Exception, match="OperationalError"):
        async with storage.unit():
            await storage.save_session(Session("u:a"))
    assert await storage.load_session("u:a") is None
    async with storage.unit():
        await storage.save_session(Session("u:b"))
    assert await storage.load_session("u:b") is not None
    await storage.close()


async def test_sqlite_sent_marks_are_committed_without_a_later_turn(tmp_path: Path) -> None:
    """The "sent" mark is not waited for, but it must not wait for the next turn either:
    a bot that falls quiet after a reply would resend it at the next start."""
    path = tmp_path / "db"
    storage = await SqliteStorage.open(path)
    first = await storage.add_outbox(post("WG-AAAA"))
    assert first is not None
    await storage.outbox_done(first, NOW)
    for _ in range(200):  # nothing else happens; the mark's own commit is on its way
        with sqlite3.connect(path) as other:
            sent = other.execute("SELECT sent_at FROM outbox WHERE id = ?", (first,)).fetchone()
        if sent[0] is not None:
            break
        await asyncio.sleep(0.01)
    assert sent[0] is not None
    second = await storage.add_outbox(post("WG-BBBB"))
    assert second is not None
    await storage.outbox_done(second, NOW)
    await storage.close()  # closing commits what is still open
    with sqlite3.connect(path) as other:
        found = other.execute("SELECT sent_at FROM outbox WHERE id = ?", (second,)).fetchone()
    assert found[0] is not None


async def test_sqlite_sent_marks_of_one_batch_share_one_waiting_task(tmp_path: Path) -> None:
    """A burst of "sent" marks waits for its commit with one task, not one per mark, and no
    task stays behind once they are on disk (a bot that sends all day keeps none)."""
    storage = await SqliteStorage.open(tmp_path / "db")
    items = [await storage.add_outbox(post(f"WG-{n:04d}")) for n in range(50)]
    before = len(asyncio.all_tasks())
    await asyncio.gather(*(storage.outbox_done(item, NOW) for item in items if item))
    assert len(asyncio.all_tasks()) - before <= 3  # the batch's waiter, its commit, its sync
    for _ in range(200):
        if len(asyncio.all_tasks()) == before:
            break
        await asyncio.sleep(0.01)
    assert len(asyncio.all_tasks()) == before
    assert await storage.pending_outbox() == []
    await storage.close()


async def test_sqlite_waits_for_another_process_holding_the_write_lock(tmp_path: Path) -> None:
    """`python -m bot purge` in another process: turns wait for it instead of failing."""
    path = tmp_path / "db"
    storage = await SqliteStorage.open(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    turn = asyncio.create_task(storage.save_session(Session("u:a")))
    started = time.monotonic()
    await asyncio.sleep(0.3)
    assert time.monotonic() - started < 2  # the wait is on the writer's thread, not the loop
    assert not turn.done()
    other.execute("COMMIT")
    await turn
    assert await storage.load_session("u:a") is not None
    other.close()
    await storage.close()


async def test_sqlite_reads_a_session_through_its_thread_when_sqlite_answers_busy(
    tmp_path: Path,
) -> None:
    """`load_session` outside a unit reads at once on the loop's thread
    (`bot.storage.sqlite_quick`, no busy timeout); when SQLite answers "busy" there (a WAL
    recovery or reset, rare and hard to provoke, so simulated), it reads through the reader's
    thread instead of failing or holding the loop."""
    storage = await SqliteStorage.open(tmp_path / "db")
    try:
        await storage.save_session(Session("u:a"))
        quick = storage._quick  # this backend's own test
        real = quick._connection
        assert quick.rows("SELECT user FROM sessions") == [("u:a",)]

        class Busy:
            def execute(self, *_: object) -> None:
                error = sqlite3.OperationalError("database is locked")
                error.sqlite_errorcode = sqlite3.SQLITE_BUSY  # type: ignore[attr-defined]
                raise error

        quick._connection = Busy()  # type: ignore[assignment]
        try:
            assert quick.rows("SELECT user FROM sessions") is None
            assert await storage.load_session("u:a") is not None
        finally:
            quick._connection = real
    finally:
        await storage.close()


async def test_processed_updates_are_forgotten_after_two_days_unprocessed_never(
    storage: Storage,
) -> None:
    old = datetime.now(UTC) - timedelta(days=3)
    await storage.inbox_add(InboxEntry("telegram", "1", "{}", old))
    await storage.inbox_add(InboxEntry("telegram", "2", "{}", old))
    await storage.inbox_done("telegram", "1", old)
    counts = await storage.purge(datetime.now(UTC) - timedelta(days=180))
    assert counts["inbox"] == 1  # the processed one, although retention is 180 days
    assert [e.update_id for e in await storage.inbox_pending("telegram")] == ["2"]


async def test_requests_in_lists_only_the_named_offices_newest_first(storage: Storage) -> None:
    later = RequestRow("WG-CCCC", "u:c", "pirna", "new", "{}", NOW + timedelta(hours=1), NOW)
    await storage.save_request(row("WG-AAAA", "u:a"))
    await storage.save_request(row("WG-BBBB", "u:b", office="dresden"))
    await storage.save_request(later)
    assert [r.ref for r in await storage.requests_in(["pirna"])] == ["WG-CCCC", "WG-AAAA"]
    both = [r.ref for r in await storage.requests_in(["dresden", "pirna"])]
    assert both[0] == "WG-CCCC" and sorted(both[1:]) == ["WG-AAAA", "WG-BBBB"]
    assert await storage.requests_in([]) == []


# several workers: claims (the same rules in every backend)


async def test_a_chats_updates_are_claimed_oldest_first_one_at_a_time(storage: Storage) -> None:
    for update_id, chat in (("1", "a"), ("2", "a"), ("3", "b")):
        await storage.inbox_add(InboxEntry("telegram", update_id, "{}", NOW, chat=chat))
    lease = timedelta(minutes=1)
    claimed = await storage.inbox_claim("telegram", "w1", lease, limit=10)
    assert [e.update_id for e in claimed] == ["1", "3"]  # update 2 waits behind 1
    assert await storage.inbox_claim("telegram", "w2", lease, limit=10) == []  # held by w1
    await storage.inbox_done("telegram", "1", NOW)
    (next_of_a,) = await storage.inbox_claim("telegram", "w2", lease, limit=10)
    assert (next_of_a.update_id, next_of_a.chat) == ("2", "a")


async def test_a_lapsed_claim_is_taken_over(storage: Storage) -> None:
    await storage.inbox_add(InboxEntry("telegram", "1", "{}", NOW, chat="a"))
    assert len(await storage.inbox_claim("telegram", "killed", timedelta(seconds=-1))) == 1
    (taken,) = await storage.inbox_claim("telegram", "w2", timedelta(minutes=1))
    assert taken.update_id == "1"


async def test_a_named_job_has_one_holder_while_its_lease_lasts(storage: Storage) -> None:
    assert await storage.claim_lease("purge", "w1", timedelta(minutes=1))
    assert not await storage.claim_lease("purge", "w2", timedelta(minutes=1))
    assert await storage.claim_lease("purge", "w1", timedelta(seconds=-1))  # renewed, lapsed
    assert await storage.claim_lease("purge", "w2", timedelta(minutes=1))


async def test_an_update_in_hand_is_not_claimed_again(storage: Storage) -> None:
    await storage.inbox_add(InboxEntry("telegram", "1", "{}", NOW, chat="a"))
    assert len(await storage.inbox_claim("telegram", "w1", timedelta(minutes=1))) == 1
    assert await storage.inbox_claim("telegram", "w1", timedelta(minutes=1)) == []
