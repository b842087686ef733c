"""What counsellors see in their group: the German summary and the buttons for its status."""

from __future__ import annotations

from bot.content.model import Content
from bot.handoff.model import Request, Status
from bot.handoff.summary import german_summary
from bot.messages import Choice

ACTION_PREFIX = "cs."
ACTIONS_BY_STATUS: dict[Status, tuple[str, ...]] = {
    Status.NEW: ("claim", "ask", "close"),
    Status.CLAIMED: ("propose", "ask", "close"),
    Status.PROPOSED: ("propose", "ask", "close"),
    Status.CONFIRMED: ("propose", "ask", "close"),
    Status.CLOSED: (),
    Status.CANCELLED: (),
    Status.DELETED: (),
}


def group_text(content: Content, request: Request) -> str:
    if request.status is Status.DELETED:  # no personal data left to show
        return content.staff_text("deleted_post").format(ref=request.ref)
    staff = {key: text.source for key, text in content.staff.items()}
    return german_summary(content, request, staff)


def group_buttons(content: Content, request: Request) -> tuple[Choice, ...]:
    return tuple(
        Choice(f"{ACTION_PREFIX}{action}.{request.ref}", content.staff_text(f"button_{action}"))
        for action in ACTIONS_BY_STATUS[request.status]
    )


def topic_title(content: Content, request: Request) -> str:
    topic = content.ui.get(f"topic_{request.topic}")
    return content.staff_text("topic_title").format(
        ref=request.ref, topic=topic.source if topic else request.topic
    )


def parse_action(choice_id: str) -> tuple[str, str] | None:
    """'cs.claim.WG-7K3F' -> ('claim', 'WG-7K3F')."""
    if not choice_id.startswith(ACTION_PREFIX):
        return None
    action, _, ref = choice_id.removeprefix(ACTION_PREFIX).partition(".")
    return (action, ref) if action and ref else None
