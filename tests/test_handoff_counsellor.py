"""Counsellor actions: appointment formats, the example date, unknown references, corrections."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from handoff_terminal import PIRNA_COUNSELLOR, TerminalDesk, plain

from bot.handoff.appointments import example, parse_appointment
from bot.handoff.reference import find_reference
from bot.i18n.placeholders import fill

ZONE = "Europe/Berlin"
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # Monday 16:00 in Berlin


@pytest.mark.parametrize(
    ("typed", "shown", "place"),
    [
        ("2.12. 14:00", "2026-12-02 14:00", ""),
        ("2.12.2026 14 Uhr", "2026-12-02 14:00", ""),
        ("02.12.26 9.30 Büro Pirna", "2026-12-02 09:30", "Büro Pirna"),
        ("morgen 10:00 Beratungsstelle", "2026-12-01 10:00", "Beratungsstelle"),
        ("übermorgen um 8 Uhr", "2026-12-02 08:00", ""),
        ("15.1. 11:15, Raum 2", "2027-01-15 11:15", "Raum 2"),  # January: next year
    ],
)
def test_termin_formats_in_berlin_time(typed: str, shown: str, place: str) -> None:
    parsed = parse_appointment(typed, ZONE, NOW)
    assert parsed is not None, typed
    starts, where = parsed
    assert starts.strftime("%Y-%m-%d %H:%M") == shown and where == place
    assert starts.utcoffset() is not None and starts.utcoffset().total_seconds() == 3600


@pytest.mark.parametrize("typed", ["morgen irgendwann", "2.12. 14", "32.12. 10:00", "bald"])
def test_unclear_appointments_are_refused(typed: str) -> None:
    assert parse_appointment(typed, ZONE, NOW) is None


def test_the_example_is_a_week_ahead() -> None:
    assert example(NOW, ZONE) == "07.12.2026 10:30"


async def test_prompts_show_a_future_example_and_unknown_refs_say_unknown(
    desk: TerminalDesk,
) -> None:
    await desk.open("de")
    printed = plain(await desk.type("4", "9", "1", "1", "1", "1", "2", "-", "2", "-", "1"))
    ref = find_reference(printed)
    assert ref is not None
    today = desk.clock.now()
    prompt = fill(
        desk.service.content.staff_text("propose_prompt"),
        ref=ref,
        example=desk.service.counsellors.example(),
    )
    shown = prompt.split("z. B. ")[1].split(" ")[0]
    assert datetime.strptime(shown, "%d.%m.%Y").date() > today.date()
    bad = await desk.service.propose(ref, PIRNA_COUNSELLOR, "irgendwann")
    assert not bad.ok and shown in bad.message
    unknown = await desk.service.relay_to_person("WG-ZZZZ", PIRNA_COUNSELLOR, "Hallo")
    assert unknown.message == "Diese Anfrage ist unbekannt."


async def test_a_correction_reaches_the_person_under_its_own_header(desk: TerminalDesk) -> None:
    await desk.open("en")
    printed = plain(await desk.type("4", "9", "1", "1", "1", "1", "2", "-", "2", "-", "1"))
    ref = find_reference(printed)
    assert ref is not None
    await desk.counsellor(await desk.service.relay_to_person(ref, PIRNA_COUNSELLOR, "Tuesday?"))
    shown = plain(
        await desk.counsellor(await desk.service.correct(ref, PIRNA_COUNSELLOR, "Wednesday?"))
    )
    assert f"Correction – your counselling office changed its message ({ref}):" in shown
    assert "Wednesday?" in shown
    assert "[to the counsellor] Korrigiert an die Person weitergeleitet." in shown
