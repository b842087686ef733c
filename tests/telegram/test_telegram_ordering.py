"""One chat strictly in order, different chats concurrently, through the running Application."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from conftest import ScriptedConversation, make_channel
from telegram import Update

from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.telegram.ordering import ChatOrderedProcessor
from bot.channels.telegram.parse import parse_update
from bot.locks import KeyedLocks
from bot.messages import Inbound, Reply

SLOW, FAST = 1001, 1002


class GatedConversation(ScriptedConversation):
    """SLOW's first message waits until FAST has been answered."""

    def __init__(self) -> None:
        super().__init__()
        self.fast_done = asyncio.Event()
        self.order: list[str] = []

    async def handle(self, inbound: Inbound, **_: object) -> list[Reply]:
        if inbound.user == f"telegram:{SLOW}" and inbound.text == "1":
            await asyncio.wait_for(self.fast_done.wait(), timeout=5)
        self.order.append(f"{inbound.user}:{inbound.text}")
        if inbound.user == f"telegram:{FAST}":
            self.fast_done.set()
        return [Reply(f"re {inbound.text}")]


@pytest.mark.parametrize("parse", [parse_update, Update.de_json], ids=["read", "ptb"])
async def test_a_slow_chat_neither_blocks_others_nor_loses_its_order(
    api: FakeBotApi, parse: Callable[[dict[str, Any], Any], object]
) -> None:
    conversation = GatedConversation()
    channel = make_channel(api, conversation)
    application = channel.application
    async with application:
        await application.start()
        for chat, text in [(SLOW, "1"), (SLOW, "2"), (FAST, "x"), (SLOW, "3")]:
            update = {"update_id": api.next_update_id(), **api.message_update(chat, text)}
            await application.update_queue.put(parse(update, application.bot))
        await api.wait_for(SLOW, lambda messages: len(messages) == 3, timeout=5)
        await application.stop()

    assert conversation.order[0] == f"telegram:{FAST}:x"
    assert [m["text"] for m in api.bot_messages(SLOW)] == ["re 1", "re 2", "re 3"]
    assert [m["text"] for m in api.bot_messages(FAST)] == ["re x"]


async def test_keyed_locks_are_dropped_when_free() -> None:
    locks = KeyedLocks()
    async with locks.hold("a"):
        assert len(locks) == 1
    assert len(locks) == 0


@pytest.mark.parametrize("parse", [parse_update, Update.de_json], ids=["read", "ptb"])
async def test_a_flooding_chat_holds_at_most_one_processing_slot(
    parse: Callable[[dict[str, Any], Any], object],
) -> None:
    processor = ChatOrderedProcessor(max_concurrent_updates=4)
    release = asyncio.Event()
    flood_chat, other_chat = 11, 22

    def update(chat: int, n: int) -> object:
        data = {
            "update_id": n,
            "message": {
                "message_id": n,
                "date": 1,
                "chat": {"id": chat, "type": "private"},
                "text": "x",
            },
        }
        return parse(data, None)

    async def blocked() -> None:
        await release.wait()

    async def quick() -> None:
        return None

    flood = [
        asyncio.create_task(processor.process_update(update(flood_chat, n), blocked()))
        for n in range(20)
    ]
    await asyncio.sleep(0.05)
    assert processor.current_concurrent_updates <= 1
    await asyncio.wait_for(processor.process_update(update(other_chat, 99), quick()), timeout=1)
    release.set()
    await asyncio.gather(*flood)


async def test_a_task_cancelled_while_waiting_for_a_key_leaves_no_trace() -> None:
    locks = KeyedLocks()
    inside = asyncio.Event()
    release = asyncio.Event()

    async def holder() -> None:
        async with locks.hold("a"):
            inside.set()
            await release.wait()

    held = asyncio.create_task(holder())
    await inside.wait()
    waiter = asyncio.create_task(locks.hold("a").__aenter__())
    await asyncio.sleep(0)
    assert locks.waiting("a") == 2
    waiter.cancel()
    await asyncio.gather(waiter, return_exceptions=True)
    assert locks.waiting("a") == 1
    release.set()
    await held
    assert len(locks) == 0 and locks.waiting("a") == 0


async def test_a_key_is_held_in_the_order_it_was_asked_for() -> None:
    locks = KeyedLocks()
    order: list[int] = []

    async def take(n: int) -> None:
        async with locks.hold("k"):
            await asyncio.sleep(0)
            order.append(n)

    await asyncio.gather(*(take(n) for n in range(5)))
    assert order == [0, 1, 2, 3, 4] and len(locks) == 0
