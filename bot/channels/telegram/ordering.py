"""Per-chat ordering: one chat's updates strictly one after another, different chats at once."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.channels.telegram.inbox import TelegramInbox
from bot.channels.telegram.private_update import PrivateUpdate
from bot.locks import KeyedLocks

# Waiting updates hold a slot; many slots keep one flooding chat from starving the others.
MAX_CONCURRENT_UPDATES = 1024


def chat_key(update: object) -> int | None:
    """The chat an update belongs to, if it is a Telegram update with a chat or a sender."""
    if isinstance(update, PrivateUpdate):
        return update.chat_id
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Handles the updates of one chat in arrival order, the updates of different chats
    concurrently, so nobody waits for another person's conversation."""

    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        inbox: TelegramInbox | None = None,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.locks = KeyedLocks()
        self.inbox = inbox

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """The chat's turn first, then a processing slot: updates waiting behind their own
        chat hold no slot, so one flooding chat holds at most one of them."""
        key = chat_key(update)
        try:
            if key is None:
                async with self._semaphore:
                    await self._handle(update, coroutine)
                return
            async with self.locks.hold(key), self._semaphore:
                await self._handle(update, coroutine)
        except asyncio.CancelledError:
            if inspect.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting: it never ran
            raise

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Unused: `process_update` orders by chat before it takes a slot."""
        await self._handle(update, coroutine)

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self.inbox is None or not isinstance(update, Update | PrivateUpdate):
            await coroutine
            return
        async with self.inbox.handling(update.update_id):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
