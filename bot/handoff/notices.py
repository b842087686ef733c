"""Notes about a person that the counsellors of their open request must see (a failed
delivery, a template sent outside WhatsApp's window); queued like every group message."""

from __future__ import annotations

from bot.handoff.changes import Parts
from bot.handoff.model import OPEN
from bot.handoff.records import OutboxItem


async def note_open_request(
    parts: Parts, user: str, key: str, event_id: str, **params: str
) -> str | None:
    """Queue the staff text `key` into the thread of the person's newest open request;
    returns its reference (None when they have no open request). `event_id` makes the note
    unique: a redelivered event does not note twice."""
    store = parts.store
    requests = [r for r in await store.requests_of(user) if r.status in OPEN]
    if not requests:
        return None
    request = max(requests, key=lambda r: r.created_at)
    text = parts.staff(key, ref=request.ref, **params)
    now = parts.clock.now()
    payload = {"ref": request.ref, "text": text}
    item = OutboxItem(f"note:{request.ref}:{event_id}", "group_note", request.office, payload, now)
    async with store.unit():
        await store.add_outbox(item)
    return request.ref
