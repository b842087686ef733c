"""The one web entry point: a Starlette application with every webhook and a health check.

Routes:
- `POST /telegram`: updates from Telegram; the `X-Telegram-Bot-Api-Secret-Token` header must
  carry the configured secret (403 otherwise). The update is queued for the PTB application.
- `GET /healthz`: 200 while the bot runs, 503 while it starts or stops.
- `GET /whatsapp` (verification handshake) and `POST /whatsapp` (signed updates): added by the
  WhatsApp channel as extra `routes` (see `bot.channels.whatsapp.webhook`).
Every channel brings its own routes; `bot.compose` mounts them all in this one app.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import socket
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, contextmanager
from http import HTTPStatus
from typing import Any, Protocol

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from telegram.ext import Application

from bot.channels.telegram.parse import Incoming, parse_update

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram updates are a few kilobytes; anything far larger is not from Telegram.
MAX_UPDATE_BYTES = 1_000_000


def create_web_app(
    *,
    telegram: AnyApplication | None = None,
    telegram_secret: str | None = None,
    telegram_inbox: UpdateInbox | None = None,
    routes: Sequence[BaseRoute] = (),
    ready: Sequence[Callable[[], bool]] = (),
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """The web app: `/healthz`, Telegram's route when `telegram` is given, the other
    channels' `routes` and the `extra_routes` (the counsellor desk under /desk,
    `bot.desk.app.desk_routes`); `/healthz` answers 503 unless every `ready` check holds."""
    checks = [*ready, *([lambda: telegram.running] if telegram is not None else [])]
    all_routes: list[BaseRoute] = [
        Route("/healthz", _health(checks), methods=["GET"]),
        *routes,
        *extra_routes,
    ]
    if telegram is not None:
        all_routes.append(
            Route(
                "/telegram",
                TelegramWebhook(telegram, telegram_secret, telegram_inbox).endpoint,
                methods=["POST"],
            )
        )
    return Starlette(routes=all_routes)


class UpdateInbox(Protocol):
    async def store(
        self,
        updates: Sequence[dict[str, Any]],
        hand: Callable[[dict[str, Any]], None] | None = None,
    ) -> list[dict[str, Any]]:
        """Store updates durably; returns those not seen before, once durable. `hand` queues
        each of them as soon as it is written (`bot.channels.telegram.inbox`)."""


class TelegramWebhook:
    """Checks the secret header and the size, validates the update, stores it (with an inbox)
    and only then answers 200; a redelivered update id is answered 200 and not queued again.
    A body that is not an update is refused with 400 and logged without its content; a failure
    to store answers 503 so that Telegram delivers the update again."""

    def __init__(
        self, application: AnyApplication, secret: str | None, inbox: UpdateInbox | None = None
    ) -> None:
        self._application = application
        self._secret = secret.encode() if secret else None
        self._inbox = inbox

    async def endpoint(self, request: Request) -> Response:
        if not self._authorised(request):
            return Response(status_code=HTTPStatus.FORBIDDEN)
        body = await read_limited(request, MAX_UPDATE_BYTES)
        if body is None:
            return Response(status_code=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        parsed = self._parse(body)
        if parsed is None:
            return Response(status_code=HTTPStatus.BAD_REQUEST)
        data, update = parsed
        queue = self._application.update_queue
        if self._inbox is None:
            await queue.put(update)
            return Response(status_code=HTTPStatus.OK)
        try:  # a fresh update is handled at once; 200 only once it is stored durably
            await self._inbox.store([data], hand=lambda _: queue.put_nowait(update))
        except Exception as error:  # Telegram retries on a non-2xx answer
            log.error("webhook update not stored: %s", type(error).__name__)
            return Response(status_code=HTTPStatus.SERVICE_UNAVAILABLE)
        return Response(status_code=HTTPStatus.OK)  # stored, or already known: never twice

    def _authorised(self, request: Request) -> bool:
        given = request.headers.get(TELEGRAM_SECRET_HEADER, "").encode()
        return self._secret is not None and hmac.compare_digest(given, self._secret)

    def _parse(self, body: bytes) -> tuple[dict[str, Any], Incoming] | None:
        try:
            data = json.loads(body)
            problem = update_problem(data)
            if problem:
                raise ValueError(problem)
            return data, parse_update(data, self._application.bot)
        except Exception as error:  # whatever the body was, it is not an update
            log.warning("webhook body rejected: %s", type(error).__name__)
            return None


def update_problem(data: object) -> str | None:
    """Why `data` is not a Telegram update (checked before 200), or None. Checks the shapes
    the bot reads: an integer update_id, objects where objects belong, strings for texts."""
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return "no integer update_id"
    for kind in ("message", "edited_message", "channel_post", "callback_query"):
        part = data.get(kind)
        if part is None:
            continue
        if not isinstance(part, dict):
            return f"{kind} is not an object"
        message = part.get("message", part) if kind == "callback_query" else part
        if not isinstance(message, dict):
            return f"{kind}.message is not an object"
        for field in ("text", "caption"):
            if field in message and not isinstance(message[field], str):
                return f"{kind}.{field} is not a string"
        if kind == "callback_query" and "data" in part and not isinstance(part["data"], str):
            return "callback_query.data is not a string"
        chat = message.get("chat")
        if chat is not None and not (isinstance(chat, dict) and isinstance(chat.get("id"), int)):
            return f"{kind}.chat has no integer id"
    return None


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is larger than `limit` (announced or streamed)."""
    announced = request.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def _health(checks: Sequence[Callable[[], bool]]) -> Any:
    async def health(_: Request) -> Response:
        if not all(check() for check in checks):
            return PlainTextResponse("starting or stopping", HTTPStatus.SERVICE_UNAVAILABLE)
        return PlainTextResponse("ok")

    return health


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the caller decides when to stop."""

    @contextmanager
    def capture_signals(self) -> Any:
        yield


class EmbeddedServer:
    """uvicorn serving an ASGI app inside the running event loop (port 0 picks a free port)."""

    def __init__(self, app: Any, *, host: str, port: int) -> None:
        config = uvicorn.Config(
            app, host=host, port=port, log_config=None, access_log=False, lifespan="off"
        )
        self._server = _Server(config)
        self._host = host
        self._port = port

    @property
    def port(self) -> int:
        return self._port

    @asynccontextmanager
    async def running(self) -> AsyncIterator[EmbeddedServer]:
        sock = _bind(self._host, self._port)
        self._port = sock.getsockname()[1]
        task = asyncio.create_task(self._server.serve(sockets=[sock]))
        try:
            while not self._server.started:
                if task.done():
                    task.result()
                    raise RuntimeError("web server stopped while starting")
                await asyncio.sleep(0.005)
            yield self
        finally:
            self._server.should_exit = True
            await task
            sock.close()


class ListenError(OSError):
    """The address to listen on cannot be used (taken, not local, not allowed)."""


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise ListenError(error.errno, error.strerror or type(error).__name__) from error
    return sock
