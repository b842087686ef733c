"""`python -m bot understand [--json] [--knowledge DIR]`: what each line of stdin means.

One result per input line, in order; empty lines give an empty result. Never fails on odd
input (very long lines, emoji, control characters). Message text is never logged.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.understand.lexicon import LexiconError
from bot.understand.understander import Understander, Understood

DEFAULT_KNOWLEDGE = pathlib.Path(__file__).resolve().parents[2] / "knowledge"


def main(argv: Sequence[str] | None = None) -> int:
    """Read messages from stdin, one per line, and print what was understood."""
    parser = argparse.ArgumentParser(
        prog="python -m bot understand",
        description="Print the life area, emergency and language of each line of stdin.",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--knowledge",
        type=pathlib.Path,
        default=DEFAULT_KNOWLEDGE,
        help="knowledge folder holding understanding/*.yaml (default: the bundled one)",
    )
    parser.add_argument("--language", help="language hint: de en uk ru ar fa")
    args = parser.parse_args(argv)
    try:
        understander = Understander.load(args.knowledge)
    except (LexiconError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    run(understander, _stdin(), sys.stdout, as_json=args.json, language=args.language)
    return 0


def run(
    understander: Understander,
    lines: TextIO,
    out: TextIO,
    *,
    as_json: bool,
    language: str | None = None,
) -> None:
    """Understand each line of `lines` and write one result per line to `out`."""
    for raw in lines:
        text = raw.rstrip("\r\n")
        result = understander.understand(text, language)
        out.write((to_json(result) if as_json else describe(result)) + "\n")
        out.flush()


def as_dict(result: Understood) -> dict[str, object]:
    return {
        "area": result.area,
        "emergency": result.emergency is not None,
        "emergency_kind": result.emergency,
        "emergency_check": result.emergency_check,
        "check_kind": result.check,
        "intent": result.intent,
        "language": result.language,
        "score": result.score,
        "unsure": result.unsure,
        "candidates": [[area, score] for area, score in result.candidates],
    }


def to_json(result: Understood) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False)


def describe(result: Understood) -> str:
    parts = []
    if result.emergency:
        parts.append(f"EMERGENCY {result.emergency}")
    elif result.check:
        parts.append(f"CHECK {result.check}")
    parts.append(f"area={result.area or '-'}")
    if result.area:
        parts.append(f"score={result.score:.2f}" + (" unsure" if result.unsure else ""))
    if result.intent:
        parts.append(f"intent={result.intent}")
    parts.append(f"language={result.language or '-'}")
    if len(result.candidates) > 1:
        parts.append("candidates=" + ",".join(f"{a}:{s:.2f}" for a, s in result.candidates))
    return " ".join(parts)


def _stdin() -> TextIO:
    """Stdin as UTF-8 text that replaces undecodable bytes instead of failing."""
    if hasattr(sys.stdin, "buffer"):
        import io

        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="")
    return sys.stdin


if __name__ == "__main__":
    sys.exit(main())
