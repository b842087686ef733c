"""The storage's own record types: rows as they are kept, independent of any feature."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class RequestRow:
    """A counsellor request as stored: routing columns plus the feature's JSON `data`.

    `status` is the feature's own word (for example `new`, `closed`); the storage only compares
    it with the statuses it is told are finished (see `Storage.purge`).
    """

    ref: str
    user: str
    office: str
    status: str
    data: str
    created_at: datetime
    updated_at: datetime


@dataclass
class OutboxItem:
    """A message that must be delivered, kept until it was.

    `key` is unique: the same delivery is never queued twice. `kind` says what it is (`reply`,
    `user`, `group_post`, …), `target` whom it goes to (a user reference or an office id).
    `payload` is JSON-serialisable; `progress` counts the parts of a multi-part message already
    sent, so a retry resumes at the first unsent part.
    """

    key: str
    kind: str
    target: str
    payload: dict[str, Any]
    due_at: datetime
    id: int | None = None
    attempts: int = 0
    sent_at: datetime | None = None
    last_error: str | None = None
    progress: int = 0


@dataclass(frozen=True)
class AuditEntry:
    """Who did what to a request, when. `actor` is `person`, `counsellor:<id>` or `system`."""

    ref: str
    at: datetime
    actor: str
    action: str
    detail: str = ""


@dataclass
class Appendix:
    """Writes that belong to one request change, committed together with it."""

    outbox: list[OutboxItem] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)


@dataclass(frozen=True)
class InboxEntry:
    """An update received from a messenger and stored before it was acknowledged.

    `channel` and `update_id` identify it (a redelivery has the same pair); `payload` is the raw
    update (emptied once processed); `processed_at` is set in the same transaction as the turn
    that handled it. `chat` is the conversation it belongs to: updates of one chat are handled
    in order, one at a time, across workers (empty: no order with any other update).
    """

    channel: str
    update_id: str
    payload: str
    received_at: datetime
    processed_at: datetime | None = None
    chat: str = ""
