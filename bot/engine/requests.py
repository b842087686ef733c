"""What the person does with their counsellor requests: list, cancel, answer, write."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.run import Run
from bot.events import AppointmentAnswered, MediaToCounsellor, RelayToCounsellor, RequestCancelled
from bot.handoff.model import OPEN
from bot.i18n.placeholders import fill
from bot.messages import Choice

CANCEL_PREFIX = "cancel."
APPOINTMENT_YES, APPOINTMENT_NO = "appt.yes.", "appt.no."
RELAY_END = "relay.end"
OPEN_STATUSES = frozenset(status.value for status in OPEN)


def status_listing(run: Run) -> tuple[str, tuple[Choice, ...]] | None:
    requests = run.session.requests
    if not requests:
        return None
    rows = [
        f"• {r.ref}: {run.ui('topic_' + r.topic)} — {run.ui('status_' + r.status)}"
        for r in requests
    ]
    cancel = tuple(
        Choice(CANCEL_PREFIX + r.ref, fill(run.ui("button_cancel_request"), ref=r.ref))
        for r in requests
        if r.status in OPEN_STATUSES
    )
    return run.ui("status_header") + "\n" + "\n".join(rows), cancel


def handles(choice_id: str) -> bool:
    return choice_id == RELAY_END or choice_id.startswith(
        (CANCEL_PREFIX, APPOINTMENT_YES, APPOINTMENT_NO)
    )


def choose(run: Run, choice_id: str) -> str:
    """Apply a request button; returns the interface text to show before the current question."""
    if choice_id == RELAY_END:
        run.session.relay = None
        return ""
    if choice_id.startswith(CANCEL_PREFIX):
        return _cancel(run, choice_id.removeprefix(CANCEL_PREFIX))
    accepted = choice_id.startswith(APPOINTMENT_YES)
    ref = choice_id.removeprefix(APPOINTMENT_YES if accepted else APPOINTMENT_NO)
    if not _is_open(run, ref):
        return run.ui("request_not_open")
    run.emit(AppointmentAnswered(ref, accepted))
    _set_status(run, ref, "confirmed" if accepted else "claimed")
    return run.ui("appointment_confirmed" if accepted else "appointment_declined")


def relay(run: Run, text: str) -> bool:
    """While a counsellor talks with the person, typed text goes to them."""
    ref = run.session.relay
    if ref is None or not _is_open(run, ref):
        run.session.relay = None
        return False
    run.emit(RelayToCounsellor(ref, text))
    run.say(run.ui("relay_sent"), (Choice(RELAY_END, run.ui("button_relay_end")),))
    return True


def forward_media(run: Run, kind: str, message_ref: str) -> str | None:
    """Pass media on to the counsellor talking with the person, else of the newest open request."""
    ref = run.session.relay or next(
        (r.ref for r in reversed(run.session.requests) if r.status in OPEN_STATUSES), None
    )
    if ref is None or not _is_open(run, ref):
        return None
    run.emit(MediaToCounsellor(ref, kind, message_ref))
    return fill(run.ui("media_forwarded"), ref=ref)


def _cancel(run: Run, ref: str) -> str:
    if not _is_open(run, ref):
        return run.ui("request_not_open")
    run.emit(RequestCancelled(ref))
    _set_status(run, ref, "cancelled")
    if run.session.relay == ref:
        run.session.relay = None
    return fill(run.ui("request_cancelled"), ref=ref)


def _is_open(run: Run, ref: str) -> bool:
    return any(r.ref == ref and r.status in OPEN_STATUSES for r in run.session.requests)


def _set_status(run: Run, ref: str, status: str) -> None:
    run.session.requests = [
        replace(r, status=status) if r.ref == ref else r for r in run.session.requests
    ]
