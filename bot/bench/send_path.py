"""One sendMessage through `Bot._post` against the same call through `BotApi.call`, side by side.

`python -m bot.bench.send_path [--calls 3000] [--rounds 7]`: both paths talk to the same
`NullRequest` (answers like Telegram, no network) through the same `ChatRateLimiter` with
Telegram's rates off, as `python -m bot.bench.compare` runs them. Rounds alternate the order.
Prints the median µs per call of each path and their ratio. Figures for reading, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.ext import ExtBot

from bot.bench.null_api import NullRequest
from bot.channels.telegram.bot_api import BotApi
from bot.channels.telegram.ratelimit import ChatRateLimiter

KEYBOARD = (
    '{"inline_keyboard": [[{"text": "Ja", "callback_data": "c:1"}],'
    ' [{"text": "Nein", "callback_data": "c:2"}]]}'
)


def _data(i: int) -> dict[str, Any]:
    return {
        "chat_id": 1000 + i % 50,
        "text": "Wo wohnen Sie <b>jetzt</b>? " * 4,
        "parse_mode": "HTML",
        "link_preview_options": '{"is_disabled": true}',
        "reply_markup": KEYBOARD,
    }


async def _time(call: Callable[[int], Awaitable[Any]], calls: int) -> float:
    started = time.perf_counter()
    for i in range(calls):
        await call(i)
    return (time.perf_counter() - started) / calls * 1e6


async def measure(calls: int, rounds: int) -> dict[str, list[float]]:
    """µs per call of each path, one figure per round."""
    rate_limiter = ChatRateLimiter(overall_max_rate=0, group_max_rate=0)
    bot = ExtBot(
        "123:X", request=NullRequest(), get_updates_request=NullRequest(), rate_limiter=rate_limiter
    )
    await bot.initialize()
    api = BotApi(bot)
    paths: dict[str, Callable[[int], Awaitable[Any]]] = {
        "Bot._post": lambda i: bot._post("sendMessage", _data(i)),
        "BotApi.call": lambda i: api.call("sendMessage", _data(i)),
    }
    figures: dict[str, list[float]] = {name: [] for name in paths}
    for round_ in range(rounds):
        order = list(paths) if round_ % 2 else list(reversed(paths))
        for name in order:
            figures[name].append(await _time(paths[name], calls))
    await bot.shutdown()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.send_path", description=__doc__)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    figures = asyncio.run(measure(args.calls, args.rounds))
    for name, values in figures.items():
        low, high = min(values), max(values)
        print(
            f"{name:<12} {statistics.median(values):6.1f} µs per sendMessage ({low:.1f}–{high:.1f})"
        )
    ratio = statistics.median(figures["BotApi.call"]) / statistics.median(figures["Bot._post"])
    print(f"BotApi.call ÷ Bot._post: {ratio:.2f}")


if __name__ == "__main__":
    main()
