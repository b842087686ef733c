"""Telegram settings, read from the environment once at start.

Every problem raises `SettingsError` with one sentence that names the variable and the fix.
Secrets (token, webhook secret) never appear in messages or in `repr`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.settings import SettingsError

DEFAULT_API_URL = "https://api.telegram.org/bot"
DEFAULT_LISTEN = "127.0.0.1:8080"

_TOKEN = re.compile(r"[0-9]{1,20}:[A-Za-z0-9_-]{1,100}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


@dataclass(frozen=True)
class Listen:
    """Where the web application (webhook, health check) accepts connections."""

    host: str
    port: int


@dataclass(frozen=True)
class TelegramSettings:
    token: str = field(repr=False)
    api_url: str = DEFAULT_API_URL
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    listen: Listen = Listen("127.0.0.1", 8080)

    @property
    def webhook(self) -> bool:
        return self.webhook_url is not None


def load_telegram_settings(
    environ: Mapping[str, str] | None = None, *, webhook: bool = False
) -> TelegramSettings:
    """Read and check the settings; `webhook` asks for webhook mode even without a URL set."""
    env = os.environ if environ is None else environ
    webhook_url = _webhook_url(env.get("TELEGRAM_WEBHOOK_URL", "").strip())
    if webhook and webhook_url is None:
        raise SettingsError(
            "TELEGRAM_WEBHOOK_URL must be set for webhook mode: the public https URL "
            "that Telegram posts updates to and that reaches POST /telegram of this bot."
        )
    secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
    if webhook_url is not None:
        secret = _webhook_secret(secret)
    return TelegramSettings(
        token=_token(env.get("TELEGRAM_BOT_TOKEN", "").strip()),
        api_url=_api_url(env.get("TELEGRAM_API_URL", "").strip() or DEFAULT_API_URL),
        webhook_url=webhook_url,
        webhook_secret=secret,
        listen=_listen(env.get("WEGWEISER_LISTEN", "").strip() or DEFAULT_LISTEN),
    )


def _token(value: str) -> str:
    if not value:
        raise SettingsError(
            "TELEGRAM_BOT_TOKEN is not set; put the token that BotFather gave you into it."
        )
    if not _TOKEN.fullmatch(value):
        raise SettingsError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token: expected digits, a colon "
            "and letters, digits, '_' or '-' (like 123456:ABC-DEF), as BotFather gives it."
        )
    return value


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in value


def _api_url(value: str) -> str:
    value = value.rstrip("/")
    if not _is_http_url(value) or not (value.endswith("/bot") or "{token}" in value):
        raise SettingsError(
            "TELEGRAM_API_URL must be the Bot API base URL ending in /bot, "
            f"such as {DEFAULT_API_URL}, but is {value!r}."
        )
    return value


def _webhook_url(value: str) -> str | None:
    if not value:
        return None
    if not _is_http_url(value):
        raise SettingsError(
            "TELEGRAM_WEBHOOK_URL must be the public https URL that Telegram posts updates to, "
            f"such as https://bot.example.org/telegram, but is {value!r}."
        )
    return value


def _webhook_secret(value: str | None) -> str:
    if value is None:
        raise SettingsError(
            "TELEGRAM_WEBHOOK_SECRET must be set in webhook mode: 1 to 256 characters "
            "from A-Z, a-z, 0-9, '_' and '-' (for example from `openssl rand -hex 32`)."
        )
    if not _SECRET.fullmatch(value):
        raise SettingsError(
            "TELEGRAM_WEBHOOK_SECRET may only contain 1 to 256 characters "
            "from A-Z, a-z, 0-9, '_' and '-' (for example from `openssl rand -hex 32`)."
        )
    return value


def _listen(value: str) -> Listen:
    host, _, port = value.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise SettingsError(
            f"WEGWEISER_LISTEN must be host:port such as {DEFAULT_LISTEN}, but is {value!r}."
        )
    return Listen(host=host, port=int(port))
