"""The handoff's view of storage: requests as `Request` objects, on any `Storage` backend."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime

from bot.handoff.model import Request
from bot.handoff.records import Appendix, AuditEntry, OutboxItem, request_from_row, request_to_row
from bot.locks import KeyedLocks
from bot.session import Session
from bot.storage import Storage


class RequestStore:
    """Requests, sessions and the outbox for the handoff feature.

    `locks` is the per-person serialisation shared with the conversation: every write to a
    person's session or request made outside the person's own turn (counsellor actions, outbox
    results) runs inside `serialised(user)`.
    """

    def __init__(self, storage: Storage, locks: KeyedLocks | None = None) -> None:
        self.storage = storage
        self.locks = locks if locks is not None else KeyedLocks()

    def unit(self) -> AbstractAsyncContextManager[None]:
        """One isolated transaction (see `bot.storage.base`)."""
        return self.storage.unit()

    @asynccontextmanager
    async def serialised(self, user: str) -> AsyncIterator[None]:
        """Hold the person's lock: no turn of theirs runs meanwhile."""
        async with self.locks.hold(user):
            yield

    async def save_session(self, session: Session) -> None:
        await self.storage.save_session(session)

    async def load_session(self, user: str) -> Session | None:
        return await self.storage.load_session(user)

    async def reference_taken(self, ref: str) -> bool:
        return await self.storage.reference_taken(ref)

    async def save_request(self, request: Request, appendix: Appendix | None = None) -> None:
        await self.storage.save_request(request_to_row(request), appendix)

    async def get_request(self, ref: str) -> Request | None:
        row = await self.storage.get_request(ref)
        return request_from_row(row) if row else None

    async def requests_of(self, user: str) -> list[Request]:
        return [request_from_row(row) for row in await self.storage.requests_of(user)]

    async def requests_in(self, offices: Collection[str]) -> list[Request]:
        """The requests of these offices, newest first (the counsellor desk's list)."""
        return [request_from_row(row) for row in await self.storage.requests_in(offices)]

    async def audit_of(self, ref: str) -> list[AuditEntry]:
        return await self.storage.audit_of(ref)

    async def link_message(self, chat: int, message: int, ref: str) -> None:
        await self.storage.link_message(chat, message, ref)

    async def linked_request(self, chat: int, message: int) -> str | None:
        return await self.storage.linked_request(chat, message)

    async def add_outbox(self, item: OutboxItem) -> int | None:
        return await self.storage.add_outbox(item)

    async def due_outbox(self, now: datetime, limit: int = 50) -> list[OutboxItem]:
        return await self.storage.due_outbox(now, limit)

    async def outbox_done(self, item_id: int, at: datetime) -> None:
        await self.storage.outbox_done(item_id, at)

    async def outbox_retry(
        self, item_id: int, attempts: int, due_at: datetime, error: str, progress: int = 0
    ) -> None:
        await self.storage.outbox_retry(item_id, attempts, due_at, error, progress)

    async def outbox_progress(self, item_id: int, progress: int) -> None:
        await self.storage.outbox_progress(item_id, progress)

    async def pending_outbox(self) -> list[OutboxItem]:
        return await self.storage.pending_outbox()

    async def withdraw_pending(self, key_prefix: str, at: datetime) -> int:
        """Take back the undelivered outbox items whose key starts with `key_prefix`, in the
        caller's unit: they are marked done without being sent (the storage knows no other
        end for an item) and their payload is emptied. Returns how many there were."""
        withdrawn = 0
        for item in await self.storage.pending_outbox():
            if item.key.startswith(key_prefix) and item.id is not None:
                await self.storage.outbox_done(item.id, at)
                withdrawn += 1
        return withdrawn
