"""Creating a request: route it to an office, store it, queue its group post."""

from __future__ import annotations

import logging

from bot.engine import Turn
from bot.events import HandoffRequested
from bot.handoff.changes import Parts
from bot.handoff.model import Request
from bot.handoff.person import person_reply
from bot.handoff.records import Appendix, AuditEntry, OutboxItem
from bot.handoff.reference import unused_reference
from bot.handoff.routing import route
from bot.messages import Reply
from bot.privacy import pseudonym
from bot.session import RequestRef

log = logging.getLogger(__name__)


async def create_request(parts: Parts, turn: Turn, event: HandoffRequested) -> list[Reply]:
    """Store the request with its audit row and group post in the turn's commit."""
    office = route(parts.content.offices, event.answers.get("place"), event.topic)
    if office is None:
        log.info(
            "request of %s outside the served area: not sent to an office",
            pseudonym(turn.session.user),
        )
        return []
    now = parts.clock.now()
    request = Request(
        ref=await _new_ref(parts),
        user=turn.session.user,
        office=office.id,
        topic=event.topic,
        language=event.language,
        urgent=event.urgent,
        answers=dict(event.answers),
        created_at=now,
    )
    post = OutboxItem(f"post:{request.ref}", "group_post", office.id, {"ref": request.ref}, now)
    appendix = Appendix(
        outbox=[post], audit=[AuditEntry(request.ref, now, "person", "created", office.id)]
    )
    await parts.store.save_request(request, appendix)
    turn.session.requests.append(RequestRef(request.ref, request.topic, request.status.value))
    return [
        person_reply(parts.content, turn.session.language, "request_created", {"ref": request.ref})
    ]


async def _new_ref(parts: Parts) -> str:
    return await unused_reference(parts.store.reference_taken)
