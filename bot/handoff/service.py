"""Requests from the person to the counsellors and back: the host side of the handoff."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar

from bot.clock import Clock
from bot.content.holder import ContentHolder
from bot.content.model import Content
from bot.deploy import DeployConfig
from bot.engine import Turn
from bot.events import (
    AppointmentAnswered,
    Event,
    HandoffRequested,
    MediaToCounsellor,
    RelayToCounsellor,
    RequestCancelled,
)
from bot.handoff import appointments, group
from bot.handoff.delivery import Deliverer, DeliveryError, Posted
from bot.handoff.model import Appointment, Request, TransitionError
from bot.handoff.person import counsellor_text_reply, person_reply
from bot.handoff.records import Appendix, AuditEntry, OutboxItem
from bot.handoff.reference import unused_reference
from bot.handoff.routing import route
from bot.handoff.store import RequestStore
from bot.i18n.placeholders import fill
from bot.messages import Reply
from bot.privacy import pseudonym
from bot.session import RequestRef

log = logging.getLogger(__name__)


Method = TypeVar("Method", bound=Callable[..., Awaitable["Outcome"]])


def _for_person(method: Method) -> Method:
    """Run a counsellor action on request `ref` inside the person's serialisation, so that it
    never overwrites (or is overwritten by) a turn of the person running at the same time."""

    @functools.wraps(method)
    async def serialised(self: HandoffService, ref: str, *args: Any, **kwargs: Any) -> Outcome:
        request = await self.store.get_request(ref)
        if request is None:
            return await method(self, ref, *args, **kwargs)
        async with self.store.serialised(request.user):
            return await method(self, ref, *args, **kwargs)

    return serialised  # type: ignore[return-value]


@dataclass(frozen=True)
class Actor:
    """A counsellor acting in a group; the name is shown to colleagues only."""

    id: int
    name: str


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str  # German, for the counsellor


class HandoffService:
    def __init__(
        self, content: ContentHolder, store: RequestStore, clock: Clock, config: DeployConfig
    ) -> None:
        self.holder = content
        self.store = store
        self.clock = clock
        self.config = config

    @property
    def content(self) -> Content:
        return self.holder.current

    # events from the person's conversation

    async def on_event(self, turn: Turn, event: Event) -> list[Reply]:
        if isinstance(event, HandoffRequested):
            return await self._create(turn, event)
        if isinstance(event, RequestCancelled):
            await self._person_changed(event.ref, "cancel", "person_cancelled")
        elif isinstance(event, AppointmentAnswered):
            await self._appointment_answered(event)
        elif isinstance(event, RelayToCounsellor):
            await self._person_wrote(event)
        elif isinstance(event, MediaToCounsellor):
            await self._person_sent_media(event)
        return []

    async def _create(self, turn: Turn, event: HandoffRequested) -> list[Reply]:
        office = route(self.content.offices, event.answers.get("place"), event.topic)
        if office is None:
            log.info(
                "request of %s outside the served area: not sent to an office",
                pseudonym(turn.session.user),
            )
            return []
        now = self.clock.now()
        request = Request(
            ref=await self._new_ref(),
            user=turn.session.user,
            office=office.id,
            topic=event.topic,
            language=event.language,
            urgent=event.urgent,
            answers=dict(event.answers),
            created_at=now,
        )
        appendix = Appendix(
            outbox=[
                OutboxItem(
                    f"post:{request.ref}", "group_post", office.id, {"ref": request.ref}, now
                )
            ],
            audit=[AuditEntry(request.ref, now, "person", "created", office.id)],
        )
        await self.store.save_request(request, appendix)
        turn.session.requests.append(RequestRef(request.ref, request.topic, request.status.value))
        return [
            person_reply(
                self.content, turn.session.language, "request_created", {"ref": request.ref}
            )
        ]

    async def _person_changed(self, ref: str, action: str, note_key: str) -> None:
        request = await self.store.get_request(ref)
        if request is None:
            return
        now = self.clock.now()
        try:
            request.apply(action, now)
        except TransitionError:
            return
        appendix = self._group_update(
            request, now, note=fill(self.content.staff_text(note_key), ref=ref)
        )
        appendix.audit.append(AuditEntry(ref, now, "person", action))
        await self.store.save_request(request, appendix)

    async def _appointment_answered(self, event: AppointmentAnswered) -> None:
        request = await self.store.get_request(event.ref)
        if request is None or request.appointment is None:
            return
        now = self.clock.now()
        try:
            request.apply("confirm" if event.accepted else "decline", now)
        except TransitionError:
            return
        note = "person_confirmed" if event.accepted else "person_declined"
        appendix = self._group_update(
            request, now, note=fill(self.content.staff_text(note), ref=request.ref)
        )
        appendix.audit.append(AuditEntry(request.ref, now, "person", note))
        if event.accepted:
            appendix.outbox += self._reminder(request, now)
        await self.store.save_request(request, appendix)

    async def _person_wrote(self, event: RelayToCounsellor) -> None:
        request = await self.store.get_request(event.ref)
        if request is None or not request.is_open:
            return
        now = self.clock.now()
        note = f"{fill(self.content.staff_text('person_wrote'), ref=request.ref)}\n{event.text}"
        appendix = Appendix(
            outbox=[self._note(request, now, note)],
            audit=[AuditEntry(request.ref, now, "person", "message")],
        )
        await self.store.save_request(request, appendix)

    async def _person_sent_media(self, event: MediaToCounsellor) -> None:
        request = await self.store.get_request(event.ref)
        if request is None or not request.is_open:
            return
        now = self.clock.now()
        header = fill(self.content.staff_text("person_sent_media"), ref=request.ref)
        copy = OutboxItem(
            f"copy:{request.ref}:{event.message_ref}",
            "group_copy",
            request.office,
            {"ref": request.ref, "message_ref": event.message_ref},
            now,
        )
        appendix = Appendix(
            outbox=[self._note(request, now, header), copy],
            audit=[AuditEntry(request.ref, now, "person", "media", event.kind)],
        )
        await self.store.save_request(request, appendix)

    # counsellor actions

    async def check(self, ref: str, actor: Actor) -> Outcome:
        """May `actor` work on this open request? (before asking them for a text)"""
        request, refusal = await self._checked(ref, actor)
        if request is None:
            return refusal
        if not request.is_open:
            return Outcome(False, self.content.staff_text("not_possible"))
        return Outcome(True, "")

    def may_act(self, request: Request, actor: Actor) -> bool:
        return actor.id in self.config.office(request.office).counsellors

    @_for_person
    async def act(self, ref: str, action: str, actor: Actor) -> Outcome:
        """Claim or close (propose and ask need text: see propose() and relay_to_person())."""
        request, refusal = await self._checked(ref, actor)
        if request is None:
            return refusal
        now = self.clock.now()
        try:
            request.apply(action, now)
        except (TransitionError, KeyError):
            return Outcome(False, self.content.staff_text("not_possible"))
        if action == "claim":
            request.claimed_by, request.claimed_name = actor.id, actor.name
        appendix = self._group_update(request, now)
        appendix.audit.append(AuditEntry(ref, now, f"counsellor:{actor.id}", action))
        key = "request_claimed" if action == "claim" else "request_closed"
        appendix.outbox.append(self._to_person(request, now, key, {"ref": ref}))
        async with self.store.unit():
            await self.store.save_request(request, appendix)
            await self._sync_session(request, clear_relay=action == "close")
        return Outcome(True, self.content.staff_text("done"))

    @_for_person
    async def propose(self, ref: str, actor: Actor, text: str) -> Outcome:
        request, refusal = await self._checked(ref, actor)
        if request is None:
            return refusal
        parsed = appointments.parse_appointment(text, self.config.timezone)
        if parsed is None:
            return Outcome(False, self.content.staff_text("bad_appointment"))
        starts, place = parsed
        now = self.clock.now()
        if starts <= now:
            return Outcome(False, self.content.staff_text("appointment_past"))
        try:
            request.apply("propose", now)
        except TransitionError:
            return Outcome(False, self.content.staff_text("not_possible"))
        request.appointment = Appointment(
            starts, place or self.content.offices[request.office].name
        )
        appendix = self._group_update(request, now)
        appendix.audit.append(
            AuditEntry(ref, now, f"counsellor:{actor.id}", "propose", starts.isoformat())
        )
        appendix.outbox.append(
            self._appointment_message(request, now, "appointment_proposed", with_buttons=True)
        )
        async with self.store.unit():
            await self.store.save_request(request, appendix)
            await self._sync_session(request)
        return Outcome(True, self.content.staff_text("done"))

    @_for_person
    async def relay_to_person(self, ref: str, actor: Actor, text: str) -> Outcome:
        request, refusal = await self._checked(ref, actor)
        if request is None:
            return refusal
        if not request.is_open:
            return Outcome(False, self.content.staff_text("not_possible"))
        now = self.clock.now()
        item = OutboxItem(
            f"relay:{ref}:{now.isoformat()}:{actor.id}",
            "user",
            request.user,
            {"ref": ref, "counsellor_text": text},
            now,
        )
        appendix = Appendix(
            outbox=[item], audit=[AuditEntry(ref, now, f"counsellor:{actor.id}", "message")]
        )
        async with self.store.unit():
            await self.store.save_request(request, appendix)
            await self._sync_session(request, relay=True)
        return Outcome(True, self.content.staff_text("relayed"))

    # outbox delivery

    async def deliver(self, item: OutboxItem, deliverer: Deliverer) -> None:
        if item.kind == "user":
            await self._deliver_to_person(item, deliverer)
            return
        request = await self.store.get_request(str(item.payload["ref"]))
        if request is None:
            return  # deleted on the person's wish: nothing more goes out
        if item.kind == "group_post":
            await self._post(request, deliverer)
            return
        posted = _posted(request)
        if posted is None:
            raise DeliveryError("the request is not posted in its group yet")
        if item.kind == "group_edit":
            await deliverer.edit_group(
                posted,
                group.group_text(self.content, request),
                group.group_buttons(self.content, request),
            )
        elif item.kind == "group_note":
            message = await deliverer.note_group(posted, str(item.payload["text"]))
            if message is not None:
                await self.store.link_message(posted.chat, message, request.ref)
        elif item.kind == "group_copy":
            message = await deliverer.copy_to_group(posted, str(item.payload["message_ref"]))
            if message is not None:
                await self.store.link_message(posted.chat, message, request.ref)

    async def _post(self, request: Request, deliverer: Deliverer) -> None:
        if request.group_message is not None:
            return  # already posted before a restart: never twice
        posted = await deliverer.post_group(
            request.office,
            group.group_text(self.content, request),
            group.group_buttons(self.content, request),
            group.topic_title(self.content, request),
        )
        async with self.store.serialised(request.user), self.store.unit():
            current = await self.store.get_request(request.ref)
            if current is None:
                return  # deleted while it was being posted
            current.group_chat, current.group_message, current.thread = (
                posted.chat,
                posted.message,
                posted.thread,
            )
            await self.store.save_request(current)
            await self.store.link_message(posted.chat, posted.message, request.ref)
            if posted.thread is not None:  # a forum topic: every message in it belongs here
                await self.store.link_message(posted.chat, posted.thread, request.ref)

    async def _deliver_to_person(self, item: OutboxItem, deliverer: Deliverer) -> None:
        session = await self.store.load_session(item.target)
        if session is None:
            return  # the person deleted their data
        payload = item.payload
        language = session.language
        if "counsellor_text" in payload:
            reply = counsellor_text_reply(
                self.content, language, str(payload["ref"]), str(payload["counsellor_text"])
            )
        else:
            params = dict(payload.get("params", {}))
            if "starts_at" in payload:
                starts = datetime.fromisoformat(str(payload["starts_at"]))
                params |= {
                    "date": appointments.shown_date(starts, language),
                    "time": appointments.shown_time(starts, language),
                }
            choices = [tuple(c) for c in payload.get("choices", [])]
            reply = person_reply(self.content, language, str(payload["ui"]), params, choices)  # type: ignore[arg-type]
        await deliverer.to_user(item.target, [reply])

    # helpers

    async def _checked(self, ref: str, actor: Actor) -> tuple[Request | None, Outcome]:
        request = await self.store.get_request(ref)
        if request is None:
            return None, Outcome(False, self.content.staff_text("unknown_request"))
        if not self.may_act(request, actor):
            return None, Outcome(False, self.content.staff_text("not_allowed"))
        return request, Outcome(True, "")

    async def _new_ref(self) -> str:
        return await unused_reference(self.store.reference_taken)

    async def _sync_session(
        self, request: Request, *, relay: bool = False, clear_relay: bool = False
    ) -> None:
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

    def _group_update(self, request: Request, now: datetime, note: str | None = None) -> Appendix:
        stamp = now.isoformat()
        items = [
            OutboxItem(
                f"edit:{request.ref}:{stamp}",
                "group_edit",
                request.office,
                {"ref": request.ref},
                now,
            )
        ]
        if note:
            items.append(self._note(request, now, note))
        return Appendix(outbox=items)

    def _note(self, request: Request, now: datetime, text: str) -> OutboxItem:
        key = f"note:{request.ref}:{now.isoformat()}:{abs(hash(text)) % 10**8}"
        return OutboxItem(
            key, "group_note", request.office, {"ref": request.ref, "text": text}, now
        )

    def _to_person(
        self, request: Request, now: datetime, key: str, params: dict[str, str]
    ) -> OutboxItem:
        payload = {"ref": request.ref, "ui": key, "params": params}
        return OutboxItem(
            f"user:{request.ref}:{key}:{now.isoformat()}", "user", request.user, payload, now
        )

    def _appointment_message(
        self, request: Request, now: datetime, key: str, *, with_buttons: bool
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

    def _reminder(self, request: Request, now: datetime) -> list[OutboxItem]:
        assert request.appointment is not None
        due = appointments.reminder_due(request.appointment.starts_at, now)
        if due is None:
            return []
        item = self._appointment_message(request, now, "reminder", with_buttons=False)
        item.key = f"reminder:{request.ref}:{request.appointment.starts_at.isoformat()}"
        item.due_at = due
        return [item]


def _posted(request: Request) -> Posted | None:
    if request.group_chat is None or request.group_message is None:
        return None
    return Posted(request.group_chat, request.group_message, request.thread)
