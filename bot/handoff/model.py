"""A request to a counsellor and its life cycle."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    NEW = "new"
    CLAIMED = "claimed"
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    DELETED = "deleted"  # the person deleted their data: a tombstone without personal data


OPEN = frozenset({Status.NEW, Status.CLAIMED, Status.PROPOSED, Status.CONFIRMED})

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[Status], Status]] = {
    "claim": (frozenset({Status.NEW}), Status.CLAIMED),
    "propose": (frozenset({Status.CLAIMED, Status.PROPOSED, Status.CONFIRMED}), Status.PROPOSED),
    "confirm": (frozenset({Status.PROPOSED}), Status.CONFIRMED),
    "decline": (frozenset({Status.PROPOSED}), Status.CLAIMED),
    "close": (OPEN, Status.CLOSED),
    "cancel": (OPEN, Status.CANCELLED),
}


class TransitionError(ValueError):
    """The action does not fit the request's current status."""


@dataclass(frozen=True)
class Appointment:
    starts_at: datetime  # timezone-aware
    place: str


@dataclass
class Request:
    ref: str
    user: str
    office: str
    topic: str
    language: str
    urgent: bool
    answers: dict[str, str]
    created_at: datetime
    status: Status = Status.NEW
    updated_at: datetime | None = None
    claimed_by: int | None = None
    claimed_name: str | None = None
    appointment: Appointment | None = None
    group_chat: int | None = None
    group_message: int | None = None
    thread: int | None = None
    history: list[str] = field(default_factory=list)
    # What the person and the counsellors wrote to each other, for the desk:
    # {"at": ISO time, "by": "person" | "counsellor", "text": ...} (encrypted at rest).
    messages: list[dict[str, str]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def apply(self, action: str, at: datetime) -> Status:
        sources, target = TRANSITIONS[action]
        if self.status not in sources:
            raise TransitionError(f"{action} not possible in status {self.status}")
        self.status = target
        self.updated_at = at
        return target
