"""Handoff deliveries through Telegram: the office group (forum topic or message) and the person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, RetryAfter, TelegramError

from bot.channels.telegram.sender import TelegramSender
from bot.deploy import DeployConfig, OfficeChannel
from bot.handoff.delivery import DeliveryError, Posted
from bot.messages import Choice, Reply

NO_GROUP_RETRY = 3600.0  # an office without a configured group: try again hourly, lose nothing
TOPIC_NAME_LIMIT = 128


class TelegramDeliverer:
    def __init__(self, bot: Bot, sender: TelegramSender, config: DeployConfig) -> None:
        self._bot = bot
        self._sender = sender
        self._config = config

    async def open_topic(self, office: str, title: str) -> Posted | None:
        channel = self._group(office)
        if not channel.forum:
            return None
        chat = channel.telegram_group
        assert chat is not None
        async with _translated_errors():
            created = await self._bot.create_forum_topic(chat, name=title[:TOPIC_NAME_LIMIT])
        return Posted(chat, 0, created.message_thread_id)

    async def post_group(
        self, office: str, text: str, buttons: Sequence[Choice], topic: Posted | None = None
    ) -> Posted:
        chat = self._group(office).telegram_group
        assert chat is not None
        thread = topic.thread if topic is not None else None
        async with _translated_errors():
            message = await self._bot.send_message(
                chat, text, reply_markup=_keyboard(buttons), message_thread_id=thread
            )
        return Posted(chat, message.message_id, thread)

    def _group(self, office: str) -> OfficeChannel:
        channel = self._config.office(office)
        if channel.telegram_group is None:
            raise DeliveryError(
                f"office '{office}' has no telegram_group in WEGWEISER_CONFIG", NO_GROUP_RETRY
            )
        return channel

    async def edit_group(self, posted: Posted, text: str, buttons: Sequence[Choice]) -> None:
        try:
            async with _translated_errors():
                await self._bot.edit_message_text(
                    text,
                    chat_id=posted.chat,
                    message_id=posted.message,
                    reply_markup=_keyboard(buttons),
                )
        except DeliveryError as error:
            if "not modified" not in str(error):
                raise

    async def note_group(self, posted: Posted, text: str) -> int | None:
        async with _translated_errors():
            message = await self._bot.send_message(
                posted.chat,
                text,
                message_thread_id=posted.thread,
                reply_to_message_id=None if posted.thread else posted.message,
                allow_sending_without_reply=True,  # the post may have been deleted
            )
        return message.message_id

    async def copy_to_group(self, posted: Posted, message_ref: str) -> int | None:
        from_chat, _, message_id = message_ref.partition(":")
        async with _translated_errors():
            copied = await self._bot.copy_message(
                posted.chat,
                int(from_chat),
                int(message_id),
                message_thread_id=posted.thread,
                reply_to_message_id=None if posted.thread else posted.message,
                allow_sending_without_reply=True,
            )
        return copied.message_id

    async def erase_topic(self, posted: Posted, note: str) -> bool:
        """Delete the forum topic with everything the person wrote in it, then tell the group.

        Needs the 'manage topics' right; without it (or in a group without topics) the caller
        leaves the edited post and adds the note below it.
        """
        if posted.thread is None:
            return False
        try:
            await self._bot.delete_forum_topic(posted.chat, posted.thread)
        except BadRequest as error:
            if "not found" not in error.message.lower():  # gone already: a retry after the note
                return False
        except RetryAfter as error:
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            raise DeliveryError("rate limited by Telegram", seconds) from None
        except TelegramError as error:
            raise DeliveryError(type(error).__name__) from None
        async with _translated_errors():
            await self._bot.send_message(posted.chat, note)
        return True

    async def to_user(self, user: str, replies: Sequence[Reply]) -> None:
        async with _translated_errors():
            await self._sender.deliver(user, replies)


def _keyboard(buttons: Sequence[Choice]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.id)] for b in buttons]
    )


class _translated_errors:
    """Telegram errors become DeliveryError, with Telegram's own wait time where it gave one."""

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: object
    ) -> bool:
        if isinstance(error, RetryAfter):
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            raise DeliveryError("rate limited by Telegram", seconds) from None
        if isinstance(error, BadRequest):
            raise DeliveryError(f"bad request: {error.message}") from None
        if isinstance(error, TelegramError):
            raise DeliveryError(type(error).__name__) from None
        return False
