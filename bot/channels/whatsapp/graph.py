"""The Graph API calls the channel makes, on httpx: send a message, fetch a media file.

Errors become the outbox's words: `DeliveryError` (retried later, after Meta's wait where it
gave one) or `PersonUnreachable` (not retried). Neither the token nor any message text is
logged; httpx's own logger stays at WARNING (it would log URLs).
"""

from __future__ import annotations

from typing import Any

import httpx

from bot.channels.whatsapp.convert import recipient_of
from bot.channels.whatsapp.settings import WhatsAppSettings
from bot.handoff.delivery import DeliveryError, PersonUnreachable

JSON = dict[str, Any]
TIMEOUT = httpx.Timeout(20.0, connect=5.0)
RATE_LIMITED = frozenset({4, 80007, 130429, 131048, 131056})  # Meta's throttling codes
UNDELIVERABLE = frozenset({131026})  # the number is not on WhatsApp, or blocked the business
RATE_LIMIT_WAIT = 60.0


class GraphApi:
    def __init__(self, settings: WhatsAppSettings, client: httpx.AsyncClient | None = None) -> None:
        self._settings = settings
        self._client = client or httpx.AsyncClient(timeout=TIMEOUT)
        self._auth = {"Authorization": f"Bearer {settings.access_token}"}

    async def close(self) -> None:
        await self._client.aclose()

    async def send(self, user: str, body: JSON) -> str:
        """Send one message body (`type` and its object) to `user`; returns its message id."""
        field, value = recipient_of(user)
        payload = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            field: value,
            **body,
        }
        response = await self._call("POST", self._settings.messages_url, json=payload)
        messages = response.get("messages") or [{}]
        return str(messages[0].get("id", ""))

    async def media(self, media_id: str) -> tuple[bytes, str]:
        """The bytes and MIME type of a media file a person sent (two calls: its URL, then
        the file). Kept only in memory, for one forward."""
        info = await self._call("GET", f"{self._settings.api_url}/{media_id}")
        url = str(info.get("url", ""))
        if not url:
            raise DeliveryError("media has no url")
        try:
            response = await self._client.get(url, headers=self._auth)
        except httpx.HTTPError as error:
            raise DeliveryError(type(error).__name__) from None
        if response.status_code != 200:
            raise DeliveryError(f"media download answered {response.status_code}")
        return response.content, str(info.get("mime_type", "application/octet-stream"))

    async def _call(self, method: str, url: str, json: JSON | None = None) -> JSON:
        try:
            response = await self._client.request(method, url, json=json, headers=self._auth)
        except httpx.HTTPError as error:
            raise DeliveryError(type(error).__name__) from None
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code == 200:
            return data if isinstance(data, dict) else {}
        error = data.get("error", {}) if isinstance(data, dict) else {}
        code = error.get("code") if isinstance(error, dict) else None
        reason = f"graph api {response.status_code} code {code}"
        if code in UNDELIVERABLE:
            raise PersonUnreachable(reason)
        if code in RATE_LIMITED or response.status_code == 429:
            raise DeliveryError(reason, RATE_LIMIT_WAIT)
        raise DeliveryError(reason)
