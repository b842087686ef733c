"""A person in a private chat with the bot, played against a `FakeBotApi`."""

from __future__ import annotations

import copy
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.bench.fake_bot_api import JSON, FakeBotApi

Deliver = Callable[[JSON], Awaitable[None]]


class SimulatedUser:
    """One person in a private chat with the bot, driven through a `FakeBotApi`.

    `deliver` hands an update to the bot; by default it is queued for getUpdates. `quiet` is
    how long `collect` waits for more messages once the bot has started answering.
    """

    def __init__(
        self,
        api: FakeBotApi,
        chat_id: int,
        language_code: str | None,
        *,
        deliver: Deliver | None = None,
        quiet: float = 0.3,
    ) -> None:
        self.api = api
        self.chat_id = chat_id
        self.language_code = language_code
        self.quiet = quiet
        self.seen = 0  # bot messages already taken by `collect`
        self._deliver = deliver or self._queue

    async def _queue(self, update: JSON) -> None:
        self.api.push(update)

    async def send(self, text: str | None = None, **content: Any) -> float:
        """Send a message; returns when (monotonic) it was sent."""
        update = self.api.message_update(
            self.chat_id, text, language_code=self.language_code, **content
        )
        sent = time.monotonic()
        await self._deliver(update)
        return sent

    async def press(self, data: str) -> float:
        """Press the newest button with this callback data."""
        message = self.message_with_button(data)
        if message is None:
            raise LookupError(f"no button {data!r} in chat {self.chat_id}")
        update = self.api.callback_update(
            self.chat_id, data, message["message_id"], language_code=self.language_code
        )
        sent = time.monotonic()
        await self._deliver(update)
        return sent

    def message_with_button(self, data: str) -> JSON | None:
        for message in reversed(self.api.bot_messages(self.chat_id)):
            if data in button_data(message):
                return message
        return None

    def unseen(self) -> list[JSON]:
        return self.api.bot_messages(self.chat_id)[self.seen :]

    async def collect(
        self, done: Callable[[JSON], bool], timeout: float = 10.0, *, must: bool = False
    ) -> list[JSON]:
        """The bot's new messages as they arrived, up to and including the first that `done`
        accepts. With `must` that message has to come within `timeout`; otherwise the reply
        also ends when the bot has been quiet for `quiet` seconds after its first message."""
        if must:
            await self.api.wait_for(
                self.chat_id, lambda ms: any(done(m) for m in ms[self.seen :]), timeout
            )
        else:
            await self._until_quiet(done, timeout)
        new = self.unseen()
        end = next((i + 1 for i, message in enumerate(new) if done(message)), len(new))
        self.seen += end
        return copy.deepcopy(new[:end])  # as they arrived; the bot may edit them later

    async def _until_quiet(self, done: Callable[[JSON], bool], timeout: float) -> None:
        await self.api.wait_for(self.chat_id, lambda ms: len(ms) > self.seen, timeout)
        while not any(done(message) for message in self.unseen()):
            count = len(self.api.bot_messages(self.chat_id))
            try:
                await self.api.wait_for(
                    self.chat_id, lambda ms, count=count: len(ms) > count, self.quiet
                )
            except TimeoutError:
                return


def button_data(message: JSON) -> list[str]:
    """The callback data of every button of a message, row by row."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button.get("callback_data", "") for row in rows for button in row]


def button_labels(message: JSON) -> dict[str, str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return {button.get("callback_data", ""): button["text"] for row in rows for button in row}
