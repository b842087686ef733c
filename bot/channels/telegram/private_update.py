"""A person's text message or button press in their private chat, read straight from the JSON.

Nearly every update the bot gets is one of these two. `Update.de_json` builds some fifteen
frozen PTB objects for each (every attribute set through the frozen-object check, dates turned
into `datetime`s), a seventh of the CPU of a whole turn, and the conversation reads five fields
of them. So these two shapes are read from the JSON into small records; everything else
(groups and channels, edited messages, media, service messages, presses on messages Telegram no
longer shows, presses without data, anything not shaped as the Bot API documents it) is parsed
by PTB as before. The records still go through PTB's `Application.process_update` (a
`TypeHandler` each), the per-chat ordering and the inbox's "processed" mark, exactly like
`Update`s. Measured with `python -m bot.bench.compare`: README, "Speed side by side".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

JSON = dict[str, Any]
PRIVATE = "private"


@dataclass(frozen=True, slots=True)
class PrivateText:
    """A new text message (commands included) a person wrote in their private chat with the bot.

    `chat_id` is the chat's (= the person's) id, `language_code` their Telegram app's language
    (IETF tag) if Telegram sent it."""

    update_id: int
    chat_id: int
    message_id: int
    text: str
    language_code: str | None


@dataclass(frozen=True, slots=True)
class PrivatePress:
    """A press on an inline button of a text message the bot sent to a private chat.

    `data` is the button's callback data, `question` the pressed message's plain text and
    `label` the pressed button's text (None if the message's keyboard no longer has it)."""

    update_id: int
    chat_id: int
    query_id: str
    data: str
    language_code: str | None
    message_id: int
    question: str
    label: str | None


PrivateUpdate = PrivateText | PrivatePress


def read_private(data: JSON) -> PrivateUpdate | None:
    """The record for `data` (one update as the Bot API sends it) if it is a person's new text
    message or button press in a private chat, with every field read shaped as documented;
    None for anything else (to be parsed by PTB). Never raises for a dict."""
    update_id = data.get("update_id")
    if not _is_int(update_id) or len(data) != 2:
        return None
    message, query = data.get("message"), data.get("callback_query")
    try:
        if isinstance(message, dict):
            return _text(update_id, message)
        if isinstance(query, dict):
            return _press(update_id, query)
    except _Unshaped:
        pass
    return None


class _Unshaped(Exception):
    """A part the record needs is not shaped as the Bot API documents it."""


def _text(update_id: int, message: JSON) -> PrivateText | None:
    chat_id = _private_chat(message)
    text = message.get("text")
    message_id = message.get("message_id")
    if chat_id is None or not isinstance(text, str) or not _is_int(message_id):
        return None
    return PrivateText(update_id, chat_id, message_id, text, _language(message.get("from")))


def _press(update_id: int, query: JSON) -> PrivatePress | None:
    message = query.get("message")
    query_id, data = query.get("id"), query.get("data")
    if not isinstance(message, dict) or not isinstance(query_id, str) or not isinstance(data, str):
        return None
    chat_id = _private_chat(message)
    message_id, question = message.get("message_id"), message.get("text")
    date = message.get("date")
    if chat_id is None or not _is_int(message_id) or not _is_int(date) or date == 0:
        return None  # date 0: a message Telegram no longer shows (PTB's InaccessibleMessage)
    if not isinstance(question, str) or not question:
        return None
    label = _pressed_label(message.get("reply_markup"), data)
    language = _language(query.get("from"))
    return PrivatePress(update_id, chat_id, query_id, data, language, message_id, question, label)


def _private_chat(message: JSON) -> int | None:
    chat = message.get("chat")
    if not isinstance(chat, dict) or chat.get("type") != PRIVATE:
        return None
    chat_id = chat.get("id")
    return chat_id if _is_int(chat_id) else None


def _language(user: object) -> str | None:
    """The sender's language code, None without one. Raises `_Unshaped`."""
    if user is None:
        return None
    if not isinstance(user, dict):
        raise _Unshaped
    code = user.get("language_code")
    if code is None or isinstance(code, str):
        return code
    raise _Unshaped


def _pressed_label(markup: object, data: str) -> str | None:
    """The text of the first button with callback data `data`, None if there is none.
    Raises `_Unshaped` for a keyboard not shaped as the Bot API documents it."""
    if markup is None:
        return None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list):
        raise _Unshaped
    for row in rows:
        if not isinstance(row, list):
            raise _Unshaped
        for button in row:
            if not isinstance(button, dict):
                raise _Unshaped
            if button.get("callback_data") == data:
                text = button.get("text")
                if not isinstance(text, str):
                    raise _Unshaped
                return text
    return None


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
