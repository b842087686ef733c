"""What the person does with their counsellor requests: list, cancel, answer, write.

An open request is the person's conversation with the office: while one is open, typed text that
is no command, no emergency and no answer to the question being asked goes to it.
"""

from __future__ import annotations

from dataclasses import replace

from bot.engine.run import Run
from bot.events import AppointmentAnswered, MediaToCounsellor, RelayToCounsellor, RequestCancelled
from bot.handoff.model import OPEN, Status
from bot.i18n.placeholders import fill
from bot.messages import Choice

CANCEL_PREFIX = "cancel."  # "cancel.<ref>" asks first; the answers below cancel or keep it
CANCEL_YES, CANCEL_NO = "cancel.yes.", "cancel.no."
APPOINTMENT_YES, APPOINTMENT_NO = "appt.yes.", "appt.no."
ADD_PREFIX = "relay.add."
RELAY_END = "relay.end"
NEW_REQUEST = "human.new"
OPEN_STATUSES = frozenset(status.value for status in OPEN)
PROPOSED = Status.PROPOSED.value  # an appointment waits for the person's answer


def status_listing(run: Run) -> tuple[str, tuple[Choice, ...]] | None:
    requests = run.session.requests
    if not requests:
        return None
    rows = [
        f"• {r.ref}: {run.ui('topic_' + r.topic)} — {run.ui('status_' + r.status)}"
        for r in requests
    ]
    answers = tuple(
        Choice(prefix + r.ref, fill(run.ui(label), ref=r.ref))
        for r in requests
        if r.status == PROPOSED
        for prefix, label in (
            (APPOINTMENT_YES, "button_status_appt_yes"),
            (APPOINTMENT_NO, "button_status_appt_no"),
        )
    )
    cancel = tuple(
        Choice(CANCEL_PREFIX + r.ref, fill(run.ui("button_cancel_request"), ref=r.ref))
        for r in requests
        if r.status in OPEN_STATUSES
    )
    return run.ui("status_header") + "\n" + "\n".join(rows), (*answers, *cancel)


def is_appointment_answer(choice_id: str) -> bool:
    return choice_id.startswith((APPOINTMENT_YES, APPOINTMENT_NO))


def appointment_ref(choice_id: str) -> str:
    return choice_id.removeprefix(APPOINTMENT_YES).removeprefix(APPOINTMENT_NO)


def handles(choice_id: str) -> bool:
    return choice_id == RELAY_END or choice_id.startswith(
        (CANCEL_PREFIX, APPOINTMENT_YES, APPOINTMENT_NO, ADD_PREFIX)
    )


def asks_to_cancel(choice_id: str) -> bool:
    """A /status cancel button ("cancel.<ref>"), which asks before it cancels."""
    return choice_id.startswith(CANCEL_PREFIX) and not choice_id.startswith((CANCEL_YES, CANCEL_NO))


def cancel_question(run: Run, choice_id: str) -> tuple[str, tuple[Choice, ...]] | None:
    """ "Really cancel <ref>?" with yes / keep it, for the cancel button `choice_id`; None when
    the request is no longer open."""
    ref = choice_id.removeprefix(CANCEL_PREFIX)
    if not _is_open(run, ref):
        return None
    choices = (
        Choice(CANCEL_YES + ref, fill(run.ui("button_cancel_yes"), ref=ref)),
        Choice(CANCEL_NO + ref, fill(run.ui("button_cancel_no"), ref=ref)),
    )
    return fill(run.ui("cancel_confirm"), ref=ref), choices


def choose(run: Run, choice_id: str) -> str:
    """Apply a request button; returns the interface text that says what just happened."""
    if choice_id == RELAY_END:
        run.session.relay = None
        return ""
    if choice_id.startswith(CANCEL_YES):
        return _cancel(run, choice_id.removeprefix(CANCEL_YES))
    if choice_id.startswith(CANCEL_NO):
        return fill(run.ui("cancel_kept"), ref=choice_id.removeprefix(CANCEL_NO))
    if choice_id.startswith(ADD_PREFIX):
        return _start_adding(run, choice_id.removeprefix(ADD_PREFIX))
    accepted = choice_id.startswith(APPOINTMENT_YES)
    ref = choice_id.removeprefix(APPOINTMENT_YES if accepted else APPOINTMENT_NO)
    if not _is_open(run, ref):
        return run.ui("request_not_open")
    run.emit(AppointmentAnswered(ref, accepted))
    _set_status(run, ref, "confirmed" if accepted else "claimed")
    return run.ui("appointment_confirmed" if accepted else "appointment_declined")


def open_request(run: Run) -> str | None:
    """The request the person talks to: the one a counsellor wrote from, else the newest open."""
    if run.session.relay and _is_open(run, run.session.relay):
        return run.session.relay
    return next((r.ref for r in reversed(run.session.requests) if r.status in OPEN_STATUSES), None)


def relay(run: Run, text: str) -> bool:
    """While a counsellor talks with the person, typed text goes to them (before any button)."""
    ref = run.session.relay
    if ref is None or not _is_open(run, ref):
        run.session.relay = None
        return False
    run.emit(RelayToCounsellor(ref, text))
    run.say(fill(run.ui("relay_sent"), ref=ref), (Choice(RELAY_END, run.ui("button_relay_end")),))
    return True


def add_to_request(run: Run, text: str) -> str | None:
    """Free text goes to the open request; returns the acknowledgement, or None without one."""
    ref = open_request(run)
    if ref is None:
        return None
    run.emit(RelayToCounsellor(ref, text))
    return fill(run.ui("request_message_added"), ref=ref)


def unclaimed(run: Run, ref: str) -> bool:
    """No counsellor has taken request `ref` yet (its status is still "new")."""
    return any(r.ref == ref and r.status == Status.NEW.value for r in run.session.requests)


def tell_request(run: Run, ref: str, text: str) -> None:
    """The person's words go to request `ref` too (if it is still open)."""
    if _is_open(run, ref):
        run.emit(RelayToCounsellor(ref, text))


def tell_open_request(run: Run, text: str, emergency: str | None = None) -> None:
    """An emergency (or a danger check) while a request is open: its counsellor gets the
    person's words too, whatever the person answers next, marked with the emergency's kind
    when it was recognised for certain."""
    ref = open_request(run)
    if ref is not None:
        run.emit(RelayToCounsellor(ref, text, emergency))


def offer_for_open_request(run: Run) -> tuple[str, tuple[Choice, ...]] | None:
    """/human with an open request: add to it, or make a new one about another topic."""
    ref = open_request(run)
    if ref is None:
        return None
    choices = (
        Choice(ADD_PREFIX + ref, fill(run.ui("button_add_to_request"), ref=ref)),
        Choice(NEW_REQUEST, run.ui("button_new_request")),
    )
    return fill(run.ui("human_open_request"), ref=ref), choices


def forward_media(run: Run, kind: str, message_ref: str) -> str | None:
    """Pass media on to the open request (the one talked about, else the newest)."""
    ref = open_request(run)
    if ref is None:
        return None
    run.emit(MediaToCounsellor(ref, kind, message_ref))
    return fill(run.ui("media_forwarded"), ref=ref)


def _start_adding(run: Run, ref: str) -> str:
    if not _is_open(run, ref):
        return run.ui("request_not_open")
    run.session.relay = ref
    return fill(run.ui("request_add_prompt"), ref=ref)


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
