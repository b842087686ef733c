"""The runners and the command line: webhook registration, errors as one sentence."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from conftest import SETTINGS, ScriptedConversation
from telegram.error import InvalidToken, NetworkError

from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.telegram import cli
from bot.channels.telegram.app import build_channel
from bot.channels.telegram.settings import Listen, TelegramSettings
from bot.channels.telegram.transport import QueuedRequest
from bot.channels.telegram.webhook import run_webhook
from bot.content.problems import ContentError, Problem
from bot.settings import SettingsError
from bot.web import ListenError

SECRET = "hook-secret"


async def test_webhook_mode_serves_health_and_registers_the_webhook() -> None:
    api = FakeBotApi("123:X")
    conversation = ScriptedConversation()
    async with api.serving() as base_url:
        settings = TelegramSettings(
            token="123:X",
            api_url=base_url,
            webhook_url="https://bot.example.org/telegram",
            webhook_secret=SECRET,
            listen=Listen("127.0.0.1", _free_port()),
        )
        channel = build_channel(settings, conversation, webhook=True)
        stop = asyncio.Event()
        runner = asyncio.create_task(run_webhook(channel, settings, stop))
        url = f"http://127.0.0.1:{settings.listen.port}"
        async with httpx.AsyncClient(base_url=url) as client:
            health = await _when_up(client)
            update = {"update_id": 1, **api.message_update(31, "Hallo")}
            posted = await client.post(
                "/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
            await api.wait_for(31, lambda messages: len(messages) == 1, timeout=5)
        stop.set()
        await asyncio.wait_for(runner, timeout=10)

    assert health.status_code == 200 and posted.status_code == 200
    assert api.webhook is not None
    assert api.webhook["url"] == "https://bot.example.org/telegram"
    assert api.webhook["secret_token"] == SECRET
    assert "callback_query" in api.webhook["allowed_updates"]
    assert set(api.commands) == {None, *conversation.languages}


def test_the_production_channel_queues_requests_itself() -> None:
    channel = build_channel(SETTINGS, ScriptedConversation())
    assert isinstance(channel.application.bot.request, QueuedRequest)


@pytest.mark.parametrize(
    ("error", "code", "names"),
    [
        (
            SettingsError("WEGWEISER_CONFIG points to x, which is not a file."),
            2,
            "WEGWEISER_CONFIG",
        ),
        (InvalidToken("Unauthorized"), 2, "TELEGRAM_BOT_TOKEN"),
        (NetworkError("httpx.ConnectError"), 1, "TELEGRAM_API_URL"),
        (ListenError(98, "Address already in use"), 2, "WEGWEISER_LISTEN"),
        (ContentError([Problem("flows/a.yaml", 1, "broken")]), 2, "python -m bot validate"),
    ],
)
def test_cli_turns_failures_into_one_sentence(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    error: Exception,
    code: int,
    names: str,
) -> None:
    async def failing(*args: object) -> None:
        raise error

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:X")
    monkeypatch.setenv("WEGWEISER_DATA_DIR", str(tmp_path))
    for name in ("WEGWEISER_CONFIG", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli, "serve", failing)
    monkeypatch.setattr(cli, "configure_logging", lambda: None)

    assert cli.main([]) == code

    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert names in err


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _when_up(client: httpx.AsyncClient) -> httpx.Response:
    for _ in range(200):
        try:
            response = await client.get("/healthz")
        except httpx.TransportError:
            await asyncio.sleep(0.02)
            continue
        if response.status_code == 200:
            return response
        await asyncio.sleep(0.02)
    raise TimeoutError("web app did not come up")
