"""WhatsApp with several workers on one database (PostgreSQL in production): the webhook only
stores, an `InboxWorker` claims and handles. Run here on the storage the tests have (the inbox
claims behave the same, see tests/storage), with the shared mode switched on."""

from __future__ import annotations

import pytest

from bot.bench import fake_graph_api as meta
from bot.channels.whatsapp import plugin
from tests.whatsapp.conftest import Service


@pytest.fixture(autouse=True)
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plugin, "shared_database", lambda core: True)


async def test_a_claimed_message_is_answered_once_also_when_replayed(service: Service) -> None:
    assert service.whatsapp.shared
    person = meta.Person("4915300000001", "DE.500shared")
    payload = meta.webhook_text(person, "hello", message_id="wamid.shared1")
    assert (await service.post(payload)).status_code == 200
    first = await service.graph.wait_for("DE.500shared", 1, timeout=20)
    assert first[-1]["type"] == "interactive"
    assert (await service.post(payload)).status_code == 200  # Meta redelivers
    await person_says_more(service, person)
    answered = service.graph.to("DE.500shared")
    assert len([m for m in answered if m == first[0]]) == 1  # the hello was answered once


async def person_says_more(service: Service, person: meta.Person) -> None:
    """A later message is answered too, so the replay had its chance to be handled."""
    before = len(service.graph.to(person.address))
    await service.post(meta.webhook_text(person, "/help", message_id="wamid.shared2"))
    await service.graph.wait_for(person.address, before + 1, timeout=20)
