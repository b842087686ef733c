"""Handoff deliveries printed to the terminal: the counsellor group as a local notifier."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TextIO

from bot.channels.terminal import render
from bot.handoff.delivery import Posted
from bot.messages import Choice, Reply

GROUP_CHAT = -1


class ConsoleDeliverer:
    """Prints what the office group would get, so the whole path works without Telegram."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._ids = itertools.count(1)

    async def open_topic(self, office: str, title: str) -> Posted | None:
        return None  # the terminal shows one group without topics

    async def post_group(
        self, office: str, text: str, buttons: Sequence[Choice], topic: Posted | None = None
    ) -> Posted:
        self._print(office, text, buttons)
        return Posted(GROUP_CHAT, next(self._ids))

    async def edit_group(self, posted: Posted, text: str, buttons: Sequence[Choice]) -> None:
        self._print("update", text, buttons)

    async def note_group(self, posted: Posted, text: str) -> int | None:
        self._print("note", text, ())
        return next(self._ids)

    async def copy_to_group(self, posted: Posted, message_ref: str) -> int | None:
        self._print("media", f"(copied message {message_ref})", ())
        return next(self._ids)

    async def erase_topic(self, posted: Posted, note: str) -> bool:
        return False  # the terminal group has no forum topics: the note goes below the post

    async def to_user(self, user: str, replies: Sequence[Reply]) -> None:
        self.out.write(render(replies) + "\n\n")
        self.out.flush()

    def _print(self, where: str, text: str, buttons: Sequence[Choice]) -> None:
        rule = f"──── counsellor group [{where}] ────"
        labels = "  ".join(f"[{b.label}]" for b in buttons)
        self.out.write(f"{rule}\n{text}\n{labels}\n{'─' * len(rule)}\n\n".replace("\n\n\n", "\n\n"))
        self.out.flush()
