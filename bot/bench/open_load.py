"""Reply time under an open load: `python -m bot.bench.open_load [--people 1000] [--load 0.6]`.

First each variant's capacity is measured as in `bot.bench.compare` (closed loop, 100 people
at once). Then 1,000 people write at random times: updates arrive as a Poisson stream at
`--load` (60 %) of that capacity (or at `--rate` msgs/s for every variant, to compare them at
one offered load), each one from a person picked at random among those not
waiting for an answer, who sends the next update of their recorded walk (a finished walk
starts again as a new person). Printed per variant: offered and served msgs/s, p50, p99 and
the longest reply time (update handed to the bot → its last Bot API call). Same null request
object, same recorded updates and variants as `bot.bench.compare`; the target (p99 ≤ 25 ms
for Wegweiser) is for reading, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

from bot.bench import compare
from bot.bench.null_api import NullRequest
from bot.bench.ptb_baseline import reply_table
from bot.bench.recorded import Script, Step, load_content, record
from bot.bench.timing import percentile


class Person:
    """Where one person is in their walk; a finished walk begins again as somebody new."""

    def __init__(self, scripts: list[Script], chats: itertools.count[int], rng: random.Random):
        self.scripts = scripts
        self.chats = chats
        self.rng = rng
        self._new()

    def _new(self) -> None:
        self.script = self.rng.choice(self.scripts)
        self.chat = next(self.chats)
        self.step = 0
        self.calls = 0

    def next_step(self) -> Step:
        if self.step == len(self.script.steps):
            self._new()
        step = self.script.steps[self.step]
        self.step += 1
        self.calls += step.calls
        return step


async def open_run(name: str, plan: compare.Plan, args: argparse.Namespace, rate: float) -> str:
    request = NullRequest()
    rng = random.Random(args.seed)
    lags: list[float] = []
    with tempfile.TemporaryDirectory(prefix="wegweiser-open-", dir=compare.scratch()) as folder:
        variant = await compare.open_variant(name, plan, Path(folder), request)
        poller = compare.Poller(variant)
        people = [Person(plan.scripts, plan.chats, rng) for _ in range(args.people)]
        idle = list(range(args.people))
        pending: set[asyncio.Task[None]] = set()

        async def act(index: int) -> None:
            person = people[index]
            step = person.next_step()
            done = request.until(person.chat, person.calls)
            sent = time.perf_counter()
            poller.send(lambda update_id: step.update(person.chat, update_id))
            await asyncio.wait_for(done, compare.STEP_TIMEOUT)
            lags.append(time.perf_counter() - sent)
            idle.append(index)

        started = time.perf_counter()
        due = started
        try:
            while time.perf_counter() - started < args.seconds:
                due += rng.expovariate(rate)
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                if idle:
                    task = asyncio.create_task(act(idle.pop(rng.randrange(len(idle)))))
                    pending.add(task)
                    task.add_done_callback(pending.discard)
            await asyncio.gather(*pending)
            seconds = time.perf_counter() - started
        finally:  # a reply that never came (TimeoutError) still closes the storage's threads
            for task in pending:
                task.cancel()
            await poller.stop()
            await variant.close()
    return (
        f"{name:<13} offered {rate:.0f} msgs/s, served {len(lags) / seconds:.0f} msgs/s; "
        f"reply time p50 {percentile(lags, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(lags, 0.99) * 1000:.1f} ms, longest {max(lags) * 1000:.0f} ms"
    )


async def measure(args: argparse.Namespace) -> None:
    holder = load_content()
    scripts = [await record(holder, language) for language in compare.LANGUAGES]
    plan = compare.Plan(scripts, reply_table(scripts), holder, journeys=100)
    for name in args.variants:
        await compare.run_once(name, plan, 100)  # warm-up
        if args.rate:
            print(await open_run(name, plan, args, args.rate), flush=True)
            continue
        capacity = (await compare.run_once(name, plan, 100)).rate
        print(f"{name:<13} capacity (closed loop, 100 people) {capacity:.0f} msgs/s", flush=True)
        print(await open_run(name, plan, args, capacity * args.load), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.open_load",
        description="p99 reply time with people writing at random times at a share of the "
        "measured capacity.",
    )
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--load", type=float, default=0.6, help="share of capacity (0.6)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the run (20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--rate", type=float, help="offer this many msgs/s to every variant instead of --load"
    )
    parser.add_argument(
        "--variants", nargs="+", default=["ptb-memory", "wegweiser"], choices=compare.VARIANTS
    )
    asyncio.run(measure(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
