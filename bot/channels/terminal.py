"""The terminal channel: numbered choices, one message per line when scripted."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TextIO

from bot.conversation import Conversation
from bot.messages import Inbound, Reply

TERMINAL_USER = "terminal:local"
ECHO_LIMIT = 80


def render(replies: Sequence[Reply]) -> str:
    blocks = []
    for reply in replies:
        lines = [reply.text]
        lines += [f"  {number}) {choice.label}" for number, choice in enumerate(reply.choices, 1)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


async def run_terminal(
    conversation: Conversation,
    *,
    language: str | None = None,
    source: TextIO | None = None,
    out: TextIO | None = None,
    after_turn: Callable[[], Awaitable[object]] | None = None,
    counsellor: Callable[[str], Awaitable[str]] | None = None,
) -> int:
    """Chat line by line; lines starting with '@' go to `counsellor` (the office's side)."""
    source = source or sys.stdin
    out = out or sys.stdout
    interactive = source.isatty()
    _write(out, render(await conversation.resume(TERMINAL_USER, language)))
    while True:
        line = await _read_line(source, interactive)
        if line is None:
            return 0
        if not interactive:
            shown = line if len(line) <= ECHO_LIMIT else line[:ECHO_LIMIT] + "…"
            _write(out, f"> {shown}")
        if counsellor is not None and line.startswith("@"):
            _write(out, f"[Beratung] {await counsellor(line)}")
        else:
            # `--lang` stands for the device language Telegram sends with every message
            inbound = Inbound(user=TERMINAL_USER, text=line, locale_hint=language)
            replies = await conversation.handle(inbound)
            _write(out, render(replies))
        if after_turn is not None:
            await after_turn()


async def _read_line(source: TextIO, interactive: bool) -> str | None:
    try:
        if interactive:
            return await asyncio.to_thread(input, "> ")
        line = await asyncio.to_thread(source.readline)
    except (EOFError, KeyboardInterrupt):
        return None
    return line.rstrip("\n") if line else None


def _write(out: TextIO, text: str) -> None:
    if text:
        out.write(text + "\n\n")
        out.flush()
