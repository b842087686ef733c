"""What may appear in logs: a stable pseudonym instead of a user reference, never text.

The pseudonym is a keyed HMAC: without the key (derived from the data key, which never appears
in logs) nobody can recompute it by trying every Telegram id. Until `use_key` is called (tools
that never open the database) a random key of this process is used, never none.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

_key = secrets.token_bytes(32)


def use_key(key: bytes) -> None:
    """Pseudonyms from now on are keyed with `key` (stable across restarts with the same key)."""
    global _key
    _key = key


def pseudonym(user: str) -> str:
    return hmac.new(_key, user.encode(), hashlib.sha256).hexdigest()[:12]


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
