"""Old buttons, failed deliveries, a changed business-scoped id, and media during a request."""

from __future__ import annotations

from bot.bench import fake_graph_api as meta
from tests.whatsapp.conftest import PIRNA_GROUP, Service
from tests.whatsapp.test_whatsapp_journeys import (
    WhatsAppPerson,
    body_of,
    choices_of,
    request_from_pirna,
)


async def test_a_tap_on_an_old_question_shows_the_current_question_again(service: Service) -> None:
    person = WhatsAppPerson(service, meta.Person("4915100000001", "DE.100stale"))
    await person.say("hello")
    language_question = person.last_question()
    await person.tap("lang.uk")
    current = person.last_question()
    old_arabic = next(i for i, _ in choices_of(language_question) if i.endswith("lang.ar"))
    await person._send_tap(language_question, old_arabic)  # the old language list, tapped again
    again = person.last_question()
    assert choices_of(again) == choices_of(current)  # the current question, shown again
    said = " ".join(body_of(m) for m in person.messages()[-2:])
    assert "Ця кнопка належить до попереднього питання" in said
    session = await service.served.runtime.storage.load_session("whatsapp:DE.100stale")
    assert session is not None and session.language == "uk"  # the old tap changed nothing


async def test_a_failed_delivery_is_told_to_the_counsellors(service: Service) -> None:
    person = WhatsAppPerson(service, meta.Person("4915100000002", "DE.200fail"))
    ref = await request_from_pirna(person, "ar")
    await service.telegram.wait_for(
        PIRNA_GROUP, lambda ms: any(f"Neue Anfrage {ref}" in m.get("text", "") for m in ms), 20
    )
    status = meta.webhook_status(person.person, "wamid.out1", "failed", error_code=131026)
    assert (await service.post(status)).status_code == 200
    assert (await service.post(status)).status_code == 200  # redelivered: told once
    notes = await service.telegram.wait_for(
        PIRNA_GROUP, lambda ms: any("nicht zugestellt" in m.get("text", "") for m in ms), 20
    )
    told = [m["text"] for m in notes if "nicht zugestellt" in m.get("text", "")]
    assert len(told) == 1 and ref in told[0] and "131026" in told[0]
    delivered = meta.webhook_status(person.person, "wamid.out2", "delivered")
    assert (await service.post(delivered)).status_code == 200

    # the person's business-scoped id changes: their open request moves with them
    changed = meta.webhook_user_id_changed(person.person, "DE.200next")
    assert (await service.post(changed)).status_code == 200
    storage = service.served.runtime.storage
    assert [r.ref for r in await storage.requests_of("whatsapp:DE.200next")] == [ref]
    assert await storage.requests_of("whatsapp:DE.200fail") == []


async def test_a_changed_business_scoped_id_keeps_the_conversation(service: Service) -> None:
    old = meta.Person("4915100000003", "DE.300old")
    person = WhatsAppPerson(service, old)
    await person.say("hello")
    await person.tap("lang.fa")
    storage = service.served.runtime.storage
    assert await storage.load_session("whatsapp:DE.300old") is not None
    assert (await service.post(meta.webhook_user_id_changed(old, "DE.300new"))).status_code == 200
    moved = await storage.load_session("whatsapp:DE.300new")
    assert moved is not None and moved.language == "fa"
    assert await storage.load_session("whatsapp:DE.300old") is None
    new_person = WhatsAppPerson(service, meta.Person("4915100000003", "DE.300new"))
    await new_person.say("/menu")
    assert new_person.messages(), "the person is answered under the new id"


async def test_media_reaches_the_group_only_with_an_open_request(service: Service) -> None:
    person = WhatsAppPerson(service, meta.Person("4915100000004", "DE.400media"))
    service.graph.media_files["media.photo1"] = (b"\xff\xd8jpeg-bytes", "image/jpeg")
    service.graph.media_files["media.voice1"] = (b"OggS-voice", "audio/ogg")
    await service.post(meta.webhook_image(person.person, "media.photo1"))
    assert not service.telegram.calls_of("sendPhoto")  # no request: nothing is fetched or sent
    ref = await request_from_pirna(person, "uk")
    await service.telegram.wait_for(
        PIRNA_GROUP, lambda ms: any(f"Neue Anfrage {ref}" in m.get("text", "") for m in ms), 20
    )
    await service.post(meta.webhook_image(person.person, "media.photo1", caption="Der Brief"))
    await service.post(meta.webhook_audio(person.person, "media.voice1"))
    await service.telegram.wait_for(
        PIRNA_GROUP, lambda ms: sum(1 for m in ms if "photo" in m or "voice" in m) >= 2, 20
    )
    photos = [m for m in service.telegram.bot_messages(PIRNA_GROUP) if "photo" in m]
    voices = [m for m in service.telegram.bot_messages(PIRNA_GROUP) if "voice" in m]
    assert len(photos) == 1 and len(voices) == 1
    assert photos[0]["photo"][0]["file_size"] == len(b"\xff\xd8jpeg-bytes")
    group_texts = [m.get("text", "") for m in service.telegram.bot_messages(PIRNA_GROUP)]
    assert any("Der Brief" in t for t in group_texts)  # the caption is read as text, and passed on
