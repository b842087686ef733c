"""Issue 9: a 429 for one chat pauses that chat only; the others go on at once."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from telegram.error import RetryAfter

from bot.channels.telegram.ratelimit import ChatRateLimiter


async def test_a_429_pauses_only_its_chat() -> None:
    limiter = ChatRateLimiter(max_retries=1)
    calls: list[tuple[int, float]] = []
    start = time.monotonic()
    refused = {"left": 1}

    async def send(chat: int) -> dict[str, Any]:
        calls.append((chat, time.monotonic() - start))
        if chat == 1 and refused["left"]:
            refused["left"] -= 1
            raise RetryAfter(1)
        return {"ok": True}

    async def request(chat: int) -> Any:
        return await limiter.process_request(
            send, (chat,), {}, "sendMessage", {"chat_id": chat}, None
        )

    slow = asyncio.create_task(request(1))
    await asyncio.sleep(0.05)
    others = await asyncio.gather(*(request(chat) for chat in range(2, 12)))
    assert all(others)
    late_others = [at for chat, at in calls if chat != 1]
    assert max(late_others) < 0.5  # nobody else waited for chat 1's second
    assert await slow == {"ok": True}
    assert [at for chat, at in calls if chat == 1][-1] >= 1.0  # chat 1 waited and retried
    assert limiter.paused_chats() == []
