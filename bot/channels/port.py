"""What a person channel (Telegram, WhatsApp) needs from the conversation host (`bot.conversation.Conversation`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.messages import Inbound, Reply

AfterCommit = Callable[[], Awaitable[None]]


class ConversationPort(Protocol):
    @property
    def languages(self) -> tuple[str, ...]: ...

    async def handle(
        self, inbound: Inbound, *, after_commit: AfterCommit | None = None
    ) -> list[Reply]:
        """The replies to `inbound`; `after_commit` runs once the turn is stored, before any
        of its replies is sent."""

    def command_menu(self, language: str) -> list[tuple[str, str]]: ...

    def system_reply(self, key: str, language: str) -> Reply: ...
