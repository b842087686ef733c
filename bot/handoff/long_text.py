"""A person's words longer than one group message go in parts, never cut.

Telegram takes 4,096 characters a message, counted in UTF-16 code units (DESIGN.md, channel
limits); a person may write that much in one message, and a request's own words and note
together may be longer. Each part carries its header ("… (Teil 2 von 3):") and its piece of
the words, cut at a line end or space, each piece isolated on its own (`bot.handoff.inert`).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.channels.split import split_text, utf16_length, utf16_prefix
from bot.handoff.inert import FSI, PDI, clean, isolated

GROUP_MESSAGE_LIMIT = 4096
_MOST_PARTS = 99  # the longest part header is measured with this number


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts twice)."""
    return utf16_length(text)


def in_parts(
    header: str,
    part_header: Callable[[int, int], str],
    words: str,
    limit: int = GROUP_MESSAGE_LIMIT,
) -> list[str]:
    """`header` and the isolated `words` as one message when it fits, else as parts headed
    `part_header(part, parts)` that hold all the words between them."""
    whole = f"{header}\n{isolated(words)}"
    if units(whole) <= limit:
        return [whole]
    room = limit - units(part_header(_MOST_PARTS, _MOST_PARTS)) - units("\n" + FSI + PDI)
    pieces = split_text(clean(words), room, length=units, prefix=utf16_prefix)
    return [
        f"{part_header(number, len(pieces))}\n{FSI}{piece}{PDI}"
        for number, piece in enumerate(pieces, start=1)
    ]


def shortened(text: str, limit: int = GROUP_MESSAGE_LIMIT) -> str:
    """`text` cut to `limit` units with "…", at a line end or space where there is one."""
    if units(text) <= limit:
        return text
    return split_text(text, limit - 1, length=units, prefix=utf16_prefix)[0] + "…"
