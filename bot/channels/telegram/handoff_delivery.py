"""Handoff deliveries through Telegram: the office group (forum topic or message) and the person.

A counsellor group that Telegram upgraded to a supergroup answers with `ChatMigrated`: the move
is reported (`on_moved` stores it and logs the office) and the call is repeated once in the new
group. An edit of a request post that no longer exists raises `PostGone`, so that the caller
posts the request again instead of retrying the edit forever.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, ChatMigrated, RetryAfter, TelegramError

from bot.channels.telegram.sender import TelegramSender
from bot.deploy import DeployConfig, OfficeChannel
from bot.handoff.delivery import DeliveryError, Posted, PostGone
from bot.messages import Choice, Reply
from bot.routing import Media

NO_GROUP_RETRY = 3600.0  # an office without a configured group: try again hourly, lose nothing
TOPIC_NAME_LIMIT = 128
T = TypeVar("T")
OnMoved = Callable[[int, int], Awaitable[None]]


async def _ignore_move(old: int, new: int) -> None:
    return None


class TelegramDeliverer:
    def __init__(
        self,
        bot: Bot,
        sender: TelegramSender,
        config: DeployConfig,
        on_moved: OnMoved = _ignore_move,
    ) -> None:
        self._bot = bot
        self._sender = sender
        self._config = config
        self._on_moved = on_moved

    async def open_topic(self, office: str, title: str) -> Posted | None:
        channel = self._group(office)
        if not channel.forum or channel.telegram_group is None:
            return None

        async def create(chat: int) -> Posted:
            created = await self._bot.create_forum_topic(chat, name=title[:TOPIC_NAME_LIMIT])
            return Posted(chat, 0, created.message_thread_id)

        return await self._in_group(channel.telegram_group, create)

    async def post_group(
        self, office: str, text: str, buttons: Sequence[Choice], topic: Posted | None = None
    ) -> Posted:
        chat = topic.chat if topic is not None else self._group(office).telegram_group
        assert chat is not None
        thread = topic.thread if topic is not None else None

        async def post(chat: int) -> Posted:
            message = await self._bot.send_message(
                chat, text, reply_markup=_keyboard(buttons), message_thread_id=thread
            )
            return Posted(chat, message.message_id, thread)

        return await self._in_group(chat, post)

    async def edit_group(self, posted: Posted, text: str, buttons: Sequence[Choice]) -> None:
        async def edit(chat: int) -> None:
            await self._bot.edit_message_text(
                text, chat_id=chat, message_id=posted.message, reply_markup=_keyboard(buttons)
            )

        try:
            await self._in_group(posted.chat, edit)
        except DeliveryError as error:
            reason = str(error).lower()
            if "not modified" in reason:
                return
            if "not found" in reason:
                raise PostGone(str(error)) from None
            raise

    async def note_group(self, posted: Posted, text: str) -> int | None:
        async def note(chat: int) -> int:
            message = await self._bot.send_message(
                chat,
                text,
                message_thread_id=posted.thread,
                reply_to_message_id=None if posted.thread else posted.message,
                allow_sending_without_reply=True,  # the post may have been deleted
            )
            return message.message_id

        return await self._in_group(posted.chat, note)

    async def copy_to_group(self, posted: Posted, message_ref: str) -> int | None:
        from_chat, _, message_id = message_ref.partition(":")

        async def copy(chat: int) -> int:
            copied = await self._bot.copy_message(
                chat,
                int(from_chat),
                int(message_id),
                message_thread_id=posted.thread,
                reply_to_message_id=None if posted.thread else posted.message,
                allow_sending_without_reply=True,
            )
            return copied.message_id

        return await self._in_group(posted.chat, copy)

    async def upload_to_group(self, posted: Posted, media: Media) -> int | None:
        """Post a person's media from another channel (WhatsApp) into the request's thread."""
        upload = InputFile(media.content, filename=media.filename or f"{media.kind}")
        send = {
            "photo": self._bot.send_photo,
            "voice": self._bot.send_voice,
            "video": self._bot.send_video,
        }.get(media.kind, self._bot.send_document)

        async def post(chat: int) -> int:
            message = await send(
                chat,
                upload,
                caption=media.caption,
                message_thread_id=posted.thread,
                reply_to_message_id=None if posted.thread else posted.message,
                allow_sending_without_reply=True,
            )
            return message.message_id

        return await self._in_group(posted.chat, post)

    async def erase_topic(self, posted: Posted, note: str) -> bool:
        """Delete the forum topic with everything the person wrote in it, then tell the group.

        Needs the 'manage topics' right; without it (or in a group without topics) the caller
        leaves the edited post and adds the note below it.
        """
        if posted.thread is None:
            return False
        chat = self._config.current_group(posted.chat)
        try:
            await self._bot.delete_forum_topic(chat, posted.thread)
        except BadRequest as error:
            if "not found" not in error.message.lower():  # gone already: a retry after the note
                return False
        except RetryAfter as error:
            raise DeliveryError("rate limited by Telegram", _seconds(error)) from None
        except TelegramError as error:
            raise DeliveryError(type(error).__name__) from None
        async with _translated_errors():
            await self._bot.send_message(chat, note)
        return True

    async def to_user(self, user: str, replies: Sequence[Reply]) -> None:
        async with _translated_errors():
            await self._sender.deliver(user, replies)

    def _group(self, office: str) -> OfficeChannel:
        channel = self._config.office(office)
        if channel.telegram_group is None:
            raise DeliveryError(
                f"office '{office}' has no telegram_group in WEGWEISER_CONFIG", NO_GROUP_RETRY
            )
        return channel

    async def _in_group(self, chat: int, call: Callable[[int], Awaitable[T]]) -> T:
        """Run `call` in the group where `chat` lives now; follow one supergroup upgrade."""
        chat = self._config.current_group(chat)
        try:
            async with _translated_errors():
                return await call(chat)
        except _Moved as moved:
            await self._on_moved(chat, moved.new_chat)
            async with _translated_errors():
                return await call(moved.new_chat)


class _Moved(DeliveryError):
    def __init__(self, new_chat: int) -> None:
        super().__init__("the group became a supergroup")
        self.new_chat = new_chat


def _keyboard(buttons: Sequence[Choice]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.id)] for b in buttons]
    )


def _seconds(error: RetryAfter) -> float:
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class _translated_errors:
    """Telegram errors become DeliveryError, with Telegram's own wait time where it gave one."""

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: object
    ) -> bool:
        if isinstance(error, ChatMigrated):
            raise _Moved(int(error.new_chat_id)) from None
        if isinstance(error, RetryAfter):
            raise DeliveryError("rate limited by Telegram", _seconds(error)) from None
        if isinstance(error, BadRequest):
            raise DeliveryError(f"bad request: {error.message}") from None
        if isinstance(error, TelegramError):
            raise DeliveryError(type(error).__name__) from None
        return False
