"""The WhatsApp channel: the webhook, the handling of stored updates, sending to a person.

- `GET /whatsapp`: Meta's verification handshake (`hub.mode`, `hub.verify_token`,
  `hub.challenge`).
- `POST /whatsapp`: `X-Hub-Signature-256` is checked over the raw body, in constant time,
  before anything is parsed; without an app secret every post is refused. The body's messages
  and statuses are stored in the inbox before `200`; a redelivered id is answered `200` and
  not handled again. Handling runs afterwards, one person's updates strictly in order.
- A button id carries the step token of its question; a tap on an older question's button is
  answered by showing the current question again. "More…" rows page through long lists.
- Outside the 24-hour window a message to the person is held: the approved utility template
  goes out once, the counsellors are told (`HeldForWindow`), and the held messages follow as
  soon as the person writes again.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.channels.inbox import ChannelInbox
from bot.channels.port import ConversationPort
from bot.channels.whatsapp import convert, render
from bot.channels.whatsapp.graph import GraphApi
from bot.channels.whatsapp.settings import WhatsAppSettings
from bot.channels.whatsapp.templates import ReplyTemplate
from bot.clock import Clock
from bot.handoff.changes import Parts
from bot.handoff.delivery import HeldForWindow
from bot.handoff.notices import note_open_request
from bot.i18n.direction import strip_marks
from bot.locks import KeyedLocks
from bot.messages import Inbound, Reply
from bot.privacy import pseudonym
from bot.routing import Media
from bot.storage import Storage
from bot.storage.records import InboxEntry
from bot.web import read_limited

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_BODY_BYTES = 1_000_000
WINDOW = timedelta(hours=24)
HOLD_RETRY = 6 * 3600.0  # a held message is looked at again after this (or when they write)
HELD = "held:"
STALE_CHOICE = "~stale"  # an id no question has: the engine shows the current question again
_REMEMBERED_LISTS = 4096


class WhatsAppChannel:
    def __init__(
        self,
        settings: WhatsAppSettings,
        conversation: ConversationPort,
        storage: Storage,
        api: GraphApi,
        clock: Clock,
        *,
        template: ReplyTemplate,
        handoff: Parts | None = None,
        shared: bool = False,
    ) -> None:
        self._settings = settings
        self._conversation = conversation
        self._storage = storage
        self._api = api
        self._clock = clock
        self._template = template
        self._handoff = handoff
        # several workers on one database: the webhook only stores; `InboxWorker`s claim
        self.shared = shared
        self.inbox = ChannelInbox(storage, convert.CHANNEL, clock)
        self._people = KeyedLocks()
        self._tasks: set[asyncio.Task[None]] = set()
        self._lists: dict[str, Reply] = {}  # the last list shown to a person, for "More…"
        self._notified: dict[str, str | None] = {}  # template sent, per last_inbound

    # the web side

    def routes(self) -> list[Route]:
        return [
            Route("/whatsapp", self.verify, methods=["GET"]),
            Route("/whatsapp", self.receive, methods=["POST"]),
        ]

    async def verify(self, request: Request) -> Response:
        """Meta's subscription handshake: echo the challenge for the right verify token."""
        params = request.query_params
        given = params.get("hub.verify_token", "").encode()
        if params.get("hub.mode") == "subscribe" and hmac.compare_digest(
            given, self._settings.verify_token.encode()
        ):
            return PlainTextResponse(params.get("hub.challenge", ""))
        return Response(status_code=HTTPStatus.FORBIDDEN)

    async def receive(self, request: Request) -> Response:
        body = await read_limited(request, MAX_BODY_BYTES)
        if body is None:
            return Response(status_code=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if not signature_ok(body, request.headers.get(SIGNATURE_HEADER), self._settings.app_secret):
            log.warning("whatsapp webhook post refused: signature missing or wrong")
            return Response(status_code=HTTPStatus.UNAUTHORIZED)
        try:
            found = convert.events(json.loads(body))
        except (ValueError, convert.PayloadError) as error:
            log.warning("whatsapp webhook body rejected: %s", type(error).__name__)
            return Response(status_code=HTTPStatus.BAD_REQUEST)
        try:
            fresh = await self.inbox.store([(e.id, {"kind": e.kind, **e.data}) for e in found])
        except Exception as error:  # Meta retries on a non-2xx answer
            log.error("whatsapp update not stored: %s", type(error).__name__)
            return Response(status_code=HTTPStatus.SERVICE_UNAVAILABLE)
        if not self.shared:
            for update_id, update in fresh:
                self._schedule(update_id, update)
        return Response(status_code=HTTPStatus.OK)

    async def replay_pending(self) -> int:
        """At start: handle what was stored before a crash and never processed."""
        pending = await self.inbox.pending()
        for update_id, update in pending:
            self._schedule(update_id, update)
        return len(pending)

    async def idle(self) -> None:
        """Wait until every scheduled update is handled (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # handling stored updates

    def _schedule(self, update_id: str, update: dict[str, Any]) -> None:
        task = asyncio.create_task(self._handle(update_id, update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, update_id: str, update: dict[str, Any]) -> None:
        key = str(update.get("user") or update_id)
        async with self._people.hold(key):
            try:
                async with self.inbox.handling(update_id):
                    await self.handle_stored(update_id, update)
            except Exception as error:  # one bad update must not stop the others
                log.error("whatsapp update failed: %s", type(error).__name__)

    async def handle_claimed(self, entry: InboxEntry) -> None:
        """One update claimed from the shared inbox (`bot.workers.InboxWorker` marks it)."""
        await self.handle_stored(entry.update_id, json.loads(entry.payload))

    async def handle_stored(self, update_id: str, update: dict[str, Any]) -> None:
        """Handle one stored update: a message, a status or an identity change."""
        kind = update.get("kind")
        if kind == "message":
            await self._on_message(update_id, update)
        elif kind == "status":
            await self._on_status(update_id, update)
        elif kind == "identity":
            await self._on_identity(update)

    async def _on_message(self, update_id: str, update: dict[str, Any]) -> None:
        user = str(update["user"])
        message = update.get("message", {})
        if message.get("type") == "button":  # a tap on the template: the held message follows
            await self._touch(user)
            await self.release_held(user)
            return
        inbound = convert.inbound(update)
        if inbound is None:
            return
        if inbound.choice is not None:
            inbound = await self._checked_choice(inbound)
            if inbound is None:
                return
        await self._conversation.handle(inbound)
        await self.release_held(user)

    async def _checked_choice(self, inbound: Inbound) -> Inbound | None:
        """A tap: a "More…" row shows the next page; a button of an older question becomes
        a stale choice (the engine then shows the current question again)."""
        token, choice = convert.split_step(inbound.choice or "")
        session = await self._conversation.session_of(inbound.user)  # type: ignore[attr-defined]
        offered = session.offered if session is not None else []
        current = render.step_token(offered) if offered else None
        page = render.more_page(choice)
        if page is not None:
            shown = self._lists.get(inbound.user)
            if token == current and shown is not None:
                await self._send(inbound.user, shown, page)
                return None
            choice = STALE_CHOICE
        elif token is None or token != current:
            choice = STALE_CHOICE
        return Inbound(inbound.user, choice=choice, locale_hint=inbound.locale_hint)

    async def _on_status(self, update_id: str, update: dict[str, Any]) -> None:
        """Sent, delivered and read need nothing; a failed delivery is told to the
        counsellors of the person's open request (error code and title only)."""
        if update.get("status") != "failed":
            return
        identifier = update.get("recipient_user_id") or update.get("recipient_id")
        errors = update.get("errors") or [{}]
        first = errors[0] if isinstance(errors, list) and errors else {}
        code = str(first.get("code", "?")) if isinstance(first, dict) else "?"
        log.warning("whatsapp message to %s failed: code %s", pseudonym(str(identifier)), code)
        if identifier and self._handoff is not None:
            title = str(first.get("title", "")) if isinstance(first, dict) else ""
            await note_open_request(
                self._handoff,
                convert.user_ref(str(identifier)),
                "whatsapp_failed",
                update_id,
                code=code,
                reason=title,
            )

    async def _on_identity(self, update: dict[str, Any]) -> None:
        """The person's business-scoped id (or, without one, their number) changed: their
        session and requests move to the new reference."""
        change = convert.identity_change(update)
        if change is None:
            return
        old, new = change
        session = await self._storage.load_session(old)
        if session is None:
            return
        async with self._storage.unit():
            session.user = new
            await self._storage.save_session(session)
            if self._handoff is not None:
                for request in await self._handoff.store.requests_of(old):
                    request.user = new
                    await self._handoff.store.save_request(request)
            await self._storage.delete_user(old)
        log.info("whatsapp person %s is now %s", pseudonym(old), pseudonym(new))

    # sending

    async def to_user(self, user: str, replies: Sequence[Reply]) -> None:
        """Send within the 24-hour window; outside it, send the template once and hold."""
        session = await self._storage.load_session(user)
        last = session.last_inbound if session is not None else None
        if not _within(last, self._clock.now()):
            language = session.language if session is not None else "de"
            notified = self._notified.get(user, "none") != last
            if notified:
                await self._api.send(user, self._template.body(language))
                self._notified[user] = last
            raise HeldForWindow(f"{HELD} outside the 24-hour window", HOLD_RETRY, notified=notified)
        for reply in replies:
            await self._send(user, reply)

    async def release_held(self, user: str) -> int:
        """The person wrote: their held messages are due now (the outbox sends them)."""
        released = 0
        now = self._clock.now()
        for item in await self._storage.pending_outbox():
            if item.target == user and (item.last_error or "").startswith(HELD) and item.id:
                await self._storage.outbox_retry(
                    item.id, item.attempts, now, "released", item.progress
                )
                released += 1
        self._notified.pop(user, None)
        return released

    async def fetch_media(self, message_ref: str) -> Media:
        _, media_id, kind = message_ref.split(":", 2)
        content, mime = await self._api.media(media_id)
        extension = mime.split("/")[-1].split(";")[0] or "bin"
        return Media(kind, content, mime, filename=f"{kind}.{extension}")

    async def _send(self, user: str, reply: Reply, page: int = 0) -> None:
        for body in render.render(reply, self._words(reply.language), page):
            await self._api.send(user, body)
        if reply.choices:
            self._remember_list(user, reply)

    def _remember_list(self, user: str, reply: Reply) -> None:
        self._lists.pop(user, None)
        self._lists[user] = reply
        if len(self._lists) > _REMEMBERED_LISTS:
            del self._lists[next(iter(self._lists))]

    def _words(self, language: str) -> render.Words:
        def word(key: str) -> str:
            return strip_marks(self._conversation.system_reply(key, language).text).strip()

        return render.Words(list_button=word("whatsapp_list_button"), more=word("whatsapp_more"))

    async def _touch(self, user: str) -> None:
        """A message without a turn (a template tap) still opens the 24-hour window."""
        locks: KeyedLocks = self._conversation.locks  # type: ignore[attr-defined]
        async with locks.hold(user):
            session = await self._storage.load_session(user)
            if session is not None:
                session.last_inbound = self._clock.now().isoformat()
                await self._storage.save_session(session)


def signature_ok(body: bytes, header: str | None, secret: str | None) -> bool:
    """`X-Hub-Signature-256: sha256=<hex>` is the HMAC-SHA256 of the raw body with the app
    secret; compared in constant time. No secret: nothing is accepted."""
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.removeprefix("sha256=").encode(), expected.encode())


def _within(last: str | None, now: datetime) -> bool:
    if last is None:
        return False
    try:
        return now - datetime.fromisoformat(last) < WINDOW
    except ValueError:
        return False
