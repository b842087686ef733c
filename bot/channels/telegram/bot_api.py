"""Bot API calls one level below `Bot._post`, with the bot's own request object and rate limiter.

`Bot._post` → `ExtBot._do_post` → rate limiter → `Bot._do_post` → `request.post` adds, per call,
default insertion, a copy of the parameters without `None`, and `RequestParameter.from_input`'s
conversion of PTB objects, dates and files. The senders pass only text, numbers and JSON text
that is ready to go, so `BotApi.call` builds the `RequestData` itself and hands the same
callback to the same rate limiter (`ChatRateLimiter`: per-chat pauses after a 429, retries).
Errors are PTB's own (`request.post` turns Telegram's answer into `Forbidden`, `RetryAfter`,
`BadRequest` …). Measured with `python -m bot.bench.compare`: README, "Speed side by side".
"""

from __future__ import annotations

from typing import Any

from telegram import Bot
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter


class BotApi:
    """Calls Bot API methods of `bot` (a `telegram.Bot` or `ExtBot`, initialised)."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def call(self, endpoint: str, data: dict[str, Any]) -> Any:
        """Call `endpoint` (e.g. "sendMessage") with `data`: str, int, float or bool values
        (structured parameters such as keyboards given as their JSON text; `None` values are
        left out). Returns Telegram's `result` as JSON (a dict, list or bool). Raises PTB's
        `TelegramError` subclasses as `Bot._post` would."""
        parameters = [
            RequestParameter(key, value, None) for key, value in data.items() if value is not None
        ]
        limiter = getattr(self._bot, "rate_limiter", None)
        if limiter is None:
            return await self._post(endpoint, RequestData(parameters))
        return await limiter.process_request(
            callback=self._post,
            args=(endpoint, RequestData(parameters)),
            kwargs={},
            endpoint=endpoint,
            data=data,
            rate_limit_args=None,
        )

    async def _post(self, endpoint: str, request_data: RequestData) -> Any:
        return await self._bot.request.post(
            url=f"{self._bot.base_url}/{endpoint}", request_data=request_data
        )
