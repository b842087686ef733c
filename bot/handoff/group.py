"""What counsellors see in their group: the German summary and the buttons for its status."""

from __future__ import annotations

from bot.content.model import Content
from bot.engine.answers import answer_index
from bot.handoff.long_text import GROUP_MESSAGE_LIMIT, shortened, units
from bot.handoff.model import Request, Status
from bot.handoff.summary import german_summary, own_words_notes
from bot.i18n.placeholders import fill
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


def group_text(content: Content, request: Request, *, minimal: bool = False, desk: str = "") -> str:
    """The group post: the full German summary, or under `notify: minimal` only reference,
    place, urgency and the desk link (no phone, name, free text or emergency kind)."""
    if request.status is Status.DELETED:  # no personal data left to show
        return content.staff_text("deleted_post").format(ref=request.ref)
    if minimal:
        return minimal_text(content, request, desk)
    staff = _staff(content)
    text = german_summary(content, request, staff)
    if units(text) <= GROUP_MESSAGE_LIMIT:
        return text
    text = german_summary(content, request, staff, words_apart=True)
    if units(text) <= GROUP_MESSAGE_LIMIT:
        return text
    # Still too long (many long typed answers): the post must go out; the desk shows it all.
    return shortened(text)


def follow_ups(content: Content, request: Request, *, minimal: bool = False) -> list[str]:
    """What follows the post in messages of its own: the person's own words, when the whole
    summary is too long for one group message (never under `notify: minimal`)."""
    if minimal or request.status is Status.DELETED:
        return []
    staff = _staff(content)
    if units(german_summary(content, request, staff)) <= GROUP_MESSAGE_LIMIT:
        return []
    return own_words_notes(content, request, staff)


def _staff(content: Content) -> dict[str, str]:
    return {key: text.source for key, text in content.staff.items()}


def minimal_text(content: Content, request: Request, desk: str) -> str:
    """ "Neue Anfrage WG-7K3F · Pirna · dringend" and the desk link (texts in staff.yaml)."""
    place = request.answers.get("place", "")
    info = answer_index(content).get("place")
    if info is not None and place in info.choices:
        place = info.choices[place].source
    else:
        office = content.offices.get(request.office)
        place = office.name if office else request.office
    urgency = content.staff_text("minimal_urgent" if request.urgent else "minimal_not_urgent")
    status = content.staff_text("status_" + request.status.value)
    text = fill(
        content.staff_text("minimal_post"),
        ref=request.ref,
        place=place,
        urgency=urgency,
        status=status,
    )
    return text + _desk_line(content, request.ref, desk)


def minimal_note(content: Content, ref: str, desk: str) -> str:
    """Under `notify: minimal`: the person wrote or sent something (never what)."""
    return fill(content.staff_text("minimal_message"), ref=ref) + _desk_line(content, ref, desk)


def _desk_line(content: Content, ref: str, desk: str) -> str:
    if not desk:
        return ""
    return "\n" + fill(content.staff_text("minimal_link"), url=f"{desk}/requests/{ref}")


def group_buttons(
    content: Content, request: Request, *, minimal: bool = False
) -> tuple[Choice, ...]:
    if minimal:
        return ()  # the work happens on the desk
    return tuple(
        Choice(f"{ACTION_PREFIX}{action}.{request.ref}", content.staff_text(f"button_{action}"))
        for action in ACTIONS_BY_STATUS[request.status]
    )


def topic_title(content: Content, request: Request, *, minimal: bool = False) -> str:
    if minimal:
        return request.ref
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
