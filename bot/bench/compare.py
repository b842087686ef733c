"""Side by side: Wegweiser's full durable path against plain python-telegram-bot bots.

`python -m bot.bench.compare [--sizes 1 100 1000] [--repeats 5]` (also `make bench`).

The update stream is recorded first (`bot.bench.recorded`: /start → language → place →
housing → typed question → thanks → /human → consent, contact, time, interpreter → name →
urgency → confirm, one walk per language). Then, in this one process, for N = 1, 100 and
1,000 concurrent people, each variant is run `--repeats` times, interleaved, the order rotated
by one every round:
- `ptb-memory`: a `ConversationHandler` bot, five states, state in memory
  (`bot.bench.ptb_baseline`), the same Bot API calls for the same updates;
- `ptb-pickle`: the same with `PicklePersistence` at PTB's defaults;
- `sqlite-floor`: the same with one aiosqlite upsert + commit per update (the project's
  pragmas with `synchronous=FULL`: each COMMIT returns once it is on disk);
- `wegweiser`: the full path: updates stored in the inbox as polling stores a getUpdates
  batch, PTB's `process_update`, the conversation with engine, understanding and durable
  SQLite storage (group commit, durable before a reply), replies from the outbox after it,
  the rate limiter (Telegram's rates switched off: nothing to respect here).
Every variant talks to the same `NullRequest` (`bot.bench.null_api`), which answers like the
Bot API without network. People act in a closed loop: each sends its next update once the
calls answering the previous one were made. Groups posts of the counsellor requests are not
delivered (no outbox worker): the baselines post none either.

Printed: per N and variant the median msgs/s (updates answered per second) with min–max, p50
and p99 reply time (update handed to the bot → its last call), and the Bot API calls made;
the ratios Wegweiser ÷ each baseline per round (median and min–max); a check that every
variant made the same calls; and, from one extra run of Wegweiser per N with a checking
request object (not timed), the replies sent to a person before a committed outbox row held
them (read through a separate read-only SQLite connection; must be 0). The last line is
`ratios vs ptb-memory: N=1 x.xx, N=100 x.xx, N=1000 x.xx` (medians). Exit code 1 when a
check fails. Timing targets are for reading here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import html
import itertools
import logging
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from telegram import Update
from telegram.ext import Application

from bot import heap
from bot.bench.null_api import COUNTED, NullRequest
from bot.bench.ptb_baseline import BaselineBot, SqliteState, baseline_application, reply_table
from bot.bench.recorded import SETTINGS, Script, bench_runtime, load_content, record
from bot.bench.timing import percentile
from bot.channels.telegram.app import build_channel
from bot.channels.telegram.handoff_delivery import TelegramDeliverer
from bot.channels.telegram.inbox import TelegramInbox
from bot.channels.telegram.parse import parse_update
from bot.channels.telegram.ratelimit import ChatRateLimiter
from bot.content.holder import ContentHolder
from bot.runtime import Runtime
from bot.storage import DEFAULT_DATABASE_FILE

JSON = dict[str, Any]
LANGUAGES = ("de", "en", "uk", "ru", "ar", "fa")
BASELINE = "ptb-memory"
VARIANTS = ("ptb-memory", "ptb-pickle", "sqlite-floor", "wegweiser")
STEP_TIMEOUT = 60.0


class Variant(Protocol):
    """A bot under test: takes raw update batches (as one getUpdates answer brings them)."""

    request: NullRequest

    async def accept(self, batch: list[JSON]) -> None: ...

    async def close(self) -> None: ...


class PtbVariant:
    def __init__(
        self, application: Application[Any, Any, Any, Any, Any, Any], request: NullRequest
    ):
        self.application = application
        self.request = request
        self.state: SqliteState | None = None

    @classmethod
    async def open(
        cls, name: str, folder: Path, table: dict[Any, Any], request: NullRequest
    ) -> PtbVariant:
        state = await SqliteState.open(folder / "floor.sqlite3") if name == "sqlite-floor" else None
        pickle = folder / "ptb.pickle" if name == "ptb-pickle" else None
        application = baseline_application(BaselineBot(table, state), request, pickle_file=pickle)
        variant = cls(application, request)
        variant.state = state
        await application.initialize()
        await application.start()
        return variant

    async def accept(self, batch: list[JSON]) -> None:
        for data in batch:  # what PTB's Updater does with a getUpdates answer
            await self.application.update_queue.put(Update.de_json(data, self.application.bot))

    async def close(self) -> None:
        await self.application.stop()
        await self.application.shutdown()
        if self.state is not None:
            await self.state.close()


class WegweiserVariant:
    def __init__(
        self, runtime: Runtime, application: Any, inbox: TelegramInbox, request: NullRequest
    ):
        self.runtime = runtime
        self.application = application
        self.inbox = inbox
        self.request = request
        self.replies: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, holder: ContentHolder, folder: Path, request: NullRequest) -> Any:
        runtime = await bench_runtime(holder, folder)
        inbox = TelegramInbox(runtime.storage)
        channel = build_channel(
            SETTINGS,
            runtime.conversation,
            webhook=True,
            request=request,
            rate_limiter=ChatRateLimiter(overall_max_rate=0, group_max_rate=0),
            inbox=inbox,
            counsellor_groups=lambda: runtime.config.groups,
            on_group_moved=runtime.group_moved,
        )
        deliverer = TelegramDeliverer(
            channel.application.bot, channel.sender, runtime.config, on_moved=runtime.group_moved
        )
        delivery = runtime.deliver_replies_through(deliverer)
        variant = cls(runtime, channel.application, inbox, request)
        await channel.application.initialize()
        await channel.application.start()
        heap.refreeze()  # as `python -m bot telegram` after start-up (a runtime per run here)
        variant.replies = asyncio.create_task(delivery.run_forever())
        return variant

    async def accept(self, batch: list[JSON]) -> None:
        """As `bot.channels.telegram.polling`: stored, each fresh update queued once written,
        and the next batch taken only once this one is durable."""
        await self.inbox.store(batch, hand=self._queue)

    def _queue(self, data: JSON) -> None:
        self.application.update_queue.put_nowait(parse_update(data, self.application.bot))

    async def close(self) -> None:
        if self.replies is not None:
            self.replies.cancel()
            await asyncio.gather(self.replies, return_exceptions=True)
        await self.application.stop()
        await self.application.shutdown()
        await self.runtime.close()


class Poller:
    """Hands what people sent to the variant in batches, as getUpdates answers would."""

    def __init__(self, variant: Variant) -> None:
        self.variant = variant
        self.waiting: list[JSON] = []
        self.arrived = asyncio.Event()
        self.update_ids = itertools.count(1)
        self.task = asyncio.create_task(self._run())

    def send(self, make: Callable[[int], JSON]) -> None:
        self.waiting.append(make(next(self.update_ids)))
        self.arrived.set()

    async def _run(self) -> None:
        while True:
            await self.arrived.wait()
            self.arrived.clear()
            batch, self.waiting = self.waiting, []
            if batch:
                await self.variant.accept(batch)

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


@dataclass
class Result:
    variant: str
    people: int
    updates: int
    seconds: float
    latencies: list[float]
    counts: dict[str, int]
    stuck: int = 0
    # (replies sent before a committed outbox row held them, replies sent), checked runs only
    before_commit: tuple[int, int] | None = None

    @property
    def rate(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0


@dataclass
class Plan:
    scripts: list[Script]
    table: dict[Any, Any]
    holder: ContentHolder
    journeys: int  # at least this many journeys per run
    chats: itertools.count[int] = field(default_factory=lambda: itertools.count(1_000_001))

    def per_slot(self, people: int) -> int:
        return max(1, math.ceil(self.journeys / people))

    def expected(self, people: int) -> dict[str, int]:
        """Calls each variant must make in a run of `people` slots."""
        walks = people * self.per_slot(people)
        return {
            method: sum(self.scripts[i % len(self.scripts)].count(method) for i in range(walks))
            for method in COUNTED
        }


async def open_variant(name: str, plan: Plan, folder: Path, request: NullRequest) -> Variant:
    if name == "wegweiser":
        return await WegweiserVariant.open(plan.holder, folder, request)  # type: ignore[no-any-return]
    return await PtbVariant.open(name, folder, plan.table, request)


async def run_once(
    name: str, plan: Plan, people: int, on_send: Callable[[Path], Any] | None = None
) -> Result:
    """One run: `people` concurrent slots, each walking `per_slot` people one after another."""
    request = NullRequest()
    with tempfile.TemporaryDirectory(prefix="wegweiser-compare-", dir=scratch()) as folder:
        variant = await open_variant(name, plan, Path(folder), request)
        check = on_send(Path(folder) / DEFAULT_DATABASE_FILE) if on_send else None
        request.on_send = check
        poller = Poller(variant)
        latencies: list[float] = []
        stuck = 0
        walks = itertools.count()

        async def slot() -> None:
            nonlocal stuck
            for _ in range(plan.per_slot(people)):
                script = plan.scripts[next(walks) % len(plan.scripts)]
                if not await _walk(script, next(plan.chats), poller, request, latencies):
                    stuck += 1

        gc.collect()
        started = time.perf_counter()
        await asyncio.gather(*(slot() for _ in range(people)))
        seconds = time.perf_counter() - started
        await asyncio.sleep(0.05)  # calls that come too late still count
        await poller.stop()
        await variant.close()
        if check is not None:
            check.database.close()
    counts = {method: request.counts[method] for method in COUNTED}
    result = Result(name, people, len(latencies), seconds, latencies, counts, stuck)
    if check is not None:
        result.before_commit = (check.inner.uncommitted, check.inner.sent)
    return result


async def _walk(
    script: Script, chat: int, poller: Poller, request: NullRequest, latencies: list[float]
) -> bool:
    expected = 0
    for step in script.steps:
        expected += step.calls
        done = request.until(chat, expected)
        sent = time.perf_counter()
        poller.send(lambda update_id, step=step: step.update(chat, update_id))
        try:
            await asyncio.wait_for(done, STEP_TIMEOUT)
        except TimeoutError:
            return False
        latencies.append(time.perf_counter() - sent)
    return True


def scratch() -> str | None:
    """Where the databases go: `WEGWEISER_BENCH_DIR`, else the system's temporary folder
    (on this machine the same disk as the project; a RAM disk would make fsync free)."""
    return os.environ.get("WEGWEISER_BENCH_DIR") or None


class _CommitCheck:
    """`bot.bench.throughput.CommitCheck` for the null request's `on_send(chat, html)`."""

    def __init__(self, path: Path) -> None:
        from bot.bench.crash import ReadOnlyDatabase
        from bot.bench.throughput import CommitCheck

        self.inner = CommitCheck(ReadOnlyDatabase(path))
        self.database = self.inner.database

    def __call__(self, chat: int, text: str) -> None:
        self.inner(chat, html.unescape(text))


async def measure(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING)
    holder = load_content()
    scripts = [await record(holder, language) for language in LANGUAGES]
    plan = Plan(scripts, reply_table(scripts), holder, args.journeys)
    results: dict[int, dict[str, list[Result]]] = {}
    failures: list[str] = []
    for people in args.sizes:
        results[people] = {name: [] for name in args.variants}
        await run_once("wegweiser", plan, people)  # warm-up, not counted
        for round_ in range(args.repeats):
            shift = round_ % len(args.variants)
            for name in [*args.variants[shift:], *args.variants[:shift]]:
                results[people][name].append(await run_once(name, plan, people))
        checked = await run_once("wegweiser", plan, people, on_send=_CommitCheck)
        failures += report_size(people, results[people], plan.expected(people), checked)
    print(report_ratios(results, args.variants))
    for failure in failures:
        print(f"CHECK FAILED: {failure}")
    print(last_line(results))
    return 1 if failures else 0


def report_size(
    people: int, runs: dict[str, list[Result]], expected: dict[str, int], checked: Result
) -> list[str]:
    """Prints the table rows for one N; returns the failed checks."""
    failures: list[str] = []
    print(f"\nN={people} concurrent people ({sum(expected.values())} Bot API calls a run)")
    print(f"  {'variant':<13} {'msgs/s median (min–max)':<26} {'p50 ms':>7} {'p99 ms':>7}  calls")
    for name, results in runs.items():
        rates = [r.rate for r in results]
        lags = [lag for r in results for lag in r.latencies]
        same = all(r.counts == expected and not r.stuck for r in results)
        spread = f"{statistics.median(rates):.0f} ({min(rates):.0f}–{max(rates):.0f})"
        print(
            f"  {name:<13} {spread:<26} {percentile(lags, 0.5) * 1000:>7.1f} "
            f"{percentile(lags, 0.99) * 1000:>7.1f}  {'same' if same else 'DIFFERENT'}"
        )
        if not same:
            wrong = next(r for r in results if r.counts != expected or r.stuck)
            failures.append(
                f"N={people} {name}: calls {wrong.counts}, expected {expected}, stuck {wrong.stuck}"
            )
    uncommitted, sent = checked.before_commit or (0, 0)
    print(f"  replies sent before their commit (checked run, not timed): {uncommitted} of {sent}")
    if uncommitted or not sent or checked.counts != expected or checked.stuck:
        failures.append(f"N={people}: {uncommitted} of {sent} replies before their commit")
    return failures


def ratios(results: dict[str, list[Result]], baseline: str) -> list[float]:
    """Wegweiser ÷ baseline, paired by round (both ran side by side)."""
    ours, theirs = results["wegweiser"], results[baseline]
    return [a.rate / b.rate for a, b in zip(ours, theirs, strict=True) if b.rate]


def report_ratios(results: dict[int, dict[str, list[Result]]], variants: Sequence[str]) -> str:
    lines = ["\nWegweiser ÷ baseline, msgs/s per round: median (min–max)"]
    for baseline in (v for v in variants if v != "wegweiser"):
        parts = []
        for people, runs in results.items():
            values = ratios(runs, baseline)
            parts.append(
                f"N={people} {statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"
            )
        lines.append(f"  vs {baseline:<13} " + ", ".join(parts))
    return "\n".join(lines)


def last_line(results: dict[int, dict[str, list[Result]]]) -> str:
    parts = [
        f"N={people} {statistics.median(ratios(runs, BASELINE)):.2f}"
        for people, runs in results.items()
    ]
    return f"ratios vs {BASELINE}: " + ", ".join(parts)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.compare",
        description="Wegweiser's full durable path side by side with python-telegram-bot "
        "baselines, same recorded updates, same Bot API calls, no network.",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--repeats", type=int, default=5, help="runs per variant and N (5)")
    parser.add_argument(
        "--journeys", type=int, default=200, help="at least this many journeys a run (200)"
    )
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if "wegweiser" not in args.variants or BASELINE not in args.variants:
        parser().error(f"--variants needs wegweiser and {BASELINE}")
    return asyncio.run(measure(args))


if __name__ == "__main__":
    sys.exit(main())
