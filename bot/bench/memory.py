"""Memory per person: `python -m bot.bench.memory [--people 100000] [--turns 1000]`.

A person's conversation lives in the database, not in the process. What the process keeps
per person is what guards and orders their messages: the flood guard's recent message times
(only for people who wrote within its window) and a lock while a turn of theirs runs. Printed:
- RSS per active session: the growth of the resident set while `--people` people write
  within one flood window (each message checked by the running conversation's flood guard),
  divided by their number (target ≤ 2 KB);
- what is left per person ever seen: after `--turns` real turns (/start, through the
  conversation with durable SQLite storage) and one flood window of quiet, the number of
  people the flood guard, the per-person locks and the reply delivery still remember (must
  be 0), and the RSS growth per person after that: first as it is, then after asking the C
  allocator to give freed memory back (glibc's `malloc_trim`, where there is one). The first
  includes memory that was freed but kept by the allocator; the second is what is still in use.
Figures for reading, not asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import ctypes.util
import gc
import sys
import tempfile
from pathlib import Path

from bot.bench.recorded import bench_runtime, load_content
from bot.clock import FakeClock
from bot.flood import FloodGuard
from bot.messages import Inbound


def rss_kib() -> int:
    """Resident set size of this process in KiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def trim_allocator() -> bool:
    """Ask glibc to return freed heap memory to the system; False where that is not possible
    (another C library, another system)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError, TypeError):
        return False
    trim(0)
    return True


async def measure(args: argparse.Namespace) -> int:
    holder = load_content()
    clock = FakeClock()
    with tempfile.TemporaryDirectory(prefix="wegweiser-memory-") as folder:
        runtime = await bench_runtime(holder, Path(folder))
        conversation = runtime.conversation
        conversation.clock = clock
        conversation.flood = flood = FloodGuard(clock)
        try:
            for n in range(200):  # warm caches and the allocator first
                await conversation.handle(Inbound(f"telegram:{n}", text="/start"))
            clock.advance(flood.window + 1)
            flood.check("telegram:warm")
            gc.collect()
            before = rss_kib()
            for n in range(args.people):
                flood.check(f"telegram:{1_000_000 + n}")
            gc.collect()
            active = (rss_kib() - before) * 1024 / args.people
            print(
                f"RSS per active session at {args.people:,} people writing within "
                f"{flood.window:.0f} s: {active:.0f} bytes ({len(flood):,} remembered)"
            )
            clock.advance(flood.window + 1)
            flood.check("telegram:sweeper")
            gc.collect()
            trim_allocator()  # both figures below start from what is in use
            settled = rss_kib()
            for n in range(args.turns):
                await conversation.handle(Inbound(f"telegram:{2_000_000 + n}", text="/start"))
            clock.advance(flood.window + 1)
            flood.check("telegram:sweeper")
            gc.collect()
            grown = (rss_kib() - settled) * 1024 / args.turns
            trimmed = (rss_kib() - settled) * 1024 / args.turns if trim_allocator() else None
            left = len(flood) - 1, len(conversation.locks)
            after_trim = f", {trimmed:.0f} after malloc_trim" if trimmed is not None else ""
            print(
                f"after {args.turns:,} real turns and one quiet window: flood guard remembers "
                f"{left[0]} people, locks {left[1]}; RSS growth {grown:.0f} bytes per person"
                f"{after_trim}"
            )
        finally:
            await runtime.close()
    return 0 if left == (0, 0) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.memory", description="Memory per active and per past person."
    )
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--turns", type=int, default=1000)
    return asyncio.run(measure(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
