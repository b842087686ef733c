"""What every part of the request life cycle shares: its tools and the outbox items of a change."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.clock import Clock
from bot.content.holder import ContentHolder
from bot.content.model import Content
from bot.deploy import DeployConfig
from bot.handoff import appointments
from bot.handoff.model import Request, Status
from bot.handoff.records import Appendix, OutboxItem
from bot.handoff.store import RequestStore
from bot.i18n.placeholders import fill

REMINDER_UI = "reminder"  # the interface text of the reminder, also how delivery knows one


@dataclass(frozen=True)
class Actor:
    """A counsellor acting in a group, or on the desk (`offices` set: the offices their desk
    account may work for); the name is shown to colleagues only."""

    id: int
    name: str
    offices: frozenset[str] | None = None  # a desk account: its offices
    login: str = ""  # a desk account: its login

    @property
    def audit_name(self) -> str:
        """How the audit trail names the actor: `counsellor:<telegram id>` or `desk:<login>`."""
        return f"desk:{self.login}" if self.offices is not None else f"counsellor:{self.id}"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str  # German, for the counsellor


@dataclass
class Parts:
    """Content, storage, clock and deployment: what each life-cycle part works with."""

    holder: ContentHolder
    store: RequestStore
    clock: Clock
    config: DeployConfig

    @property
    def content(self) -> Content:
        return self.holder.current

    def staff(self, key: str, **params: str) -> str:
        """A German counsellor text with its {placeholders} filled."""
        return fill(self.content.staff_text(key), **params)

    def outcome(self, ok: bool, key: str, **params: str) -> Outcome:
        return Outcome(ok, self.staff(key, **params))

    async def sync_session(
        self, request: Request, *, relay: bool = False, clear_relay: bool = False
    ) -> None:
        """Mirror the request's status into the person's session (for /status)."""
        session = await self.store.load_session(request.user)
        if session is None:
            return
        session.requests = [
            replace(r, status=request.status.value) if r.ref == request.ref else r
            for r in session.requests
        ]
        if relay:
            session.relay = request.ref
        elif clear_relay and session.relay == request.ref:
            session.relay = None
        await self.store.save_session(session)


def group_update(request: Request, now: datetime, note: str | None = None) -> Appendix:
    """Edit the request's group post to its new state, with an optional note below it."""
    items = [
        OutboxItem(
            f"edit:{request.ref}:{now.isoformat()}",
            "group_edit",
            request.office,
            {"ref": request.ref},
            now,
        )
    ]
    if note:
        items.append(group_note(request, now, note))
    return Appendix(outbox=items)


def group_note(request: Request, now: datetime, text: str) -> OutboxItem:
    key = f"note:{request.ref}:{now.isoformat()}:{abs(hash(text)) % 10**8}"
    return OutboxItem(key, "group_note", request.office, {"ref": request.ref, "text": text}, now)


def group_note_parts(request: Request, now: datetime, parts: list[str]) -> OutboxItem:
    """One note sent as several group messages in order (`bot.handoff.long_text`); a retry
    resumes at the first part not yet sent."""
    if len(parts) == 1:
        return group_note(request, now, parts[0])
    item = group_note(request, now, "\n".join(parts))
    item.payload = {"ref": request.ref, "parts": parts}
    return item


def to_person(request: Request, now: datetime, key: str, params: dict[str, str]) -> OutboxItem:
    payload = {"ref": request.ref, "ui": key, "params": params}
    return OutboxItem(
        f"user:{request.ref}:{key}:{now.isoformat()}", "user", request.user, payload, now
    )


def appointment_message(
    request: Request, now: datetime, key: str, *, with_buttons: bool
) -> OutboxItem:
    assert request.appointment is not None
    ref = request.ref
    payload: dict[str, object] = {
        "ref": ref,
        "ui": key,
        "params": {"ref": ref, "place": request.appointment.place},
        "starts_at": request.appointment.starts_at.isoformat(),
    }
    if with_buttons:
        payload["choices"] = [
            [f"appt.yes.{ref}", "button_appt_yes"],
            [f"appt.no.{ref}", "button_appt_no"],
        ]
    return OutboxItem(f"user:{ref}:{key}:{now.isoformat()}", "user", request.user, payload, now)


REMINDER_KEY = "reminder:{ref}:"


def reminder(request: Request, now: datetime) -> list[OutboxItem]:
    """The reminder the day before a confirmed appointment, if there is time for one."""
    assert request.appointment is not None
    due = appointments.reminder_due(request.appointment.starts_at, now)
    if due is None:
        return []
    item = appointment_message(request, now, REMINDER_UI, with_buttons=False)
    # the confirmation time too: the same time confirmed again after a change gets a reminder
    starts = request.appointment.starts_at.isoformat()
    item.key = f"{REMINDER_KEY.format(ref=request.ref)}{starts}:{now.isoformat()}"
    item.due_at = due
    return [item]


async def withdraw_reminders(store: RequestStore, ref: str, now: datetime) -> None:
    """The request's appointment no longer stands (replaced, cancelled, closed, handed over):
    its pending reminder is taken back. Call it inside the unit that saves the change."""
    await store.withdraw_pending(REMINDER_KEY.format(ref=ref), now)


def reminder_stands(request: Request | None, starts_at: str) -> bool:
    """A queued reminder is still true: the request is confirmed for that very time."""
    if request is None or request.status is not Status.CONFIRMED or request.appointment is None:
        return False
    try:
        return request.appointment.starts_at == datetime.fromisoformat(starts_at)
    except ValueError:
        return False
