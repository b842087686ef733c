"""Benchmark of typed-answer matching: `python -m bot.bench.choices`.

For every question with choices in the bundled content and every language, types what people
type (the label, a keyword of it, a typo, a yes/no word, a number in another script, a sentence
with a place) and measures the time to match it against the question's choices, with the
compiled options cached per content as the engine does (one core). Prints the median and p95
per message and the one-time cost of compiling a question's options. The target is a median
below 1 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator, Sequence

from bot.bench.timing import percentile, pin_to_one_core
from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine.question_options import node_options, question_index
from bot.engine.typed import _picker_index
from bot.nodes.ask import Ask
from bot.nodes.language import language_choices
from bot.nodes.summary import Summary
from bot.settings import BUNDLED_CONTENT

_EXTRA = ("ja", "yes", "так", "нет", "نعم", "آره", "٢", "۳", "²", "①", "ok 👍", "I live in Pirna")


def _questions(content: Content) -> Iterator[tuple[str, str]]:
    for flow in content.flows.values():
        for node in flow.nodes.values():
            if isinstance(node, Ask | Summary):
                yield flow.id, node.id


def _typed(labels: Sequence[str]) -> Iterator[str]:
    """What a person types for one choice: label, first word, a typo, a sentence around it."""
    label = labels[0]
    yield label
    words = label.split()
    yield words[-1]
    if len(label) > 4:
        yield label[:2] + label[3] + label[2] + label[4:]  # two letters swapped
    yield f"ich glaube {label.lower()} bitte"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.choices")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    pin_to_one_core()
    content = load_content_or_raise(BUNDLED_CONTENT)
    cases: list[tuple[str, str, str, str]] = []
    compile_times: list[float] = []
    for flow, node in _questions(content):
        for language in content.languages:
            started = time.perf_counter()
            options = node_options(content, flow, node, language)
            question_index(content, flow, node, language)
            compile_times.append(time.perf_counter() - started)
            for _, labels in options:
                cases.extend((flow, node, language, text) for text in _typed(labels))
            cases.extend((flow, node, language, text) for text in _EXTRA)
    times: list[float] = []
    for _ in range(args.rounds):
        for flow, node, language, text in cases:
            started = time.perf_counter()
            question_index(content, flow, node, language).match(text)
            times.append(time.perf_counter() - started)
    pickers = [
        tuple((c.id, c.label) for c in language_choices(content.languages, "de")),
        (("delete.yes", "Так, видалити все"), ("delete.no", "Ні, залишити")),
        (("handoff.topic.housing", "Wohnen"), ("handoff.topic.work", "Arbeit")),
    ]
    picker_times: list[float] = []
    for _ in range(args.rounds):
        for offered in pickers:
            for text in ("так", "farsi", "Arbeit", "2", "xyz"):
                started = time.perf_counter()
                _picker_index(content, "handoff", "topic", "uk", offered).match(text)
                picker_times.append(time.perf_counter() - started)
    places = content.typed.places if content.typed else None
    place_times: list[float] = []
    if places is not None:
        for _ in range(args.rounds):
            for text in ("Prohlis", "Я живу в Пірні", "انا ساكن في بيرنا", "dresden", "Freital"):
                started = time.perf_counter()
                places.find(text)
                place_times.append(time.perf_counter() - started)
    print(f"typed answers: {len(cases)} x {args.rounds} rounds, one core")
    print(
        f"compile one question's options (once per content and language): "
        f"median {statistics.median(compile_times) * 1000:.3f} ms"
    )
    for name, values in (
        ("match a typed answer", times),
        ("match at a picker (compiled once, then kept)", picker_times),
        ("find a typed place", place_times),
    ):
        if values:
            median = statistics.median(values) * 1000
            p95 = percentile(values, 0.95) * 1000
            print(f"{name}: median {median:.3f} ms, p95 {p95:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
