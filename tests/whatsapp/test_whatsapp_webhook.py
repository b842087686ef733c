"""`python -m bot serve` with WhatsApp and Telegram configured: handshake, signatures, stored
before 200, replays, and a first message answered through the Graph API."""

from __future__ import annotations

import json

from bot.bench import fake_graph_api as meta
from tests.whatsapp.conftest import SECRET, VERIFY, Service

AMINA = meta.Person("4915112345678", "DE.1502576394655843", "Amina")


async def test_handshake_echoes_the_challenge_only_for_the_verify_token(service: Service) -> None:
    ok = await service.http.get(
        "/whatsapp",
        params={"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"},
    )
    assert ok.status_code == 200 and ok.text == "1158201444"
    wrong = await service.http.get(
        "/whatsapp",
        params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
    )
    assert wrong.status_code == 403
    assert (await service.http.get("/healthz")).status_code == 200


async def test_a_signed_hello_from_a_new_person_gets_an_interactive_message(
    service: Service,
) -> None:
    response = await service.post(meta.webhook_text(AMINA, "hello"))
    assert response.status_code == 200
    sent = service.graph.to(AMINA.bsuid or "")
    assert sent, "nothing was sent to the person"
    assert sent[-1]["type"] == "interactive"
    assert sent[-1]["recipient"] == AMINA.bsuid  # keyed by the business-scoped id, not the phone
    session = await service.served.runtime.storage.load_session(f"whatsapp:{AMINA.bsuid}")
    assert session is not None and session.last_inbound is not None


async def test_wrong_or_missing_signature_is_refused_and_nothing_is_stored(
    service: Service,
) -> None:
    body = json.dumps(meta.webhook_text(AMINA, "hello")).encode()
    wrong = await service.post(body, headers=meta.signed(body, "not-the-secret"))
    missing = await service.post(body, headers={"Content-Type": "application/json"})
    tampered_headers = meta.signed(body, SECRET)
    tampered = await service.post(body.replace(b"hello", b"hellO"), headers=tampered_headers)
    assert (wrong.status_code, missing.status_code, tampered.status_code) == (401, 401, 401)
    assert service.graph.sent == []
    assert await service.served.runtime.storage.inbox_pending("whatsapp") == []


async def test_a_body_that_is_not_json_or_not_a_webhook_is_refused(service: Service) -> None:
    assert (await service.post(b"{not json")).status_code == 400
    assert (await service.post({"object": "page", "entry": []})).status_code == 400
    assert (await service.post(meta.webhook_errors())).status_code == 200  # Meta's own errors
    assert service.graph.sent == []


async def test_a_replayed_message_id_is_answered_once(service: Service) -> None:
    payload = meta.webhook_text(AMINA, "hello", message_id="wamid.replayed1")
    assert (await service.post(payload)).status_code == 200
    first = len(service.graph.sent)
    assert (await service.post(payload)).status_code == 200
    assert len(service.graph.sent) == first


async def test_a_person_without_business_scoped_id_is_keyed_by_phone(service: Service) -> None:
    by_phone = meta.Person("4917600000042", None)
    assert (await service.post(meta.webhook_text(by_phone, "hello"))).status_code == 200
    [answer] = service.graph.to("4917600000042")
    assert answer["to"] == "4917600000042" and "recipient" not in answer
    assert await service.served.runtime.storage.load_session("whatsapp:4917600000042")
