"""Cutting a long reply into messages a messenger accepts, at the most natural place."""

from __future__ import annotations

from collections.abc import Callable

SEPARATORS = ("\n\n", "\n", " ")  # paragraph end, else line end, else space


def _slice(text: str, limit: int) -> str:
    return text[:limit]


def utf16_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2


def utf16_prefix(text: str, limit: int) -> str:
    """The longest beginning of at most `limit` UTF-16 units (never half a character)."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return text[:index]
    return text


def split_text(
    text: str,
    limit: int,
    *,
    length: Callable[[str], int] = len,
    prefix: Callable[[str, int], str] = _slice,
) -> list[str]:
    """Pieces of at most `limit` (as `length` counts; `prefix(text, limit)` is the longest
    beginning that fits), cut at paragraph ends, else line ends, else spaces, else hard.
    Channels count differently: WhatsApp in characters (the defaults), Telegram in UTF-16 units.
    """
    parts: list[str] = []
    rest = text.strip()
    while length(rest) > limit:
        window = prefix(rest, limit)
        cut = next((i for sep in SEPARATORS if (i := window.rfind(sep)) > 0), len(window))
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts
