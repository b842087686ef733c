"""What may be logged about an update: its id, a hashed chat id and exception types, nothing else.

Message text, names, usernames and phone numbers never reach a log line. Chat ids are hashed
with a key that lives only as long as the process, so lines of one run can be correlated
without the ids being recoverable from the log.
"""

from __future__ import annotations

import hashlib
import secrets
import traceback

from telegram import Update

from bot.channels.telegram.private_update import PrivateUpdate

_KEY = secrets.token_bytes(16)


def chat_ref(chat_id: int | None) -> str:
    """A short, per-process pseudonym for a chat id."""
    if chat_id is None:
        return "-"
    digest = hashlib.blake2b(str(chat_id).encode(), key=_KEY, digest_size=5)
    return digest.hexdigest()


def describe_update(update: object) -> str:
    """`update=<id> chat=<hash>`, or the type name for things that are not updates."""
    if isinstance(update, PrivateUpdate):
        return f"update={update.update_id} chat={chat_ref(update.chat_id)}"
    if not isinstance(update, Update):
        return f"update={type(update).__name__}"
    chat = update.effective_chat
    return f"update={update.update_id} chat={chat_ref(chat.id if chat else None)}"


def describe_error(error: BaseException | None) -> str:
    """The exception type and where it was raised (file:line), never its message."""
    if error is None:
        return "error=None"
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    return f"error={type(error).__module__}.{type(error).__qualname__}{where}"
