"""`SealedStorage`: any `Storage` backend, with personal fields stored as ciphertext.

Sealed: a session's answers (phone, name, free text while a request is being made), a request's
whole data (answers, messages, appointment; the routing columns ref, user, office and status
stay clear for search and routing), every outbox payload (replies, relayed messages, notes) and
every inbox payload (the raw update with the person's text). Everything else is passed through
unchanged, so a new backend (or a new storage method) needs nothing from this module.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import replace
from typing import Any

from cryptography.fernet import InvalidToken, MultiFernet

from bot import compact_json
from bot.session import Session
from bot.storage.base import Storage
from bot.storage.records import Appendix, InboxEntry, OutboxItem, RequestRow

PREFIX = "sealed:"  # marks ciphertext, so that rows written before sealing still open
PAYLOAD_KEY = "sealed"
ANSWERS_KEY = "sealed:answers"  # never a flow's field name (those have no colon)


class SealedStorage:
    """Wraps `inner`; every method it does not name is the inner backend's own."""

    def __init__(self, inner: Storage, cipher: MultiFernet) -> None:
        self.inner = inner
        self.cipher = cipher

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    # text

    def seal(self, text: str) -> str:
        return PREFIX + self.cipher.encrypt(text.encode()).decode()

    def open(self, text: str) -> str:
        if not text.startswith(PREFIX):
            return text  # written before encryption was switched on
        try:
            return self.cipher.decrypt(text.removeprefix(PREFIX).encode()).decode()
        except InvalidToken:
            raise InvalidToken("stored data cannot be decrypted with the configured keys") from None

    def rotated(self, text: str) -> str:
        """`text` re-encrypted with the first key (see `bot.crypto.keys`)."""
        if not text.startswith(PREFIX):
            return self.seal(text)
        return PREFIX + self.cipher.rotate(text.removeprefix(PREFIX).encode()).decode()

    # sessions

    async def save_session(self, session: Session) -> None:
        sealed = session.copy()
        if session.answers:  # all answers in one ciphertext: one encryption per save, not ten
            text = compact_json.dumps(session.answers)
            sealed.answers = {ANSWERS_KEY: self.seal(text)}
        await self.inner.save_session(sealed)

    async def load_session(self, user: str) -> Session | None:
        session = await self.inner.load_session(user)
        if session is not None:
            session.answers = self._opened_answers(session.answers)
        return session

    def _opened_answers(self, stored: dict[str, str]) -> dict[str, str]:
        """Answers sealed together (under `ANSWERS_KEY`) or, as written before, one by one."""
        answers = {k: self.open(v) for k, v in stored.items() if k != ANSWERS_KEY}
        if ANSWERS_KEY in stored:
            answers.update(compact_json.loads(self.open(stored[ANSWERS_KEY])))
        return answers

    # requests

    async def save_request(self, row: RequestRow, appendix: Appendix | None = None) -> None:
        if appendix is not None:
            appendix = Appendix([self._sealed_item(i) for i in appendix.outbox], appendix.audit)
        await self.inner.save_request(replace(row, data=self.seal(row.data)), appendix)

    async def get_request(self, ref: str) -> RequestRow | None:
        row = await self.inner.get_request(ref)
        return replace(row, data=self.open(row.data)) if row else None

    async def requests_of(self, user: str) -> list[RequestRow]:
        rows = await self.inner.requests_of(user)
        return [replace(row, data=self.open(row.data)) for row in rows]

    async def requests_in(self, offices: Collection[str]) -> list[RequestRow]:
        rows = await self.inner.requests_in(offices)
        return [replace(row, data=self.open(row.data)) for row in rows]

    # outbox

    async def add_outbox(self, item: OutboxItem) -> int | None:
        return await self.inner.add_outbox(self._sealed_item(item))

    async def due_outbox(self, *args: Any, **kwargs: Any) -> list[OutboxItem]:
        return [self._opened_item(i) for i in await self.inner.due_outbox(*args, **kwargs)]

    async def pending_outbox(self) -> list[OutboxItem]:
        return [self._opened_item(i) for i in await self.inner.pending_outbox()]

    def _sealed_item(self, item: OutboxItem) -> OutboxItem:
        text = compact_json.dumps(item.payload)
        return replace(item, payload={PAYLOAD_KEY: self.seal(text)})

    def _opened_item(self, item: OutboxItem) -> OutboxItem:
        sealed = item.payload.get(PAYLOAD_KEY) if item.payload else None
        if not isinstance(sealed, str):
            return item
        return replace(item, payload=compact_json.loads(self.open(sealed)))

    # inbox

    async def inbox_add(self, entry: InboxEntry) -> bool:
        return await self.inner.inbox_add(replace(entry, payload=self.seal(entry.payload)))

    async def inbox_pending(self, *args: Any, **kwargs: Any) -> list[InboxEntry]:
        entries = await self.inner.inbox_pending(*args, **kwargs)
        return [replace(e, payload=self.open(e.payload)) for e in entries]

    async def inbox_claim(self, *args: Any, **kwargs: Any) -> list[InboxEntry]:
        entries = await self.inner.inbox_claim(*args, **kwargs)
        return [replace(e, payload=self.open(e.payload)) for e in entries]


def open_payload(cipher: MultiFernet, payload: str) -> dict[str, Any]:
    """An outbox payload as read straight from a database row (tools and benchmarks)."""
    value = json.loads(payload)
    sealed = value.get(PAYLOAD_KEY) if isinstance(value, dict) else None
    if not isinstance(sealed, str):
        return dict(value)
    return dict(json.loads(SealedStorage(None, cipher).open(sealed)))  # type: ignore[arg-type]
