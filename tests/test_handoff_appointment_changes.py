"""Appointments that change: no reminder of an appointment that no longer stands, and no
year guessed for a date that just passed (issues found by a tester in the terminal chat).

A fake clock stands on Tuesday 1 December 2026, 10:00 in Berlin; the outbox runs at the time
a reminder falls due, as the bot's outbox worker would.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from handoff_terminal import PIRNA_COUNSELLOR, TerminalDesk, group_messages, plain

from bot.handoff.appointments import parse_appointment
from bot.handoff.changes import reminder
from bot.handoff.model import Status
from bot.handoff.reference import find_reference
from bot.handoff.service import Actor

SEND_FROM_PIRNA = ("4", "9", "1", "1", "1", "1", "2", "-", "1", "-", "1")
DECEMBER_1 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
REMINDER_UK = "Нагадування: завтра у вас зустріч"
DRESDEN_COUNSELLOR = Actor(43, "Herr Dresden")


@pytest.fixture
async def desk(tmp_path: Path) -> AsyncIterator[TerminalDesk]:
    made = TerminalDesk(tmp_path / "chat.sqlite3")
    made.clock._now = DECEMBER_1
    yield made
    await made.close()


async def confirmed_on_3_december(desk: TerminalDesk) -> str:
    """A Ukrainian request from Pirna, claimed; 3.12. 14:00 proposed and confirmed with '1'."""
    await desk.open("uk")
    ref = find_reference(plain(await desk.type(*SEND_FROM_PIRNA)))
    assert ref is not None
    await desk.counsellor(await desk.service.act(ref, "claim", PIRNA_COUNSELLOR))
    await desk.counsellor(await desk.service.propose(ref, PIRNA_COUNSELLOR, "3.12. 14:00"))
    confirmed = plain(await desk.type("1"))
    assert "Дякуємо! Зустріч підтверджено" in confirmed, confirmed
    assert len(await reminders(desk)) == 1
    return ref


async def reminders(desk: TerminalDesk) -> list[str]:
    """The reminders waiting in the outbox, as their appointment's start."""
    pending = await desk.storage.pending_outbox()
    return [str(i.payload["starts_at"]) for i in pending if i.key.startswith("reminder:")]


async def run_outbox_until(desk: TerminalDesk, moment: datetime) -> str:
    """Let time pass to `moment` and run the outbox there; what the person and group got."""
    desk.clock.advance((moment - desk.clock.now()).total_seconds())
    await desk.outbox.run_once()
    return plain(desk.printed())


async def test_a_replaced_then_cancelled_appointment_sends_no_reminder(
    desk: TerminalDesk,
) -> None:
    """The tester's transcript: confirmed 3.12., counsellor proposes 8.12., person cancels."""
    ref = await confirmed_on_3_december(desk)
    await desk.counsellor(await desk.service.propose(ref, PIRNA_COUNSELLOR, "8.12. 9:00"))
    assert await reminders(desk) == []  # withdrawn in the proposal's own transaction
    cancelled = plain(await desk.type("/status", f"Скасувати {ref}", "так"))  # button, yes
    assert f"Ваш запит {ref} скасовано." in cancelled
    assert f"Die Person hat die Anfrage abgesagt ({ref})." in group_messages(cancelled)

    printed = await run_outbox_until(desk, datetime(2026, 12, 2, 9, 30, tzinfo=UTC))
    assert REMINDER_UK not in printed and "3 грудня" not in printed
    printed = await run_outbox_until(desk, datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    assert REMINDER_UK not in printed and "8 грудня" not in printed
    request = await desk.storage.get_request(ref)
    assert request is not None and request.status is Status.CANCELLED
    assert await reminders(desk) == []


async def test_a_replaced_appointment_reminds_only_of_the_new_one(desk: TerminalDesk) -> None:
    ref = await confirmed_on_3_december(desk)
    await desk.counsellor(await desk.service.propose(ref, PIRNA_COUNSELLOR, "8.12. 9:00"))
    assert await reminders(desk) == []
    assert "Дякуємо! Зустріч підтверджено" in plain(await desk.type("1"))
    assert await reminders(desk) == ["2026-12-08T09:00:00+01:00"]

    assert REMINDER_UK not in await run_outbox_until(desk, datetime(2026, 12, 2, 9, 30, tzinfo=UTC))
    printed = await run_outbox_until(desk, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    assert printed.count(REMINDER_UK) == 1
    assert "8 грудня 2026" in printed and "3 грудня" not in printed
    request = await desk.storage.get_request(ref)
    assert request is not None and request.status is Status.CONFIRMED


async def test_the_same_time_confirmed_again_after_a_change_is_reminded(
    desk: TerminalDesk,
) -> None:
    ref = await confirmed_on_3_december(desk)
    await desk.counsellor(await desk.service.propose(ref, PIRNA_COUNSELLOR, "8.12. 9:00"))
    await desk.counsellor(await desk.service.propose(ref, PIRNA_COUNSELLOR, "3.12. 14:00"))
    assert "Дякуємо! Зустріч підтверджено" in plain(await desk.type("1"))
    assert await reminders(desk) == ["2026-12-03T14:00:00+01:00"]
    printed = await run_outbox_until(desk, datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    assert printed.count(REMINDER_UK) == 1 and "3 грудня 2026" in printed


async def test_closing_a_confirmed_request_withdraws_its_reminder(desk: TerminalDesk) -> None:
    ref = await confirmed_on_3_december(desk)
    closed = await desk.counsellor(await desk.service.act(ref, "close", PIRNA_COUNSELLOR))
    assert "Erledigt." in closed
    assert await reminders(desk) == []
    assert REMINDER_UK not in await run_outbox_until(desk, datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    request = await desk.storage.get_request(ref)
    assert request is not None and request.status is Status.CLOSED


async def test_deleting_everything_withdraws_the_reminder(desk: TerminalDesk) -> None:
    ref = await confirmed_on_3_december(desk)
    printed = plain(await desk.type("/delete", "1"))
    assert "Die Person hat ihre Daten gelöscht" in printed, printed
    assert await reminders(desk) == []
    assert REMINDER_UK not in await run_outbox_until(desk, datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    request = await desk.storage.get_request(ref)
    assert request is not None and request.status is Status.DELETED


async def test_handing_over_withdraws_the_old_offices_reminder(desk: TerminalDesk) -> None:
    ref = await confirmed_on_3_december(desk)
    outcome = await desk.service.hand_over(ref, PIRNA_COUNSELLOR, "dresden")
    assert outcome.ok, outcome
    assert await reminders(desk) == []


async def test_a_reminder_queued_before_the_fix_is_not_sent_for_a_cancelled_request(
    desk: TerminalDesk,
) -> None:
    """A database written by the old code still holds such reminders: delivery checks that
    the appointment stands before it reminds of it."""
    ref = await confirmed_on_3_december(desk)
    request = await desk.storage.get_request(ref)
    assert request is not None
    await desk.type("/status", "1", "1")  # cancel, yes: cancelled
    stale = reminder(request, desk.clock.now())[0]
    stale.key = f"reminder:{ref}:{request.appointment and request.appointment.starts_at}"
    await desk.storage.add_outbox(stale)  # what the old code left behind after cancelling
    assert await reminders(desk) == ["2026-12-03T14:00:00+01:00"]
    printed = await run_outbox_until(desk, datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    assert REMINDER_UK not in printed
    assert await reminders(desk) == []  # taken off the outbox, not retried


# --- a date without a year that just passed -----------------------------------------------


def test_a_day_that_just_passed_stays_in_the_past() -> None:
    parsed = parse_appointment("30.11. 10:00", "Europe/Berlin", DECEMBER_1)
    assert parsed is not None
    assert parsed[0].strftime("%Y-%m-%d %H:%M") == "2026-11-30 10:00"
    long_ago = parse_appointment("15.1. 10:00", "Europe/Berlin", DECEMBER_1)
    assert long_ago is not None and long_ago[0].year == 2027  # January: next year, as before


async def test_a_typo_in_the_past_is_refused_and_asks_for_the_year(desk: TerminalDesk) -> None:
    await desk.open("uk")
    ref = find_reference(plain(await desk.type(*SEND_FROM_PIRNA)))
    assert ref is not None
    await desk.counsellor(await desk.service.act(ref, "claim", PIRNA_COUNSELLOR))
    outcome = await desk.service.propose(ref, PIRNA_COUNSELLOR, "30.11. 10:00")
    assert not outcome.ok
    assert outcome.message == (
        "Dieser Termin liegt in der Vergangenheit. Wenn Sie nächstes Jahr meinen, schreiben Sie "
        "bitte das Jahr dazu, z. B. 30.11.2027 10:00"
    )
    printed = await desk.counsellor(outcome)
    assert "Пропозиція зустрічі" not in plain(printed)  # the person got nothing
    request = await desk.storage.get_request(ref)
    assert request is not None and request.status is Status.CLAIMED
    assert request.appointment is None

    earlier_today = await desk.service.propose(ref, PIRNA_COUNSELLOR, "1.12. 8:00")
    assert earlier_today.message == "Dieser Termin liegt in der Vergangenheit."

    meant = await desk.service.propose(ref, PIRNA_COUNSELLOR, "30.11.2027 10:00")
    assert meant.ok
    request = await desk.storage.get_request(ref)
    assert request is not None and request.appointment is not None
    assert request.appointment.starts_at.strftime("%Y-%m-%d %H:%M") == "2027-11-30 10:00"
    assert "30 листопада 2027" in plain(await desk.counsellor(meant))


def test_the_last_day_of_the_recent_past() -> None:
    """60 days back is still a typo; a day before that is next year."""
    sixty = DECEMBER_1 - timedelta(days=60)
    typed = f"{sixty:%d.%m.} 10:00"
    parsed = parse_appointment(typed, "Europe/Berlin", DECEMBER_1)
    assert parsed is not None and parsed[0].year == 2026
    earlier = DECEMBER_1 - timedelta(days=61)
    parsed = parse_appointment(f"{earlier:%d.%m.} 10:00", "Europe/Berlin", DECEMBER_1)
    assert parsed is not None and parsed[0].year == 2027
