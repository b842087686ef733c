"""Telegram updates to channel-neutral `Inbound` messages. Translation only, no decisions."""

from __future__ import annotations

from telegram import CallbackQuery, Chat, Message, Update
from telegram.constants import ChatType
from telegram.ext import filters

from bot.messages import Inbound

CHANNEL = "telegram"

# Checked in this order: an animation is also a document, a venue also a location.
_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("voice", ("voice", "audio")),
    ("video", ("video", "video_note", "animation")),
    ("photo", ("photo",)),
    ("sticker", ("sticker",)),
    ("location", ("venue", "location")),
    ("contact", ("contact",)),
    ("document", ("document",)),
)


def user_ref(chat_id: int) -> str:
    """The channel-qualified user reference: one private chat is one person."""
    return f"{CHANNEL}:{chat_id}"


def chat_id_of(user: str) -> int:
    """The chat id inside a `telegram:<id>` reference; ValueError for anything else."""
    channel, _, chat_id = user.partition(":")
    if channel != CHANNEL or not chat_id.lstrip("-").isdigit():
        raise ValueError(f"not a Telegram user reference: {user!r}")
    return int(chat_id)


def is_private(chat: Chat) -> bool:
    return chat.type == ChatType.PRIVATE


def is_status_update(update: Update) -> bool:
    """Service messages (someone joined, a message was pinned, …), not written by a person."""
    return bool(filters.StatusUpdate.ALL.check_update(update))


def locale_hint(update: Update) -> str | None:
    user = update.effective_user
    return user.language_code if user else None


def message_kind(message: Message) -> str:
    """`text`, or the kind of non-text message (`voice`, `photo`, …, `other`)."""
    if message.text is not None:
        return "text"
    for kind, attributes in _KINDS:
        if any(getattr(message, name) for name in attributes):
            return kind
    return "other"


def command_text(text: str) -> str:
    """`/start@WegweiserBot abc` becomes `/start abc`; other text is left as it is."""
    if not text.startswith("/"):
        return text
    head, space, rest = text.partition(" ")
    return head.split("@", 1)[0] + space + rest


def text_inbound(chat_id: int, text: str, language_code: str | None) -> Inbound:
    """A text message (or command) in the private chat `chat_id`."""
    return Inbound(user_ref(chat_id), text=command_text(text), locale_hint=language_code)


def press_inbound(chat_id: int, data: str, language_code: str | None) -> Inbound:
    """A press of the button with callback data `data` in the private chat `chat_id`."""
    return Inbound(user_ref(chat_id), choice=data, locale_hint=language_code)


def message_inbound(update: Update) -> Inbound | None:
    """A new or edited message in a chat; None when the update carries none."""
    chat = update.effective_chat
    message = update.message or update.edited_message
    if chat is None or message is None:
        return None
    if update.edited_message is not None:
        return Inbound(user_ref(chat.id), kind="edited", locale_hint=locale_hint(update))
    if message.text is not None:
        return text_inbound(chat.id, message.text, locale_hint(update))
    kind = message_kind(message)
    text = command_text(message.text) if message.text is not None else message.caption
    reference = f"{chat.id}:{message.message_id}" if kind != "text" else None
    return Inbound(
        user_ref(chat.id),
        text=text,
        kind=kind,
        locale_hint=locale_hint(update),
        message_ref=reference,
    )


def callback_chat_id(query: CallbackQuery) -> int:
    """The chat the pressed button lives in; a private chat's id is the person's id."""
    return query.message.chat.id if query.message is not None else query.from_user.id


def callback_inbound(update: Update) -> Inbound | None:
    """A button press; a press without callback data becomes kind `other`."""
    query = update.callback_query
    if query is None:
        return None
    user = user_ref(callback_chat_id(query))
    if query.data is None:
        return Inbound(user, kind="other", locale_hint=locale_hint(update))
    return press_inbound(callback_chat_id(query), query.data, locale_hint(update))
