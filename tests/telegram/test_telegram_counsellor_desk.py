"""The counsellors' side through faked Telegram HTTP: anonymous admins, edits, hints, /termin
formats, unknown references, and /delete reaching the forum topic."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.bench.fake_bot_api import FakeBotApi
from bot.clock import FakeClock
from bot.handoff.model import Status
from bot.i18n.direction import strip_marks
from tests.telegram import test_telegram_handoff as handoff_module
from tests.telegram.test_telegram_handoff import (
    COUNSELLOR,
    DRESDEN_GROUP,
    PERSON,
    PIRNA_GROUP,
    Bed,
    group_texts,
    open_bed,
    request_from_pirna,
)


@pytest.fixture
async def bed(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Bed]:
    made, application = await open_bed(api, tmp_path, FakeClock())
    yield made
    await application.shutdown()
    await made.runtime.close()


def in_topic(bed: Bed, text: str, **extra: Any) -> dict[str, Any]:
    thread = bed.api.topics[PIRNA_GROUP][0]["message_thread_id"]
    return bed.api.message_update(
        PIRNA_GROUP, text, chat_type="supergroup", user_id=COUNSELLOR, thread=thread, **extra
    )


async def test_an_anonymous_admin_is_asked_to_write_as_themselves(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    group_chat = {"id": PIRNA_GROUP, "type": "supergroup", "title": "Pirna"}
    update = bed.api.message_update(
        PIRNA_GROUP, f"/frage {ref} Haben Sie Kinder?", chat_type="supergroup",
        user_id=1087968824, sender_chat=group_chat,
    )  # fmt: skip
    before = len(bed.person_texts())
    await bed.send(update)
    await bed.outbox.run_once()
    answer = group_texts(bed, PIRNA_GROUP)[-1]
    assert answer == "Bitte ohne Anonymität schreiben, damit die Anfrage zugeordnet werden kann."
    assert len(bed.person_texts()) == before  # nothing reached the person


async def test_an_edited_relayed_message_reaches_the_person_as_a_correction(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    await bed.press(f"cs.claim.{ref}", chat=PIRNA_GROUP, user=COUNSELLOR)
    first = in_topic(bed, "Termin am Dienstag um 10 Uhr?")
    await bed.send(first)
    await bed.outbox.run_once()
    edited = copy.deepcopy(first["message"])
    edited["text"], edited["edit_date"] = "Termin am Mittwoch um 10 Uhr?", edited["date"] + 60
    await bed.send({"update_id": 990001, "edited_message": edited})
    await bed.outbox.run_once()
    correction = strip_marks(bed.person_texts()[-1])
    assert "Mittwoch um 10 Uhr" in correction and ref in correction
    assert correction.startswith("تصحيح")  # "correction", in the person's language


async def test_a_plain_message_in_a_group_without_topics_gets_a_hint(bed: Bed) -> None:
    update = bed.api.message_update(
        DRESDEN_GROUP, "Wer hat Zeit?", chat_type="supergroup", user_id=41
    )
    await bed.send(update)
    assert group_texts(bed, DRESDEN_GROUP)[-1].startswith("Um einer Person zu schreiben:")


async def test_termin_understands_short_dates_and_unknown_refs_say_unknown(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    await bed.press(f"cs.claim.{ref}", chat=PIRNA_GROUP, user=COUNSELLOR)
    await bed.send(in_topic(bed, "/frage WG-ZZZZ Hallo"))
    assert group_texts(bed, PIRNA_GROUP)[-1] == "Diese Anfrage ist unbekannt."
    await bed.send(in_topic(bed, f"/termin {ref} 2.12. 14:00 Büro Pirna"))
    await bed.outbox.run_once()
    request = await bed.runtime.handoff.store.get_request(ref)
    assert request is not None and request.status is Status.PROPOSED
    assert request.appointment is not None
    assert request.appointment.starts_at.strftime("%d.%m.%Y %H:%M") == "02.12.2026 14:00"


async def test_delete_removes_the_topic_and_tells_the_group(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    await bed.say("/delete")
    await bed.press("delete.yes")
    await bed.outbox.run_once()
    assert bed.api.topics[PIRNA_GROUP] == []  # the topic with the person's words is gone
    texts = group_texts(bed, PIRNA_GROUP)
    assert texts == [f"Die Person hat ihre Daten gelöscht ({ref}). Die Anfrage ist zurückgezogen."]
    assert await bed.runtime.handoff.store.requests_of(f"telegram:{PERSON}") == []


async def test_anonymous_admins_act_where_the_config_allows_it(
    api: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    allowing = handoff_module.CONFIG.replace(
        "forum: true, counsellors: [42]}", "forum: true, counsellors: [42], anonymous_admins: true}"
    )
    assert allowing != handoff_module.CONFIG
    monkeypatch.setattr(handoff_module, "CONFIG", allowing)
    made, application = await open_bed(api, tmp_path, FakeClock())
    try:
        ref = await request_from_pirna(made)
        await made.outbox.run_once()
        group_chat = {"id": PIRNA_GROUP, "type": "supergroup", "title": "Pirna"}
        update = made.api.message_update(
            PIRNA_GROUP, f"/frage {ref} Haben Sie Kinder?", chat_type="supergroup",
            user_id=1087968824, sender_chat=group_chat,
        )  # fmt: skip
        await made.send(update)
        await made.outbox.run_once()
        assert group_texts(made, PIRNA_GROUP)[-1] == "An die Person weitergeleitet."
        assert "Haben Sie Kinder?" in strip_marks(made.person_texts()[-1])
    finally:
        await application.shutdown()
        await made.runtime.close()
