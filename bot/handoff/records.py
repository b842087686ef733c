"""Requests as stored rows: the storage keeps routing columns and this JSON, nothing more."""

from __future__ import annotations

from datetime import datetime

from bot import compact_json
from bot.handoff.model import Appointment, Request, Status
from bot.storage.records import Appendix, AuditEntry, OutboxItem, RequestRow

__all__ = [
    "Appendix",
    "AuditEntry",
    "OutboxItem",
    "request_from_row",
    "request_to_json",
    "request_to_row",
]


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
        "messages": request.messages,
    }
    return compact_json.dumps(data)


def request_to_row(request: Request) -> RequestRow:
    """The stored form of `request` (routing columns plus JSON data)."""
    return RequestRow(
        ref=request.ref,
        user=request.user,
        office=request.office,
        status=request.status.value,
        data=request_to_json(request),
        created_at=request.created_at,
        updated_at=request.updated_at or request.created_at,
    )


def request_from_row(row: RequestRow) -> Request:
    """The request kept in `row` (raises KeyError/ValueError on a row this code never wrote)."""
    raw = compact_json.loads(row.data)
    return Request(
        ref=row.ref,
        user=row.user,
        office=row.office,
        topic=raw["topic"],
        language=raw["language"],
        urgent=bool(raw["urgent"]),
        answers=dict(raw["answers"]),
        created_at=row.created_at,
        status=Status(row.status),
        updated_at=row.updated_at,
        claimed_by=raw.get("claimed_by"),
        claimed_name=raw.get("claimed_name"),
        appointment=_appointment_from_json(raw.get("appointment")),
        group_chat=raw.get("group_chat"),
        group_message=raw.get("group_message"),
        thread=raw.get("thread"),
        messages=[dict(m) for m in raw.get("messages", [])],
    )


def _appointment_to_json(appointment: Appointment | None) -> dict[str, str] | None:
    if appointment is None:
        return None
    return {"starts_at": appointment.starts_at.isoformat(), "place": appointment.place}


def _appointment_from_json(data: dict[str, str] | None) -> Appointment | None:
    if not data:
        return None
    return Appointment(starts_at=datetime.fromisoformat(data["starts_at"]), place=data["place"])
