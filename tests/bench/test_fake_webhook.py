"""The fake Bot API posts updates to a registered webhook as Telegram does: with the secret
header, again after a refusal, and never again once it was answered 200."""

from __future__ import annotations

import asyncio
from http import HTTPStatus

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.bench.fake_bot_api import FakeBotApi
from bot.web import EmbeddedServer


async def test_refused_update_is_posted_again_until_answered_200() -> None:
    api = FakeBotApi()
    received: list[tuple[int, str]] = []

    async def hook(request: Request) -> Response:
        update = await request.json()
        received.append(
            (update["update_id"], request.headers.get("x-telegram-bot-api-secret-token", ""))
        )
        first = len(received) == 1
        return Response(status_code=HTTPStatus.SERVICE_UNAVAILABLE if first else HTTPStatus.OK)

    server = EmbeddedServer(
        Starlette(routes=[Route("/telegram", hook, methods=["POST"])]), host="127.0.0.1", port=0
    )
    async with server.running():
        await api.call(
            "setWebhook", {"url": f"http://127.0.0.1:{server.port}/telegram", "secret_token": "s3"}
        )
        update_id = api.push(api.message_update(5, "hallo"))
        delivering = asyncio.create_task(api.deliver_to_webhook(retry=0.05))
        try:
            async with asyncio.timeout(10):
                while len(received) < 2:
                    await asyncio.sleep(0.01)
            await asyncio.sleep(0.3)  # time for a third post, which must not come
        finally:
            delivering.cancel()
            await asyncio.gather(delivering, return_exceptions=True)
    assert received == [(update_id, "s3"), (update_id, "s3")]
    assert api.webhook_posts == [(update_id, 503), (update_id, 200)]
    status, body = await api.call("getUpdates", {})
    assert status == HTTPStatus.CONFLICT and not body["ok"]  # no polling while a webhook is set
