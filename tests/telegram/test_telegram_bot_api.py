"""`BotApi.call` puts on the wire what `Bot._post` would, through the bot's rate limiter."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.error import Forbidden
from telegram.ext import ExtBot
from telegram.request import BaseRequest, RequestData

from bot.bench import send_path
from bot.channels.telegram.bot_api import BotApi
from bot.channels.telegram.ratelimit import ChatRateLimiter

KEYBOARD = '{"inline_keyboard": [[{"text": "Ja", "callback_data": "c:1"}]]}'


class Recording(BaseRequest):
    """Keeps each call's URL and parameters as Telegram would receive them."""

    def __init__(self, answer: bytes = b'{"ok":true,"result":{"message_id":7}}') -> None:
        self.calls: list[tuple[str, dict[str, Any] | None]] = []
        self.answer = answer

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        if url.endswith("/getMe"):
            return 200, b'{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"B"}}'
        self.calls.append((url, request_data.json_parameters if request_data else None))
        return (403, self.answer) if b'"ok":false' in self.answer else (200, self.answer)


async def _bot(request: Recording, limiter: ChatRateLimiter | None = None) -> ExtBot[Any]:
    bot: ExtBot[Any] = ExtBot("123:X", request=request, rate_limiter=limiter)
    await bot.initialize()
    return bot


@pytest.mark.parametrize("limiter", [None, ChatRateLimiter(overall_max_rate=0, group_max_rate=0)])
async def test_the_same_call_reaches_telegram_as_through_bot_post(
    limiter: ChatRateLimiter | None,
) -> None:
    data = {
        "chat_id": -1001234,
        "message_id": 5,
        "text": "Frage <b>1</b> ✅ Ja",
        "parse_mode": "HTML",
        "link_preview_options": '{"is_disabled": true}',
        "reply_markup": KEYBOARD,
        "disable_notification": True,
    }
    request = Recording()
    bot = await _bot(request, limiter)
    theirs = await bot._post("editMessageText", dict(data))
    ours = await BotApi(bot).call("editMessageText", dict(data))
    assert ours == theirs == {"message_id": 7}
    assert request.calls[0] == request.calls[1]
    assert request.calls[1][0].endswith("/bot123:X/editMessageText")


async def test_none_values_are_left_out() -> None:
    request = Recording()
    await BotApi(await _bot(request)).call("sendMessage", {"chat_id": 1, "text": "x", "a": None})
    assert request.calls[0][1] == {"chat_id": "1", "text": "x"}


async def test_telegram_errors_are_ptbs_own() -> None:
    request = Recording(b'{"ok":false,"error_code":403,"description":"Forbidden: blocked"}')
    with pytest.raises(Forbidden):
        await BotApi(await _bot(request)).call("sendMessage", {"chat_id": 1, "text": "x"})


async def test_calls_pass_through_the_bots_rate_limiter() -> None:
    seen: list[tuple[str, Any]] = []

    class Watching(ChatRateLimiter):
        async def process_request(self, *, endpoint: str, data: Any, **kwargs: Any) -> Any:
            seen.append((endpoint, data.get("chat_id")))
            return await super().process_request(endpoint=endpoint, data=data, **kwargs)

    bot = await _bot(Recording(), Watching(overall_max_rate=0, group_max_rate=0))
    await BotApi(bot).call("answerCallbackQuery", {"callback_query_id": "9"})
    await BotApi(bot).call("sendMessage", {"chat_id": 42, "text": "x"})
    assert seen[-2:] == [("answerCallbackQuery", None), ("sendMessage", 42)]


def test_the_send_path_benchmark_prints_both_paths(capsys: pytest.CaptureFixture[str]) -> None:
    send_path.main(["--calls", "20", "--rounds", "2"])
    out = capsys.readouterr().out
    assert "Bot._post" in out and "BotApi.call ÷ Bot._post:" in out
