"""In-memory storage for unit tests, with the same transaction rules as the SQLite one.

A unit works on a private copy of the tables and swaps it in when it ends without an error;
units run one at a time; reads outside a unit see only the committed tables.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from bot.session import Session
from bot.storage import marks
from bot.storage.base import FINISHED_STATUSES, inbox_cutoff
from bot.storage.records import Appendix, AuditEntry, InboxEntry, OutboxItem, RequestRow

_inside: ContextVar[frozenset[int]] = ContextVar("wegweiser_memory_units", default=frozenset())


@dataclass
class _Tables:
    sessions: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    requests: dict[str, RequestRow] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    outbox: list[OutboxItem] = field(default_factory=list)
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    inbox: dict[tuple[str, str], InboxEntry] = field(default_factory=dict)
    group_moves: dict[int, int] = field(default_factory=dict)
    claims: dict[tuple[str, str], tuple[str, datetime]] = field(default_factory=dict)
    leases: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    next_outbox_id: int = 1


class MemoryStorage:
    """The in-memory twin of `SqliteStorage` (see `bot.storage.base.Storage`)."""

    def __init__(self) -> None:
        self._committed = _Tables()
        self._work: _Tables | None = None
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[None]:
        if id(self) in _inside.get():
            yield
            return
        mark = marks.take()
        async with self._lock:
            self._work = copy.deepcopy(self._committed)
            token = _inside.set(_inside.get() | {id(self)})
            try:
                yield
                if mark is not None:
                    self._mark_processed(self._work, mark)
                self._committed = self._work
            finally:
                _inside.reset(token)
                self._work = None
        if mark is not None:
            mark.consumed = True

    @property
    def _t(self) -> _Tables:
        """Inside a unit its working copy, outside the committed tables."""
        if id(self) in _inside.get() and self._work is not None:
            return self._work
        return self._committed

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[_Tables]:
        async with self.unit():
            assert self._work is not None
            yield self._work

    @staticmethod
    def _mark_processed(tables: _Tables, mark: marks.Mark) -> None:
        key = (mark.channel, mark.update_id)
        now = datetime.now(UTC)
        entry = tables.inbox.get(key) or InboxEntry(mark.channel, mark.update_id, "", now)
        tables.inbox[key] = replace(entry, payload="", processed_at=now)

    # sessions

    async def load_session(self, user: str) -> Session | None:
        found = self._t.sessions.get(user)
        return Session.from_json(found[0]) if found else None

    async def save_session(self, session: Session) -> None:
        async with self._writing() as t:
            t.sessions[session.user] = (session.to_json(), datetime.now(UTC))

    async def delete_user(self, user: str) -> None:
        async with self._writing() as t:
            t.sessions.pop(user, None)
            refs = {ref for ref, row in t.requests.items() if row.user == user}
            t.requests = {ref: row for ref, row in t.requests.items() if ref not in refs}
            t.outbox = [i for i in t.outbox if i.sent_at or i.target != user]
            for item in t.outbox:
                if item.target == user:
                    item.target = ""
            t.links = {k: ref for k, ref in t.links.items() if ref not in refs}

    # requests

    async def reference_taken(self, ref: str) -> bool:
        return ref in self._t.requests

    async def save_request(self, row: RequestRow, appendix: Appendix | None = None) -> None:
        async with self._writing() as t:
            known = t.requests.get(row.ref)
            if known is not None:
                row = RequestRow(
                    row.ref,
                    row.user,
                    row.office,
                    row.status,
                    row.data,
                    known.created_at,
                    row.updated_at,
                )
            t.requests[row.ref] = row
            if appendix:
                t.audit.extend(appendix.audit)
                for item in appendix.outbox:
                    await self.add_outbox(item)

    async def get_request(self, ref: str) -> RequestRow | None:
        return self._t.requests.get(ref)

    async def requests_of(self, user: str) -> list[RequestRow]:
        rows = [row for row in self._t.requests.values() if row.user == user]
        return sorted(rows, key=lambda row: row.created_at)

    async def requests_in(self, offices: Collection[str]) -> list[RequestRow]:
        rows = [row for row in self._t.requests.values() if row.office in offices]
        return sorted(rows, key=lambda row: row.created_at, reverse=True)

    async def audit_of(self, ref: str) -> list[AuditEntry]:
        return [a for a in self._t.audit if a.ref == ref]

    async def link_message(self, chat: int, message: int, ref: str) -> None:
        async with self._writing() as t:
            t.links[(chat, message)] = ref

    async def linked_request(self, chat: int, message: int) -> str | None:
        return self._t.links.get((chat, message))

    # outbox

    async def add_outbox(self, item: OutboxItem) -> int | None:
        async with self._writing() as t:
            if any(known.key == item.key for known in t.outbox):
                return None
            stored = copy.deepcopy(item)
            stored.id, t.next_outbox_id = t.next_outbox_id, t.next_outbox_id + 1
            t.outbox.append(stored)
            return stored.id

    async def due_outbox(self, now: datetime, limit: int = 50) -> list[OutboxItem]:
        due = [i for i in self._t.outbox if i.sent_at is None and i.due_at <= now]
        return [copy.deepcopy(i) for i in sorted(due, key=lambda i: (i.due_at, i.id or 0))[:limit]]

    async def pending_outbox(self) -> list[OutboxItem]:
        pending = [i for i in self._t.outbox if i.sent_at is None]
        return [copy.deepcopy(i) for i in sorted(pending, key=lambda i: (i.due_at, i.id or 0))]

    async def outbox_done(self, item_id: int, at: datetime) -> None:
        async with self._writing() as t:
            for item in _with_id(t.outbox, item_id):
                item.sent_at, item.payload = at, {}

    async def outbox_retry(
        self, item_id: int, attempts: int, due_at: datetime, error: str, progress: int = 0
    ) -> None:
        async with self._writing() as t:
            for item in _with_id(t.outbox, item_id):
                item.attempts, item.due_at, item.last_error = attempts, due_at, error[:200]
                item.progress = progress

    async def outbox_progress(self, item_id: int, progress: int) -> None:
        async with self._writing() as t:
            for item in _with_id(t.outbox, item_id):
                item.progress = progress

    # inbox

    async def inbox_add(self, entry: InboxEntry) -> bool:
        async with self._writing() as t:
            key = (entry.channel, entry.update_id)
            if key in t.inbox:
                return False
            t.inbox[key] = entry
            return True

    async def inbox_done(self, channel: str, update_id: str, at: datetime) -> None:
        async with self._writing() as t:
            entry = t.inbox.get((channel, update_id))
            if entry is not None:
                t.inbox[(channel, update_id)] = replace(entry, payload="", processed_at=at)

    async def inbox_claim(
        self, channel: str, worker: str, lease: timedelta, limit: int = 1
    ) -> list[InboxEntry]:
        now = datetime.now(UTC)
        claimed: list[InboxEntry] = []
        heads: set[str] = set()
        async with self._writing() as t:
            for key, entry in t.inbox.items():
                if entry.channel != channel or entry.processed_at is not None:
                    continue
                if entry.chat and entry.chat in heads:
                    continue  # a later update of a chat whose oldest is still open
                heads.add(entry.chat)
                if key in t.claims and t.claims[key][1] > now:
                    continue  # under a live lease
                if len(claimed) < limit:
                    t.claims[key] = (worker, now + lease)
                    claimed.append(entry)
        return claimed

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        """One process: its own locks suffice."""
        yield

    async def claim_lease(self, name: str, holder: str, duration: timedelta) -> bool:
        now = datetime.now(UTC)
        async with self._writing() as t:
            current = t.leases.get(name)
            if current is not None and current[0] != holder and current[1] >= now:
                return False
            t.leases[name] = (holder, now + duration)
            return True

    async def inbox_pending(self, channel: str, limit: int = 1000) -> list[InboxEntry]:
        pending = [
            e for e in self._t.inbox.values() if e.channel == channel and e.processed_at is None
        ]
        return pending[:limit]

    # counsellor groups

    async def add_group_move(self, old: int, new: int, at: datetime) -> None:
        async with self._writing() as t:
            t.group_moves[old] = new

    async def group_moves(self) -> dict[int, int]:
        return dict(self._t.group_moves)

    # upkeep

    async def purge(
        self, before: datetime, finished: Collection[str] = FINISHED_STATUSES
    ) -> dict[str, int]:
        async with self._writing() as t:
            open_users = {r.user for r in t.requests.values() if r.status not in finished}
            idle = [u for u, (_, at) in t.sessions.items() if at < before and u not in open_users]
            for user in idle:
                del t.sessions[user]
            old = {
                ref
                for ref, r in t.requests.items()
                if r.status in finished and r.updated_at < before
            }
            t.requests = {ref: r for ref, r in t.requests.items() if ref not in old}
            t.links = {k: ref for k, ref in t.links.items() if ref not in old}
            kept = [i for i in t.outbox if not (i.sent_at is not None and i.sent_at < before)]
            removed_outbox, t.outbox = len(t.outbox) - len(kept), kept
            inbox_before = inbox_cutoff(before, datetime.now(UTC))
            processed = [
                k
                for k, e in t.inbox.items()
                if e.processed_at is not None and e.processed_at < inbox_before
            ]
            for key in processed:
                del t.inbox[key]
        return {
            "sessions": len(idle),
            "requests": len(old),
            "outbox": removed_outbox,
            "inbox": len(processed),
        }

    async def close(self) -> None:
        return None


def _with_id(outbox: list[OutboxItem], item_id: int) -> list[OutboxItem]:
    """The outbox item with id `item_id` (none if it is gone), to change in place."""
    return [item for item in outbox if item.id == item_id]
