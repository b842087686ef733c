"""The whole service (`bot.compose.serve`) against a fake Graph API and a fake Bot API,
both over HTTP on 127.0.0.1; people post signed webhooks as Meta would."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.bench import fake_graph_api as meta
from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.whatsapp.channel import WhatsAppChannel
from bot.clock import FakeClock
from bot.compose import Served, serve
from bot.settings import BUNDLED_CONTENT, Settings

SECRET = "app-secret-for-tests"
VERIFY = "verify-me"
TOKEN = "123:X"
PIRNA_GROUP = -1002
COUNSELLOR = 42
CONFIG = f"""
offices:
  dresden: {{telegram_group: -1001, forum: false, counsellors: [41]}}
  pirna: {{telegram_group: {PIRNA_GROUP}, forum: false, counsellors: [{COUNSELLOR}]}}
  return_ssoe: {{telegram_group: -1003, counsellors: [43]}}
whatsapp:
  reply_template: counselling_reply
  languages: {{de: de, en: en, uk: uk, ru: ru, ar: ar, fa: fa}}
"""


@dataclass
class Service:
    """The running service, the two fakes, the clock and an HTTP client to its web app."""

    served: Served
    graph: meta.FakeGraphApi
    telegram: FakeBotApi
    clock: FakeClock
    http: httpx.AsyncClient

    @property
    def whatsapp(self) -> WhatsAppChannel:
        channel = next(c for c in self.served.channels if c.name == "whatsapp")
        return channel.person  # type: ignore[return-value]

    async def post(self, payload: Any, *, headers: dict[str, str] | None = None) -> httpx.Response:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        sent = headers if headers is not None else meta.signed(body, SECRET)
        self.clock.advance(5)  # people take a few seconds per message (the flood guard counts)
        response = await self.http.post("/whatsapp", content=body, headers=sent)
        await self.whatsapp.idle()
        return response


def environment(graph_url: str, bot_url: str, config: Path, data: Path) -> dict[str, str]:
    return {
        "WEGWEISER_LISTEN": "127.0.0.1:0",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": bot_url,
        "WHATSAPP_ACCESS_TOKEN": "test-token",
        "WHATSAPP_PHONE_NUMBER_ID": meta.PHONE_NUMBER_ID,
        "WHATSAPP_APP_SECRET": SECRET,
        "WHATSAPP_VERIFY_TOKEN": VERIFY,
        "WHATSAPP_API_URL": graph_url,
        "WEGWEISER_CONFIG": str(config),
        "WEGWEISER_DATA_DIR": str(data),
    }


@pytest.fixture
async def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Service]:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    graph, telegram, clock = meta.FakeGraphApi(), FakeBotApi(TOKEN), FakeClock()
    async with graph.serving() as graph_url, telegram.serving() as bot_url:
        env = environment(graph_url, bot_url, config, tmp_path)
        for name, value in env.items():  # the validator reads whether WhatsApp is on
            monkeypatch.setenv(name, value)
        settings = Settings(data_dir=tmp_path, config_file=config, content_dir=BUNDLED_CONTENT)
        stop, ready = asyncio.Event(), asyncio.get_running_loop().create_future()

        async def started(served: Served) -> None:
            ready.set_result(served)

        task = asyncio.create_task(
            serve(settings, stop, environ=env, clock=clock, on_started=started, outbox_interval=0.2)
        )
        await asyncio.wait([task, ready], timeout=60, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()  # raises what stopped the start
        served = ready.result()
        base = f"http://127.0.0.1:{served.port}"
        async with httpx.AsyncClient(base_url=base, timeout=20) as http:
            yield Service(served, graph, telegram, clock, http)
        stop.set()
        await task
