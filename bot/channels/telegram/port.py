"""What the Telegram adapter needs from the conversation host (`bot.conversation.Conversation`)."""

from __future__ import annotations

from typing import Protocol

from bot.messages import Inbound, Reply


class ConversationPort(Protocol):
    @property
    def languages(self) -> tuple[str, ...]: ...

    async def handle(self, inbound: Inbound) -> list[Reply]: ...

    def command_menu(self, language: str) -> list[tuple[str, str]]: ...

    def system_reply(self, key: str, language: str) -> Reply: ...
