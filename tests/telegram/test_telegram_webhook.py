"""The web application: the Telegram webhook checks its secret, /healthz reports liveness."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from conftest import ScriptedConversation, make_channel

from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.telegram.app import TelegramChannel
from bot.web import TELEGRAM_SECRET_HEADER, create_web_app

SECRET = "s3cret-token_1"
CHAT = 777


@pytest.fixture
async def running(
    api: FakeBotApi, conversation: ScriptedConversation
) -> AsyncIterator[TelegramChannel]:
    channel = make_channel(api, conversation)
    async with channel.application:
        await channel.application.start()
        yield channel
        await channel.application.stop()


def client_for(channel: TelegramChannel) -> httpx.AsyncClient:
    app = create_web_app(telegram=channel.application, telegram_secret=SECRET)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot")


async def test_wrong_or_missing_secret_is_refused(
    api: FakeBotApi, conversation: ScriptedConversation, running: TelegramChannel
) -> None:
    update = {"update_id": 1, **api.message_update(CHAT, "Hallo")}
    async with client_for(running) as client:
        wrong = await client.post("/telegram", json=update, headers={TELEGRAM_SECRET_HEADER: "x"})
        missing = await client.post("/telegram", json=update)

    assert (wrong.status_code, missing.status_code) == (403, 403)
    assert conversation.inbounds == []


async def test_right_secret_is_processed(
    api: FakeBotApi, conversation: ScriptedConversation, running: TelegramChannel
) -> None:
    update = {"update_id": 1, **api.message_update(CHAT, "Hallo", language_code="fa")}
    async with client_for(running) as client:
        response = await client.post(
            "/telegram", json=update, headers={TELEGRAM_SECRET_HEADER: SECRET}
        )

    assert response.status_code == 200
    await api.wait_for(CHAT, lambda messages: len(messages) == 1, timeout=5)
    assert conversation.inbounds[0].text == "Hallo"
    assert conversation.inbounds[0].locale_hint == "fa"


async def test_a_body_that_is_no_update_is_a_bad_request(running: TelegramChannel) -> None:
    headers = {TELEGRAM_SECRET_HEADER: SECRET}
    async with client_for(running) as client:
        not_json = await client.post("/telegram", content=b"{", headers=headers)
        not_object = await client.post("/telegram", json=[1, 2], headers=headers)

    assert (not_json.status_code, not_object.status_code) == (400, 400)


async def test_health_is_ok_while_running_and_503_otherwise(
    api: FakeBotApi, conversation: ScriptedConversation, running: TelegramChannel
) -> None:
    async with client_for(running) as client:
        assert (await client.get("/healthz")).status_code == 200
    stopped = make_channel(api, conversation)
    async with client_for(stopped) as client:
        assert (await client.get("/healthz")).status_code == 503


async def test_without_telegram_there_is_no_telegram_route() -> None:
    app = create_web_app()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.post("/telegram", json={})).status_code == 404
