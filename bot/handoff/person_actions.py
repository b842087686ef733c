"""What the person does to their requests: cancel, answer an appointment, write, send media,
ask what is stored, delete everything."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from bot.content.model import RTL_LANGUAGES
from bot.engine.answers import answer_index, describe_answers
from bot.engine.run import Run
from bot.events import AppointmentAnswered, MediaToCounsellor, RelayToCounsellor
from bot.handoff import appointments
from bot.handoff.changes import (
    Parts,
    group_note,
    group_note_parts,
    group_update,
    reminder,
    withdraw_reminders,
)
from bot.handoff.group import minimal_note
from bot.handoff.inert import FSI, PDI
from bot.handoff.long_text import in_parts, units
from bot.handoff.model import Request, Status, TransitionError
from bot.handoff.records import Appendix, AuditEntry, OutboxItem
from bot.handoff.summary import emergency_name
from bot.i18n.placeholders import fill
from bot.messages import Reply
from bot.session import Session

OWN_WORDS = "own_words"
# /mydata replies stay well under a message's 4,096 units, so a phone shows them in readable
# pieces: one reply per request, more when a request's messages are long.
MYDATA_REPLY_LIMIT = 3500


class PersonActions:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    async def cancelled(self, ref: str) -> None:
        request = await self.parts.store.get_request(ref)
        if request is None:
            return
        now = self.parts.clock.now()
        try:
            request.apply("cancel", now)
        except TransitionError:
            return
        appendix = group_update(request, now, note=self.parts.staff("person_cancelled", ref=ref))
        appendix.audit.append(AuditEntry(ref, now, "person", "cancel"))
        await self.parts.store.save_request(request, appendix)
        if request.appointment is not None:  # in the turn's unit, with the cancellation
            await withdraw_reminders(self.parts.store, ref, now)

    async def appointment_answered(self, event: AppointmentAnswered) -> None:
        request = await self.parts.store.get_request(event.ref)
        if request is None or request.appointment is None:
            return
        now = self.parts.clock.now()
        try:
            request.apply("confirm" if event.accepted else "decline", now)
        except TransitionError:
            return
        note = "person_confirmed" if event.accepted else "person_declined"
        appendix = group_update(request, now, note=self.parts.staff(note, ref=request.ref))
        appendix.audit.append(AuditEntry(request.ref, now, "person", note))
        if event.accepted:
            appendix.outbox += reminder(request, now)
        await self.parts.store.save_request(request, appendix)

    async def wrote(self, event: RelayToCounsellor) -> None:
        """The person's words go to the request's thread; kept in the outbox until delivered."""
        request = await self.parts.store.get_request(event.ref)
        if request is None or not request.is_open:
            return
        now = self.parts.clock.now()
        request.messages.append({"at": now.isoformat(), "by": "person", "text": event.text})
        if self._minimal(request):
            notes = [minimal_note(self.parts.content, request.ref, self.parts.config.desk_url)]
        else:
            kind = self._emergency_name(event.emergency)
            key = "person_wrote_emergency" if kind else "person_wrote"
            notes = in_parts(
                self.parts.staff(key, ref=request.ref, kind=kind),
                lambda part, parts: self.parts.staff(
                    key + "_part", ref=request.ref, part=str(part), parts=str(parts), kind=kind
                ),
                event.text,
            )
        appendix = Appendix(
            outbox=[group_note_parts(request, now, notes)],
            audit=[AuditEntry(request.ref, now, "person", "message")],
        )
        await self.parts.store.save_request(request, appendix)

    def _emergency_name(self, kind: str | None) -> str:
        """The German name of an emergency kind ("Bedrohung"), "" for none."""
        named = emergency_name(answer_index(self.parts.content), kind)
        return named or kind or ""

    def _minimal(self, request: Request) -> bool:
        return self.parts.config.office(request.office).notify == "minimal"

    async def sent_media(self, event: MediaToCounsellor) -> None:
        request = await self.parts.store.get_request(event.ref)
        if request is None or not request.is_open:
            return
        now = self.parts.clock.now()
        request.messages.append({"at": now.isoformat(), "by": "person", "media": event.kind})
        if self._minimal(request):  # the media stays in the person's chat, off the group
            desk = self.parts.config.desk_url
            appendix = Appendix(
                outbox=[
                    group_note(request, now, minimal_note(self.parts.content, request.ref, desk))
                ],
                audit=[AuditEntry(request.ref, now, "person", "media", event.kind)],
            )
            await self.parts.store.save_request(request, appendix)
            return
        header = self.parts.staff("person_sent_media", ref=request.ref)
        copy = OutboxItem(
            f"copy:{request.ref}:{event.message_ref}",
            "group_copy",
            request.office,
            {"ref": request.ref, "message_ref": event.message_ref},
            now,
        )
        appendix = Appendix(
            outbox=[group_note(request, now, header), copy],
            audit=[AuditEntry(request.ref, now, "person", "media", event.kind)],
        )
        await self.parts.store.save_request(request, appendix)

    async def deleted(self, user: str) -> None:
        """Each request becomes a tombstone without personal data; its group post says so.

        Runs in the same commit as the deletion of the person's session and requests: the
        tombstone belongs to nobody, so it survives, and later counsellor messages about the
        request get "the person deleted their data" instead of silence.
        """
        now = self.parts.clock.now()
        for request in await self.parts.store.requests_of(user):
            if request.status is Status.DELETED:
                continue
            tombstone = _tombstone(request, now)
            items = group_update(tombstone, now).outbox
            items.append(
                OutboxItem(
                    f"deleted:{request.ref}",
                    "group_deleted",
                    request.office,
                    {"ref": request.ref},
                    now,
                )
            )
            appendix = Appendix(
                outbox=items, audit=[AuditEntry(request.ref, now, "person", "deleted")]
            )
            await self.parts.store.save_request(tombstone, appendix)

    async def data_of(self, user: str, language: str) -> list[Reply]:
        """/mydata: each request with reference, status, topic, answers, appointment and the
        messages stored with it (the person's and the office's), in as many replies as needed."""
        requests = await self.parts.store.requests_of(user)
        if not requests:
            return []
        run = Run(self.parts.content, Session("", language=language))
        pieces = [run.ui("mydata_requests_header")]
        for request in requests:
            lines = self._described(run, request)
            pieces.append("\n".join(lines[:1]))
            for line in lines[1:]:
                if units(pieces[-1]) + units(line) + 1 > MYDATA_REPLY_LIMIT:
                    pieces.append(line)
                else:
                    pieces[-1] += "\n" + line
        pieces[:2] = ["\n".join(pieces[:2])]  # the header goes with the first request
        for piece in pieces:
            run.say(piece)
        return run.replies

    def _described(self, run: Run, request: Request) -> list[str]:
        status = run.ui(f"status_{request.status.value}")
        topic_key = f"topic_{request.topic}"
        topic = run.ui(topic_key) if request.topic and topic_key in run.content.ui else ""
        lines = [f"• {request.ref}: {topic} — {status}" if topic else f"• {request.ref}: {status}"]
        shown = describe_answers(self.parts.content, request.answers, run.language)
        lines += [f"   {label}: {value}" for label, value in shown if value.strip()]
        if request.answers.get(OWN_WORDS):
            lines.append(f"   {run.ui('mydata_own_words')}: {request.answers[OWN_WORDS]}")
        if request.appointment:
            starts = request.appointment.starts_at
            appointment = fill(
                run.ui("mydata_appointment"),
                date=appointments.shown_date(starts, run.language),
                time=appointments.shown_time(starts, run.language),
                place=request.appointment.place,
            )
            lines.append(f"   {appointment}")
        if request.messages:
            lines.append(f"   {run.ui('mydata_messages')}")
            lines += [self._message(run, message) for message in request.messages]
        return lines

    def _message(self, run: Run, message: dict[str, str]) -> str:
        """One stored message: who wrote it, when (the person's date format), the whole text."""
        by = "mydata_by_person" if message.get("by") == "person" else "mydata_by_office"
        when = ""
        try:
            at = datetime.fromisoformat(message["at"])
        except (KeyError, ValueError):
            pass
        else:
            if at.tzinfo is not None:
                at = at.astimezone(ZoneInfo(self.parts.config.timezone))
            day = format_date(at.date(), format="medium", locale=run.language)
            hour = format_time(at.time(), format="short", locale=run.language)
            comma = "،" if run.language in RTL_LANGUAGES else ","  # Arabic script's comma
            when = f"{comma} {FSI}{day} {hour}{PDI}"
        text = message.get("text")
        shown = f"{FSI}{text}{PDI}" if text else run.ui("mydata_media")
        return f"   – {run.ui(by)}{when}:\n     {shown}"


def _tombstone(request: Request, now: datetime) -> Request:
    return Request(
        ref=request.ref,
        user="",
        office=request.office,
        topic="general",
        language="de",
        urgent=False,
        answers={},
        created_at=request.created_at,
        status=Status.DELETED,
        updated_at=now,
        group_chat=request.group_chat,
        group_message=request.group_message,
        thread=request.thread,
    )
