"""The desk's protections, each tried as an attacker or a careless user would: wrong password
lockout, a missing or wrong TOTP code, forms without their CSRF token, another office's request,
an expired session, signing out everywhere, address rate limiting, no desk without an account."""

from __future__ import annotations

from http import HTTPStatus

from bot.desk.auth import SESSION_HOURS
from bot.handoff.model import Status
from tests.desk.conftest import PASSWORD, DeskBed, csrf_of, make_request, sign_in


async def _attempt(bed: DeskBed, client, login: str, password: str, code: str):  # type: ignore[no-untyped-def]
    page = await client.get("/desk/login")
    form = {"csrf": csrf_of(page.text), "login": login, "password": password, "code": code}
    return await client.post("/desk/login", data=form)


async def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
    desk_bed: DeskBed,
) -> None:
    async with desk_bed.client() as client:
        for _ in range(5):
            wrong = await _attempt(
                desk_bed, client, "anna", "falsch-falsch-falsch", desk_bed.code("anna")
            )
            assert wrong.status_code == HTTPStatus.UNAUTHORIZED
        right = await _attempt(desk_bed, client, "anna", PASSWORD, desk_bed.code("anna"))
        assert right.status_code == HTTPStatus.UNAUTHORIZED and "gesperrt" in right.text
        desk_bed.clock.advance(16 * 60)
        later = await _attempt(desk_bed, client, "anna", PASSWORD, desk_bed.code("anna"))
        assert later.status_code == HTTPStatus.SEE_OTHER


async def test_the_second_factor_is_required(desk_bed: DeskBed) -> None:
    async with desk_bed.client() as client:
        missing = await _attempt(desk_bed, client, "anna", PASSWORD, "")
        wrong = await _attempt(desk_bed, client, "anna", PASSWORD, "000000")
        assert missing.status_code == wrong.status_code == HTTPStatus.UNAUTHORIZED
        assert (await client.get("/desk/requests")).status_code == HTTPStatus.SEE_OTHER


async def test_forms_without_their_csrf_token_are_refused(desk_bed: DeskBed) -> None:
    ref = await make_request(desk_bed)
    async with desk_bed.client() as client:
        page = await client.get("/desk/login")
        no_token = {"login": "anna", "password": PASSWORD, "code": desk_bed.code("anna")}
        assert (await client.post("/desk/login", data=no_token)).status_code == HTTPStatus.FORBIDDEN
        assert page.status_code == HTTPStatus.OK
        await sign_in(desk_bed, client)
        for action in ("claim", "close", "write", "propose", "handover"):
            refused = await client.post(f"/desk/requests/{ref}/{action}", data={"text": "x"})
            assert refused.status_code == HTTPStatus.FORBIDDEN, action
            forged = await client.post(
                f"/desk/requests/{ref}/{action}", data={"csrf": "0" * 64, "text": "x"}
            )
            assert forged.status_code == HTTPStatus.FORBIDDEN, action
        assert (await client.post("/desk/logout", data={})).status_code == HTTPStatus.FORBIDDEN
    request = await desk_bed.runtime.handoff.store.get_request(ref)
    assert request.status is Status.NEW and request.messages == []


async def test_another_offices_request_is_not_found_on_every_route(desk_bed: DeskBed) -> None:
    ref = await make_request(desk_bed)  # Pirna's request
    async with desk_bed.client() as client:
        await sign_in(desk_bed, client, "david")  # Dresden only
        listing = await client.get("/desk/requests")
        assert ref not in listing.text
        csrf = csrf_of(listing.text)
        assert (await client.get(f"/desk/requests/{ref}")).status_code == HTTPStatus.NOT_FOUND
        for action in ("claim", "close", "write", "propose", "handover"):
            data = {"csrf": csrf, "text": "x", "when": "2026-12-02T14:00", "office": "dresden"}
            answer = await client.post(f"/desk/requests/{ref}/{action}", data=data)
            assert answer.status_code == HTTPStatus.NOT_FOUND, action
        unknown = await client.get("/desk/requests/WG-ZZZZ")
        assert unknown.status_code == HTTPStatus.NOT_FOUND
    request = await desk_bed.runtime.handoff.store.get_request(ref)
    assert request.status is Status.NEW and request.office == "pirna"
    audit = await desk_bed.runtime.handoff.store.audit_of(ref)
    assert all(not a.actor.startswith("desk:") for a in audit)


async def test_an_expired_session_leads_back_to_the_sign_in(desk_bed: DeskBed) -> None:
    async with desk_bed.client() as client:
        await sign_in(desk_bed, client)
        assert (await client.get("/desk/requests")).status_code == HTTPStatus.OK
        desk_bed.clock.advance(SESSION_HOURS * 3600 + 60)
        expired = await client.get("/desk/requests")
        assert expired.status_code == HTTPStatus.SEE_OTHER
        assert expired.headers["location"] == "/desk/login?expired=1"
        assert "abgelaufen" in (await client.get("/desk/login?expired=1")).text


async def test_signing_out_everywhere_ends_the_other_sessions(desk_bed: DeskBed) -> None:
    async with desk_bed.client() as phone, desk_bed.client() as office:
        await sign_in(desk_bed, phone)
        await sign_in(desk_bed, office)
        page = await office.get("/desk/requests")
        await office.post("/desk/logout", data={"csrf": csrf_of(page.text), "everywhere": "1"})
        assert (await phone.get("/desk/requests")).status_code == HTTPStatus.SEE_OTHER
        assert (await office.get("/desk/requests")).status_code == HTTPStatus.SEE_OTHER


async def test_one_address_may_try_only_so_often(desk_bed: DeskBed) -> None:
    async with desk_bed.client() as client:
        answers = [
            (await _attempt(desk_bed, client, f"nobody{i}", "x" * 12, "")).status_code
            for i in range(21)
        ]
    assert answers[:20] == [HTTPStatus.UNAUTHORIZED] * 20
    assert answers[20] == HTTPStatus.TOO_MANY_REQUESTS


async def test_pages_are_not_cached_nor_framed(desk_bed: DeskBed) -> None:
    async with desk_bed.client() as client:
        page = await client.get("/desk/login")
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


async def test_a_totp_code_signs_in_only_once(desk_bed: DeskBed) -> None:
    code = desk_bed.code("anna")
    async with desk_bed.client() as first, desk_bed.client() as thief:
        assert (await _attempt(desk_bed, first, "anna", PASSWORD, code)).status_code == 303
        replayed = await _attempt(desk_bed, thief, "anna", PASSWORD, code)
        assert replayed.status_code == HTTPStatus.UNAUTHORIZED
        fresh = await _attempt(desk_bed, thief, "anna", PASSWORD, desk_bed.code("anna"))
        assert fresh.status_code == HTTPStatus.SEE_OTHER
