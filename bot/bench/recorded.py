"""The recorded update stream of the side-by-side benchmark (`bot.bench.compare`).

One person per language walks, in process, against the fake Bot API and the bundled content:
/start → language → place → housing → a typed question → thanks → /human → consent, contact,
time, interpreter → name → urgency → confirm (each question answered with the button the walk
wishes for, else its first one, until the request's `WG-` reference is shown). What is kept
per step: the raw update JSON (as a template with the person's chat id in it) and the Bot API
calls the bot made for it (answered presses, edited questions, the sent messages with their
text and keyboard), so that every variant can be fed the same updates and be checked to make
the same calls.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.bench.crash import bench_key
from bot.bench.fake_bot_api import JSON, FakeBotApi, FakeRequest
from bot.bench.journey import TYPED_QUESTIONS
from bot.bench.simulated_user import button_data
from bot.channels.telegram.app import build_channel
from bot.channels.telegram.handoff_delivery import TelegramDeliverer
from bot.channels.telegram.parse import parse_update
from bot.channels.telegram.settings import TelegramSettings
from bot.content.holder import ContentHolder
from bot.crypto.keys import load_cipher
from bot.flood import FloodGuard
from bot.handoff.reference import find_reference
from bot.runtime import Runtime, open_runtime
from bot.settings import BUNDLED_CONTENT, Settings

RECORD_CHAT = 987_654_321
TOKEN = "123:COMPARE"
SETTINGS = TelegramSettings(token=TOKEN, api_url="http://null.invalid/bot")
THANKS = {
    "de": "Danke",
    "en": "Thanks",
    "uk": "Дякую",
    "ru": "Спасибо",
    "ar": "شكرا",
    "fa": "ممنون",
}
NAMES = {"de": "Anna", "en": "Anna", "uk": "Олена", "ru": "Ольга", "ar": "مريم", "fa": "زهرا"}
# Buttons wished for, in this order; otherwise a question is answered with its first button.
WISHES = (".prohlis", ".housing", ".counsellor", ".yes", ".chat", ".morning", ".no", ".send")
AVOID = (".back", ".menu", ".restart", ".change", ".elsewhere", ".dresden_other")
NAVIGATION = frozenset({"back", "menu", "human"})
MAX_PRESSES = 30
# Lots of people write fast in a benchmark: the flood guard still runs, but lets them.
UNLIMITED = 10**9


@dataclass(frozen=True)
class Step:
    """One update of the walk and the Bot API calls it was answered with."""

    key: str  # what a simple bot would look at: a command, the callback data, typed words
    kind: str  # "command", "press" or "typed"
    template: str  # the update JSON, with RECORD_CHAT where the person's id goes
    sends: tuple[tuple[str, JSON | None], ...]  # text (HTML) and keyboard of each message
    edits: int
    answers: int

    @property
    def calls(self) -> int:
        return len(self.sends) + self.edits + self.answers

    def update(self, chat: int, update_id: int) -> JSON:
        """The update as person `chat` sends it."""
        data: JSON = json.loads(self.template.replace(str(RECORD_CHAT), str(chat)))
        data["update_id"] = update_id
        return data


@dataclass(frozen=True)
class Script:
    language: str
    steps: tuple[Step, ...]

    @property
    def calls(self) -> int:
        return sum(step.calls for step in self.steps)

    def count(self, method: str) -> int:
        field = {"sendMessage": "sends", "editMessageText": "edits"}.get(method, "answers")
        return sum(
            len(step.sends) if field == "sends" else getattr(step, field) for step in self.steps
        )


async def bench_runtime(holder: ContentHolder, folder: Path, url: str | None = None) -> Runtime:
    """The runtime as `python -m bot telegram` opens it, on `holder`'s content, storing in
    `folder` (or at `url`); the flood guard runs but lets a benchmark's fast people through."""
    settings = Settings(data_dir=folder, config_file=None, content_dir=holder.root)
    runtime = await open_runtime(
        settings,
        database_url=url,
        content=holder,
        cipher=load_cipher({"WEGWEISER_DATA_KEY": bench_key()}),
    )
    runtime.conversation.flood = FloodGuard(runtime.handoff.clock, limit=UNLIMITED)
    return runtime


def load_content() -> ContentHolder:
    return ContentHolder.load(BUNDLED_CONTENT)


async def record(holder: ContentHolder, language: str) -> Script:
    """Walk once in `language` through the full Wegweiser path and keep what happened."""
    api = FakeBotApi(TOKEN)
    with tempfile.TemporaryDirectory(prefix="wegweiser-record-") as folder:
        runtime = await bench_runtime(holder, Path(folder), "memory:")
        try:
            channel = build_channel(
                SETTINGS, runtime.conversation, webhook=True, request=FakeRequest(api)
            )
            deliverer = TelegramDeliverer(channel.application.bot, channel.sender, runtime.config)
            runtime.deliver_replies_through(deliverer)
            async with channel.application:
                walk = _Walk(api, language, channel.application.process_update)
                await walk.run(channel.application.bot)
        finally:
            await runtime.close()
    return Script(language, tuple(walk.steps))


class _Walk:
    def __init__(self, api: FakeBotApi, language: str, process: Callable[..., Awaitable[Any]]):
        self.api = api
        self.language = language
        self.process = process
        self.steps: list[Step] = []
        self._presses = 0

    async def run(self, bot: Any) -> None:
        self.bot = bot
        await self._send("/start", "start", "command")
        await self._press(f"lang.{self.language}")
        while not self._offered(".housing"):
            await self._press(self._choice())
        await self._press(self._first(".housing"))
        await self._send(TYPED_QUESTIONS[self.language], "question", "typed")
        await self._send(THANKS[self.language], "thanks", "typed")
        await self._send("/human", "human", "command")
        while not self._referenced():
            buttons = self._buttons()
            if buttons and not {b.rsplit(".", 1)[-1] for b in buttons} <= NAVIGATION:
                await self._press(self._choice())
            else:
                await self._send(NAMES[self.language], "name", "typed")
            if self._presses > MAX_PRESSES:
                raise RuntimeError(f"{self.language}: no reference after {MAX_PRESSES} presses")

    def _buttons(self) -> list[str]:
        messages = self.api.bot_messages(RECORD_CHAT)
        last = next((m for m in reversed(messages) if button_data(m)), None)
        return button_data(last) if last else []

    def _offered(self, suffix: str) -> bool:
        return any(b.endswith(suffix) for b in self._buttons())

    def _first(self, suffix: str) -> str:
        return next(b for b in self._buttons() if b.endswith(suffix))

    def _choice(self) -> str:
        buttons = self._buttons()
        for wish in WISHES:
            found = [b for b in buttons if b.endswith(wish)]
            if found:
                return found[0]
        allowed = [b for b in buttons if not b.endswith(AVOID)]
        return (allowed or buttons)[0]

    def _referenced(self) -> bool:
        return any(
            find_reference(m.get("text", "")) for m in self.api.bot_messages(RECORD_CHAT)[-3:]
        )

    async def _send(self, text: str, key: str, kind: str) -> None:
        update = self.api.message_update(RECORD_CHAT, text, language_code=self.language)
        await self._step(update, key, kind)

    async def _press(self, data: str) -> None:
        self._presses += 1
        messages = self.api.bot_messages(RECORD_CHAT)
        asked = next(m for m in reversed(messages) if data in button_data(m))
        update = self.api.callback_update(
            RECORD_CHAT, data, asked["message_id"], language_code=self.language
        )
        update["callback_query"]["id"] = f"{RECORD_CHAT}:{self._presses}"
        await self._step(update, data, "press")

    async def _step(self, update: JSON, key: str, kind: str) -> None:
        before = len(self.api.calls)
        await self.process(parse_update({"update_id": 1, **update}, self.bot))
        calls = self.api.calls[before:]
        sends = tuple(
            (str(c.params["text"]), c.params.get("reply_markup"))
            for c in calls
            if c.method == "sendMessage"
        )
        edits = sum(c.method == "editMessageText" for c in calls)
        answers = sum(c.method == "answerCallbackQuery" for c in calls)
        self.steps.append(Step(key, kind, json.dumps(update), sends, edits, answers))
