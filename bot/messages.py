"""Channel-neutral messages: what an adapter hands in and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Inbound:
    """One thing a person did: typed text, pressed a button, or sent something else.

    `user` is the channel-qualified reference (`telegram:123`, `terminal:local`).
    `choice` is the id of a pressed button (as given in `Choice.id`).
    `kind` is `text` for text and button presses; anything else (`voice`, `photo`,
    `sticker`, `location`, `contact`, `document`, `edited`) is a message the bot cannot read.
    `locale_hint` is the channel's guess of the language (Telegram's `language_code`).
    `message_ref` names the channel's own message (`chat:message`), so that media the bot
    cannot read can be passed on to a counsellor as they are.
    """

    user: str
    text: str | None = None
    choice: str | None = None
    kind: str = "text"
    locale_hint: str | None = None
    message_ref: str | None = None


@dataclass(frozen=True)
class Choice:
    """One button. `id` is short ASCII (fits Telegram's 64-byte callback data)."""

    id: str
    label: str
    short: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Reply:
    """One message to show. `text` is already translated and direction-marked."""

    text: str
    choices: tuple[Choice, ...] = ()
    language: str = "de"
    rtl: bool = False


def reply_to_data(reply: Reply) -> dict[str, Any]:
    """`reply` as JSON-serialisable data (kept in the outbox until delivered)."""
    return {
        "text": reply.text,
        "choices": [[c.id, c.label, c.short, c.description] for c in reply.choices],
        "language": reply.language,
        "rtl": reply.rtl,
    }


def reply_from_data(data: dict[str, Any]) -> Reply:
    """The reply `reply_to_data` made (raises KeyError/TypeError on other data)."""
    return Reply(
        text=str(data["text"]),
        choices=tuple(Choice(*c) for c in data["choices"]),
        language=str(data["language"]),
        rtl=bool(data["rtl"]),
    )
