"""Load test of the Telegram channel: `python -m bot.bench.load_telegram`.

The real bot (bundled content, SQLite in a temporary folder) long-polls a fake Bot API on
127.0.0.1. After a short warm-up come two rounds, each with fresh people who arrive within
`--arrival` seconds and walk /start -> language -> life area -> typed question -> /human,
checked step by step (their script, keyboards, answered presses, order):
1. calm: only them;
2. flood: the same while one more person sends 100 messages within one second.
Reply latency runs from the moment an update is queued to the first reply, as the fake server
sees them; the flood window is the flood's second and the one after. The run fails (exit code
1) when the flood adds a second or more to the others' p95 latency, or when anybody was served
wrongly. Nothing leaves 127.0.0.1; people, messages and time are bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from telegram.ext import AIORateLimiter

from bot.bench.fake_bot_api import FakeBotApi
from bot.bench.journey import SCRIPTS, Journey
from bot.bench.simulated_user import SimulatedUser
from bot.channels.telegram.app import RATE_LIMIT_RETRIES, build_channel
from bot.channels.telegram.cli import configure_logging
from bot.channels.telegram.polling import run_polling
from bot.channels.telegram.settings import TelegramSettings
from bot.settings import BUNDLED_CONTENT, Settings

TOKEN = "123:LOAD"
MAX_USERS = 1000
MAX_FLOOD = 1000
FLOOD_START = 3.0  # seconds into the round: everybody is in the middle of a conversation
FLOOD_WINDOW = (FLOOD_START, FLOOD_START + 2.0)
QUIET = 2.0  # a reply without buttons is complete after this long without another message
ALLOWED_DELAY = 1.0  # seconds the flood may add to the others' p95 reply latency
USER_LANGUAGES = tuple(sorted(SCRIPTS))


@dataclass
class Round:
    name: str
    journeys: list[Journey]
    started: float
    seconds: float
    flood_sent: int = 0
    flood_replies: int = 0

    def latencies(self, window: tuple[float, float] | None = None) -> list[float]:
        """Reply latencies of the steps, or of those sent within `window` (seconds in)."""
        low, high = window or (float("-inf"), float("inf"))
        return sorted(
            step.latency
            for journey in self.journeys
            for step in journey.steps
            if step.latency is not None and low <= step.sent_at - self.started <= high
        )

    @property
    def problems(self) -> list[str]:
        return [problem for journey in self.journeys for problem in journey.problems]


class ErrorCounter(logging.Handler):
    """Counts errors and keeps the first few lines (our log lines carry no message content)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 5:
            self.first.append(f"{record.name}: {record.getMessage()}")


def percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run_round(
    api: FakeBotApi, name: str, first_chat: int, flood: int, args: argparse.Namespace
) -> Round:
    languages = [USER_LANGUAGES[n % len(USER_LANGUAGES)] for n in range(args.users)]
    journeys = [
        Journey(
            SimulatedUser(api, first_chat + n, language, quiet=QUIET),
            language,
            timeout=args.step_timeout,
            think=args.think,
        )
        for n, language in enumerate(languages)
    ]
    flooder = SimulatedUser(api, first_chat + args.users, "de")
    started = time.monotonic()
    await asyncio.gather(
        *(_arrive(journey, args.arrival * n / len(journeys)) for n, journey in enumerate(journeys)),
        _flood(flooder, flood, started),
    )
    seconds = time.monotonic() - started
    return Round(name, journeys, started, seconds, flood, len(api.bot_messages(flooder.chat_id)))


async def _arrive(journey: Journey, delay: float) -> None:
    """People do not all press /start in the same millisecond."""
    await asyncio.sleep(delay)
    await journey.run()


async def _flood(flooder: SimulatedUser, count: int, started: float) -> None:
    """`count` messages evenly within one second, from FLOOD_START on."""
    loop = asyncio.get_running_loop()
    for n in range(count):
        due = started + FLOOD_START + n / count
        await asyncio.sleep(max(0.0, due - loop.time()))
        await flooder.send(f"hallo {n}")


def _figures(latencies: Sequence[float]) -> str:
    return (
        f"p50 {percentile(latencies, 0.5) * 1000:5.0f} ms  "
        f"p95 {percentile(latencies, 0.95) * 1000:5.0f} ms  "
        f"max {max(latencies, default=float('nan')) * 1000:5.0f} ms"
    )


def report(
    calm: Round, flooded: Round, api: FakeBotApi, errors: ErrorCounter, limits: bool
) -> bool:
    print("Telegram load test: fake Bot API on 127.0.0.1, the real bot long-polling it")
    throttle = "as Telegram's (30 messages/s)" if limits else "off (the fake server has none)"
    print(f"  rate limiting {throttle}")
    for result in (calm, flooded):
        ok = sum(not journey.problems for journey in result.journeys)
        print(
            f"  {result.name:<5}  {len(result.journeys)} people, {ok} served correctly, "
            f"{len(result.latencies())} steps answered in {result.seconds:.1f} s"
        )
        print(f"         all replies          {_figures(result.latencies())}")
        print(
            f"         flood window {FLOOD_WINDOW[0]:.0f}-{FLOOD_WINDOW[1]:.0f} s   "
            f"{_figures(result.latencies(FLOOD_WINDOW))}"
        )
    print(
        f"  flooding person: {flooded.flood_sent} messages in 1 s, {flooded.flood_replies} replies"
    )
    delays = [
        percentile(flooded.latencies(window), 0.95) - percentile(calm.latencies(window), 0.95)
        for window in (None, FLOOD_WINDOW)
    ]
    print(
        f"  delay of the others by the flood (p95): {delays[0] * 1000:.0f} ms overall, "
        f"{delays[1] * 1000:.0f} ms in the flood window"
    )
    updates = sum(len(j.steps) for r in (calm, flooded) for j in r.journeys) + flooded.flood_sent
    print(
        f"  updates {updates}; with the warm-up: messages sent "
        f"{len(api.calls_of('sendMessage'))}, Bot API calls {len(api.calls)}, "
        f"unanswered button presses {len(api.unanswered_callbacks())}"
    )
    problems = calm.problems + flooded.problems
    print(f"  errors logged {errors.count}, wrong or missing replies {len(problems)}")
    for line in errors.first + problems[:10]:
        print(f"    {line}")
    passed = (
        max(delays) < ALLOWED_DELAY
        and not problems
        and errors.count == 0
        and not api.unanswered_callbacks()
    )
    print("  result:", "PASS" if passed else "FAIL")
    return passed


async def main_async(args: argparse.Namespace) -> bool:
    from bot.crypto.keys import load_cipher
    from bot.runtime import open_runtime

    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    api = FakeBotApi(TOKEN)
    with tempfile.TemporaryDirectory(prefix="wegweiser-load-") as data:
        settings = Settings(data_dir=Path(data), config_file=None, content_dir=args.content)
        runtime = await open_runtime(settings, cipher=load_cipher(trial_dir=Path(data)))
        try:
            async with api.serving() as base_url:
                channel = build_channel(
                    TelegramSettings(token=TOKEN, api_url=base_url),
                    runtime.conversation,
                    rate_limiter=None if args.telegram_limits else _no_limits(),
                )
                stop = asyncio.Event()
                bot = asyncio.create_task(run_polling(channel, stop))
                try:
                    async with asyncio.timeout(args.timeout):
                        await run_round(api, "warm-up", 1_000, 0, _warm_up(args))
                        calm = await run_round(api, "calm", 10_000, 0, args)
                        flooded = await run_round(api, "flood", 20_000, args.flood, args)
                finally:
                    stop.set()
                    await bot
        finally:
            await runtime.close()
    return report(calm, flooded, api, errors, args.telegram_limits)


def _warm_up(args: argparse.Namespace) -> argparse.Namespace:
    """A few people first, so that caches and the database are warm for both rounds."""
    return argparse.Namespace(**{**vars(args), "users": max(1, args.users // 10)})


def _no_limits() -> AIORateLimiter:
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=RATE_LIMIT_RETRIES)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.load_telegram",
        description="Many people and one flooding person against the real bot, offline.",
    )
    parser.add_argument("--users", type=int, default=200, help="people per round (200)")
    parser.add_argument("--flood", type=int, default=100, help="messages of the flood (100)")
    parser.add_argument(
        "--think", type=float, default=2.0, help="average seconds between steps (2)"
    )
    parser.add_argument(
        "--arrival", type=float, default=5.0, help="people arrive within this many s (5)"
    )
    parser.add_argument("--timeout", type=float, default=180, help="limit of the run, s (180)")
    parser.add_argument("--step-timeout", type=float, default=30, help="limit of a step, s (30)")
    parser.add_argument(
        "--telegram-limits",
        action="store_true",
        help="throttle as in production (30 messages/s overall) instead of not at all",
    )
    parser.add_argument("--content", type=Path, default=BUNDLED_CONTENT, help="content folder")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not 1 <= args.users <= MAX_USERS or not 0 <= args.flood <= MAX_FLOOD:
        parser.error(f"--users must be 1..{MAX_USERS} and --flood 0..{MAX_FLOOD}")
    configure_logging()
    logging.getLogger().setLevel(logging.WARNING)
    return 0 if asyncio.run(main_async(args)) else 1


if __name__ == "__main__":
    sys.exit(main())
