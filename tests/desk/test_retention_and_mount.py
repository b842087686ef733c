"""The deletion date the desk shows is the one the purge keeps; the desk is mounted in the web
app once an account exists (and not before)."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import httpx

from bot.desk.app import desk_of_runtime
from bot.handoff.service import Actor
from bot.web import create_web_app
from tests.desk.conftest import DeskBed, make_request, sign_in


async def test_a_closed_request_is_purged_on_the_date_the_desk_shows(desk_bed: DeskBed) -> None:
    ref = await make_request(desk_bed)
    anna = Actor(0, "Anna", offices=frozenset({"pirna"}), login="anna")
    await desk_bed.runtime.handoff.act(ref, "close", anna)
    async with desk_bed.client() as client:
        await sign_in(desk_bed, client)
        page = await client.get(f"/desk/requests/{ref}")
    closed_at = (await desk_bed.runtime.handoff.store.get_request(ref)).updated_at
    shown = (closed_at + timedelta(days=30)).strftime("%d.%m.%Y")
    assert f'<dd id="deletion">{shown}</dd>' in page.text
    retention = timedelta(days=desk_bed.runtime.config.retention_days)
    storage = desk_bed.runtime.storage
    await storage.purge(closed_at + retention - timedelta(hours=1) - retention)
    assert await desk_bed.runtime.handoff.store.get_request(ref) is not None  # the day before
    await storage.purge(closed_at + retention + timedelta(hours=1) - retention)
    assert await desk_bed.runtime.handoff.store.get_request(ref) is None  # gone on the day


async def test_the_desk_is_served_once_an_account_exists(desk_bed: DeskBed, tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    assert desk_of_runtime(desk_bed.runtime, empty) == []
    app = create_web_app(extra_routes=desk_of_runtime(desk_bed.runtime, tmp_path))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://desk.test") as client:
        assert (await client.get("/desk/login")).status_code == HTTPStatus.OK
        assert (await client.get("/healthz")).status_code == HTTPStatus.OK
