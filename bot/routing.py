"""The outbox's one deliverer for any set of channels: each item goes to its target's channel.

A person's messages go to the channel named by the prefix of their reference (`telegram:…`,
`whatsapp:…`); everything about a request in its office group goes to the counsellor groups,
which live on Telegram whatever channel the person writes from. Media a person sent on another
channel is fetched from that channel only when it is forwarded (`MediaSource`), kept in memory
for that one upload, and never stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.handoff.delivery import Deliverer, DeliveryError, Posted
from bot.messages import Choice, Reply

NO_CHANNEL_RETRY = 3600.0  # a person on a channel that is not running now: try again hourly


class PersonChannel(Protocol):
    async def to_user(self, user: str, replies: Sequence[Reply]) -> None:
        """Send `replies` to `user` (a reference of this channel)."""


@dataclass(frozen=True)
class Media:
    """A person's photo, voice note or document, fetched for one forward to the group."""

    kind: str  # voice, photo, video, document
    content: bytes
    mime_type: str
    caption: str | None = None
    filename: str | None = None


class MediaSource(Protocol):
    async def fetch_media(self, message_ref: str) -> Media:
        """The media a `message_ref` of this channel names (raises DeliveryError)."""


class GroupUploader(Protocol):
    async def upload_to_group(self, posted: Posted, media: Media) -> int | None:
        """Post `media` into the request's thread; returns the new message id."""


def channel_of(reference: str) -> str:
    """`whatsapp` for `whatsapp:US.123`; the part before the first colon."""
    return reference.partition(":")[0]


class RoutingDeliverer:
    """A `Deliverer` that sends group items through `groups` and person items through the
    channel of the person's reference."""

    def __init__(
        self,
        groups: Deliverer,
        people: Mapping[str, PersonChannel],
        media: Mapping[str, MediaSource] | None = None,
    ) -> None:
        self._groups = groups
        self._people = dict(people)
        self._media = dict(media or {})

    async def to_user(self, user: str, replies: Sequence[Reply]) -> None:
        channel = self._people.get(channel_of(user))
        if channel is None:
            raise DeliveryError(f"channel {channel_of(user)!r} is not running", NO_CHANNEL_RETRY)
        await channel.to_user(user, replies)

    async def copy_to_group(self, posted: Posted, message_ref: str) -> int | None:
        source = self._media.get(channel_of(message_ref))
        if source is None:  # the group's own channel copies its messages itself
            return await self._groups.copy_to_group(posted, message_ref)
        media = await source.fetch_media(message_ref)
        uploader: GroupUploader = self._groups  # type: ignore[assignment]
        return await uploader.upload_to_group(posted, media)

    async def open_topic(self, office: str, title: str) -> Posted | None:
        return await self._groups.open_topic(office, title)

    async def post_group(
        self, office: str, text: str, buttons: Sequence[Choice], topic: Posted | None = None
    ) -> Posted:
        return await self._groups.post_group(office, text, buttons, topic)

    async def edit_group(self, posted: Posted, text: str, buttons: Sequence[Choice]) -> None:
        await self._groups.edit_group(posted, text, buttons)

    async def note_group(self, posted: Posted, text: str) -> int | None:
        return await self._groups.note_group(posted, text)

    async def erase_topic(self, posted: Posted, note: str) -> bool:
        return await self._groups.erase_topic(posted, note)
