"""Telegram rate limits that keep one chat's 429 to that chat.

PTB's `AIORateLimiter` keeps Telegram's overall (30 messages a second) and per-group (20 a
minute) limits, but when Telegram answers 429 for one chat it pauses every request of the bot.
`ChatRateLimiter` keeps the same limits (through `AIORateLimiter._run_request`, PTB 22) and pauses
only the chat the 429 was given for (requests without a chat, such as getUpdates, pause only
each other).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]
MARGIN = 0.1  # seconds added to Telegram's retry_after


class ChatRateLimiter(AIORateLimiter):
    """`AIORateLimiter` with per-chat 429 pauses; `max_retries` retries after a 429."""

    def __init__(self, max_retries: int = 3, **limits: float) -> None:
        """`limits` are `AIORateLimiter`'s rates (0 switches one off: benchmarks)."""
        super().__init__(max_retries=max_retries, **limits)
        self._paused: dict[int | str | None, float] = {}  # chat -> monotonic end of pause

    def paused_chats(self) -> list[int | str | None]:
        """The chats paused right now (for tests and health output)."""
        now = time.monotonic()
        return [chat for chat, until in self._paused.items() if until > now]

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        retries = rate_limit_args or self._max_retries
        chat = _chat_of(data)
        for attempt in range(retries + 1):
            await self._wait_for(chat)
            try:  # PTB's own limits (overall, per group) without its global pause
                return await self._run_request(
                    chat=chat is not None,
                    group=chat if _is_group(chat) else False,
                    allow_paid_broadcast=bool(data.get("allow_paid_broadcast", False)),
                    callback=callback,
                    args=args,
                    kwargs=kwargs,
                )
            except RetryAfter as error:
                if attempt == retries:
                    raise
                seconds = error.retry_after
                wait = seconds.total_seconds() if hasattr(seconds, "total_seconds") else seconds
                self._pause(chat, float(wait) + MARGIN)
                log.info("429 for one chat: that chat waits %.1fs", float(wait))
        raise AssertionError("unreachable")  # pragma: no cover

    def _pause(self, chat: int | str | None, seconds: float) -> None:
        until = time.monotonic() + seconds
        self._paused[chat] = max(until, self._paused.get(chat, 0.0))

    async def _wait_for(self, chat: int | str | None) -> None:
        until = self._paused.get(chat)
        if until is None:
            return
        delay = until - time.monotonic()
        if delay <= 0:
            self._paused.pop(chat, None)  # forgotten once over: memory stays bounded
            return
        await asyncio.sleep(delay)


def _is_group(chat: int | str | None) -> bool:
    """Groups and channels have negative ids (or an @username)."""
    return isinstance(chat, str) or (isinstance(chat, int) and chat < 0)


def _chat_of(data: dict[str, Any]) -> int | str | None:
    chat = data.get("chat_id")
    if chat is None:
        return None
    with contextlib.suppress(TypeError, ValueError):
        return int(chat)
    return str(chat)
