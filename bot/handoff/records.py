"""Requests and outbox items as stored rows (JSON), shared by both storages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.handoff.model import Appointment, Request, Status


@dataclass
class OutboxItem:
    """A message that must be delivered, kept until it was."""

    key: str  # unique: the same delivery is never queued twice
    kind: str
    target: str
    payload: dict[str, Any]
    due_at: datetime
    id: int | None = None
    attempts: int = 0
    sent_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    ref: str
    at: datetime
    actor: str
    action: str
    detail: str = ""


@dataclass
class Appendix:
    """Writes that belong to one request change, committed together."""

    outbox: list[OutboxItem] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)


def request_to_json(request: Request) -> str:
    data = {
        "topic": request.topic,
        "language": request.language,
        "urgent": request.urgent,
        "answers": request.answers,
        "claimed_by": request.claimed_by,
        "claimed_name": request.claimed_name,
        "group_chat": request.group_chat,
        "group_message": request.group_message,
        "thread": request.thread,
        "appointment": _appointment_to_json(request.appointment),
    }
    return json.dumps(data, ensure_ascii=False)


def request_from_row(
    ref: str, user: str, office: str, status: str, data: str, created: str, updated: str
) -> Request:
    raw = json.loads(data)
    return Request(
        ref=ref,
        user=user,
        office=office,
        topic=raw["topic"],
        language=raw["language"],
        urgent=bool(raw["urgent"]),
        answers=dict(raw["answers"]),
        created_at=datetime.fromisoformat(created),
        status=Status(status),
        updated_at=datetime.fromisoformat(updated),
        claimed_by=raw.get("claimed_by"),
        claimed_name=raw.get("claimed_name"),
        appointment=_appointment_from_json(raw.get("appointment")),
        group_chat=raw.get("group_chat"),
        group_message=raw.get("group_message"),
        thread=raw.get("thread"),
    )


def _appointment_to_json(appointment: Appointment | None) -> dict[str, str] | None:
    if appointment is None:
        return None
    return {"starts_at": appointment.starts_at.isoformat(), "place": appointment.place}


def _appointment_from_json(data: dict[str, str] | None) -> Appointment | None:
    if not data:
        return None
    return Appointment(starts_at=datetime.fromisoformat(data["starts_at"]), place=data["place"])
