"""JSON for what the bot stores on every turn (sessions, inbox updates, outbox payloads).

Backed by orjson (a C implementation, about five times faster than the standard library's
`json` for these small documents); the text is standard JSON that `json.loads` reads, so rows
written before and tools that use `json` stay compatible.
"""

from __future__ import annotations

from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS  # as `json.dumps`: int keys become strings


def dumps(value: Any) -> str:
    """`value` (dicts, lists, str, int, float, bool, None) as compact UTF-8 JSON text, no
    spaces, non-ASCII letters kept. Raises `TypeError` for anything else and for integers
    beyond 64 bits (`orjson.JSONEncodeError` is a `TypeError`)."""
    return orjson.dumps(value, option=_OPTIONS).decode()


def loads(text: str | bytes) -> Any:
    """The value of JSON `text`. Raises `ValueError` (`json.JSONDecodeError` is one too, and
    `orjson.JSONDecodeError` subclasses it) for text that is not JSON."""
    return orjson.loads(text)
