"""Telegram handlers: each turns an update into an `Inbound`, asks the conversation, sends the
replies. No conversation logic lives here."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection, Iterable
from typing import Any

from telegram import Bot, CallbackQuery, Chat, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.channels.port import AfterCommit, ConversationPort
from bot.channels.telegram.convert import (
    callback_chat_id,
    callback_inbound,
    is_private,
    is_status_update,
    message_inbound,
    press_inbound,
    text_inbound,
)
from bot.channels.telegram.private_update import PrivatePress, PrivateText
from bot.channels.telegram.redact import describe_error, describe_update
from bot.channels.telegram.render import answered_text, pressed_label
from bot.channels.telegram.sender import TelegramSender
from bot.messages import Inbound

log = logging.getLogger(__name__)

MENU_COMMANDS = ("start", "menu", "language", "help", "human", "status", "delete")
GROUP_NOTICE_KEY = "group_not_supported"
GROUP_NOTICE_LANGUAGE = "de"
_REMEMBERED_LEFT_CHATS = 1024

CounsellorHook = Callable[[Update], Awaitable[None]]
GroupMoved = Callable[[int, int], Awaitable[None]]
# The counsellor groups: fixed ids, or a function giving the live set (groups can move).
CounsellorGroups = Iterable[int] | Callable[[], Collection[int]]


class TelegramAdapter:
    """The handlers of one bot. `counsellor_groups` are chats the bot stays in; their updates
    go to `counsellor_hook` (the handoff feature), which answers the button presses it gets.
    All other groups and channels are told so and left."""

    def __init__(
        self,
        conversation: ConversationPort,
        sender: TelegramSender,
        *,
        counsellor_groups: CounsellorGroups = (),
        counsellor_hook: CounsellorHook | None = None,
        on_group_moved: GroupMoved | None = None,
    ) -> None:
        self._conversation = conversation
        self._sender = sender
        fixed = frozenset(counsellor_groups) if not callable(counsellor_groups) else None
        self._counsellor_groups = counsellor_groups if fixed is None else (lambda: fixed)
        self._counsellor_hook = counsellor_hook
        self._on_group_moved = on_group_moved
        self._left_chats: dict[int, None] = {}

    def handlers(self) -> list[BaseHandler[Any, ContextTypes.DEFAULT_TYPE, None]]:
        """Commands and every other message go the same way: as text to the conversation.
        A person's text or press in their private chat usually comes as a `PrivateText` or
        `PrivatePress` (read from the JSON without PTB's objects), otherwise as an `Update`."""
        return [
            TypeHandler(PrivateText, self.on_private_text),
            TypeHandler(PrivatePress, self.on_private_press),
            CommandHandler(MENU_COMMANDS, self.on_message),
            MessageHandler(filters.ALL, self.on_message),
            CallbackQueryHandler(self.on_callback),
        ]

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        if not is_private(chat):
            await self._on_group(update, chat, context.bot)
            return
        if is_status_update(update):
            return
        inbound = message_inbound(update)
        if inbound is not None:
            await self._converse(chat.id, inbound)

    async def on_private_text(
        self, update: PrivateText, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """As `on_message` for a text message in a private chat."""
        inbound = text_inbound(update.chat_id, update.text, update.language_code)
        await self._converse(update.chat_id, inbound)

    async def on_private_press(
        self, update: PrivatePress, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        """As `on_callback` for a press in a private chat."""
        await self._answer_query(update, update.query_id)
        label = update.label

        async def mark_answered() -> None:
            if label is not None:
                await self._show_answer(
                    update, update.chat_id, update.message_id, update.question, label
                )

        inbound = press_inbound(update.chat_id, update.data, update.language_code)
        await self._converse(update.chat_id, inbound, mark_answered)

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        chat = query.message.chat if query.message is not None else None
        if chat is not None and not is_private(chat):
            await self._on_group_press(update, query, chat)
            return
        await self._answer_query(update, query.id)
        inbound = callback_inbound(update)
        if inbound is None:
            return
        data = query.data
        if data is None:
            log.warning("%s button press without callback data", describe_update(update))

        async def mark_answered() -> None:
            """After the turn's commit (had it failed, the question keeps its buttons) and
            before the next question is sent."""
            if data is not None:
                await self._mark_answered(update, query, data)

        await self._converse(callback_chat_id(query), inbound, mark_answered)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log what failed without any content; the bot goes on serving everybody else."""
        log.error("%s handler failed: %s", describe_update(update), describe_error(context.error))

    async def _converse(
        self, chat_id: int, inbound: Inbound, after_commit: AfterCommit | None = None
    ) -> None:
        replies = await self._conversation.handle(inbound, after_commit=after_commit)
        await self._sender.send(chat_id, replies)

    async def _answer_query(self, update: object, query_id: str) -> None:
        """Every press is answered first, so the button stops spinning whatever happens next."""
        try:
            await self._sender.answer_press(query_id)
        except TelegramError as error:
            log.warning(
                "%s answerCallbackQuery failed: %s", describe_update(update), describe_error(error)
            )

    async def _mark_answered(self, update: Update, query: CallbackQuery, data: str) -> None:
        """Show the chosen answer under the question and remove its keyboard."""
        message = query.message
        if not isinstance(message, Message):
            return
        label = pressed_label(message.reply_markup, data)
        if label is None:
            return
        await self._show_answer(update, message.chat.id, message.message_id, message.text, label)

    async def _show_answer(
        self, update: object, chat_id: int, message_id: int, question: str | None, label: str
    ) -> None:
        """Edit the pressed question to "question ✅ answer" (no keyboard); if that is too
        long or the message has no text, only take its keyboard away."""
        text = answered_text(question, label) if question else None
        try:
            if text is None:
                await self._sender.remove_keyboard(chat_id, message_id)
            else:
                await self._sender.edit_text(chat_id, message_id, text)
        except TelegramError as error:
            log.info("%s question not edited: %s", describe_update(update), describe_error(error))

    async def _on_group_press(self, update: Update, query: CallbackQuery, chat: Chat) -> None:
        """A press in a counsellor group is the hook's to answer (it may answer with a text);
        if the hook fails, the press is answered here. Other groups: answered, ignored."""
        if not self._is_counsellor_group(chat.id) or self._counsellor_hook is None:
            await self._answer_query(update, query.id)
            return
        try:
            await self._counsellor_hook(update)
        except Exception:
            await self._answer_query(update, query.id)
            raise

    def _is_counsellor_group(self, chat_id: int) -> bool:
        return chat_id in self._counsellor_groups()  # type: ignore[operator]

    async def _followed_move(self, update: Update, chat: Chat) -> bool:
        """A counsellor group that became a supergroup: follow it instead of leaving it."""
        message = update.effective_message
        if message is None or self._on_group_moved is None:
            return False
        moved_from, moved_to = message.migrate_from_chat_id, message.migrate_to_chat_id
        if moved_from is not None and self._is_counsellor_group(moved_from):
            await self._on_group_moved(moved_from, chat.id)
            return True
        if moved_to is not None and self._is_counsellor_group(chat.id):
            await self._on_group_moved(chat.id, moved_to)
            return True
        return False

    async def _on_group(self, update: Update, chat: Chat, bot: Bot) -> None:
        if await self._followed_move(update, chat):
            return
        if self._is_counsellor_group(chat.id):
            if self._counsellor_hook is not None:
                await self._counsellor_hook(update)
            return
        if chat.id in self._left_chats or _is_own_departure(update, bot):
            return
        self._remember_left(chat.id)
        notice = self._conversation.system_reply(GROUP_NOTICE_KEY, GROUP_NOTICE_LANGUAGE)
        try:
            await self._sender.send(chat.id, [notice])
        except TelegramError as error:
            log.info("%s group notice not sent: %s", describe_update(update), describe_error(error))
        await bot.leave_chat(chat.id)
        log.info(
            "%s left a %s chat that is not a counsellor group", describe_update(update), chat.type
        )

    def _remember_left(self, chat_id: int) -> None:
        self._left_chats[chat_id] = None
        if len(self._left_chats) > _REMEMBERED_LEFT_CHATS:
            del self._left_chats[next(iter(self._left_chats))]


def _is_own_departure(update: Update, bot: Bot) -> bool:
    message = update.effective_message
    departed = message.left_chat_member if message is not None else None
    return departed is not None and departed.id == bot.id
