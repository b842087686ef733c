"""Issue 9: updates are stored before they are acknowledged and applied once; replies are kept
in the outbox with their turn and sent only after its commit, in order, retried when sending
fails. Each test was run once against code with the rule removed and failed."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest
from conftest import ScriptedConversation, make_channel

from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.telegram.inbox import TelegramInbox
from bot.channels.telegram.polling import run_polling
from bot.clock import FakeClock
from bot.content.holder import ContentHolder
from bot.conversation import Conversation
from bot.handoff.delivery import DeliveryError
from bot.messages import Inbound, Reply
from bot.reply_outbox import ReplyDelivery, reply_item
from bot.storage import MemoryStorage, SqliteStorage
from bot.web import TELEGRAM_SECRET_HEADER, create_web_app

SECRET = "s3cret-token_1"
CHAT = 4242


async def test_webhook_stores_before_200_and_applies_a_redelivery_once(api: FakeBotApi) -> None:
    conversation = ScriptedConversation()
    storage = MemoryStorage()
    inbox = TelegramInbox(storage)
    channel = make_channel(api, conversation, inbox=inbox)
    app = create_web_app(telegram=channel.application, telegram_secret=SECRET, telegram_inbox=inbox)
    update = {"update_id": 31, **api.message_update(CHAT, "Hallo")}
    headers = {TELEGRAM_SECRET_HEADER: SECRET}
    async with channel.application:
        await channel.application.start()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
            first = await client.post("/telegram", json=update, headers=headers)
            again = await client.post("/telegram", json=update, headers=headers)
            await api.wait_for(CHAT, lambda messages: len(messages) == 1, timeout=5)
            await asyncio.sleep(0.1)
        await channel.application.stop()
    assert (first.status_code, again.status_code) == (200, 200)
    assert [i.text for i in conversation.inbounds] == ["Hallo"]
    assert await inbox.pending() == []  # processed, and marked so


async def test_the_inbox_hands_fresh_updates_on_before_its_commit_and_returns_after_it(
    tmp_path: Path,
) -> None:
    """Turns begin without waiting for the inbox's fsync; Telegram is told (next offset, 200)
    only once `store` has returned, and by then the rows are durable."""
    path = tmp_path / "db"
    storage = await SqliteStorage.open(path)
    inbox = TelegramInbox(storage)
    handed: list[int] = []
    visible_when_handed: list[int] = []

    def committed_rows() -> int:
        with sqlite3.connect(path) as other:
            return int(other.execute("SELECT count(*) FROM inbox").fetchone()[0])

    def hand(update: dict[str, int]) -> None:
        handed.append(update["update_id"])
        visible_when_handed.append(committed_rows())

    try:
        fresh = await inbox.store([{"update_id": 1}, {"update_id": 2}], hand=hand)
        assert [u["update_id"] for u in fresh] == handed == [1, 2]
        assert visible_when_handed == [0, 0]  # handed on before the commit
        assert committed_rows() == 2  # durable once store returned
        await inbox.store([{"update_id": 2}, {"update_id": 3}], hand=hand)
        assert handed == [1, 2, 3]  # the redelivered 2 is not handed on again
    finally:
        await storage.close()


async def test_webhook_refuses_malformed_and_oversized_bodies(api: FakeBotApi) -> None:
    conversation = ScriptedConversation()
    inbox = TelegramInbox(MemoryStorage())
    channel = make_channel(api, conversation, inbox=inbox)
    app = create_web_app(telegram=channel.application, telegram_secret=SECRET, telegram_inbox=inbox)
    wrong_type = {"update_id": 5, **api.message_update(CHAT, "x")}
    wrong_type["message"]["text"] = 123
    headers = {TELEGRAM_SECRET_HEADER: SECRET}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
        typed = await client.post("/telegram", json=wrong_type, headers=headers)
        big = await client.post("/telegram", content=b"{" + b" " * 2_000_000, headers=headers)
        not_json = await client.post("/telegram", content=b"nonsense", headers=headers)
    assert (typed.status_code, big.status_code, not_json.status_code) == (400, 413, 400)
    assert await inbox.pending() == [] and conversation.inbounds == []


async def test_polling_handles_updates_stored_before_a_crash_first_and_once(
    api: FakeBotApi,
) -> None:
    """The bot stored update 1 and died before handling it; Telegram (offset never confirmed
    past it) delivers it again with update 2. Update 1 is handled once, then update 2."""
    conversation = ScriptedConversation()
    storage = MemoryStorage()
    inbox = TelegramInbox(storage)
    stored = {"update_id": 1, **api.message_update(CHAT, "vor dem Absturz")}
    await inbox.store([stored])
    api.push(api.message_update(CHAT, "vor dem Absturz"))  # becomes update_id 1 again
    api.push(api.message_update(CHAT, "danach"))
    channel = make_channel(api, conversation, inbox=inbox)
    stop = asyncio.Event()
    task = asyncio.create_task(run_polling(channel, stop))
    await api.wait_for(CHAT, lambda messages: len(messages) == 2, timeout=10)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert [i.text for i in conversation.inbounds] == ["vor dem Absturz", "danach"]
    assert await inbox.pending() == []


class FlakySend:
    """Sends into a list; fails as scripted first (429 with a wait, or a timeout)."""

    def __init__(self, failures: list[Exception]) -> None:
        self.failures = failures
        self.sent: list[tuple[str, str]] = []

    async def __call__(self, user: str, replies: Sequence[Reply]) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent += [(user, r.text) for r in replies]


async def real_conversation(small_root: Path, storage: SqliteStorage, clock: FakeClock):  # type: ignore[no-untyped-def]
    return Conversation(ContentHolder.load(small_root), storage, clock=clock)


async def test_a_failed_reply_is_retried_in_order_and_only_for_that_person(
    small_root: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    storage = await SqliteStorage.open(tmp_path / "db")
    conversation = await real_conversation(small_root, storage, clock)
    send = FlakySend([DeliveryError("rate limited by Telegram", retry_after=8.0)])
    conversation.reply_delivery = ReplyDelivery(storage, send, clock)
    assert await conversation.handle(Inbound("telegram:1", text="hi")) == []
    assert send.sent == []  # the 429: nothing went out, the reply is kept
    clock.advance(1)
    await conversation.handle(Inbound("telegram:2", text="hi"))
    assert [user for user, _ in send.sent] == ["telegram:2"]  # another person: not delayed
    await conversation.handle(Inbound("telegram:1", text="1"))
    assert [user for user, _ in send.sent] == ["telegram:2"]  # waits behind the first reply
    clock.advance(10)
    await conversation.reply_delivery.run_once()
    firsts = [text for user, text in send.sent if user == "telegram:1"]
    pending = await storage.pending_outbox()
    assert pending == [] and len(firsts) >= 2
    assert firsts[0] == send.sent[1][1]  # the first turn's reply came first
    await storage.close()


async def test_a_reply_committed_before_a_crash_is_sent_after_the_restart(
    small_root: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    storage = await SqliteStorage.open(tmp_path / "db")
    conversation = await real_conversation(small_root, storage, clock)
    dead = FlakySend([ConnectionError("killed")])  # the process dies while sending
    conversation.reply_delivery = ReplyDelivery(storage, dead, clock)
    await conversation.handle(Inbound("telegram:1", text="hi"))
    await storage.close()

    again = await SqliteStorage.open(tmp_path / "db")
    send = FlakySend([])
    clock.advance(120)
    await ReplyDelivery(again, send, clock).run_once()
    assert [user for user, _ in send.sent] and {u for u, _ in send.sent} == {"telegram:1"}
    assert await again.pending_outbox() == []
    await ReplyDelivery(again, send, clock).run_once()
    assert len({text for _, text in send.sent}) == len(send.sent)  # nothing twice
    await again.close()


async def test_a_crash_in_a_multi_part_reply_resumes_at_the_next_part(tmp_path: Path) -> None:
    """Found by the crash bench: after a kill, the parts already sent are not sent again, and
    what a crash left unsent goes out at start, not after the lease."""
    clock = FakeClock()
    storage = await SqliteStorage.open(tmp_path / "db")
    parts = [Reply(f"part {n}") for n in range(3)]
    await storage.add_outbox(reply_item("telegram:1", parts, clock.now()))
    sent: list[str] = []

    async def dies_after_one(user: str, replies: Sequence[Reply]) -> None:
        if sent:
            raise asyncio.CancelledError  # kill -9 while sending the second part
        sent.extend(r.text for r in replies)

    with pytest.raises(asyncio.CancelledError):
        await ReplyDelivery(storage, dies_after_one, clock).flush("telegram:1")
    await storage.close()

    again = await SqliteStorage.open(tmp_path / "db")
    send = FlakySend([])
    assert await ReplyDelivery(again, send, clock).recover() == 1  # no waiting for the lease
    assert sent == ["part 0"] and [text for _, text in send.sent] == ["part 1", "part 2"]
    await again.close()
