"""`Reply` objects to Telegram messages: HTML escaping, splitting at the length limit, keyboards."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from telegram import InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.channels.split import split_text as split
from bot.channels.split import utf16_length, utf16_prefix
from bot.i18n.direction import RLM
from bot.messages import Choice, Reply

TEXT_LIMIT: int = MessageLimit.MAX_TEXT_LENGTH
# Labels up to this many characters fit two to a row on a small phone.
SHORT_LABEL = 15
# Telegram refuses empty messages; a reply that is only buttons gets this in place of text.
BUTTONS_ONLY_TEXT = "⬇️"
ANSWERED_MARK = "✅"


@dataclass(frozen=True)
class OutgoingMessage:
    """The arguments of one sendMessage call (besides chat id and parse mode);
    `reply_markup` is the keyboard as the JSON text the Bot API takes."""

    text: str
    reply_markup: str | None = None


def render(reply: Reply, limit: int = TEXT_LIMIT) -> list[OutgoingMessage]:
    """One reply as one or more messages; the keyboard goes with the last one."""
    text = reply.text.strip()
    if not text and not reply.choices:
        return []
    parts = split_text(text, limit) if text else [BUTTONS_ONLY_TEXT]
    if reply.rtl:
        parts = [part if part.startswith(RLM) else RLM + part for part in parts]
    messages = [OutgoingMessage(html.escape(part, quote=False)) for part in parts]
    markup = keyboard(reply.choices)
    if markup is not None:
        messages[-1] = OutgoingMessage(messages[-1].text, markup)
    return messages


def text_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), so emoji count twice."""
    return utf16_length(text)


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Pieces of at most `limit` UTF-16 units, cut at paragraph ends, else line ends, else
    spaces (`bot.channels.split`)."""
    return split(text, limit, length=text_length, prefix=utf16_prefix)


def keyboard(choices: Sequence[Choice]) -> str | None:
    """An inline keyboard as the Bot API's JSON (`{"inline_keyboard": [[button, …], …]}`):
    one button a row, two a row when every label is short; callback data is the id.
    The same buttons give the same text, made once (a question's keyboard is sent often)."""
    if not choices:
        return None
    return _keyboard_json(tuple((choice.id, choice.label) for choice in choices))


@lru_cache(maxsize=4096)
def _keyboard_json(choices: tuple[tuple[str, str], ...]) -> str:
    buttons = [{"text": label, "callback_data": data} for data, label in choices]
    width = 2 if all(len(label) <= SHORT_LABEL for _, label in choices) else 1
    rows = [buttons[start : start + width] for start in range(0, len(buttons), width)]
    return json.dumps({"inline_keyboard": rows}, ensure_ascii=False)


def pressed_label(markup: InlineKeyboardMarkup | None, data: str) -> str | None:
    """The label of the button with this callback data, if the keyboard still has it."""
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def answered_text(question: str, label: str, limit: int = TEXT_LIMIT) -> str | None:
    """HTML of the question followed by the chosen answer; None if that would be too long."""
    plain = f"{question}\n\n{ANSWERED_MARK} {label}"
    if text_length(plain) > limit:
        return None
    return html.escape(plain, quote=False)
