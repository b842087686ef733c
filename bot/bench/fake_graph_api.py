"""A stand-in for Meta's Graph API (WhatsApp Cloud API), for tests; never talks to Meta.

Served over HTTP on 127.0.0.1 (`async with api.serving() as base_url`): point
WHATSAPP_API_URL at `base_url`. It records every message sent to
`POST /{phone_number_id}/messages`, refuses bodies WhatsApp would refuse or silently drop
(button titles over 20 characters, more than 3 buttons or 10 rows, row titles over 24,
descriptions over 72, bodies over 1,024, texts over 4,096, HTML-free text is not checked) with
Meta's error shape, and serves media (`GET /{media_id}` then the file's URL).

`webhook_*` build webhook bodies in the shapes of Meta's documented payloads, and `signed`
adds the `X-Hub-Signature-256` header.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.web import EmbeddedServer

JSON = dict[str, Any]
PHONE_NUMBER_ID = "106540352242922"
WABA_ID = "102290129340398"


@dataclass
class FakeGraphApi:
    phone_number_id: str = PHONE_NUMBER_ID
    token: str = "test-token"
    sent: list[JSON] = field(default_factory=list)
    media_files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    base_url: str = ""
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def to(self, recipient: str) -> list[JSON]:
        """Messages sent to a BSUID or phone number, oldest first."""
        return [m for m in self.sent if recipient in (m.get("recipient"), m.get("to"))]

    async def wait_for(
        self,
        recipient: str,
        count: int = 1,
        timeout: float = 10.0,
        until: Callable[[list[JSON]], bool] | None = None,
    ) -> list[JSON]:
        """Wait until `recipient` has at least `count` messages (and `until` holds)."""
        deadline = time.monotonic() + timeout

        def done() -> bool:
            sent = self.to(recipient)
            return len(sent) >= count and (until is None or until(sent))

        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.to(recipient))} messages, condition not met")
            self._changed.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), 0.2)
        return self.to(recipient)

    def web_app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v23.0/{phone}/messages", self._messages, methods=["POST"]),
                Route("/files/{media}", self._file, methods=["GET"]),
                Route("/v23.0/{media}", self._media, methods=["GET"]),
            ]
        )

    @asynccontextmanager
    async def serving(self) -> AsyncIterator[str]:
        server = EmbeddedServer(self.web_app(), host="127.0.0.1", port=0)
        async with server.running():
            self.base_url = f"http://127.0.0.1:{server.port}/v23.0"
            yield self.base_url

    def _authorised(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self.token}"

    async def _messages(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, 190, "Invalid OAuth access token")
        if request.path_params["phone"] != self.phone_number_id:
            return _error(400, 100, "Unsupported post request")
        body = await request.json()
        problem = message_problem(body)
        if problem:
            return _error(400, 131009, problem)
        self.sent.append(body)
        self._changed.set()
        message_id = f"wamid.fake{next(self._ids)}"
        recipient = body.get("to") or body.get("recipient")
        return JSONResponse(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": recipient, "wa_id": recipient}],
                "messages": [{"id": message_id}],
            }
        )

    async def _media(self, request: Request) -> Response:
        media_id = request.path_params["media"]
        if not self._authorised(request) or media_id not in self.media_files:
            return _error(404, 100, "Unsupported get request")
        _, mime = self.media_files[media_id]
        url = self.base_url.rsplit("/", 1)[0] + f"/files/{media_id}"
        return JSONResponse({"url": url, "mime_type": mime, "id": media_id})

    async def _file(self, request: Request) -> Response:
        media_id = request.path_params["media"]
        if not self._authorised(request) or media_id not in self.media_files:
            return Response(status_code=404)
        content, mime = self.media_files[media_id]
        return Response(content, media_type=mime)


def message_problem(body: JSON) -> str | None:
    """Why WhatsApp would refuse or drop this message body, or None."""
    if body.get("messaging_product") != "whatsapp" or not (body.get("to") or body.get("recipient")):
        return "messaging_product and a recipient are required"
    kind = body.get("type")
    if kind == "text":
        text = body["text"]["body"]
        return "text over 4096 characters" if len(text) > 4096 else None
    if kind == "template":
        return None if body["template"].get("name") else "template without name"
    if kind != "interactive":
        return f"unexpected type {kind}"
    interactive = body["interactive"]
    if len(interactive["body"]["text"]) > 1024:
        return "interactive body over 1024 characters"
    for part in ("header", "footer"):
        if part in interactive and len(json.dumps(interactive[part])) > 80:
            return f"{part} too long"
    action = interactive["action"]
    if interactive["type"] == "button":
        buttons = action["buttons"]
        if len(buttons) > 3:
            return "more than 3 buttons"
        if any(len(b["reply"]["title"]) > 20 for b in buttons):
            return "button title over 20 characters"
        return None
    rows = [r for s in action["sections"] for r in s["rows"]]
    if len(action["button"]) > 20:
        return "list button over 20 characters"
    if len(rows) > 10:
        return "more than 10 rows"
    if any(len(r["title"]) > 24 or len(r.get("description", "")) > 72 for r in rows):
        return "row title over 24 or description over 72 characters"
    if len({r["id"] for r in rows}) != len(rows):
        return "row ids not unique"
    return None


def _error(status: int, code: int, message: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "x"}},
        status_code=status,
    )


def signed(body: bytes, secret: str) -> dict[str, str]:
    """The headers Meta sends with a webhook body."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}", "Content-Type": "application/json"}


def _envelope(value: JSON) -> JSON:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": WABA_ID,
                "changes": [
                    {
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "4935100000000",
                                "phone_number_id": PHONE_NUMBER_ID,
                            },
                            **value,
                        },
                        "field": "messages",
                    }
                ],
            }
        ],
    }


_message_ids = itertools.count(1)


def webhook_message(person: Person, kind: str, part: JSON, message_id: str | None = None) -> JSON:
    """A messages webhook from `person` with one message of `kind` (`text`, `interactive`,
    `image`, `audio`, …) whose object is `part`."""
    message: JSON = {
        "from": person.phone,
        "id": message_id or f"wamid.in{next(_message_ids)}",
        "timestamp": str(int(time.time())),
        "type": kind,
        kind: part,
    }
    if person.bsuid:
        message["from_user_id"] = person.bsuid
    contact: JSON = {"profile": {"name": person.name}, "wa_id": person.phone}
    if person.bsuid:
        contact["user_id"] = person.bsuid
    return _envelope({"contacts": [contact], "messages": [message]})


@dataclass(frozen=True)
class Person:
    phone: str
    bsuid: str | None = None
    name: str = "Test"

    @property
    def address(self) -> str:
        return self.bsuid or self.phone


def webhook_text(person: Person, text: str, message_id: str | None = None) -> JSON:
    return webhook_message(person, "text", {"body": text}, message_id)


def webhook_button_reply(person: Person, button_id: str, title: str = "") -> JSON:
    return webhook_message(
        person,
        "interactive",
        {"type": "button_reply", "button_reply": {"id": button_id, "title": title or button_id}},
    )


def webhook_list_reply(person: Person, row_id: str, title: str = "") -> JSON:
    return webhook_message(
        person,
        "interactive",
        {
            "type": "list_reply",
            "list_reply": {"id": row_id, "title": title or row_id, "description": ""},
        },
    )


def webhook_image(person: Person, media_id: str, caption: str | None = None) -> JSON:
    part: JSON = {"mime_type": "image/jpeg", "sha256": "x", "id": media_id}
    if caption is not None:
        part["caption"] = caption
    return webhook_message(person, "image", part)


def webhook_audio(person: Person, media_id: str) -> JSON:
    return webhook_message(
        person,
        "audio",
        {"mime_type": "audio/ogg; codecs=opus", "sha256": "x", "id": media_id, "voice": True},
    )


def webhook_status(
    person: Person, message_id: str, status: str, error_code: int | None = None
) -> JSON:
    entry: JSON = {
        "id": message_id,
        "status": status,
        "timestamp": str(int(time.time())),
        "recipient_id": person.phone,
    }
    if person.bsuid:
        entry["recipient_user_id"] = person.bsuid
    if error_code is not None:
        entry["errors"] = [
            {
                "code": error_code,
                "title": "Message undeliverable",
                "message": "Message undeliverable",
                "error_data": {"details": "Message Undeliverable."},
            }
        ]
    return _envelope({"statuses": [entry]})


def webhook_errors(code: int = 131000) -> JSON:
    """A webhook with only `errors` (an app-level problem Meta reports)."""
    return _envelope(
        {
            "errors": [
                {"code": code, "title": "Something went wrong", "message": "Something went wrong"}
            ]
        }
    )


def webhook_user_id_changed(person: Person, new_bsuid: str) -> JSON:
    """A system message: the person's business-scoped user id changed."""
    return webhook_message(
        person,
        "system",
        {"body": "User changed user id", "type": "user_changed_user_id", "new_user_id": new_bsuid},
    )
