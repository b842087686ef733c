"""Fixtures for the Telegram channel: an in-process fake Bot API and a scripted conversation."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from bot.bench.fake_bot_api import FakeBotApi, FakeRequest
from bot.channels.port import ConversationPort
from bot.channels.telegram.app import TelegramChannel, build_channel
from bot.channels.telegram.parse import parse_update
from bot.channels.telegram.settings import TelegramSettings
from bot.conversation import Conversation
from bot.handoff.reference import find_reference
from bot.messages import Choice, Inbound, Reply
from bot.runtime import open_runtime
from bot.settings import BUNDLED_CONTENT, Settings

TOKEN = "123:X"
SETTINGS = TelegramSettings(token=TOKEN, api_url="http://fake.invalid/bot")


class ScriptedConversation:
    """Answers every inbound with `answer(inbound)`; records what it was given."""

    languages = ("de", "en", "uk", "ru", "ar", "fa")

    def __init__(self, answer: Callable[[Inbound], list[Reply]] | None = None) -> None:
        self.inbounds: list[Inbound] = []
        self.answer = answer or (lambda inbound: [Reply(f"echo {inbound.kind}")])

    async def handle(
        self, inbound: Inbound, *, after_commit: Callable[[], Awaitable[None]] | None = None
    ) -> list[Reply]:
        self.inbounds.append(inbound)
        if after_commit is not None:
            await after_commit()
        return self.answer(inbound)

    def command_menu(self, language: str) -> list[tuple[str, str]]:
        return [("start", f"start ({language})"), ("help", f"help ({language})")]

    def system_reply(self, key: str, language: str) -> Reply:
        return Reply(f"{key} [{language}]", language=language)


def question(text: str = "Wo wohnen Sie?", *ids: str) -> Reply:
    return Reply(text, choices=tuple(Choice(i, f"Label {i}") for i in ids or ("a", "b")))


@pytest.fixture
def api() -> FakeBotApi:
    return FakeBotApi(TOKEN)


@pytest.fixture
def conversation() -> ScriptedConversation:
    return ScriptedConversation()


def make_channel(
    api: FakeBotApi, conversation: ConversationPort, **options: Any
) -> TelegramChannel:
    return build_channel(
        SETTINGS,
        conversation,
        webhook=True,
        request=FakeRequest(api),
        get_updates_request=FakeRequest(api),
        **options,
    )


@pytest.fixture
async def channel(
    api: FakeBotApi, conversation: ScriptedConversation
) -> AsyncIterator[TelegramChannel]:
    channel = make_channel(api, conversation)
    async with channel.application:
        yield channel


async def feed(
    application: Application[Any, Any, Any, Any, Any, Any], update: dict[str, Any]
) -> None:
    """Process one update as the bot does after receiving it (`parse_update`: a private text or
    press as a `PrivateText`/`PrivatePress`, anything else as PTB's `Update`)."""
    data = {"update_id": 1, **update}
    await application.process_update(parse_update(data, application.bot))


@pytest.fixture
def content_root() -> Path:
    """The bundled content: end-to-end tests run what ships."""
    return BUNDLED_CONTENT


@pytest.fixture
async def real_conversation(tmp_path: Path, content_root: Path) -> AsyncIterator[Conversation]:
    settings = Settings(data_dir=tmp_path, config_file=None, content_dir=content_root)
    runtime = await open_runtime(settings)
    try:
        yield runtime.conversation
    finally:
        await runtime.close()


async def ask_for_a_counsellor_about_losing_the_flat(
    bed: Any, person: int, language: str, place: str
) -> None:
    """Through the buttons of a bed with `say`, `press` and a fake Bot API (`bed.api`): start,
    language, place, housing, losing the flat, then the counsellor button (found within three
    questions); the request's questions come next."""
    await bed.say("/start")
    await bed.press(f"lang.{language}")
    await bed.press(place)
    await bed.press(".housing")
    await bed.press(".losing")  # losing the flat: urgent
    for _ in range(3):
        last = bed.api.bot_messages(person)[-1]
        datas = [b["callback_data"] for row in last["reply_markup"]["inline_keyboard"] for b in row]
        handoff = [d for d in datas if d.endswith(".counsellor")]
        if handoff:
            await bed.press(handoff[0])
            return
        await bed.press(datas[0])


def told_reference(bed: Any) -> str:
    """The newest `WG-` reference the person was told (fails the test when there is none)."""
    ref = next((find_reference(t) for t in reversed(bed.person_texts()) if find_reference(t)), None)
    assert ref is not None, bed.person_texts()[-3:]
    return ref
