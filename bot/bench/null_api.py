"""A request object that answers like the Bot API without any network: for the side-by-side
benchmark (`bot.bench.compare`), where every variant talks to the same one.

`NullRequest` is a python-telegram-bot `BaseRequest`: the bot builds its calls as always
(parameters, JSON encoding, rate limiter) and gets back canned JSON shaped like Telegram's
answers (a sent or edited message echoes chat, text and keyboard, with a fresh message id).
It counts the calls per chat (an answered button press is attributed to the chat whose id
starts its callback query id, `<chat>:<n>`, which is how the benchmark names them) and wakes
whoever waits for a chat to reach a number of calls. `on_send(chat, text)` is called before a
sendMessage to a person is answered (the check that replies follow their commit).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_ID = 123
COUNTED = ("sendMessage", "editMessageText", "answerCallbackQuery")
_BOT = {"id": BOT_ID, "is_bot": True, "first_name": "Wegweiser", "username": "wegweiser_bot"}
_ME = {**_BOT, "can_join_groups": True, "can_read_all_group_messages": False}
_TRUE = b'{"ok":true,"result":true}'


class NullRequest(BaseRequest):
    """Answers every Bot API call in process, like Telegram would, and counts them."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.per_chat: Counter[int] = Counter()
        self.on_send: Callable[[int, str], None] | None = None
        self._waiters: dict[int, tuple[int, asyncio.Future[None]]] = {}
        self._message_ids = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def reset(self) -> None:
        """Forget the counts (between runs)."""
        self.counts.clear()
        self.per_chat.clear()
        self._waiters.clear()

    def until(self, chat: int, calls: int) -> asyncio.Future[None]:
        """A future done once `chat` has had `calls` counted calls in all."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if self.per_chat[chat] >= calls:
            future.set_result(None)
        else:
            self._waiters[chat] = (calls, future)
        return future

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
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data is not None else {}
        body = self._answer(name, params)
        if name in COUNTED:
            self._count(name, params)
        return 200, body

    def _answer(self, name: str, params: dict[str, Any]) -> bytes:
        if name in ("sendMessage", "editMessageText"):
            chat = int(params["chat_id"])
            if name == "sendMessage" and chat > 0 and self.on_send is not None:
                self.on_send(chat, str(params.get("text", "")))
            message: dict[str, Any] = {
                "message_id": params.get("message_id") or next(self._message_ids),
                "from": _BOT,
                "chat": {"id": chat, "type": "private", "first_name": "Person"},
                "date": int(time.time()),
                "text": params.get("text", ""),
            }
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            return json.dumps({"ok": True, "result": message}).encode()
        if name == "getMe":
            return json.dumps({"ok": True, "result": _ME}).encode()
        return _TRUE

    def _count(self, name: str, params: dict[str, Any]) -> None:
        self.counts[name] += 1
        if name == "answerCallbackQuery":
            chat = int(str(params["callback_query_id"]).split(":", 1)[0])
        else:
            chat = int(params["chat_id"])
        self.per_chat[chat] += 1
        waiting = self._waiters.get(chat)
        if waiting is not None and self.per_chat[chat] >= waiting[0]:
            del self._waiters[chat]
            if not waiting[1].done():
                waiting[1].set_result(None)
