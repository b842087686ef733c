"""Which office a request goes to, from the person's place and topic (data, not code)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.content.model import Office

RETURN_TOPIC = "return"


def route(offices: Mapping[str, Office], place: str | None, topic: str) -> Office | None:
    """The serving office, or None when the place is outside every office's area."""
    if not place:
        return None
    local = [o for o in offices.values() if place in o.places]
    if topic == RETURN_TOPIC:
        specialised = [o for o in local if RETURN_TOPIC in o.topics]
        general = [o for o in local if o.topics != (RETURN_TOPIC,)]
        chosen = specialised or general
        return chosen[0] if chosen else None
    fitting = [o for o in local if topic in o.topics]
    general = [o for o in local if o.topics != (RETURN_TOPIC,)]
    chosen = fitting or general
    return chosen[0] if chosen else None
