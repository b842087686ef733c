"""The real bot, long polling a fake Bot API over HTTP on 127.0.0.1, serves three people at once
(Ukrainian, Arabic, Farsi) from /start through the language button to a typed question."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from bot.bench.fake_bot_api import FakeBotApi
from bot.bench.journey import Journey
from bot.bench.simulated_user import SimulatedUser
from bot.channels.telegram.app import build_channel
from bot.channels.telegram.polling import run_polling
from bot.channels.telegram.settings import load_telegram_settings
from bot.conversation import Conversation

LANGUAGES = ("uk", "ar", "fa")


async def test_polling_bot_serves_three_people_at_once(
    real_conversation: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = FakeBotApi("123:X")
    async with api.serving() as base_url:
        monkeypatch.setenv("TELEGRAM_API_URL", base_url)
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:X")
        monkeypatch.delenv("TELEGRAM_WEBHOOK_URL", raising=False)
        channel = build_channel(load_telegram_settings(), real_conversation)
        stop = asyncio.Event()
        bot = asyncio.create_task(run_polling(channel, stop))
        try:
            users = [
                SimulatedUser(api, 6000 + n, lang, quiet=1.0) for n, lang in enumerate(LANGUAGES)
            ]
            runs = [Journey(user, user.language_code or "").run() for user in users]
            journeys = await asyncio.wait_for(asyncio.gather(*runs), timeout=30)
        finally:
            stop.set()
            await asyncio.wait_for(bot, timeout=10)

    assert [problem for journey in journeys for problem in journey.problems] == []
    for journey in journeys:
        names = [step.name for step in journey.steps]
        assert names[:2] == ["start", "language"] and "question" in names
    assert api.calls_of("deleteWebhook")
    assert set(api.commands) == {None, *real_conversation.languages}
    assert api.unanswered_callbacks() == set()


async def test_the_command_line_bot_serves_people_through_telegram_api_url(tmp_path: Path) -> None:
    """Exactly as an operator starts it: `python -m bot telegram` with the two variables."""
    api = FakeBotApi("123:X")
    async with api.serving() as base_url:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "123:X",
            "TELEGRAM_API_URL": base_url,
            "WEGWEISER_DATA_DIR": str(tmp_path),
        }
        for name in ("TELEGRAM_WEBHOOK_URL", "WEGWEISER_CONFIG"):
            env.pop(name, None)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "telegram",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await _serving(api, process)  # start-up (content, lexicons) is not a person's wait
            users = [
                SimulatedUser(api, 7000 + n, lang, quiet=1.0) for n, lang in enumerate(LANGUAGES)
            ]
            runs = [Journey(user, user.language_code or "").run() for user in users]
            journeys = await asyncio.wait_for(asyncio.gather(*runs), timeout=60)
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    assert [problem for journey in journeys for problem in journey.problems] == []
    assert process.returncode == 0
    assert b"Traceback" not in stderr
    assert b"start-up objects kept out of the garbage collector" in stderr  # bot.heap


async def _serving(api: FakeBotApi, process: asyncio.subprocess.Process, limit: float = 60) -> None:
    """Wait until the bot asks for updates (it has started), or fail if it exited."""
    deadline = time.monotonic() + limit
    while not api.calls_of("getUpdates"):
        assert process.returncode is None, "the bot exited while starting"
        assert time.monotonic() < deadline, "the bot did not start polling"
        await asyncio.sleep(0.1)
