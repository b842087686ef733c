"""The host around the pure engine: load session, step, apply events, save — per user in order."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from bot.clock import Clock, SystemClock
from bot.content.holder import ContentHolder
from bot.content.model import Content
from bot.engine import Turn, step
from bot.engine.step import resume
from bot.events import DataDeletionRequested, Event
from bot.flood import FloodGuard, Verdict
from bot.handoff.person import person_reply
from bot.locks import KeyedLocks
from bot.messages import Inbound, Reply
from bot.privacy import pseudonym
from bot.reply_outbox import ReplyDelivery, reply_item
from bot.session import Session
from bot.storage import Storage

log = logging.getLogger(__name__)

MENU_COMMANDS = ("start", "menu", "language", "help", "human", "status", "delete")
EventHandler = Callable[[Turn, Event], Awaitable[list[Reply] | None]]


class Conversation:
    def __init__(
        self,
        content: ContentHolder,
        storage: Storage,
        *,
        clock: Clock | None = None,
        flood: FloodGuard | None = None,
        handlers: Sequence[EventHandler] = (),
        locks: KeyedLocks | None = None,
    ) -> None:
        self.content_holder = content
        self.storage = storage
        self.clock = clock or SystemClock()
        self.flood = flood if flood is not None else FloodGuard(self.clock)
        self.handlers = list(handlers)
        # One lock per person, shared with counsellor actions on their requests.
        self.locks = locks if locks is not None else KeyedLocks()
        # When set, replies are kept in the outbox with the turn and sent after its commit
        # (`handle` then returns no replies: they are already on their way).
        self.reply_delivery: ReplyDelivery | None = None

    @property
    def content(self) -> Content:
        return self.content_holder.current

    @property
    def languages(self) -> tuple[str, ...]:
        return self.content.languages

    async def handle(
        self, inbound: Inbound, *, after_commit: Callable[[], Awaitable[None]] | None = None
    ) -> list[Reply]:
        """The replies to `inbound`, once its turn is durably stored (with `reply_delivery`
        set they are already sent and none are returned). `after_commit` runs after the
        commit and before any reply is sent (the channel edits the pressed question there)."""
        verdict = self.flood.check(inbound.user)
        if verdict is not Verdict.ALLOW:
            return await self._flood_reply(inbound) if verdict is Verdict.NOTICE else []
        async with self.locks.hold(inbound.user):
            return await self._process(inbound, after_commit)

    async def resume(self, user: str, language: str | None = None) -> list[Reply]:
        """Where a returning person left off (the terminal shows this at start)."""
        async with self.locks.hold(user):
            session = await self.storage.load_session(user) or Session(user)
            if language and language in self.languages:
                session.language, session.language_confirmed = language, True
            turn = resume(self.content, session)
            await self.storage.save_session(turn.session)
            return list(turn.replies)

    async def session_of(self, user: str) -> Session | None:
        return await self.storage.load_session(user)

    def command_menu(self, language: str) -> list[tuple[str, str]]:
        return [(name, self._ui(f"cmd_{name}", language)) for name in MENU_COMMANDS]

    def system_reply(self, key: str, language: str) -> Reply:
        return person_reply(self.content, language, key, {})

    async def close(self) -> None:
        await self.storage.close()

    async def _process(
        self, inbound: Inbound, after_commit: Callable[[], Awaitable[None]] | None
    ) -> list[Reply]:
        session = await self.storage.load_session(inbound.user) or Session(inbound.user)
        try:
            turn = step(self.content, session, inbound)
        except Exception as exc:  # never let one message stop the bot
            log.error("engine failed for user %s: %s", pseudonym(inbound.user), type(exc).__name__)
            return [self.system_reply("error_loop", session.language)]
        deleted = any(isinstance(e, DataDeletionRequested) for e in turn.events)
        item = None
        try:
            async with self.storage.unit():  # session, requests, outbox, inbox: one transaction
                extra: list[Reply] = []
                for event in turn.events:
                    extra += await self._apply(turn, event)
                replies = [*turn.replies[:-1], *extra, *turn.replies[-1:]]
                if deleted:
                    await self.storage.delete_user(inbound.user)
                else:
                    turn.session.last_inbound = self.clock.now().isoformat()
                    await self.storage.save_session(turn.session)
                if self.reply_delivery is not None and replies:
                    item = reply_item(inbound.user, replies, self.clock.now())
                    item = replace(item, id=await self.storage.add_outbox(item))
                    self.reply_delivery.reserve(item)  # sent by this turn only, once
        except Exception as exc:  # rolled back, nothing half-written; they can send it again
            if item is not None and self.reply_delivery is not None:
                self.reply_delivery.release(item)
            log.error(
                "saving the turn of user %s failed: %s", pseudonym(inbound.user), type(exc).__name__
            )
            return [self.system_reply("error_loop", session.language)]
        if log.isEnabledFor(logging.DEBUG):  # no hashing per turn when nobody reads it
            log.debug("user %s: %d repl(ies)", pseudonym(inbound.user), len(replies))
        if self.reply_delivery is None:
            if after_commit is not None:
                await after_commit()
            return replies
        fresh = item if item is not None and item.id is not None else None
        try:
            if after_commit is not None:
                await after_commit()
        finally:  # only now, after the commit; also if the edit failed (ends the reservation)
            await self.reply_delivery.flush(inbound.user, fresh)
        return []

    async def _apply(self, turn: Turn, event: Event) -> list[Reply]:
        replies: list[Reply] = []
        for handler in self.handlers:
            replies += await handler(turn, event) or []
        return replies

    async def _flood_reply(self, inbound: Inbound) -> list[Reply]:
        session = await self.storage.load_session(inbound.user)
        return [self.system_reply("flood_notice", session.language if session else "de")]

    def _ui(self, key: str, language: str) -> str:
        text = self.content.ui.get(key)
        return self.content.catalogs.translate(text.source, language)[0] if text else key
