"""A turn's own reply item goes out without reading everybody's pending rows, but never
before an earlier reply of the same person that is still waiting (after a failure, or left
over from before a restart)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.handoff.delivery import DeliveryError
from bot.messages import Inbound, Reply
from bot.reply_outbox import ReplyDelivery, reply_item
from bot.storage import SqliteStorage
from bot.storage.records import OutboxItem

PERSON = "telegram:1"


class Recorder:
    """The send function: records texts; fails while `failures` has entries."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.sent: list[str] = []

    async def __call__(self, user: str, replies: Sequence[Reply]) -> None:
        if self.failures:
            self.failures -= 1
            raise DeliveryError("rate limited by Telegram", retry_after=8.0)
        self.sent += [reply.text for reply in replies]


class CountingStorage(SqliteStorage):
    reads = 0

    async def pending_outbox(self) -> list[OutboxItem]:
        self.reads += 1
        return await super().pending_outbox()


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[CountingStorage]:
    opened = await CountingStorage.open(tmp_path / "db")
    try:
        yield opened
    finally:
        await opened.close()


async def _committed(storage: SqliteStorage, text: str, clock: FakeClock) -> OutboxItem:
    item = reply_item(PERSON, [Reply(text)], clock.now())
    return replace(item, id=await storage.add_outbox(item))


async def test_a_fresh_reply_is_sent_without_reading_the_pending_table(
    storage: CountingStorage,
) -> None:
    clock = FakeClock()
    send = Recorder()
    delivery = ReplyDelivery(storage, send, clock)
    await delivery.recover()
    reads = storage.reads
    await delivery.flush(PERSON, await _committed(storage, "Antwort", clock))
    assert send.sent == ["Antwort"]
    assert storage.reads == reads  # nobody else's rows were read for it
    assert await storage.pending_outbox() == []  # and it is marked sent


async def test_a_fresh_reply_waits_behind_a_failed_one(storage: CountingStorage) -> None:
    clock = FakeClock()
    send = Recorder(failures=1)
    delivery = ReplyDelivery(storage, send, clock)
    await delivery.recover()
    await delivery.flush(PERSON, await _committed(storage, "erste", clock))
    await delivery.flush(PERSON, await _committed(storage, "zweite", clock))
    assert send.sent == []  # the second does not overtake the first, which waits for 8 s
    clock.advance(10)
    await delivery.run_once()
    assert send.sent == ["erste", "zweite"]
    await delivery.flush(PERSON, await _committed(storage, "dritte", clock))
    assert send.sent == ["erste", "zweite", "dritte"]  # caught up: the short way again


async def test_before_recovery_a_left_over_reply_goes_first(storage: CountingStorage) -> None:
    clock = FakeClock()
    await _committed(storage, "vor dem Neustart", clock)
    send = Recorder()
    delivery = ReplyDelivery(storage, send, clock)  # recover() has not run yet
    await delivery.flush(PERSON, await _committed(storage, "neu", clock))
    assert send.sent == ["vor dem Neustart", "neu"]


async def test_a_restart_resumes_after_the_last_part_whose_mark_was_committed(
    storage: CountingStorage, tmp_path: Path
) -> None:
    """Each part's mark is written as it goes out (committed with the next batch, not waited
    for); a restart sends only the parts after the last committed mark, and a finished item
    is never sent again."""
    import sqlite3

    clock = FakeClock()
    sent: list[str] = []
    in_flight = asyncio.Event()

    async def send(user: str, replies: Sequence[Reply]) -> None:
        if replies[0].text == "drei" and not in_flight.is_set():
            in_flight.set()
            await asyncio.Event().wait()  # the process dies while the third part is in flight
        sent.append(replies[0].text)

    delivery = ReplyDelivery(storage, send, clock)
    item = reply_item(PERSON, [Reply("eins"), Reply("zwei"), Reply("drei")], clock.now())
    item = replace(item, id=await storage.add_outbox(item))
    flushing = asyncio.create_task(delivery.flush(PERSON, item))
    await in_flight.wait()
    flushing.cancel()  # a kill: no error handling runs
    await asyncio.gather(flushing, return_exceptions=True)
    await storage.pending_outbox()  # the marks written so far are committed
    with sqlite3.connect(tmp_path / "db") as other:  # what a restart would find
        assert other.execute("SELECT progress FROM outbox").fetchone() == (2,)
    restarted = ReplyDelivery(storage, send, clock)
    await restarted.recover()
    assert sent == ["eins", "zwei", "drei"]
    await restarted.recover()
    assert sent == ["eins", "zwei", "drei"]


async def _turn_runtime(
    root: Path, folder: Path, send: Recorder, clock: FakeClock | None = None
) -> tuple[Any, ReplyDelivery]:
    from bot.runtime import open_runtime
    from bot.settings import Settings

    settings = Settings(data_dir=folder, config_file=None, content_dir=root)
    runtime = await open_runtime(settings, guard_floods=False, clock=clock or FakeClock())
    delivery = ReplyDelivery(runtime.storage, send, runtime.handoff.clock)
    runtime.conversation.reply_delivery = delivery
    return runtime, delivery


async def _replies_alone(root: Path, folder: Path, texts: Sequence[str]) -> list[str]:
    """What the turns send with nothing else running (the reference)."""
    send = Recorder()
    runtime, delivery = await _turn_runtime(root, folder, send)
    await delivery.recover()
    for text in texts:
        await runtime.conversation.handle(Inbound(PERSON, text=text))
    await runtime.close()
    return send.sent


async def test_the_start_up_recovery_and_a_turn_send_the_turns_reply_once(
    small_root: Path, tmp_path: Path
) -> None:
    """At start the recovery reads every pending item, without waiting for leases; a turn
    that commits meanwhile (its question edited between commit and send) must not get its
    reply sent by the recovery and again by itself (the compare bench saw a /start answered
    twice at N=1)."""
    expected = await _replies_alone(small_root, tmp_path / "alone", ["hi"])
    send = Recorder()
    runtime, delivery = await _turn_runtime(small_root, tmp_path / "raced", send)

    async def recovery_meanwhile() -> None:
        await delivery.recover()

    try:
        await runtime.conversation.handle(
            Inbound(PERSON, text="hi"), after_commit=recovery_meanwhile
        )
        await delivery.recover()
    finally:
        await runtime.close()
    assert expected and send.sent == expected


async def test_a_retry_pass_and_a_turn_send_the_turns_reply_once(
    small_root: Path, tmp_path: Path
) -> None:
    """A person whose earlier reply failed is caught up by the retry pass; when that pass runs
    between the commit of their next turn and its send, it sends that turn's reply in order,
    and the turn does not send it again."""
    texts = ["hi", "1"]
    expected = await _replies_alone(small_root, tmp_path / "alone", texts)
    send, clock = Recorder(failures=1), FakeClock()
    runtime, delivery = await _turn_runtime(small_root, tmp_path / "raced", send, clock)

    async def retry_meanwhile() -> None:
        await delivery.run_once()

    try:
        await delivery.recover()
        await runtime.conversation.handle(Inbound(PERSON, text=texts[0]))
        assert send.sent == []  # rate limited: waits 8 s
        clock.advance(10)
        await runtime.conversation.handle(
            Inbound(PERSON, text=texts[1]), after_commit=retry_meanwhile
        )
        await delivery.run_once()
    finally:
        await runtime.close()
    assert send.sent == expected


async def test_a_turn_whose_question_edit_fails_still_sends_its_reply_once(
    small_root: Path, tmp_path: Path
) -> None:
    """The edit between commit and send fails: the committed reply goes out at once (not only
    after its lease), and no reservation is left that would keep a retry pass from it."""
    expected = await _replies_alone(small_root, tmp_path / "alone", ["hi"])
    send = Recorder()
    runtime, delivery = await _turn_runtime(small_root, tmp_path / "failed", send)

    async def edit_fails() -> None:
        raise RuntimeError("edit failed")

    try:
        await delivery.recover()
        with pytest.raises(RuntimeError):
            await runtime.conversation.handle(Inbound(PERSON, text="hi"), after_commit=edit_fails)
        await delivery.recover()
    finally:
        await runtime.close()
    assert send.sent == expected
    assert delivery._reserved == set()
