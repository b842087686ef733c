"""Delivering outbox items: the group post and its updates, notes, copies, messages to the person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.handoff import appointments, group
from bot.handoff.changes import REMINDER_UI, Parts, group_note_parts, reminder_stands
from bot.handoff.delivery import (
    Deliverer,
    DeliveryError,
    HeldForWindow,
    PersonUnreachable,
    Posted,
    PostGone,
)
from bot.handoff.model import Request, Status
from bot.handoff.person import counsellor_text_reply, person_reply
from bot.handoff.records import Appendix, OutboxItem
from bot.i18n.direction import strip_marks

# What may still reach the group about a request the person deleted: no personal data.
AFTER_DELETION = frozenset({"group_edit", "group_deleted"})


class Delivery:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    async def deliver(self, item: OutboxItem, deliverer: Deliverer) -> None:
        if item.kind == "user":
            await self._to_person(item, deliverer)
            return
        if item.kind == "group_handed_over":
            await self._handed_over(item, deliverer)
            return
        request = await self.parts.store.get_request(str(item.payload["ref"]))
        if request is None:
            return  # purged: nothing more goes out
        deleted = request.status is Status.DELETED
        if deleted and item.kind not in AFTER_DELETION:
            return  # the person deleted their data: their words and media stay unsent
        if item.kind == "group_post":
            await self._post(request, deliverer)
            return
        posted = _posted(request)
        if posted is None:
            if deleted:
                return  # never shown in the group, so nothing to take back there
            raise DeliveryError("the request is not posted in its group yet")
        await self._to_group(item, request, posted, deliverer)

    async def _to_group(
        self, item: OutboxItem, request: Request, posted: Posted, deliverer: Deliverer
    ) -> None:
        content = self.parts.content
        if item.kind == "group_edit":
            try:
                await deliverer.edit_group(
                    posted,
                    self._text(request),
                    group.group_buttons(content, request, minimal=self._minimal(request)),
                )
            except PostGone:
                await self._post_again(request)
        elif item.kind == "group_deleted":
            note = self.parts.staff("person_deleted_note", ref=request.ref)
            if not await deliverer.erase_topic(posted, note):
                await deliverer.note_group(posted, note)
        elif item.kind == "group_note":
            await self._notes(item, request, posted, deliverer)
        elif item.kind == "group_copy":
            message = await deliverer.copy_to_group(posted, str(item.payload["message_ref"]))
            if message is not None:
                await self.parts.store.link_message(posted.chat, message, request.ref)

    async def _notes(
        self, item: OutboxItem, request: Request, posted: Posted, deliverer: Deliverer
    ) -> None:
        """A note, or a long one in parts: each part once, in order (a retry resumes after
        the last part sent; `item.progress` goes back to the outbox with the retry)."""
        parts = item.payload.get("parts") or [item.payload["text"]]
        store = self.parts.store
        for number in range(item.progress, len(parts)):
            message = await deliverer.note_group(posted, str(parts[number]))
            if message is not None:
                await store.link_message(posted.chat, message, request.ref)
            item.progress = number + 1
            if item.id is not None and item.progress < len(parts):
                await store.outbox_progress(item.id, item.progress)

    async def _handed_over(self, item: OutboxItem, deliverer: Deliverer) -> None:
        """The old office's post says the request went elsewhere (no personal data)."""
        payload = item.payload
        thread = payload.get("thread")
        posted = Posted(
            int(payload["chat"]), int(payload["message"]), int(thread) if thread else None
        )
        text = self.parts.staff(
            "handed_over_post", ref=str(payload["ref"]), office=str(payload["office"])
        )
        try:
            await deliverer.edit_group(posted, text, ())
        except PostGone:
            return  # deleted meanwhile: nothing left to correct

    def _minimal(self, request: Request) -> bool:
        return self.parts.config.office(request.office).notify == "minimal"

    def _text(self, request: Request) -> str:
        return group.group_text(
            self.parts.content,
            request,
            minimal=self._minimal(request),
            desk=self.parts.config.desk_url,
        )

    async def _post(self, request: Request, deliverer: Deliverer) -> None:
        """Post the summary once: a forum topic is recorded before anything is posted in it,
        so a retry after a failed or lost post reuses it instead of opening another."""
        if request.group_message is not None:
            return  # already posted before a restart: never twice
        content = self.parts.content
        topic = None
        if request.group_chat is not None and request.thread is not None:
            topic = Posted(request.group_chat, 0, request.thread)  # opened by an earlier try
        else:
            title = group.topic_title(content, request, minimal=self._minimal(request))
            topic = await deliverer.open_topic(request.office, title)
            if topic is not None:
                await self._record(request, topic)
        posted = await deliverer.post_group(
            request.office,
            self._text(request),
            group.group_buttons(content, request, minimal=self._minimal(request)),
            topic,
        )
        await self._record(
            request, posted, group.follow_ups(content, request, minimal=self._minimal(request))
        )

    async def _post_again(self, request: Request) -> None:
        """The post is gone (deleted by someone, or left behind in the old group when it became
        a supergroup): forget it and queue the request's summary as a new post."""
        store = self.parts.store
        async with store.serialised(request.user), store.unit():
            current = await store.get_request(request.ref)
            if current is None:
                return
            current.group_message, current.thread = None, None
            await store.save_request(current)
            now = self.parts.clock.now()
            payload = {"ref": request.ref}
            key = f"post:{request.ref}:again:{now.isoformat()}"
            await store.add_outbox(OutboxItem(key, "group_post", request.office, payload, now))

    async def _record(
        self, request: Request, posted: Posted, follow_ups: Sequence[str] = ()
    ) -> None:
        """Where the request stands in its group, written under the person's lock (the person
        may have cancelled meanwhile: the request is re-read, only these fields change).
        `follow_ups` (the own words of a summary too long for one message) are queued with
        the post's id, so they follow it once."""
        store = self.parts.store
        async with store.serialised(request.user), store.unit():
            current = await store.get_request(request.ref)
            if current is None:
                return
            current.group_chat, current.thread = posted.chat, posted.thread
            if posted.message:
                current.group_message = posted.message
                await store.link_message(posted.chat, posted.message, request.ref)
            appendix = None
            if posted.message and follow_ups:
                words = group_note_parts(current, self.parts.clock.now(), list(follow_ups))
                words.key = f"words:{request.ref}:{posted.chat}:{posted.message}"
                appendix = Appendix(outbox=[words])
            await store.save_request(current, appendix)
            if posted.thread is not None:  # a forum topic: every message in it belongs here
                await store.link_message(posted.chat, posted.thread, request.ref)

    async def _to_person(self, item: OutboxItem, deliverer: Deliverer) -> None:
        session = await self.parts.store.load_session(item.target)
        if session is None:
            return  # the person deleted their data
        payload, language, content = item.payload, session.language, self.parts.content
        if payload.get("ui") == REMINDER_UI and not await self._reminder_stands(payload):
            return  # replaced, cancelled or closed since (a reminder queued before that fix)
        if "counsellor_text" in payload:
            reply = counsellor_text_reply(
                content,
                language,
                str(payload["ref"]),
                str(payload["counsellor_text"]),
                correction=bool(payload.get("correction")),
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
            reply = person_reply(content, language, str(payload["ui"]), params, choices)  # type: ignore[arg-type]
        try:
            await deliverer.to_user(item.target, [reply])
        except PersonUnreachable:  # the counsellors learn it did not arrive
            await self._unreachable(str(payload.get("ref", "")), deliverer)
            return
        except HeldForWindow as held:  # kept queued; the counsellors learn a template went out
            if held.notified:
                await self._note(str(payload.get("ref", "")), "whatsapp_template_used", deliverer)
            raise
        if reply.choices:  # its buttons are now the ones a typed number or word means
            store = self.parts.store
            async with store.serialised(item.target):  # no turn of the person meanwhile
                fresh = await store.load_session(item.target)
                if fresh is not None:
                    fresh.offered = [(c.id, strip_marks(c.label)) for c in reply.choices]
                    await store.save_session(fresh)

    async def _reminder_stands(self, payload: dict[str, object]) -> bool:
        request = await self.parts.store.get_request(str(payload.get("ref", "")))
        return reminder_stands(request, str(payload.get("starts_at", "")))

    async def _unreachable(self, ref: str, deliverer: Deliverer) -> None:
        await self._note(ref, "person_unreachable", deliverer)

    async def _note(self, ref: str, key: str, deliverer: Deliverer) -> None:
        request = await self.parts.store.get_request(ref) if ref else None
        posted = _posted(request) if request is not None else None
        if posted is not None:
            await deliverer.note_group(posted, self.parts.staff(key, ref=ref))


def _posted(request: Request) -> Posted | None:
    if request.group_chat is None or request.group_message is None:
        return None
    return Posted(request.group_chat, request.group_message, request.thread)
