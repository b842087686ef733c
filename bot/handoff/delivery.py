"""The channel seam for handoff deliveries: counsellor groups and the person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.messages import Choice, Reply


@dataclass(frozen=True)
class Posted:
    """Where a request's message stands in its office group."""

    chat: int
    message: int
    thread: int | None = None


class DeliveryError(Exception):
    """Sending failed; try again later (after `retry_after` seconds when the API said so)."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class PostGone(DeliveryError):
    """The request's post in its group no longer exists (deleted, or left in the old group
    after a supergroup upgrade): post the request again instead of editing it."""


class PersonUnreachable(Exception):
    """The person blocked the bot or deleted the chat: retrying will not help."""


class Deliverer(Protocol):
    async def open_topic(self, office: str, title: str) -> Posted | None:
        """Create the request's forum topic (`message` 0: nothing posted in it yet), or None
        where the office group has no topics. Recorded before anything is posted in it, so a
        retry posts into the same topic instead of opening a second one."""

    async def post_group(
        self, office: str, text: str, buttons: Sequence[Choice], topic: Posted | None = None
    ) -> Posted:
        """Post the request's summary into the office group (into `topic` when given)."""

    async def edit_group(self, posted: Posted, text: str, buttons: Sequence[Choice]) -> None: ...

    async def note_group(self, posted: Posted, text: str) -> int | None: ...

    async def copy_to_group(self, posted: Posted, message_ref: str) -> int | None:
        """Copy the person's own message (`chat:message`) into the request's thread."""

    async def erase_topic(self, posted: Posted, note: str) -> bool:
        """Delete the request's forum topic and say `note` in the group; False where it cannot."""

    async def to_user(self, user: str, replies: Sequence[Reply]) -> None: ...


class HeldForWindow(DeliveryError):
    """The channel may not send free text to the person now (WhatsApp: more than 24 hours
    since they last wrote). The message stays queued and follows when they answer;
    `notified` says that a notice (an approved template) went out to them just now."""

    def __init__(self, reason: str, retry_after: float, *, notified: bool) -> None:
        super().__init__(reason, retry_after)
        self.notified = notified
