"""A stand-in for the Telegram Bot API, for tests and benchmarks; never talks to Telegram.

`FakeBotApi` keeps the state a bot sees (updates waiting in getUpdates, the messages it sent,
answered button presses) and checks requests roughly as strictly as Telegram does (HTML that
does not parse, text over 4096 characters, callback data over 64 bytes are refused with 400).
It answers in two ways:
- over HTTP on 127.0.0.1 (`async with api.serving() as base_url`), for the real bot polling it;
- in process (`FakeRequest(api)`), a `BaseRequest` to hand to the `ApplicationBuilder`.

`bot.bench.simulated_user` plays people against it.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import html
import itertools
import json
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from telegram.request import BaseRequest, RequestData

from bot.web import EmbeddedServer

JSON = dict[str, Any]
BOT_ID = 123
BOT_USERNAME = "wegweiser_test_bot"
TEXT_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64
# Parameters PTB sends JSON-encoded (strings are sent as they are).
_JSON_PARAMETERS = frozenset(
    {
        "chat_id",
        "reply_parameters",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "show_alert",
        "cache_time",
        "drop_pending_updates",
        "max_connections",
    }
)
_COMMAND = re.compile(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?")


@dataclass(frozen=True)
class Call:
    """One Bot API request as the bot made it."""

    method: str
    params: JSON
    at: float


@dataclass
class ChatState:
    """One chat as the fake server sees it: every message in order, by id."""

    messages: dict[int, JSON] = field(default_factory=dict)
    bot_message_ids: list[int] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)


class ApiError(Exception):
    def __init__(
        self,
        status: HTTPStatus,
        description: str,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ):
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id


# A fault rule sees every call (method, parameters) first; it may wait (a slow or hanging
# Telegram) and returns the error to answer with, or None to let the call through.
FaultRule = Callable[[str, "JSON"], Awaitable["ApiError | None"]]


class FakeBotApi:
    def __init__(self, token: str = "123:X") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.answered_callbacks: set[str] = set()
        self.callback_answers: dict[str, str] = {}
        self.topics: dict[int, list[JSON]] = {}
        self.left_chats: list[int] = []
        self.commands: dict[str | None, list[JSON]] = {}
        self.webhook: JSON | None = None
        self.webhook_posts: list[tuple[int, int]] = []  # (update id, HTTP status or 0)
        # Called with (chat id, text as shown) before a sendMessage is accepted (benchmarks).
        self.on_send: Callable[[int, str], None] | None = None
        self.sent_at: dict[tuple[int, int], float] = {}
        self._chats: dict[int, ChatState] = {}
        self._pending: list[JSON] = []
        self._pushed_callbacks: set[str] = set()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._new_updates = asyncio.Event()
        self._closing = asyncio.Event()
        self._faults: dict[str, list[ApiError]] = {}
        self.migrated: dict[int | None, int] = {}
        self.rules: list[FaultRule] = []
        self.deleted: set[tuple[int, int]] = set()  # (chat, message) deleted by someone

    # --- scripting -------------------------------------------------------------------------

    def push(self, update: JSON) -> int:
        """Queue an update for getUpdates; returns its update id."""
        update = {"update_id": next(self._update_ids), **update}
        self._pending.append(update)
        self._new_updates.set()
        return int(update["update_id"])

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def migrate(self, old: int, new: int) -> None:
        """The group `old` becomes the supergroup `new`: calls into `old` fail as Telegram's
        do (400 with `migrate_to_chat_id`)."""
        self.migrated[old] = new

    def fail_next(self, method: str, error: ApiError) -> None:
        """Let the next call of `method` fail with `error` (e.g. 429 with retry_after)."""
        self._faults.setdefault(method, []).append(error)

    def message_update(
        self,
        chat_id: int,
        text: str | None = None,
        *,
        language_code: str | None = None,
        chat_type: str = "private",
        edited: bool = False,
        user_id: int | None = None,
        thread: int | None = None,
        reply_to: int | None = None,
        **content: Any,
    ) -> JSON:
        """A message update as Telegram sends it (`content` adds e.g. `voice=`). In groups,
        `user_id` is the sender, `thread` a forum topic, `reply_to` the message answered."""
        default_user = chat_id if chat_type == "private" else 7_000_000
        person = _person(user_id or default_user, language_code)
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_type),
            "from": person,
            **content,
        }
        if thread is not None:
            message["message_thread_id"] = thread
            message["is_topic_message"] = True
        if reply_to is not None:
            message["reply_to_message"] = dict(self.message(chat_id, reply_to))
        if text is not None:
            message["text"] = text
            command = _COMMAND.match(text)
            if command:
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": command.end()}
                ]
        self._state(chat_id).messages[message["message_id"]] = message
        if edited:
            message["edit_date"] = int(time.time())
            return {"edited_message": message}
        return {"message": message}

    def callback_update(
        self,
        chat_id: int,
        data: str | None,
        message_id: int,
        *,
        language_code: str | None = None,
        user_id: int | None = None,
    ) -> JSON:
        """A button press on a message the bot sent into this chat (by `user_id` in groups)."""
        callback_id = f"cb{next(self._callback_ids)}"
        self._pushed_callbacks.add(callback_id)
        query: JSON = {
            "id": callback_id,
            "from": _person(user_id or chat_id, language_code),
            "chat_instance": f"ci{chat_id}",
            "message": dict(self.message(chat_id, message_id)),
        }
        if data is not None:
            query["data"] = data
        return {"callback_query": query}

    # --- observing -------------------------------------------------------------------------

    def bot_messages(self, chat_id: int) -> list[JSON]:
        """What the bot sent into a chat, in order, as it looks now (after edits)."""
        state = self._state(chat_id)
        return [state.messages[message_id] for message_id in state.bot_message_ids]

    def message(self, chat_id: int, message_id: int) -> JSON:
        return self._state(chat_id).messages[message_id]

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def unanswered_callbacks(self) -> set[str]:
        return self._pushed_callbacks - self.answered_callbacks

    async def wait_for(
        self, chat_id: int, predicate: Callable[[list[JSON]], bool], timeout: float
    ) -> list[JSON]:
        """Wait until `predicate(bot_messages(chat_id))` holds; TimeoutError otherwise."""
        state = self._state(chat_id)
        async with asyncio.timeout(timeout), state.changed:
            await state.changed.wait_for(lambda: predicate(self.bot_messages(chat_id)))
        return self.bot_messages(chat_id)

    # --- answering -------------------------------------------------------------------------

    async def call(self, method: str, params: JSON) -> tuple[int, JSON]:
        """Answer one Bot API call: (HTTP status, response body)."""
        self.calls.append(Call(method, params, time.monotonic()))
        try:
            fault = self._faults.get(method)
            if fault:
                raise fault.pop(0)
            moved = self.migrated.get(_int_or_none(params.get("chat_id")))
            if moved is not None:
                raise ApiError(
                    HTTPStatus.BAD_REQUEST,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    migrate_to_chat_id=moved,
                )
            for rule in self.rules:
                error = await rule(method, params)
                if error is not None:
                    raise error
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise ApiError(HTTPStatus.NOT_FOUND, "Not Found")
            result = await handler(params)
        except ApiError as error:
            body: JSON = {
                "ok": False,
                "error_code": int(error.status),
                "description": error.description,
            }
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            if error.migrate_to_chat_id is not None:
                body["parameters"] = {"migrate_to_chat_id": error.migrate_to_chat_id}
            return int(error.status), body
        return HTTPStatus.OK, {"ok": True, "result": result}

    async def _api_getMe(self, params: JSON) -> JSON:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Wegweiser",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _api_getUpdates(self, params: JSON) -> list[JSON]:
        if self.webhook is not None:
            raise ApiError(
                HTTPStatus.CONFLICT,
                "Conflict: can't use getUpdates method while webhook is active",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        self._pending = [u for u in self._pending if u["update_id"] >= offset]
        if not self._pending and timeout > 0 and not self._closing.is_set():
            self._new_updates.clear()
            waiters = [self._new_updates.wait(), self._closing.wait()]
            tasks = [asyncio.ensure_future(waiter) for waiter in waiters]
            await asyncio.wait(tasks, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            for task in tasks:
                task.cancel()
        return self._pending[:limit]

    async def _api_deleteWebhook(self, params: JSON) -> bool:
        self.webhook = None
        return True

    async def _api_setWebhook(self, params: JSON) -> bool:
        self.webhook = params
        return True

    async def _api_setMyCommands(self, params: JSON) -> bool:
        self.commands[params.get("language_code")] = list(params.get("commands") or [])
        return True

    async def _api_leaveChat(self, params: JSON) -> bool:
        self.left_chats.append(int(params["chat_id"]))
        return True

    async def _api_answerCallbackQuery(self, params: JSON) -> bool:
        callback_id = str(params["callback_query_id"])
        if callback_id in self.answered_callbacks:
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: query is too old")
        self.callback_answers[callback_id] = str(params.get("text") or "")
        self.answered_callbacks.add(callback_id)
        return True

    async def _api_sendMessage(self, params: JSON) -> JSON:
        chat_id = int(params["chat_id"])
        text = _parsed_text(params)
        markup = _checked_markup(params.get("reply_markup"))
        if self.on_send is not None:
            self.on_send(chat_id, text)
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, "private" if chat_id > 0 else "group"),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Wegweiser"},
            "text": text,
        }
        if markup is not None:
            message["reply_markup"] = markup
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
            message["is_topic_message"] = True
        reply_to = params.get("reply_to_message_id") or (params.get("reply_parameters") or {}).get(
            "message_id"
        )
        anyway = params.get("allow_sending_without_reply") or (
            params.get("reply_parameters") or {}
        ).get("allow_sending_without_reply")
        if reply_to and (chat_id, int(reply_to)) in self.deleted:
            if not anyway:  # as Telegram: only when the sender did not allow it
                raise ApiError(
                    HTTPStatus.BAD_REQUEST, "Bad Request: message to be replied not found"
                )
            reply_to = None
        if reply_to:
            message["reply_to_message"] = dict(self.message(chat_id, int(reply_to)))
        state = self._state(chat_id)
        state.messages[message["message_id"]] = message
        state.bot_message_ids.append(message["message_id"])
        self.sent_at[(chat_id, message["message_id"])] = time.monotonic()
        await self._notify(state)
        return message

    async def _api_sendPhoto(self, params: JSON) -> JSON:
        return await self._media_message("photo", params)

    async def _api_sendVoice(self, params: JSON) -> JSON:
        return await self._media_message("voice", params)

    async def _api_sendVideo(self, params: JSON) -> JSON:
        return await self._media_message("video", params)

    async def _api_sendDocument(self, params: JSON) -> JSON:
        return await self._media_message("document", params)

    async def _media_message(self, kind: str, params: JSON) -> JSON:
        """An uploaded file posted into a chat; the message records the upload's size."""
        chat_id = int(params["chat_id"])
        upload = params.get(kind)
        size = len(upload) if isinstance(upload, bytes) else 0
        number = next(self._message_ids)
        file: JSON = {"file_id": f"file{number}", "file_unique_id": f"u{number}", "file_size": size}
        shapes: dict[str, Any] = {
            "photo": [file | {"width": 640, "height": 480}],
            "voice": file | {"duration": 1},
            "video": file | {"duration": 1, "width": 640, "height": 480},
        }
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id, "supergroup"),
            kind: shapes.get(kind, file),
        }
        if params.get("caption"):
            message["caption"] = params["caption"]
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
        state = self._state(chat_id)
        state.messages[message["message_id"]] = message
        state.bot_message_ids.append(message["message_id"])
        await self._notify(state)
        return message

    async def _api_copyMessage(self, params: JSON) -> JSON:
        """Copies a message into another chat (as Telegram does, without 'forwarded from')."""
        original = self.message(int(params["from_chat_id"]), int(params["message_id"]))
        chat_id = int(params["chat_id"])
        copy: JSON = {
            key: value
            for key, value in original.items()
            if key not in ("chat", "message_id", "from")
        }
        copy |= {"message_id": next(self._message_ids), "chat": _chat(chat_id, "supergroup")}
        if params.get("message_thread_id"):
            copy["message_thread_id"] = int(params["message_thread_id"])
        state = self._state(chat_id)
        state.messages[copy["message_id"]] = copy
        state.bot_message_ids.append(copy["message_id"])
        await self._notify(state)
        return {"message_id": copy["message_id"]}

    async def _api_createForumTopic(self, params: JSON) -> JSON:
        chat_id = int(params["chat_id"])
        topic = {
            "message_thread_id": next(self._message_ids),
            "name": str(params["name"]),
            "icon_color": 7322096,
        }
        self.topics.setdefault(chat_id, []).append(topic)
        return topic

    async def _api_deleteForumTopic(self, params: JSON) -> JSON:
        """The topic and every message in it disappear, as in Telegram."""
        chat_id, thread = int(params["chat_id"]), int(params["message_thread_id"])
        topics = self.topics.get(chat_id, [])
        if not any(t["message_thread_id"] == thread for t in topics):
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: topic not found")
        self.topics[chat_id] = [t for t in topics if t["message_thread_id"] != thread]
        state = self._state(chat_id)
        gone = {i for i, m in state.messages.items() if m.get("message_thread_id") == thread}
        state.messages = {i: m for i, m in state.messages.items() if i not in gone}
        state.bot_message_ids = [i for i in state.bot_message_ids if i not in gone]
        return True

    async def _api_editMessageText(self, params: JSON) -> JSON:
        message = self._editable(params)
        text = _parsed_text(params)
        markup = _checked_markup(params.get("reply_markup"))
        if text == message["text"] and markup == message.get("reply_markup"):
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: message is not modified")
        message["text"] = text
        _set_markup(message, markup)
        message["edit_date"] = int(time.time())
        await self._notify(self._state(int(params["chat_id"])))
        return message

    async def _api_editMessageReplyMarkup(self, params: JSON) -> JSON:
        message = self._editable(params)
        markup = _checked_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: message is not modified")
        _set_markup(message, markup)
        await self._notify(self._state(int(params["chat_id"])))
        return message

    def _editable(self, params: JSON) -> JSON:
        state = self._state(int(params["chat_id"]))
        message = state.messages.get(int(params["message_id"]))
        deleted = (int(params["chat_id"]), int(params["message_id"])) in self.deleted
        if message is None or message["message_id"] not in state.bot_message_ids or deleted:
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: message to edit not found")
        return message

    def _state(self, chat_id: int) -> ChatState:
        return self._chats.setdefault(chat_id, ChatState())

    @staticmethod
    async def _notify(state: ChatState) -> None:
        async with state.changed:
            state.changed.notify_all()

    # --- webhook delivery ------------------------------------------------------------------

    async def deliver_to_webhook(self, parallel: int = 8, retry: float = 0.5) -> None:
        """Post waiting updates to the registered webhook as Telegram does, until cancelled:
        with the secret header, up to `parallel` at once, oldest first; an update leaves the
        queue only when it was answered 200 and is posted again (after `retry` s) otherwise."""
        import httpx

        in_flight: set[int] = set()
        resting: dict[int, float] = {}
        async with httpx.AsyncClient(timeout=10.0) as client:
            tasks: set[asyncio.Task[None]] = set()
            try:
                while True:
                    now = time.monotonic()
                    hook = self.webhook
                    waiting = [
                        u
                        for u in self._pending
                        if u["update_id"] not in in_flight
                        and resting.get(u["update_id"], 0.0) <= now
                    ]
                    for update in waiting[: max(0, parallel - len(in_flight))] if hook else []:
                        in_flight.add(update["update_id"])
                        task = asyncio.create_task(
                            self._post_update(client, hook, update, in_flight, resting, retry)
                        )
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
                    self._new_updates.clear()
                    waiters = [asyncio.ensure_future(self._new_updates.wait())]
                    await asyncio.wait(waiters, timeout=0.05)
                    for waiter in waiters:
                        waiter.cancel()
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

    async def _post_update(
        self,
        client: Any,
        hook: JSON,
        update: JSON,
        in_flight: set[int],
        resting: dict[int, float],
        retry: float,
    ) -> None:
        headers = {"X-Telegram-Bot-Api-Secret-Token": str(hook.get("secret_token") or "")}
        status = 0
        try:
            response = await client.post(str(hook["url"]), json=update, headers=headers)
            status = response.status_code
        except Exception:  # refused, reset, timed out: Telegram tries again later
            status = 0
        finally:
            in_flight.discard(update["update_id"])
        self.webhook_posts.append((int(update["update_id"]), status))
        if status == HTTPStatus.OK:
            self._pending = [u for u in self._pending if u["update_id"] != update["update_id"]]
        else:
            resting[update["update_id"]] = time.monotonic() + retry

    # --- serving ---------------------------------------------------------------------------

    def web_app(self) -> Starlette:
        return Starlette(
            routes=[Route("/bot{token}/{method}", self._http, methods=["GET", "POST"])]
        )

    async def _http(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            body = {"ok": False, "error_code": 401, "description": "Unauthorized"}
            return JSONResponse(body, HTTPStatus.UNAUTHORIZED)
        try:
            body = await request.body()
        except ClientDisconnect:  # the bot went away mid-request (killed, in a crash test)
            return JSONResponse({"ok": False}, HTTPStatus.BAD_REQUEST)
        files = _multipart_files(body, request)
        params = decode_parameters(_form_fields(body, request)) | files
        status, body = await self.call(request.path_params["method"], params)
        return JSONResponse(body, status)

    @asynccontextmanager
    async def serving(self, host: str = "127.0.0.1") -> AsyncIterator[str]:
        """Serve on an ephemeral port of 127.0.0.1; yields the base URL (ends in /bot)."""
        server = EmbeddedServer(self.web_app(), host=host, port=0)
        async with server.running():
            try:
                yield f"http://{host}:{server.port}/bot"
            finally:
                self._closing.set()


def decode_parameters(fields: Iterable[tuple[str, str]]) -> JSON:
    """Form fields as PTB sends them, with the JSON-encoded ones decoded."""
    params: JSON = {}
    for name, value in fields:
        if name in _JSON_PARAMETERS:
            try:
                params[name] = json.loads(value)
                continue
            except ValueError:
                pass
        params[name] = value
    return params


def _multipart_parts(body: bytes, request: Request) -> list[Any]:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return []
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    return list(message.iter_parts()) if message.is_multipart() else []


def _multipart_files(body: bytes, request: Request) -> JSON:
    """Uploaded files of a multipart call (sendPhoto, sendVoice …), as bytes by field name."""
    return {
        str(part.get_param("name", header="content-disposition")): part.get_payload(decode=True)
        for part in _multipart_parts(body, request)
        if part.get_filename() is not None
    }


def _form_fields(body: bytes, request: Request) -> list[tuple[str, str]]:
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        return [
            (
                str(part.get_param("name", header="content-disposition")),
                part.get_payload(decode=True).decode(),
            )
            for part in _multipart_parts(body, request)
            if part.get_filename() is None
        ]
    if request.headers.get("content-type", "").startswith("application/json"):
        data = json.loads(body or b"{}")
        return [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in data.items()]
    return parse_qsl(body.decode(), keep_blank_values=True)


class FakeRequest(BaseRequest):
    """Answers the bot in process from a `FakeBotApi`, recording every call there."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        fields = request_data.json_parameters.items() if request_data else ()
        status, body = await self.api.call(url.rsplit("/", 1)[-1], decode_parameters(fields))
        return status, json.dumps(body).encode()


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _person(user_id: int, language_code: str | None) -> JSON:
    person: JSON = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
    if language_code:
        person["language_code"] = language_code
    return person


def _chat(chat_id: int, chat_type: str) -> JSON:
    if chat_type == "private":
        return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
    return {"id": chat_id, "type": chat_type, "title": f"Chat {chat_id}"}


def _parsed_text(params: JSON) -> str:
    """The text as Telegram shows it; refuses what Telegram would refuse."""
    raw = str(params.get("text") or "")
    if params.get("parse_mode") == "HTML":
        if "<" in raw or ">" in raw:
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: can't parse entities")
        raw = html.unescape(raw)
    if not raw.strip():
        raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: message text is empty")
    if len(raw.encode("utf-16-le")) // 2 > TEXT_LIMIT:
        raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: message is too long")
    return raw


def _checked_markup(markup: Any) -> JSON | None:
    """Inline keyboards as Telegram keeps them on the message; a ForceReply is not kept."""
    if not markup or "inline_keyboard" not in markup:
        return None
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data", "")
            if not 1 <= len(data.encode()) <= CALLBACK_DATA_LIMIT:
                raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: BUTTON_DATA_INVALID")
    return dict(markup)


def _set_markup(message: JSON, markup: JSON | None) -> None:
    if markup is None:
        message.pop("reply_markup", None)
    else:
        message["reply_markup"] = markup
