"""A terminal chat on the bundled content with the counsellor group printed, as staff try it.

`TerminalDesk.type()` does what `python -m bot chat` does for one line: echo it, print the
bot's answer, run the outbox (which prints the group's messages). Counsellors act through the
service. Tests read `desk.printed()` (what appeared since the last call).
"""

from __future__ import annotations

import io
from pathlib import Path

from bot.channels.console import ConsoleDeliverer
from bot.channels.terminal import TERMINAL_USER, render
from bot.clock import FakeClock
from bot.content.holder import ContentHolder
from bot.conversation import Conversation
from bot.deploy import DeployConfig, OfficeChannel
from bot.handoff.outbox import OutboxWorker
from bot.handoff.service import Actor, HandoffService, Outcome
from bot.handoff.store import RequestStore
from bot.locks import KeyedLocks
from bot.messages import Inbound
from bot.settings import BUNDLED_CONTENT
from bot.storage import SqliteStorage

PIRNA_COUNSELLOR = Actor(42, "Frau Beispiel")
DRESDEN_COUNSELLOR = Actor(43, "Herr Dresden")
CONFIG = DeployConfig(
    offices={
        "pirna": OfficeChannel(-1002, forum=False, counsellors=frozenset({42}), notify="full"),
        "dresden": OfficeChannel(-1001, forum=True, counsellors=frozenset({43}), notify="full"),
    }
)


class TerminalDesk:
    def __init__(self, db: Path) -> None:
        self.db = db
        self.out = io.StringIO()
        self.clock = FakeClock()
        self._read = 0

    async def open(self, language: str | None = None) -> str:
        self.raw = await SqliteStorage.open(self.db)
        locks = KeyedLocks()
        self.storage = RequestStore(self.raw, locks)
        holder = ContentHolder.load(BUNDLED_CONTENT)
        self.service = HandoffService(holder, self.storage, self.clock, CONFIG)
        self.conversation = Conversation(
            holder, self.raw, clock=self.clock, handlers=[self.service.on_event], locks=locks
        )
        deliverer = ConsoleDeliverer(self.out)
        self.outbox = OutboxWorker(
            self.storage, self.clock, lambda item: self.service.deliver(item, deliverer)
        )
        self._write(render(await self.conversation.resume(TERMINAL_USER, language)))
        return self.printed()

    async def close(self) -> None:
        await self.raw.close()

    async def type(self, *lines: str) -> str:
        """Type lines as a person; returns everything printed meanwhile (see plain())."""
        for line in lines:
            self._write(f"> {line}")
            replies = await self.conversation.handle(Inbound(TERMINAL_USER, text=line))
            self._write(render(replies))
            await self.deliver()
        return self.printed()

    async def send_media(self, kind: str) -> str:
        self._write(f"> [{kind}]")
        replies = await self.conversation.handle(
            Inbound(TERMINAL_USER, kind=kind, message_ref="7:99")
        )
        self._write(render(replies))
        await self.deliver()
        return self.printed()

    async def deliver(self) -> None:
        self.clock.advance(10)  # a person typing, not a flood; lets paced group messages out
        await self.outbox.run_once()

    async def counsellor(self, outcome: Outcome) -> str:
        """Print the answer the counsellor got, deliver what the action queued; the printout."""
        self._write(f"[to the counsellor] {outcome.message}")
        await self.deliver()
        return self.printed()

    def printed(self) -> str:
        text = self.out.getvalue()
        new, self._read = text[self._read :], len(text)
        return new

    def _write(self, text: str) -> None:
        if text:
            self.out.write(text + "\n\n")


def group_messages(printed: str) -> list[str]:
    """The counsellor group's messages in a printed stretch, each without its frame."""
    blocks = []
    for part in printed.split("──── counsellor group [")[1:]:
        body = part.split("\n", 1)[1]
        blocks.append(body.split("\n───")[0].strip())
    return blocks


def plain(text: str) -> str:
    """Without direction marks and isolates, for reading what a person or counsellor sees."""
    return "".join(ch for ch in text if ch not in "\u200e\u200f\u2066\u2067\u2068\u2069")
