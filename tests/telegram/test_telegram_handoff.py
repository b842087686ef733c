"""Counsellor handoff through faked Telegram HTTP: request, office group, claim, appointment,
relay, outbox retries and restart, and no request from outside the served area."""

from __future__ import annotations

from collections.abc import AsyncIterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from bot.bench.fake_bot_api import ApiError, FakeBotApi
from bot.channels.telegram.app import TelegramChannel
from bot.channels.telegram.handoff_delivery import TelegramDeliverer
from bot.clock import FakeClock
from bot.counsellors.telegram_group import CounsellorDesk
from bot.handoff.model import Status
from bot.i18n.direction import strip_marks
from bot.runtime import Runtime, open_runtime
from bot.settings import BUNDLED_CONTENT, Settings
from tests.telegram.conftest import (
    ask_for_a_counsellor_about_losing_the_flat,
    feed,
    make_channel,
    told_reference,
)

PERSON = 5001
DRESDEN_GROUP, PIRNA_GROUP = -1001, -1002
COUNSELLOR, STRANGER = 42, 99
CONFIG = f"""
offices:
  dresden: {{telegram_group: {DRESDEN_GROUP}, notify: full, forum: false, counsellors: [41]}}
  pirna: {{telegram_group: {PIRNA_GROUP}, notify: full, forum: true, counsellors: [{COUNSELLOR}]}}
  return_ssoe: {{telegram_group: -1003, notify: full, counsellors: [43]}}
"""


class Bed:
    """A runtime, a Telegram channel on the fake API, the counsellor desk and the outbox."""

    def __init__(self, api: FakeBotApi, runtime: Runtime, channel: TelegramChannel) -> None:
        self.api, self.runtime, self.channel = api, runtime, channel
        self.outbox = runtime.start_outbox(
            TelegramDeliverer(
                channel.application.bot,
                channel.sender,
                runtime.config,
                on_moved=runtime.group_moved,
            )
        )

    async def send(self, update: dict[str, Any]) -> None:
        await feed(self.channel.application, update)

    async def say(self, text: str) -> None:
        await self.send(self.api.message_update(PERSON, text, language_code="ar"))

    async def press(self, suffix: str, chat: int = PERSON, user: int | None = None) -> str:
        """Press the newest button in `chat` whose data ends with `suffix`; returns the query id."""
        for message in reversed(self.api.bot_messages(chat)):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if button["callback_data"].endswith(suffix):
                        update = self.api.callback_update(
                            chat, button["callback_data"], message["message_id"], user_id=user
                        )
                        await self.send(update)
                        return str(update["callback_query"]["id"])
        raise AssertionError(f"no button ending in {suffix!r} in chat {chat}")

    def person_texts(self) -> list[str]:
        return [m["text"] for m in self.api.bot_messages(PERSON)]


async def open_bed(api: FakeBotApi, tmp_path: Path, clock: FakeClock) -> tuple[Bed, Any]:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    settings = Settings(data_dir=tmp_path, config_file=config, content_dir=BUNDLED_CONTENT)
    runtime = await open_runtime(settings, clock=clock, guard_floods=False)
    desk = CounsellorDesk(runtime.handoff, runtime.storage)
    channel = make_channel(
        api,
        runtime.conversation,
        counsellor_groups=lambda: runtime.config.groups,
        counsellor_hook=desk.on_update,
        on_group_moved=runtime.group_moved,
    )
    await channel.application.initialize()
    return Bed(api, runtime, channel), channel.application


@pytest.fixture
async def bed(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Bed]:
    made, application = await open_bed(api, tmp_path, FakeClock())
    yield made
    await application.shutdown()
    await made.runtime.close()


async def request_from_pirna(bed: Bed, place: str = ".pirna") -> str:
    """An Arabic-speaking person asks a counsellor about losing the flat; returns the ref."""
    await ask_for_a_counsellor_about_losing_the_flat(bed, PERSON, "ar", place)
    await bed.press(".yes")  # consent
    await bed.press(".chat")
    await bed.press(".any")
    await bed.press("interpreter.yes")
    await bed.press(".chat_language")  # an interpreter for Arabic
    await bed.say("-")  # no name
    await bed.press(".urgent")
    await bed.say("-")  # nothing else the counsellor should know
    await bed.press(".send")
    return told_reference(bed)


def group_texts(bed: Bed, group: int) -> list[str]:
    return [m["text"] for m in bed.api.bot_messages(group)]


async def test_request_reaches_the_right_office_group_as_german_summary(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    assert any("\u0600" <= ch <= "\u06ff" for ch in bed.person_texts()[-1])  # Arabic for the person
    await bed.outbox.run_once()
    posted = group_texts(bed, PIRNA_GROUP)
    assert len(posted) == 1 and f"Neue Anfrage {ref}" in posted[0]
    assert "Sprache: Arabisch" in posted[0] and "Dringlichkeit: DRINGEND" in posted[0]
    assert "Dolmetscher nötig: Ja" in posted[0] and "Wohnort: Pirna" in posted[0]
    assert bed.api.topics[PIRNA_GROUP][0]["name"].startswith(ref)  # one forum topic per request
    assert group_texts(bed, DRESDEN_GROUP) == []


async def test_claim_by_allowed_counsellor_and_refusal_of_another(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    refused = await bed.press(f"cs.claim.{ref}", chat=PIRNA_GROUP, user=STRANGER)
    assert "nicht freigeschaltet" in bed.api.callback_answers[refused]
    claimed = await bed.press(f"cs.claim.{ref}", chat=PIRNA_GROUP, user=COUNSELLOR)
    assert bed.api.callback_answers[claimed] == "Erledigt."
    await bed.outbox.run_once()
    assert "übernommen" in group_texts(bed, PIRNA_GROUP)[0]  # the group message was edited
    assert ref in bed.person_texts()[-1]
    assert not bed.api.unanswered_callbacks()


async def test_appointment_confirmation_and_reminder(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    await bed.press(f"cs.claim.{ref}", chat=PIRNA_GROUP, user=COUNSELLOR)
    command = f"/termin {ref} 02.12.2026 10:30 Beratungsstelle Pirna"
    await bed.send(
        bed.api.message_update(PIRNA_GROUP, command, chat_type="supergroup", user_id=COUNSELLOR)
    )
    assert group_texts(bed, PIRNA_GROUP)[-1] == "Erledigt."  # the counsellor sees it went through
    await bed.outbox.run_once()
    offer = bed.api.bot_messages(PERSON)[-1]
    assert "Beratungsstelle Pirna" in offer["text"] and "10:30" in offer["text"]
    await bed.press(f"appt.yes.{ref}")
    request = await bed.runtime.handoff.store.get_request(ref)
    assert request is not None and request.status is Status.CONFIRMED
    await bed.outbox.run_once()
    assert any("bestätigt" in text for text in group_texts(bed, PIRNA_GROUP))
    reminders = [
        i for i in await bed.runtime.storage.pending_outbox() if i.key.startswith("reminder:")
    ]
    assert len(reminders) == 1


async def test_relay_both_ways_in_the_request_topic(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    await bed.press(f"cs.claim.{ref}", chat=PIRNA_GROUP, user=COUNSELLOR)
    thread = bed.api.topics[PIRNA_GROUP][0]["message_thread_id"]
    question = "Haben Sie die Kündigung schriftlich?"
    await bed.send(
        bed.api.message_update(
            PIRNA_GROUP, question, chat_type="supergroup", user_id=COUNSELLOR, thread=thread
        )
    )
    await bed.outbox.run_once()
    relayed = strip_marks(bed.person_texts()[-1])
    assert question in relayed and str(COUNSELLOR) not in relayed
    await bed.say("نعم عندي الرسالة")
    await bed.outbox.run_once()
    note = bed.api.bot_messages(PIRNA_GROUP)[-1]
    assert note["text"].endswith("\u2068نعم عندي الرسالة\u2069")  # isolated, inert
    assert note["message_thread_id"] == thread


async def test_outbox_delivers_after_three_failures_and_after_a_restart(
    api: FakeBotApi, tmp_path: Path
) -> None:
    clock = FakeClock()
    first, application = await open_bed(api, tmp_path, clock)
    ref = await request_from_pirna(first)
    for _ in range(3):
        api.fail_next("createForumTopic", ApiError(HTTPStatus.BAD_GATEWAY, "Bad Gateway"))
    for _ in range(3):
        assert await first.outbox.run_once() == 0
        clock.advance(120)
    await application.shutdown()
    await first.runtime.close()
    second, application = await open_bed(api, tmp_path, clock)  # restart on the same database
    assert await second.outbox.run_once() == 1
    assert await second.outbox.run_once() == 0
    posted = group_texts(second, PIRNA_GROUP)
    assert len(posted) == 1 and ref in posted[0]
    await application.shutdown()
    await second.runtime.close()


async def test_request_from_elsewhere_in_germany_never_reaches_an_office(bed: Bed) -> None:
    await bed.say("/start")
    await bed.press("lang.ar")
    await bed.press(".elsewhere")
    await bed.say("/human")
    await bed.outbox.run_once()
    assert "mbeon" in " ".join(bed.person_texts())
    assert await bed.runtime.handoff.store.requests_of(f"telegram:{PERSON}") == []
    for group in (DRESDEN_GROUP, PIRNA_GROUP, -1003):
        assert group_texts(bed, group) == []


async def test_propose_button_asks_for_date_and_a_reply_proposes_it(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    await bed.press(f"cs.claim.{ref}", chat=PIRNA_GROUP, user=COUNSELLOR)
    await bed.outbox.run_once()  # the group message now offers the next steps
    await bed.press(f"cs.propose.{ref}", chat=PIRNA_GROUP, user=COUNSELLOR)
    prompt = bed.api.bot_messages(PIRNA_GROUP)[-1]
    assert prompt["text"].startswith(f"Termin für {ref}")
    reply = bed.api.message_update(
        PIRNA_GROUP,
        "03.12.2026 14:00 Büro Pirna",
        chat_type="supergroup",
        user_id=COUNSELLOR,
        reply_to=prompt["message_id"],
        thread=prompt.get("message_thread_id"),
    )
    await bed.send(reply)
    await bed.outbox.run_once()
    request = await bed.runtime.handoff.store.get_request(ref)
    assert request is not None and request.status is Status.PROPOSED
    assert "Büro Pirna" in bed.person_texts()[-1]


async def test_voice_message_during_an_open_request_reaches_the_topic(bed: Bed) -> None:
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    voice = {"file_id": "v1", "file_unique_id": "u1", "duration": 3}
    await bed.send(bed.api.message_update(PERSON, None, language_code="ar", voice=voice))
    assert ref in strip_marks(bed.person_texts()[-1])
    await bed.outbox.run_once()
    thread = bed.api.topics[PIRNA_GROUP][0]["message_thread_id"]
    copied = bed.api.bot_messages(PIRNA_GROUP)[-1]
    assert copied["voice"]["file_id"] == "v1" and copied["message_thread_id"] == thread
    assert ref in bed.api.bot_messages(PIRNA_GROUP)[-2]["text"]


async def test_a_person_who_blocked_the_bot_is_not_reported_as_reached(bed: Bed) -> None:
    """Issue 9: a counsellor's message to a person who blocked the bot (403) is not retried
    forever and not called forwarded: the request topic is told it did not arrive."""
    ref = await request_from_pirna(bed)
    await bed.outbox.run_once()
    await bed.press(f"cs.claim.{ref}", chat=PIRNA_GROUP, user=COUNSELLOR)
    await bed.outbox.run_once()
    thread = bed.api.topics[PIRNA_GROUP][0]["message_thread_id"]
    await bed.send(
        bed.api.message_update(
            PIRNA_GROUP,
            "Wann passt es Ihnen?",
            chat_type="supergroup",
            user_id=COUNSELLOR,
            thread=thread,
        )
    )
    bed.api.fail_next(
        "sendMessage", ApiError(HTTPStatus.FORBIDDEN, "Forbidden: bot was blocked by the user")
    )
    await bed.outbox.run_once()  # the relay to the person: 403
    await bed.outbox.run_once()  # the note to the group
    note = bed.api.bot_messages(PIRNA_GROUP)[-1]
    assert note["text"].startswith(f"Nachricht zu {ref} nicht zugestellt")
    assert await bed.runtime.handoff.store.pending_outbox() == []


async def test_a_counsellor_group_upgraded_to_a_supergroup_is_followed(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """Issue 9: Telegram moves the Dresden group to a supergroup. The request reaches the new
    group, counsellors there are served (the bot does not leave), and the move survives a
    restart."""
    supergroup = -1009
    bed, application = await open_bed(api, tmp_path, FakeClock())
    api.migrate(DRESDEN_GROUP, supergroup)
    await request_from_pirna(bed, place=".prohlis")  # Dresden-Prohlis: the Dresden office
    await bed.outbox.run_once()
    posts = [m for m in api.bot_messages(supergroup) if "Neue Anfrage" in m.get("text", "")]
    assert len(posts) == 1
    assert api.calls_of("leaveChat") == []
    await bed.send(api.message_update(supergroup, "/hilfe", chat_type="supergroup", user_id=41))
    assert api.calls_of("leaveChat") == []  # a counsellor group still, under its new id
    await application.shutdown()
    await bed.runtime.close()
    again, application = await open_bed(api, tmp_path, FakeClock())
    assert again.runtime.config.office("dresden").telegram_group == supergroup
    await application.shutdown()
    await again.runtime.close()
