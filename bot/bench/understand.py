"""Benchmark of free-text understanding: `python -m bot.bench.understand`.

Prints the load time of the full lexicons and the median and p95 time to understand one
message (including the two-step emergency triage), measured on one core over the labelled
messages (several rounds, each message on a fresh cache and again warm). The target is a
median below 1 ms.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time
from collections.abc import Sequence

from bot.bench.timing import percentile, pin_to_one_core
from bot.understand.evaluate import DEFAULT_KNOWLEDGE, DEFAULT_LABELLED, read_examples
from bot.understand.understander import Understander


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.understand")
    parser.add_argument("--knowledge", type=pathlib.Path, default=DEFAULT_KNOWLEDGE)
    parser.add_argument("--messages", type=pathlib.Path, default=DEFAULT_LABELLED)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    pin_to_one_core()

    started = time.perf_counter()
    understander = Understander.load(args.knowledge)
    load_seconds = time.perf_counter() - started
    messages = [example.text for example in read_examples(args.messages)]

    cold: list[float] = []
    warm: list[float] = []
    for _ in range(args.rounds):
        fresh = Understander.load(args.knowledge)  # empty word cache: every word is new
        for text in messages:
            started = time.perf_counter()
            fresh.understand(text)
            cold.append(time.perf_counter() - started)
        for text in messages:
            started = time.perf_counter()
            understander.understand(text)
            warm.append(time.perf_counter() - started)
    print(f"messages: {len(messages)} x {args.rounds} rounds, one core")
    print(f"load (all lexicons, compiled): {load_seconds * 1000:.1f} ms")
    for name, times in (("cold word cache", cold), ("warm word cache", warm)):
        median = statistics.median(times) * 1000
        p95 = percentile(times, 0.95) * 1000
        print(f"{name}: median {median:.3f} ms, p95 {p95:.3f} ms, max {max(times) * 1000:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
