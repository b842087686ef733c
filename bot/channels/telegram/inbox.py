"""Telegram updates are stored before they are acknowledged, and marked processed by their turn.

Polling: a batch of updates from getUpdates is stored in one transaction; only then is the next
getUpdates called with the higher offset, which is what confirms them to Telegram. Webhook: the
update is stored before `200` is answered. Either way a crash loses nothing: at start the stored,
unprocessed updates are handled first. A redelivered update id is recognised and not applied
twice. The turn that handles an update writes "processed" in its own transaction
(`bot.storage.marks`); an update no turn wrote (ignored kinds, flood drops) is marked afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from bot import compact_json
from bot.storage import Storage, marks
from bot.storage.records import InboxEntry

CHANNEL = "telegram"
JSON = dict[str, Any]
Hand = Callable[[JSON], None]  # queues one stored update for its handling


class TelegramInbox:
    """The Telegram side of the storage's inbox table. `shared`: several workers use the
    database, and stored updates are claimed from it (`bot.channels.telegram.shared_inbox`)."""

    def __init__(self, storage: Storage, *, shared: bool = False) -> None:
        self._storage = storage
        self.shared = shared

    @property
    def storage(self) -> Storage:
        return self._storage

    async def store(self, updates: Sequence[JSON], hand: Hand | None = None) -> list[JSON]:
        """Store raw updates in one transaction; returns those not seen before, in order, once
        that transaction is durable (only then may the caller confirm them to Telegram).

        `hand` gets each of them as soon as all are written, before that commit: a turn's
        transaction commits with this one or after it, never alone before it, so the turns can
        begin at once instead of after this commit's fsync. `hand` only queues (it runs inside
        the storage unit and must not start tasks or touch the storage). If this commit fails
        after all, the turns that went through wrote their updates as processed themselves,
        and Telegram's redelivery is not applied again. Raises what the storage raises (then
        nothing is confirmed)."""
        now = datetime.now(UTC)
        fresh: list[JSON] = []
        async with self._storage.unit():
            for update in updates:
                entry = InboxEntry(
                    CHANNEL, str(update["update_id"]), _dump(update), now, chat=update_chat(update)
                )
                if await self._storage.inbox_add(entry):
                    fresh.append(update)
            if hand is not None:
                for update in fresh:
                    hand(update)
        return fresh

    async def pending(self) -> list[JSON]:
        """Updates stored but never processed (a crash came in between), oldest first."""
        entries = await self._storage.inbox_pending(CHANNEL)
        return sorted(
            (compact_json.loads(e.payload) for e in entries), key=lambda u: u["update_id"]
        )

    def handling(self, update_id: int) -> Handling:
        """Around the handling of one update: its turn marks it processed, or this does."""
        return Handling(self._storage, str(update_id))


class Handling:
    """`async with inbox.handling(update_id):` the first storage unit inside marks the update
    processed in its own transaction (`bot.storage.marks`); if none did, leaving does. A class,
    not `@asynccontextmanager`: one per update."""

    __slots__ = ("_mark", "_storage", "_token", "_update_id")

    def __init__(self, storage: Storage, update_id: str) -> None:
        self._storage = storage
        self._update_id = update_id

    async def __aenter__(self) -> None:
        self._mark, self._token = marks.begin(CHANNEL, self._update_id)

    async def __aexit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        marks.end(self._token)
        if kind is None and not self._mark.consumed:
            await self._storage.inbox_done(CHANNEL, self._update_id, datetime.now(UTC))


def update_chat(update: JSON) -> str:
    """The chat whose order an update keeps (the sender for chat-less updates), or ""."""
    for kind in ("message", "edited_message", "channel_post", "callback_query"):
        part = update.get(kind)
        if not isinstance(part, dict):
            continue
        message = part.get("message", part) if kind == "callback_query" else part
        chat = message.get("chat") if isinstance(message, dict) else None
        if isinstance(chat, dict) and "id" in chat:
            return str(chat["id"])
        sender = part.get("from")
        if isinstance(sender, dict) and "id" in sender:
            return str(sender["id"])
    return ""


def _dump(update: JSON) -> str:
    return compact_json.dumps(update)
