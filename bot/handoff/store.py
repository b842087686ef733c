"""The storage seam for requests and the outbox."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Protocol

from bot.handoff.model import Request
from bot.handoff.records import Appendix, AuditEntry, OutboxItem
from bot.session import Session


class RequestStore(Protocol):
    def unit(self) -> AbstractAsyncContextManager[None]:
        """Everything written inside is committed together, or not at all."""

    async def save_session(self, session: Session) -> None: ...

    async def load_session(self, user: str) -> Session | None: ...

    async def reference_taken(self, ref: str) -> bool: ...

    async def save_request(self, request: Request, appendix: Appendix | None = None) -> None: ...

    async def get_request(self, ref: str) -> Request | None: ...

    async def requests_of(self, user: str) -> list[Request]: ...

    async def audit_of(self, ref: str) -> list[AuditEntry]: ...

    async def link_message(self, chat: int, message: int, ref: str) -> None: ...

    async def linked_request(self, chat: int, message: int) -> str | None: ...

    async def due_outbox(self, now: datetime, limit: int = 50) -> list[OutboxItem]: ...

    async def outbox_done(self, item_id: int, at: datetime) -> None: ...

    async def outbox_retry(
        self, item_id: int, attempts: int, due_at: datetime, error: str
    ) -> None: ...

    async def pending_outbox(self) -> list[OutboxItem]: ...
