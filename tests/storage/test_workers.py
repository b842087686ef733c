"""Several worker processes on one PostgreSQL database (`bot.workers`, `bot.storage.postgres`).

The workers are real processes (`inbox_probe.py`) running the real `InboxWorker`; each update's
turn appends its number to the chat's stored session in the unit that marks it processed, so
the stored session shows the order and the count of turns that committed.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.session import Session
from bot.storage import Storage, marks, open_storage
from bot.storage.postgres import AlreadyProcessed
from bot.storage.records import InboxEntry

PROBE = Path(__file__).with_name("inbox_probe.py")


@asynccontextmanager
async def workers(
    url: str, count: int, lease: float = 30.0
) -> AsyncIterator[list[asyncio.subprocess.Process]]:
    env = {**os.environ, "WEGWEISER_INBOX_LEASE": str(lease)}
    started = [
        await asyncio.create_subprocess_exec(
            sys.executable, str(PROBE), url, env=env, stdout=asyncio.subprocess.PIPE
        )
        for _ in range(count)
    ]
    try:
        for process in started:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), timeout=60)
            assert line.startswith(b"ready"), line
        yield started
    finally:
        for process in started:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in started:
            await asyncio.wait_for(process.wait(), timeout=30)


async def stored(storage: Storage, chat: str, numbers: range, **extra: object) -> None:
    """The updates as a webhook stores them, one request after another."""
    for n in numbers:
        payload = json.dumps({"n": n, **(extra if n == extra.get("n_hold") else {})})
        await storage.inbox_add(InboxEntry("probe", str(n), payload, datetime.now(UTC), chat=chat))


async def all_processed(storage: Storage, timeout: float = 90) -> None:
    async with asyncio.timeout(timeout):
        while await storage.inbox_pending("probe"):
            await asyncio.sleep(0.1)


async def seen(storage: Storage, chat: str) -> list[int]:
    session = await storage.load_session(chat)
    assert session is not None
    return [int(n) for n in session.answers["seen"].split()]


async def test_two_workers_handle_a_burst_of_one_chat_in_order_each_once(
    postgres_url: str,
) -> None:
    storage = await open_storage(postgres_url)
    try:
        async with workers(postgres_url, 2):
            await stored(storage, "chat-1", range(1, 201))
            await all_processed(storage)
        assert await seen(storage, "chat-1") == list(range(1, 201))
    finally:
        await storage.close()


async def test_a_worker_killed_mid_turn_leaves_its_update_to_the_other(
    postgres_url: str, tmp_path: Path
) -> None:
    hold = tmp_path / "hold"
    storage = await open_storage(postgres_url)
    try:
        async with workers(postgres_url, 2, lease=2.0) as started:
            await stored(storage, "chat-k", range(1, 21), n_hold=5, hold=str(hold))
            by_pid = {p.pid: p for p in started}
            line = b""
            readers = {asyncio.ensure_future(p.stdout.readline()): p for p in started if p.stdout}
            done, pending = await asyncio.wait(readers, timeout=60, return_when="FIRST_COMPLETED")
            for reader in pending:
                reader.cancel()
            line = next(iter(done)).result()
            _, number, pid = line.split()
            assert number == b"5"
            by_pid[int(pid)].send_signal(signal.SIGKILL)  # kill -9 in the middle of turn 5
            await by_pid[int(pid)].wait()
            hold.touch()  # the other worker may finish turn 5 once it took it over
            await all_processed(storage)
        assert await seen(storage, "chat-k") == list(range(1, 21))
        session = await storage.load_session("chat-k")
        assert session is not None and session.answers["by:5"] != pid.decode()
    finally:
        await storage.close()


async def test_a_webhook_delivered_twice_to_two_workers_is_stored_once(
    postgres_url: str,
) -> None:
    first, second = await open_storage(postgres_url), await open_storage(postgres_url)
    try:
        entries = [
            InboxEntry("telegram", str(n), "{}", datetime.now(UTC), chat="c") for n in range(50)
        ]
        results = await asyncio.gather(*(s.inbox_add(e) for e in entries for s in (first, second)))
        assert sum(results) == 50  # each update accepted by exactly one delivery
        assert len(await first.inbox_pending("telegram")) == 50
    finally:
        await first.close()
        await second.close()


async def test_an_update_handled_twice_changes_the_stored_state_once(postgres_url: str) -> None:
    first, second = await open_storage(postgres_url), await open_storage(postgres_url)
    try:
        await first.inbox_add(InboxEntry("telegram", "7", "{}", datetime.now(UTC), chat="c"))
        with marks.handling("telegram", "7"):
            async with first.unit():
                await first.save_session(Session("u:first"))
        with marks.handling("telegram", "7"), pytest.raises(AlreadyProcessed):
            async with second.unit():  # a second worker whose claim had lapsed
                await second.save_session(Session("u:second"))
        assert await first.load_session("u:second") is None
    finally:
        await first.close()
        await second.close()


async def test_group_posts_go_to_one_worker_and_a_new_one_waits_a_pacing_window(
    postgres_url: str,
) -> None:
    from bot.storage.records import OutboxItem

    first, second = await open_storage(postgres_url), await open_storage(postgres_url)
    now = datetime.now(UTC)
    try:
        for n in range(4):
            await first.add_outbox(OutboxItem(f"post:{n}", "group_post", "pirna", {}, now))
            await first.add_outbox(OutboxItem(f"user:{n}", "user", "u:a", {}, now))
        mine = await first.due_outbox(now, limit=4)
        theirs = await second.due_outbox(now, limit=10)
        assert not {i.key for i in mine} & {i.key for i in theirs}  # claimed once
        assert all(i.kind != "group_post" for i in theirs)  # only the group sender posts
        await first.close()  # a clean stop hands the group sender lease on
        taken = await second.due_outbox(now, limit=10)
        assert all(i.kind != "group_post" for i in taken)  # not within the pacing window
    finally:
        await second.close()


async def test_two_telegram_webhook_workers_behind_one_proxy_serve_people(
    postgres_url: str,
) -> None:
    """The command-line bot twice (`python -m bot telegram --webhook`) on one database behind a
    round-robin proxy: every person gets each answer once and reaches a counsellor request."""
    from argparse import Namespace

    from bot.bench.workers import run_configuration

    args = Namespace(people=6, think=0.3, step_timeout=12.0, seed=3)
    result = await run_configuration("two workers", 2, postgres_url, args)
    assert (result.wrong, result.requests) == (0, 6)


async def test_one_persons_replies_are_sent_by_one_worker_at_a_time(postgres_url: str) -> None:
    """`exclusive` keeps two workers from sending the same person's pending replies at once."""
    first, second = await open_storage(postgres_url), await open_storage(postgres_url)
    order: list[str] = []
    try:
        holding = asyncio.Event()

        async def worker_a() -> None:
            async with first.exclusive("reply:u:a"):
                holding.set()
                await asyncio.sleep(0.3)
                order.append("a done")

        async def worker_b() -> None:
            await holding.wait()
            async with second.exclusive("reply:u:a"):
                order.append("b in")

        await asyncio.gather(worker_a(), worker_b())
        assert order == ["a done", "b in"]
    finally:
        await first.close()
        await second.close()
