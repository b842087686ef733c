"""What may appear in logs: a stable pseudonym instead of a user reference, never text."""

from __future__ import annotations

import hashlib
import logging


def pseudonym(user: str) -> str:
    return hashlib.sha256(user.encode()).hexdigest()[:12]


# Libraries that log what we must not: aiosqlite logs statement parameters (message text,
# phone numbers) at DEBUG; httpx logs request URLs, which carry the bot token, at INFO.
CHATTY_LOGGERS = {
    "aiosqlite": logging.WARNING,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
}


def silence_chatty_loggers() -> None:
    for name, level in CHATTY_LOGGERS.items():
        logging.getLogger(name).setLevel(level)
