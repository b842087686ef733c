"""Delivery and deletion: /delete reaches the group, and nothing links the person afterwards."""

from __future__ import annotations

from handoff_terminal import (
    DRESDEN_COUNSELLOR,
    PIRNA_COUNSELLOR,
    TerminalDesk,
    group_messages,
    plain,
)

from bot.handoff.model import Status
from bot.handoff.reference import find_reference
from bot.messages import Inbound

USER = "terminal:local"
# Pirna, counsellor, consent, housing, phone call, mornings, no interpreter, phone, name, normal,
# something to add, send
WITH_PHONE_AND_NAME = (
    "4", "9", "1", "1", "2", "1", "2", "0151 7654321", "Olena Kowalenko", "2",
    "Ich schlafe bei Freunden.", "1",
)  # fmt: skip


async def request_with_phone(desk: TerminalDesk) -> str:
    await desk.open("de")
    printed = plain(await desk.type(*WITH_PHONE_AND_NAME))
    ref = find_reference(printed)
    assert ref is not None and "Telefonnummer: 01517654321" in printed
    return ref


async def test_delete_warns_then_takes_the_request_back_from_the_group(desk: TerminalDesk) -> None:
    ref = await request_with_phone(desk)
    await desk.counsellor(await desk.service.act(ref, "claim", PIRNA_COUNSELLOR))
    await desk.type("Noch eine Frage zur Miete")
    warning = plain(await desk.type("/delete"))
    assert f"Ihre offenen Anfragen ({ref}) werden dabei zurückgezogen." in warning
    printed = plain(await desk.type("1"))  # yes, delete everything
    assert f"Ihre Anfragen ({ref}) sind zurückgezogen" in printed
    edited, note = group_messages(printed)
    assert edited == f"Anfrage {ref}: Von der Person gelöscht. Hier stehen keine Angaben mehr."
    assert note == f"Die Person hat ihre Daten gelöscht ({ref}). Die Anfrage ist zurückgezogen."
    later = await desk.service.relay_to_person(ref, PIRNA_COUNSELLOR, "Sind Sie noch da?")
    assert not later.ok and later.message == "Die Person hat ihre Daten gelöscht."
    termin = await desk.service.propose(ref, PIRNA_COUNSELLOR, "morgen 10:00")
    assert termin.message == "Die Person hat ihre Daten gelöscht."
    tombstone = await desk.storage.get_request(ref)
    assert tombstone is not None and tombstone.status is Status.DELETED
    assert tombstone.user == "" and tombstone.answers == {}


async def test_after_deletion_nothing_in_the_database_links_or_names_the_person(
    desk: TerminalDesk,
) -> None:
    ref = await request_with_phone(desk)
    await desk.counsellor(await desk.service.act(ref, "claim", PIRNA_COUNSELLOR))
    await desk.counsellor(await desk.service.relay_to_person(ref, PIRNA_COUNSELLOR, "Wann?"))
    await desk.type("Morgen früh")
    await desk.type("/delete", "1")
    await desk.deliver()
    database = desk.db.read_bytes()
    wal = desk.db.with_name(desk.db.name + "-wal")
    written = database + (wal.read_bytes() if wal.exists() else b"")
    for secret in ("7654321", "Olena", "Kowalenko", "Ich schlafe bei Freunden", "Morgen früh"):
        assert secret.encode() not in written, secret
    db = desk.raw.connection
    assert await db.fetchall("SELECT COUNT(*) FROM outbox WHERE target = ?", (USER,)) == [(0,)]
    audit = await db.fetchall("SELECT actor, detail FROM audit WHERE ref = ?", (ref,))
    assert audit and not any(USER in " ".join(row) for row in audit)
    assert await desk.storage.requests_of(USER) == []


async def test_a_request_deleted_before_its_post_is_never_posted(desk: TerminalDesk) -> None:
    await desk.open("de")
    for line in (*WITH_PHONE_AND_NAME, "/delete", "1"):  # the group is offline meanwhile
        await desk.conversation.handle(Inbound(USER, text=line))
        desk.clock.advance(10)
    await desk.deliver()
    assert group_messages(desk.printed()) == []  # nothing was shown, nothing to take back
    assert await desk.storage.pending_outbox() == []


async def test_other_offices_reference_is_answered_like_an_unknown_one(desk: TerminalDesk) -> None:
    ref = await request_with_phone(desk)
    elsewhere = await desk.service.relay_to_person(ref, DRESDEN_COUNSELLOR, "Hallo")
    unknown = await desk.service.relay_to_person("WG-ZZZZ", DRESDEN_COUNSELLOR, "Hallo")
    assert elsewhere == unknown and elsewhere.message == "Diese Anfrage ist unbekannt."
    claim = await desk.service.act(ref, "claim", DRESDEN_COUNSELLOR)
    assert claim.message == "Diese Anfrage ist unbekannt."


async def test_twenty_people_deleted_leave_no_name_or_phone_in_the_file(
    desk: TerminalDesk,
) -> None:
    await desk.open("de")
    people = [(f"terminal:{n}", f"Kowalenko{n:02d}x", f"0151 99{n:02d}123") for n in range(20)]
    for user, name, phone in people:
        said = ("/start", "Deutsch", "4", "9", "1", "1", "2", "1", "2", phone, name, "2", "-", "1")
        for line in said:
            await desk.conversation.handle(Inbound(user, text=line))
            desk.clock.advance(10)
        await desk.deliver()
    # as SQLite does by itself every thousand pages: the requests are now in the main file
    await desk.raw.checkpoint()
    assert len(await desk.storage.pending_outbox()) == 0
    assert all(name.encode() in desk.db.read_bytes() for _, name, _ in people)
    for user, _, _ in people:
        for line in ("/delete", "1"):
            await desk.conversation.handle(Inbound(user, text=line))
        await desk.deliver()
    wal = desk.db.with_name(desk.db.name + "-wal")
    written = desk.db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    left = [name for _, name, phone in people if name.encode() in written]
    left += [phone for _, _, phone in people if phone.replace(" ", "").encode() in written]
    assert left == []
