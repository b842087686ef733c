"""The storage seam. Nothing outside `bot/storage/` knows which database sits behind it.

Transactions: every write happens inside a unit (`async with storage.unit():`); a write called
outside one opens its own. A unit is one transaction, isolated from every other unit: it commits
all its writes or none, its rollback touches nothing of another unit, and a read outside any unit
sees only committed data. `unit()` returns only after the commit is durable, so whatever is sent
after it (a reply, a reference) describes stored facts. Units nest: an inner unit joins the outer.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from typing import Protocol

from bot.session import Session
from bot.storage.records import Appendix, AuditEntry, InboxEntry, OutboxItem, RequestRow

# "deleted": the personless record a deletion leaves so that late counsellor messages get an
# answer; purged after the retention like a closed request.
FINISHED_STATUSES = ("closed", "cancelled", "deleted")
# Processed updates are remembered this long to recognise redeliveries (Telegram keeps an
# unconfirmed update for 24 hours), whatever the retention of everything else.
INBOX_KEEP = timedelta(days=2)


def inbox_cutoff(before: datetime, now: datetime) -> datetime:
    """Processed inbox rows older than this are purged: the later of `before` and the keep."""
    return max(before, now - INBOX_KEEP)


class Storage(Protocol):
    def unit(self) -> AbstractAsyncContextManager[None]:
        """One isolated transaction; exits after its commit is durable (raises if it failed)."""

    # sessions

    async def load_session(self, user: str) -> Session | None: ...

    async def save_session(self, session: Session) -> None: ...

    async def delete_user(self, user: str) -> None:
        """Remove the person's session, requests, undelivered messages to them and the message
        links of their requests; audit rows and delivered outbox rows keep no user reference."""

    # requests

    async def reference_taken(self, ref: str) -> bool: ...

    async def save_request(self, row: RequestRow, appendix: Appendix | None = None) -> None:
        """Insert or update a request with its audit rows and outbox items (one unit)."""

    async def get_request(self, ref: str) -> RequestRow | None: ...

    async def requests_of(self, user: str) -> list[RequestRow]: ...

    async def requests_in(self, offices: Collection[str]) -> list[RequestRow]:
        """The requests of these offices (the counsellor desk's list), newest first."""

    async def audit_of(self, ref: str) -> list[AuditEntry]: ...

    async def link_message(self, chat: int, message: int, ref: str) -> None: ...

    async def linked_request(self, chat: int, message: int) -> str | None: ...

    # outbox

    async def add_outbox(self, item: OutboxItem) -> int | None:
        """Queue `item` unless its key is known; returns the new id (None for a known key)."""

    async def due_outbox(self, now: datetime, limit: int = 50) -> list[OutboxItem]: ...

    async def pending_outbox(self) -> list[OutboxItem]: ...

    async def outbox_done(self, item_id: int, at: datetime) -> None:
        """Delivered: the payload is emptied (privacy), the key stays for de-duplication."""

    async def outbox_retry(
        self, item_id: int, attempts: int, due_at: datetime, error: str, progress: int = 0
    ) -> None: ...

    async def outbox_progress(self, item_id: int, progress: int) -> None:
        """The item's parts before `progress` are delivered. Like `outbox_done` this mark is
        not waited for where the backend can avoid it (SQLite: committed with the next
        batch): a crash before its commit only sends those parts again."""

    # inbox: updates stored before they are acknowledged to the messenger

    async def inbox_add(self, entry: InboxEntry) -> bool:
        """Store an update; False when this channel's update id is already known."""

    async def inbox_done(self, channel: str, update_id: str, at: datetime) -> None: ...

    async def inbox_pending(self, channel: str, limit: int = 1000) -> list[InboxEntry]: ...

    async def inbox_claim(
        self, channel: str, worker: str, lease: timedelta, limit: int = 1
    ) -> list[InboxEntry]:
        """Several workers: claim up to `limit` unprocessed updates, each the oldest of its
        chat and under no live lease (the worker's own included); held by `worker` for
        `lease`."""

    def exclusive(self, name: str) -> AbstractAsyncContextManager[None]:
        """Several workers: one holder of `name` at a time across all workers (PostgreSQL: a
        unit holding a transaction-level advisory lock; its writes join that unit). A single
        process (memory, SQLite) needs nothing beyond its own locks."""

    async def claim_lease(self, name: str, holder: str, duration: timedelta) -> bool:
        """Several workers: hold the job `name` (the daily purge) for `duration`; False while
        another holder's lease is live."""

    # counsellor groups

    async def add_group_move(self, old: int, new: int, at: datetime) -> None:
        """Remember that group `old` is now `new` (Telegram's supergroup upgrade)."""

    async def group_moves(self) -> dict[int, int]: ...

    # upkeep

    async def purge(
        self, before: datetime, finished: Collection[str] = FINISHED_STATUSES
    ) -> dict[str, int]:
        """Forget what is older than `before`: idle sessions without an open request, requests
        whose status is in `finished`, delivered outbox rows, processed inbox rows (those after
        `INBOX_KEEP` whatever `before` says). Returns the
        number of rows removed per kind."""

    async def close(self) -> None: ...
