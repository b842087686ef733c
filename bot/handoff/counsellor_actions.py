"""What counsellors do with a request: claim, close, propose an appointment, write, correct.

Who may act: the counsellors listed for the request's office. A reference of another office
gets the same answer as an unknown one, so no group can test which references exist; a
request the person deleted answers "the person deleted their data".
"""

from __future__ import annotations

from datetime import datetime

from bot.deploy import OfficeChannel
from bot.handoff import appointments
from bot.handoff.changes import (
    Actor,
    Outcome,
    Parts,
    appointment_message,
    group_update,
    to_person,
    withdraw_reminders,
)
from bot.handoff.model import Appointment, Request, Status, TransitionError
from bot.handoff.records import Appendix, AuditEntry, OutboxItem


class CounsellorActions:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    def may_act(self, request: Request, actor: Actor) -> bool:
        if actor.offices is not None:  # a desk account: its offices only
            return request.office in actor.offices
        return _allowed(self.parts.config.office(request.office), actor)

    def is_counsellor(self, actor: Actor) -> bool:
        if actor.offices is not None:
            return bool(actor.offices)
        return any(_allowed(o, actor) for o in self.parts.config.offices.values())

    async def check(self, ref: str, actor: Actor) -> Outcome:
        """May `actor` work on this open request? (before asking them for a text)"""
        request, refusal = await self.checked(ref, actor)
        if request is None:
            return refusal
        if not request.is_open:
            return self.parts.outcome(False, "not_possible")
        return Outcome(True, "")

    async def act(self, ref: str, action: str, actor: Actor) -> Outcome:
        """Claim or close (propose and ask need text: see propose() and relay_to_person())."""
        request, refusal = await self.checked(ref, actor)
        if request is None:
            return refusal
        now = self.parts.clock.now()
        if action not in ("claim", "close"):
            return self.parts.outcome(False, "not_possible")
        try:
            request.apply(action, now)
        except TransitionError:
            return self.parts.outcome(False, "not_possible")
        if action == "claim":
            request.claimed_by, request.claimed_name = actor.id, actor.name
        appendix = group_update(request, now)
        appendix.audit.append(AuditEntry(ref, now, actor.audit_name, action))
        key = "request_claimed" if action == "claim" else "request_closed"
        appendix.outbox.append(to_person(request, now, key, {"ref": ref}))
        async with self.parts.store.unit():
            await self.parts.store.save_request(request, appendix)
            if action == "close" and request.appointment is not None:
                await withdraw_reminders(self.parts.store, ref, now)
            await self.parts.sync_session(request, clear_relay=action == "close")
        return self.parts.outcome(True, "done")

    async def propose(self, ref: str, actor: Actor, text: str) -> Outcome:
        request, refusal = await self.checked(ref, actor)
        if request is None:
            return refusal
        now = self.parts.clock.now()
        parsed = appointments.parse_appointment(text, self.parts.config.timezone, now)
        if parsed is None:
            return self.parts.outcome(False, "bad_appointment", example=self.example())
        starts, place = parsed
        if starts <= now:
            earlier_day = starts.date() < now.astimezone(starts.tzinfo).date()
            if earlier_day and appointments.without_year(text):  # ask for the year, never guess
                return self.parts.outcome(
                    False, "appointment_past_year", example=appointments.next_year(starts)
                )
            return self.parts.outcome(False, "appointment_past")
        try:
            request.apply("propose", now)
        except TransitionError:
            return self.parts.outcome(False, "not_possible")
        office_name = self.parts.content.offices[request.office].name
        replaced = request.appointment is not None
        request.appointment = Appointment(starts, place or office_name)
        appendix = group_update(request, now)
        appendix.audit.append(AuditEntry(ref, now, actor.audit_name, "propose", starts.isoformat()))
        appendix.outbox.append(
            appointment_message(request, now, "appointment_proposed", with_buttons=True)
        )
        async with self.parts.store.unit():
            await self.parts.store.save_request(request, appendix)
            if replaced:  # the earlier appointment no longer stands: no reminder of it
                await withdraw_reminders(self.parts.store, ref, now)
            await self.parts.sync_session(request)
        return self.parts.outcome(True, "done")

    async def relay_to_person(self, ref: str, actor: Actor, text: str) -> Outcome:
        return await self._to_person(ref, actor, text, correction=False)

    async def correct(self, ref: str, actor: Actor, text: str) -> Outcome:
        """A counsellor edited a message the person already got: send it as a correction."""
        return await self._to_person(ref, actor, text, correction=True)

    async def read(self, ref: str, actor: Actor) -> Request | None:
        """The request for the desk, with the read written to its audit trail (who, when);
        None when unknown or not the actor's office (the same answer, see the module doc)."""
        request, _ = await self.checked(ref, actor)
        if request is None:
            return None
        now = self.parts.clock.now()
        appendix = Appendix(audit=[AuditEntry(ref, now, actor.audit_name, "read")])
        async with self.parts.store.unit():
            await self.parts.store.save_request(request, appendix)
        return request

    async def hand_over(self, ref: str, actor: Actor, office: str) -> Outcome:
        """Give an open request to another office: it is posted to that office's group and
        leaves the desk of the actor's office."""
        request, refusal = await self.checked(ref, actor)
        if request is None:
            return refusal
        if not request.is_open or office == request.office:
            return self.parts.outcome(False, "not_possible")
        if office not in self.parts.content.offices:
            return self.parts.outcome(False, "unknown_office")
        now = self.parts.clock.now()
        previous = request.office
        left = _left_post(request, office, self.parts.content.offices[office].name, now)
        request.office, request.updated_at = office, now
        request.group_chat = request.group_message = request.thread = None
        if request.status is not Status.NEW:
            request.status, request.claimed_by, request.claimed_name = Status.NEW, None, None
        post = OutboxItem(
            f"post:{ref}:{office}:{now.isoformat()}", "group_post", office, {"ref": ref}, now
        )
        appendix = Appendix(
            outbox=[*left, post],
            audit=[AuditEntry(ref, now, actor.audit_name, "hand_over", f"{previous}->{office}")],
        )
        async with self.parts.store.unit():
            await self.parts.store.save_request(request, appendix)
            if request.appointment is not None:  # the old office's appointment: no reminder
                await withdraw_reminders(self.parts.store, ref, now)
            await self.parts.sync_session(request)
        return self.parts.outcome(True, "handed_over")

    def example(self) -> str:
        """An appointment example one week ahead, so the prompt never shows a past date."""
        return appointments.example(self.parts.clock.now(), self.parts.config.timezone)

    async def checked(self, ref: str, actor: Actor) -> tuple[Request | None, Outcome]:
        if not self.is_counsellor(actor):
            return None, self.parts.outcome(False, "not_allowed")
        request = await self.parts.store.get_request(ref)
        if request is None or not self.may_act(request, actor):
            return None, self.parts.outcome(False, "unknown_request")
        if request.status is Status.DELETED:
            return None, self.parts.outcome(False, "person_deleted")
        return request, Outcome(True, "")

    async def _to_person(self, ref: str, actor: Actor, text: str, *, correction: bool) -> Outcome:
        request, refusal = await self.checked(ref, actor)
        if request is None:
            return refusal
        if not request.is_open:
            return self.parts.outcome(False, "not_possible")
        now = self.parts.clock.now()
        kind = "correction" if correction else "relay"
        payload: dict[str, object] = {"ref": ref, "counsellor_text": text}
        if correction:
            payload["correction"] = True
        item = OutboxItem(
            f"{kind}:{ref}:{now.isoformat()}:{actor.id}", "user", request.user, payload, now
        )
        request.messages.append({"at": now.isoformat(), "by": "counsellor", "text": text})
        appendix = Appendix(outbox=[item], audit=[AuditEntry(ref, now, actor.audit_name, kind)])
        async with self.parts.store.unit():
            await self.parts.store.save_request(request, appendix)
            await self.parts.sync_session(request, relay=True)
        return self.parts.outcome(True, "person_correction" if correction else "relayed")


def _left_post(request: Request, office: str, office_name: str, now: datetime) -> list[OutboxItem]:
    """The old group's post is edited to say where the request went (it carries where it
    stands, since the request itself now points at the new office's group)."""
    if request.group_chat is None or request.group_message is None:
        return []
    payload: dict[str, object] = {
        "ref": request.ref,
        "chat": request.group_chat,
        "message": request.group_message,
        "thread": request.thread,
        "office": office_name,
    }
    key = f"handed:{request.ref}:{office}:{now.isoformat()}"
    return [OutboxItem(key, "group_handed_over", request.office, payload, now)]


def _allowed(office: OfficeChannel, actor: Actor) -> bool:
    """A listed counsellor, or the group itself (an anonymous admin) where the config allows it."""
    if actor.id in office.counsellors:
        return True
    return office.anonymous_admins and actor.id == office.telegram_group
