"""WhatsApp settings, read from the environment once at start.

The channel is configured when `WHATSAPP_PHONE_NUMBER_ID` or `WHATSAPP_ACCESS_TOKEN` is set;
then all four secrets must be set: a webhook without the app secret would have to accept
unsigned posts, so the bot does not start without it. Secrets never appear in `repr`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.settings import SettingsError

DEFAULT_API_URL = "https://graph.facebook.com/v23.0"
_PHONE_NUMBER_ID = re.compile(r"[0-9]{1,30}")


@dataclass(frozen=True)
class WhatsAppSettings:
    phone_number_id: str
    access_token: str = field(repr=False)
    app_secret: str = field(repr=False)
    verify_token: str = field(repr=False)
    api_url: str = DEFAULT_API_URL

    @property
    def messages_url(self) -> str:
        return f"{self.api_url}/{self.phone_number_id}/messages"


def whatsapp_configured(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the deployment asks for the WhatsApp channel."""
    env = os.environ if environ is None else environ
    return any(
        env.get(name, "").strip() for name in ("WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_ACCESS_TOKEN")
    )


def load_whatsapp_settings(environ: Mapping[str, str] | None = None) -> WhatsAppSettings:
    """Read and check the settings; each problem is one sentence naming the variable."""
    env = os.environ if environ is None else environ
    phone = _required(
        env,
        "WHATSAPP_PHONE_NUMBER_ID",
        "the phone number id from the Meta app's WhatsApp > API setup page",
    )
    if not _PHONE_NUMBER_ID.fullmatch(phone):
        raise SettingsError(
            "WHATSAPP_PHONE_NUMBER_ID must be the numeric phone number id shown in the Meta "
            "app (not the phone number itself)."
        )
    api_url = (env.get("WHATSAPP_API_URL", "").strip() or DEFAULT_API_URL).rstrip("/")
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(
            "WHATSAPP_API_URL must be the Graph API base URL including the version, "
            f"such as {DEFAULT_API_URL}, but is {api_url!r}."
        )
    return WhatsAppSettings(
        phone_number_id=phone,
        access_token=_required(
            env,
            "WHATSAPP_ACCESS_TOKEN",
            "a permanent system-user access token with whatsapp_business_messaging",
        ),
        app_secret=_required(
            env,
            "WHATSAPP_APP_SECRET",
            "the app secret (App settings > Basic); without it webhook posts cannot be checked",
        ),
        verify_token=_required(
            env,
            "WHATSAPP_VERIFY_TOKEN",
            "a random string you also enter as 'Verify token' in the webhook settings",
        ),
        api_url=api_url,
    )


def _required(env: Mapping[str, str], name: str, what: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise SettingsError(f"{name} is not set; put {what} into it.")
    return value
