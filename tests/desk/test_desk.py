"""The counsellor desk as a counsellor uses it: sign in with TOTP, see the office's requests,
claim, propose an appointment, write to the person (it reaches them in Telegram), close, hand
over; and the minimal group notification that carries no personal data."""

from __future__ import annotations

from http import HTTPStatus

from bot.handoff.model import Status
from tests.desk.conftest import (
    DESK_URL,
    NAME,
    NOTE,
    PHONE,
    PIRNA_GROUP,
    DeskBed,
    csrf_of,
    make_request,
    sign_in,
)


async def test_group_gets_only_reference_place_urgency_and_desk_link(desk_bed: DeskBed) -> None:
    ref = await make_request(desk_bed)
    await desk_bed.outbox.run_once()
    posted = [m["text"] for m in desk_bed.api.bot_messages(PIRNA_GROUP)]
    assert posted == [
        f"Neue Anfrage {ref} · Pirna · dringend (neu)\n"
        f"Im Beratungs-Desk öffnen: {DESK_URL}/requests/{ref}"
    ]
    assert desk_bed.api.topics[PIRNA_GROUP][0]["name"] == ref  # no topic in the title either
    message = desk_bed.api.bot_messages(PIRNA_GROUP)[0]
    assert not message.get("reply_markup")  # the work happens on the desk


async def test_a_counsellor_works_a_request_through_the_desk(desk_bed: DeskBed) -> None:
    ref = await make_request(desk_bed)
    await desk_bed.outbox.run_once()
    async with desk_bed.client() as client:
        signed = await sign_in(desk_bed, client)
        assert signed.status_code == HTTPStatus.SEE_OTHER
        cookie = signed.headers["set-cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()

        listing = await client.get("/desk/requests")
        assert listing.status_code == HTTPStatus.OK and ref in listing.text
        assert "dringend" in listing.text and "Wohnen" in listing.text and "Deutsch" in listing.text
        assert "30 Tage nach Abschluss" in listing.text

        page = await client.get(f"/desk/requests/{ref}")
        assert PHONE.replace(" ", "") in page.text and NAME in page.text and NOTE in page.text
        csrf = csrf_of(page.text)

        claimed = await client.post(f"/desk/requests/{ref}/claim", data={"csrf": csrf})
        assert claimed.status_code == HTTPStatus.SEE_OTHER
        assert (await desk_bed.runtime.handoff.store.get_request(ref)).status is Status.CLAIMED

        await client.post(
            f"/desk/requests/{ref}/propose",
            data={"csrf": csrf, "when": "2026-12-02T14:00", "place": "Beratungsstelle Pirna"},
        )
        request = await desk_bed.runtime.handoff.store.get_request(ref)
        assert request.status is Status.PROPOSED
        assert request.appointment.starts_at.isoformat() == "2026-12-02T14:00:00+01:00"

        await client.post(
            f"/desk/requests/{ref}/write",
            data={"csrf": csrf, "text": "Bitte bringen Sie die Kündigung mit."},
        )
        await desk_bed.outbox.run_once()
        texts = desk_bed.person_texts()
        assert any("Bitte bringen Sie die Kündigung mit." in t for t in texts)
        assert any("02.12.2026" in t or "2. Dezember" in t for t in texts)

        await desk_bed.say("Danke, ich komme mit meiner Schwester")
        page = await client.get(f"/desk/requests/{ref}")
        assert "Danke, ich komme mit meiner Schwester" in page.text  # the person's answer
        assert "Bitte bringen Sie die Kündigung mit." in page.text

        closed = await client.post(f"/desk/requests/{ref}/close", data={"csrf": csrf})
        assert closed.status_code == HTTPStatus.SEE_OTHER
        page = await client.get(f"/desk/requests/{ref}")
        assert "abgeschlossen" in page.text
        assert "25.12.2026" in page.text  # deleted 30 days after closing (the default)
    await desk_bed.outbox.run_once()
    audit = await desk_bed.runtime.handoff.store.audit_of(ref)
    actions = [(a.actor, a.action) for a in audit]
    assert ("desk:anna", "read") in actions and ("desk:anna", "claim") in actions
    assert ("desk:anna", "propose") in actions and ("desk:anna", "relay") in actions
    assert ("desk:anna", "close") in actions


async def test_every_read_of_a_request_is_audited(desk_bed: DeskBed) -> None:
    ref = await make_request(desk_bed)
    async with desk_bed.client() as client:
        await sign_in(desk_bed, client)
        for _ in range(2):
            await client.get(f"/desk/requests/{ref}")
    reads = [a for a in await desk_bed.runtime.handoff.store.audit_of(ref) if a.action == "read"]
    assert [a.actor for a in reads] == ["desk:anna", "desk:anna"]


async def test_hand_over_moves_the_request_to_the_other_office(desk_bed: DeskBed) -> None:
    ref = await make_request(desk_bed)
    await desk_bed.outbox.run_once()
    async with desk_bed.client() as anna, desk_bed.client() as david:
        await sign_in(desk_bed, anna)
        page = await anna.get(f"/desk/requests/{ref}")
        await anna.post(
            f"/desk/requests/{ref}/handover", data={"csrf": csrf_of(page.text), "office": "dresden"}
        )
        assert (await anna.get(f"/desk/requests/{ref}")).status_code == HTTPStatus.NOT_FOUND
        await sign_in(desk_bed, david, "david")
        assert (await david.get(f"/desk/requests/{ref}")).status_code == HTTPStatus.OK
    await desk_bed.outbox.run_once()
    assert any(ref in m["text"] for m in desk_bed.api.bot_messages(-2001))  # Dresden's group
    old_post = desk_bed.api.bot_messages(PIRNA_GROUP)[0]
    assert (
        old_post["text"]
        == f"Anfrage {ref}: an Migrationssozialarbeit Dresden (Prohlis und Leuben) übergeben."
    )
    assert not old_post.get("reply_markup")
