"""In-memory storage for unit tests; keeps the same data as the SQLite one, as JSON."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from bot.handoff.model import Request
from bot.handoff.records import Appendix, AuditEntry, OutboxItem, request_from_row, request_to_json
from bot.session import Session


class MemoryStorage:
    def __init__(self) -> None:
        self.sessions: dict[str, str] = {}
        self.requests: dict[str, tuple[str, str, str, str, str, str, str]] = {}
        self.audit: list[AuditEntry] = []
        self.outbox: list[OutboxItem] = []
        self.links: dict[tuple[int, int], str] = {}

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[None]:
        saved = copy.deepcopy((self.sessions, self.requests, self.audit, self.outbox, self.links))
        try:
            yield
        except BaseException:
            self.sessions, self.requests, self.audit, self.outbox, self.links = saved
            raise

    async def load_session(self, user: str) -> Session | None:
        data = self.sessions.get(user)
        return Session.from_json(data) if data else None

    async def save_session(self, session: Session) -> None:
        self.sessions[session.user] = session.to_json()

    async def delete_user(self, user: str) -> None:
        self.sessions.pop(user, None)
        refs = {ref for ref, row in self.requests.items() if row[1] == user}
        self.requests = {ref: row for ref, row in self.requests.items() if ref not in refs}
        self.outbox = [i for i in self.outbox if i.sent_at or i.target != user]
        for item in self.outbox:  # delivered rows keep no chat id
            if item.target == user:
                item.target = ""
        self.links = {k: ref for k, ref in self.links.items() if ref not in refs}

    async def reference_taken(self, ref: str) -> bool:
        return ref in self.requests

    async def save_request(self, request: Request, appendix: Appendix | None = None) -> None:
        created = self.requests.get(request.ref, (None,) * 5 + (request.created_at.isoformat(),))[5]
        updated = (request.updated_at or request.created_at).isoformat()
        self.requests[request.ref] = (
            request.ref,
            request.user,
            request.office,
            request.status.value,
            request_to_json(request),
            str(created),
            updated,
        )
        if appendix:
            self.audit.extend(appendix.audit)
            known = {i.key for i in self.outbox}
            for item in appendix.outbox:
                if item.key not in known:
                    self.outbox.append(copy.deepcopy(item))
                    self.outbox[-1].id = len(self.outbox)

    async def get_request(self, ref: str) -> Request | None:
        row = self.requests.get(ref)
        return request_from_row(*row) if row else None

    async def requests_of(self, user: str) -> list[Request]:
        return [request_from_row(*row) for row in self.requests.values() if row[1] == user]

    async def audit_of(self, ref: str) -> list[AuditEntry]:
        return [a for a in self.audit if a.ref == ref]

    async def link_message(self, chat: int, message: int, ref: str) -> None:
        self.links[(chat, message)] = ref

    async def linked_request(self, chat: int, message: int) -> str | None:
        return self.links.get((chat, message))

    async def due_outbox(self, now: datetime, limit: int = 50) -> list[OutboxItem]:
        due = [i for i in self.outbox if i.sent_at is None and i.due_at <= now]
        return [copy.deepcopy(i) for i in sorted(due, key=lambda i: (i.due_at, i.id or 0))[:limit]]

    async def pending_outbox(self) -> list[OutboxItem]:
        return [copy.deepcopy(i) for i in self.outbox if i.sent_at is None]

    async def outbox_done(self, item_id: int, at: datetime) -> None:
        item = self._item(item_id)
        item.sent_at, item.payload = at, {}

    async def outbox_retry(self, item_id: int, attempts: int, due_at: datetime, error: str) -> None:
        item = self._item(item_id)
        item.attempts, item.due_at, item.last_error = attempts, due_at, error[:200]

    async def close(self) -> None:
        return None

    def _item(self, item_id: int) -> OutboxItem:
        return next(i for i in self.outbox if i.id == item_id)
