"""`python -m bot telegram` with WEGWEISER_DATABASE_URL=postgresql://…, against a fake Bot API:
a person's conversation goes on where it was after the bot was restarted."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.bench.fake_bot_api import FakeBotApi
from bot.bench.journey import button_for, has_keyboard, written_in
from bot.bench.simulated_user import SimulatedUser, button_data, button_labels


@asynccontextmanager
async def telegram_bot(api: FakeBotApi, base_url: str, database_url: str) -> AsyncIterator[None]:
    """The command-line bot, polling the fake API, on the given database."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123:X",
        "TELEGRAM_API_URL": base_url,
        "WEGWEISER_DATABASE_URL": database_url,
    }
    for name in ("TELEGRAM_WEBHOOK_URL", "WEGWEISER_CONFIG"):
        env.pop(name, None)
    polls_before = len(api.calls_of("getUpdates"))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "telegram", env=env, stderr=asyncio.subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while len(api.calls_of("getUpdates")) == polls_before:  # start-up is not a person's wait
            assert process.returncode is None, "the bot exited while starting"
            assert time.monotonic() < deadline, "the bot did not start polling"
            await asyncio.sleep(0.1)
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0 and b"Traceback" not in stderr, stderr.decode()[-2000:]


async def test_telegram_bot_on_postgres_goes_on_after_a_restart(postgres_url: str) -> None:
    api = FakeBotApi("123:X")
    person = SimulatedUser(api, 8101, "fa", quiet=1.0)
    async with api.serving() as base_url:
        async with telegram_bot(api, base_url, postgres_url):
            await person.send("/start")
            (picker,) = await person.collect(lambda m: button_for(m, "fa") is not None, must=True)
            language = button_for(picker, "fa")
            assert language is not None
            await person.press(language)
            asked = (await person.collect(has_keyboard, must=True))[-1]
        choice = button_data(asked)[0]
        label = button_labels(asked)[choice]
        async with telegram_bot(api, base_url, postgres_url):
            await person.press(choice)  # answered after the restart
            replies = await person.collect(has_keyboard, must=True)
    assert api.message(person.chat_id, asked["message_id"])["text"].endswith(f"✅ {label}")
    assert all(written_in(m["text"], "fa") for m in replies)
    assert button_for(replies[-1], "housing") is not None  # the next question, not a new start
