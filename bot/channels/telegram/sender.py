"""Sends replies to a Telegram chat, in order, as HTML with the keyboard on the last piece.

The calls go through the bot's own request object and rate limiter (`BotApi`, one level below
`Bot._post`), and Telegram's answers stay JSON: parsing every answer into a `telegram.Message`
that nobody reads cost a seventh of the CPU of a turn.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import Bot
from telegram.error import Forbidden

from bot.channels.telegram.bot_api import BotApi
from bot.channels.telegram.convert import chat_id_of
from bot.channels.telegram.redact import chat_ref
from bot.channels.telegram.render import OutgoingMessage, render
from bot.handoff.delivery import PersonUnreachable
from bot.locks import KeyedLocks
from bot.messages import Reply

log = logging.getLogger(__name__)

# Previews cost data on cheap phones and may leak which links a person got. Parameters are
# given as the Bot API's own text (as PTB would make it of its objects, at each call).
NO_PREVIEW = '{"is_disabled": true}'
HTML = "HTML"


class TelegramSender:
    """Delivers replies to one chat at a time: the batches of one chat never interleave, also
    when the conversation host pushes messages (counsellor relays, reminders) that answer
    nothing."""

    def __init__(self, bot: Bot) -> None:
        self._api = BotApi(bot)
        self._chats = KeyedLocks()

    async def deliver(self, user: str, replies: Sequence[Reply]) -> None:
        """Send `replies` to a `telegram:<chat id>` user. Raises `PersonUnreachable` when the
        person blocked the bot (or the chat is gone), other Telegram errors as they are."""
        await self.send(chat_id_of(user), replies, blocked=PersonUnreachable)

    async def send(
        self,
        chat_id: int,
        replies: Sequence[Reply],
        *,
        blocked: type[Exception] | None = None,
    ) -> list[dict[str, Any]]:
        """Send in order; a chat that cannot be written to is logged (and `blocked` raised).
        Returns Telegram's answers (the sent messages) as JSON."""
        sent: list[dict[str, Any]] = []
        async with self._chats.hold(chat_id):
            try:
                for reply in replies:
                    for message in render(reply):
                        sent.append(await self._send_message(chat_id, message))
            except Forbidden:
                log.info(
                    "chat=%s cannot be written to (bot blocked or chat gone)", chat_ref(chat_id)
                )
                if blocked is not None:
                    raise blocked("the person cannot be reached") from None
        return sent

    async def answer_press(self, query_id: str) -> None:
        """Stop the pressed button spinning (answerCallbackQuery without text)."""
        await self._api.call("answerCallbackQuery", {"callback_query_id": query_id})

    async def edit_text(self, chat_id: int, message_id: int, text: str) -> None:
        """Replace a message's text (HTML, no preview) and with it its keyboard."""
        data = {
            "chat_id": chat_id,
            "message_id": message_id,
            "text": text,
            "parse_mode": HTML,
            "link_preview_options": NO_PREVIEW,
        }
        await self._api.call("editMessageText", data)

    async def remove_keyboard(self, chat_id: int, message_id: int) -> None:
        """Take a message's inline keyboard away (editMessageReplyMarkup without a markup)."""
        await self._api.call(
            "editMessageReplyMarkup", {"chat_id": chat_id, "message_id": message_id}
        )

    async def _send_message(self, chat_id: int, message: OutgoingMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "chat_id": chat_id,
            "text": message.text,
            "parse_mode": HTML,
            "link_preview_options": NO_PREVIEW,
        }
        if message.reply_markup is not None:
            data["reply_markup"] = message.reply_markup
        # `Bot.send_message` without building a `Message` of the answer
        answer: dict[str, Any] = await self._api.call("sendMessage", data)
        return answer
