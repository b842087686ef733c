"""Requests from the person to the counsellors and back: the host side of the handoff.

The life cycle lives in its parts — creating (`creating`), the person's actions
(`person_actions`), the counsellors' actions (`counsellor_actions`) and delivery
(`delivering`); this class wires them to the conversation's events and the channels.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from bot.clock import Clock
from bot.content.holder import ContentHolder
from bot.content.model import Content
from bot.deploy import DeployConfig
from bot.engine import Turn
from bot.events import (
    AppointmentAnswered,
    DataDeletionRequested,
    DataShown,
    Event,
    HandoffRequested,
    MediaToCounsellor,
    RelayToCounsellor,
    RequestCancelled,
)
from bot.handoff.changes import Actor, Outcome, Parts
from bot.handoff.counsellor_actions import CounsellorActions
from bot.handoff.creating import create_request
from bot.handoff.delivering import Delivery
from bot.handoff.delivery import Deliverer
from bot.handoff.model import Request
from bot.handoff.person_actions import PersonActions
from bot.handoff.records import AuditEntry, OutboxItem
from bot.handoff.store import RequestStore
from bot.messages import Reply

__all__ = ["Actor", "HandoffService", "Outcome"]

Method = TypeVar("Method", bound=Callable[..., Awaitable[Outcome]])


def _for_person(method: Method) -> Method:
    """Run a counsellor action on request `ref` inside the person's serialisation, so that it
    never overwrites (or is overwritten by) a turn of the person running at the same time."""

    @functools.wraps(method)
    async def serialised(self: HandoffService, ref: str, *args: Any, **kwargs: Any) -> Outcome:
        request = await self.store.get_request(ref)
        if request is None or not request.user:
            return await method(self, ref, *args, **kwargs)
        async with self.store.serialised(request.user):
            return await method(self, ref, *args, **kwargs)

    return serialised  # type: ignore[return-value]


class HandoffService:
    def __init__(
        self, content: ContentHolder, store: RequestStore, clock: Clock, config: DeployConfig
    ) -> None:
        self.parts = Parts(content, store, clock, config)
        self.person = PersonActions(self.parts)
        self.counsellors = CounsellorActions(self.parts)
        self.delivery = Delivery(self.parts)

    @property
    def content(self) -> Content:
        return self.parts.content

    @property
    def store(self) -> RequestStore:
        return self.parts.store

    @property
    def clock(self) -> Clock:
        return self.parts.clock

    @property
    def config(self) -> DeployConfig:
        return self.parts.config

    async def on_event(self, turn: Turn, event: Event) -> list[Reply]:
        """Apply an event of the person's turn; replies are added to the turn's answer."""
        if isinstance(event, HandoffRequested):
            return await create_request(self.parts, turn, event)
        if isinstance(event, DataShown):
            return await self.person.data_of(turn.session.user, turn.session.language)
        if isinstance(event, RequestCancelled):
            await self.person.cancelled(event.ref)
        elif isinstance(event, AppointmentAnswered):
            await self.person.appointment_answered(event)
        elif isinstance(event, RelayToCounsellor):
            await self.person.wrote(event)
        elif isinstance(event, MediaToCounsellor):
            await self.person.sent_media(event)
        elif isinstance(event, DataDeletionRequested):
            await self.person.deleted(turn.session.user)
        return []

    # counsellor actions (see CounsellorActions)

    def may_act(self, request: Request, actor: Actor) -> bool:
        return self.counsellors.may_act(request, actor)

    async def check(self, ref: str, actor: Actor) -> Outcome:
        return await self.counsellors.check(ref, actor)

    @_for_person
    async def act(self, ref: str, action: str, actor: Actor) -> Outcome:
        return await self.counsellors.act(ref, action, actor)

    @_for_person
    async def propose(self, ref: str, actor: Actor, text: str) -> Outcome:
        return await self.counsellors.propose(ref, actor, text)

    @_for_person
    async def relay_to_person(self, ref: str, actor: Actor, text: str) -> Outcome:
        return await self.counsellors.relay_to_person(ref, actor, text)

    @_for_person
    async def correct(self, ref: str, actor: Actor, text: str) -> Outcome:
        return await self.counsellors.correct(ref, actor, text)

    @_for_person
    async def hand_over(self, ref: str, actor: Actor, office: str) -> Outcome:
        return await self.counsellors.hand_over(ref, actor, office)

    async def read(self, ref: str, actor: Actor) -> Request | None:
        """A request for the desk; the read is audited (under the person's lock)."""
        request = await self.store.get_request(ref)
        if request is None or not request.user:
            return await self.counsellors.read(ref, actor)
        async with self.store.serialised(request.user):
            return await self.counsellors.read(ref, actor)

    async def audit_of(self, ref: str) -> list[AuditEntry]:
        return await self.store.audit_of(ref)

    # outbox delivery

    async def deliver(self, item: OutboxItem, deliverer: Deliverer) -> None:
        await self.delivery.deliver(item, deliverer)
