"""Counsellor handoff on the small content: request, routing, actions, appointments, outbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.content.holder import ContentHolder
from bot.conversation import Conversation
from bot.deploy import DeployConfig, OfficeChannel
from bot.events import RelayToCounsellor
from bot.handoff.delivery import DeliveryError, Posted
from bot.handoff.model import Status
from bot.handoff.outbox import OutboxWorker
from bot.handoff.reference import (
    ALPHABET,
    PATTERN,
    NoFreeReference,
    find_reference,
    new_reference,
    unused_reference,
)
from bot.handoff.service import Actor, HandoffService
from bot.handoff.store import RequestStore
from bot.locks import KeyedLocks
from bot.messages import Choice, Inbound, Reply
from bot.session import Session
from bot.storage import SqliteStorage

USER = "test:person"
GROUP = -100123
COUNSELLOR = Actor(42, "Frau Beispiel")
STRANGER = Actor(99, "Unbekannt")
CONFIG = DeployConfig(
    offices={"pirna": OfficeChannel(GROUP, forum=True, counsellors=frozenset({42}), notify="full")}
)


class RecordingDeliverer:
    """Records deliveries; can be told to fail a number of times first."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.posts: list[tuple[str, str, tuple[Choice, ...]]] = []
        self.topics: list[str] = []
        self.edits: list[str] = []
        self.notes: list[str] = []
        self.to_person: list[Reply] = []
        self._next = 100

    def _maybe_fail(self) -> None:
        if self.failures:
            self.failures -= 1
            raise DeliveryError("fake API down", retry_after=None)

    async def open_topic(self, office: str, title: str) -> Posted | None:
        self._maybe_fail()
        self.topics.append(title)
        return Posted(GROUP, 0, thread=7)

    async def post_group(
        self, office: str, text: str, buttons: Sequence[Choice], topic: Posted | None = None
    ) -> Posted:
        self._maybe_fail()
        self.posts.append((office, text, tuple(buttons)))
        return Posted(GROUP, 1, thread=topic.thread if topic else None)

    async def edit_group(self, posted: Posted, text: str, buttons: Sequence[Choice]) -> None:
        self.edits.append(text)

    async def note_group(self, posted: Posted, text: str) -> int | None:
        self.notes.append(text)
        self._next += 1
        return self._next

    async def copy_to_group(self, posted: Posted, message_ref: str) -> int | None:
        self.notes.append(f"copy {message_ref}")
        return None

    async def erase_topic(self, posted: Posted, note: str) -> bool:
        self.notes.append(f"topic deleted; {note}")
        return True

    async def to_user(self, user: str, replies: Sequence[Reply]) -> None:
        self._maybe_fail()
        self.to_person.extend(replies)


class Setup:
    def __init__(
        self, root: Path, db: Path, deliverer: RecordingDeliverer, clock: FakeClock
    ) -> None:
        self.root, self.db, self.deliverer, self.clock = root, db, deliverer, clock

    async def open(self) -> None:
        self.raw = await SqliteStorage.open(self.db)
        locks = KeyedLocks()
        self.storage = RequestStore(self.raw, locks)
        holder = ContentHolder.load(self.root)
        self.service = HandoffService(holder, self.storage, self.clock, CONFIG)
        self.conversation = Conversation(
            holder, self.raw, clock=self.clock, handlers=[self.service.on_event], locks=locks
        )
        self.outbox = OutboxWorker(
            self.storage, self.clock, lambda item: self.service.deliver(item, self.deliverer)
        )

    async def say(self, *texts: str) -> list[Reply]:
        replies: list[Reply] = []
        for text in texts:
            replies = await self.conversation.handle(Inbound(USER, text=text))
            self.clock.advance(10)  # a person, not a flood
        return replies

    async def press(self, choice: str) -> list[Reply]:
        return await self.conversation.handle(Inbound(USER, choice=choice))


@pytest.fixture
async def setup(small_root: Path, tmp_path: Path) -> AsyncIterator[Setup]:
    made = Setup(small_root, tmp_path / "db.sqlite3", RecordingDeliverer(), FakeClock())
    await made.open()
    yield made
    await made.raw.close()


async def request_from_pirna(setup: Setup) -> str:
    replies = await setup.say("hi", "1", "1", "1", "2", "4", "1", "0151 2345678")
    ref = find_reference(replies[-2].text)
    assert ref is not None, [r.text for r in replies]
    return ref


def test_references_are_short_and_unambiguous() -> None:
    refs = {new_reference() for _ in range(200)}
    assert all(PATTERN.fullmatch(r) for r in refs) and len(refs) > 190
    assert not set("0O1IL2Z5S8B") & set(ALPHABET)


async def test_full_request_reaches_the_right_office_group(setup: Setup) -> None:
    ref = await request_from_pirna(setup)
    assert await setup.outbox.run_once() == 1
    office, text, buttons = setup.deliverer.posts[0]
    assert office == "pirna"
    assert f"Neue Anfrage {ref}" in text and "Wohnsituation: Ich verliere meine Wohnung" in text
    assert "Dringlichkeit: DRINGEND" in text and "Telefonnummer: \u206801512345678\u2069" in text
    assert [b.id for b in buttons] == [f"cs.claim.{ref}", f"cs.ask.{ref}", f"cs.close.{ref}"]
    request = await setup.storage.get_request(ref)
    assert request is not None and request.group_message == 1 and request.thread == 7
    assert [a.action for a in await setup.storage.audit_of(ref)] == ["created"]


async def test_elsewhere_in_germany_never_reaches_an_office(setup: Setup) -> None:
    await setup.say("hi", "1", "2", "2", "0151 2345678")  # elsewhere -> menu -> human -> phone
    assert await setup.storage.requests_of(USER) == []
    assert await setup.outbox.run_once() == 0 and setup.deliverer.posts == []


async def test_claim_by_allowed_counsellor_and_refusal_of_another(setup: Setup) -> None:
    ref = await request_from_pirna(setup)
    await setup.outbox.run_once()
    refused = await setup.service.act(ref, "claim", STRANGER)
    assert not refused.ok and "nicht freigeschaltet" in refused.message
    claimed = await setup.service.act(ref, "claim", COUNSELLOR)
    assert claimed.ok
    again = await setup.service.act(ref, "claim", COUNSELLOR)
    assert not again.ok  # already claimed
    await setup.outbox.run_once()
    assert "Status: übernommen (\u2068Frau Beispiel\u2069)" in setup.deliverer.edits[-1]
    assert ref in setup.deliverer.to_person[-1].text
    session = await setup.storage.load_session(USER)
    assert session is not None and session.requests[0].status == "claimed"
    assert [a.action for a in await setup.storage.audit_of(ref)] == ["created", "claim"]


async def test_appointment_proposal_confirmation_and_reminder(setup: Setup) -> None:
    ref = await request_from_pirna(setup)
    await setup.service.act(ref, "claim", COUNSELLOR)
    bad = await setup.service.propose(ref, COUNSELLOR, "morgen irgendwann")
    assert not bad.ok
    proposed = await setup.service.propose(
        ref, COUNSELLOR, "02.12.2026 10:30 Beratungsstelle Pirna, Raum 2"
    )
    assert proposed.ok
    await setup.outbox.run_once()
    offer = setup.deliverer.to_person[-1]
    assert "Beratungsstelle Pirna, Raum 2" in offer.text and "10:30" in offer.text
    assert [c.id for c in offer.choices] == [f"appt.yes.{ref}", f"appt.no.{ref}"]
    replies = await setup.press(f"appt.yes.{ref}")
    assert "bestätigt" in replies[-1].text
    request = await setup.storage.get_request(ref)
    assert request is not None and request.status is Status.CONFIRMED
    await setup.outbox.run_once()
    assert any("bestätigt" in note for note in setup.deliverer.notes)
    pending = await setup.storage.pending_outbox()
    reminders = [i for i in pending if i.key.startswith("reminder:")]
    assert len(reminders) == 1
    assert reminders[0].due_at.isoformat().startswith("2026-12-01T09:00:00")  # 10:00 Berlin, UTC
    setup.clock.advance(timedelta(days=6).total_seconds())
    await setup.outbox.run_once()
    assert "Erinnerung" in setup.deliverer.to_person[-1].text


async def test_relay_both_ways(setup: Setup) -> None:
    ref = await request_from_pirna(setup)
    await setup.service.act(ref, "claim", COUNSELLOR)
    outcome = await setup.service.relay_to_person(ref, COUNSELLOR, "Haben Sie den Bescheid noch?")
    assert outcome.ok
    await setup.outbox.run_once()
    relayed = setup.deliverer.to_person[-1]
    assert "Haben Sie den Bescheid noch?" in relayed.text and "42" not in relayed.text
    replies = await setup.say("Ja, ich habe ihn.")
    assert "weitergeleitet" in replies[-1].text
    await setup.outbox.run_once()
    assert setup.deliverer.notes[-1].endswith("\u2068Ja, ich habe ihn.\u2069")
    await setup.press("relay.end")
    replies = await setup.say("/menu")
    assert replies[-1].text == "Wobei brauchen Sie Hilfe?"


async def test_outbox_survives_three_failures_and_a_restart(
    small_root: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    first = Setup(small_root, tmp_path / "db.sqlite3", RecordingDeliverer(failures=3), clock)
    await first.open()
    ref = await request_from_pirna(first)
    for _ in range(3):
        assert await first.outbox.run_once() == 0
        clock.advance(60)
    pending = await first.storage.pending_outbox()
    assert pending[0].attempts == 3 and pending[0].last_error == "fake API down"
    await first.raw.close()
    second = Setup(small_root, tmp_path / "db.sqlite3", RecordingDeliverer(), clock)
    await second.open()
    assert await second.outbox.run_once() == 1
    assert await second.outbox.run_once() == 0  # delivered once, never twice
    assert len(second.deliverer.posts) == 1 and ref in second.deliverer.posts[0][1]
    await second.raw.close()


async def test_group_pacing_holds_the_21st_message(setup: Setup) -> None:
    ref = await request_from_pirna(setup)
    await setup.outbox.run_once()
    for _ in range(25):
        await setup.service.person.wrote(RelayToCounsellor(ref, "x"))
        setup.clock.advance(0.001)
    await setup.outbox.run_once()
    assert len(setup.deliverer.notes) == 19  # 20 a minute including the first post
    setup.clock.advance(61)
    await setup.outbox.run_once()
    assert len(setup.deliverer.notes) == 25


async def test_person_cancels_from_status(setup: Setup) -> None:
    ref = await request_from_pirna(setup)
    listing = await setup.say("/status")
    assert f"cancel.{ref}" in [c.id for c in listing[-1].choices]
    asked = await setup.press(f"cancel.{ref}")
    assert [c.id for c in asked[-1].choices] == [f"cancel.yes.{ref}", f"cancel.no.{ref}"]
    request = await setup.storage.get_request(ref)
    assert request is not None and request.status is Status.NEW  # asked, not yet cancelled
    await setup.press(f"cancel.no.{ref}")
    request = await setup.storage.get_request(ref)
    assert request is not None and request.status is Status.NEW
    await setup.press(f"cancel.{ref}")
    await setup.press(f"cancel.yes.{ref}")
    request = await setup.storage.get_request(ref)
    assert request is not None and request.status is Status.CANCELLED


async def test_a_claim_during_the_persons_turn_is_not_overwritten(setup: Setup) -> None:
    """Issue 9: the counsellor's claim and the person's message at the same moment. The claim
    waits for the person's turn (same per-person serialisation), so neither write is lost."""
    ref = await request_from_pirna(setup)
    await setup.outbox.run_once()
    in_turn, finish_turn = asyncio.Event(), asyncio.Event()
    load = setup.raw.load_session

    async def slow_load(user: str) -> Session | None:
        session = await load(user)  # the person's turn has read its session ...
        if not in_turn.is_set():
            in_turn.set()
            await finish_turn.wait()  # ... and is still thinking
        return session

    setup.raw.load_session = slow_load  # type: ignore[method-assign]
    person = asyncio.create_task(setup.say("Hallo, ist jemand da?"))
    await in_turn.wait()
    claim = asyncio.create_task(setup.service.act(ref, "claim", COUNSELLOR))
    await asyncio.sleep(0.05)
    assert not claim.done()  # waits for the person's turn
    finish_turn.set()
    await person
    assert (await claim).ok
    session = await setup.storage.load_session(USER)
    assert session is not None and session.requests[0].status == "claimed"
    request = await setup.storage.get_request(ref)
    assert request is not None and request.status is Status.CLAIMED


async def test_references_stay_findable_when_the_short_space_is_full() -> None:
    """Issue 9: with every four-character reference taken, a longer one comes at once."""
    looked_up: list[str] = []

    async def taken(ref: str) -> bool:
        looked_up.append(ref)
        return len(ref) == len("WG-") + 4

    ref = await unused_reference(taken)
    assert len(ref) == len("WG-") + 5 and PATTERN.fullmatch(ref)
    assert find_reference(f"Bitte {ref.lower()} übernehmen") == ref
    assert len(looked_up) <= 9


async def test_reference_search_is_bounded_even_when_everything_is_taken() -> None:
    async def taken(ref: str) -> bool:
        return True

    with pytest.raises(NoFreeReference):
        await unused_reference(taken)


async def test_a_failed_post_is_retried_into_the_same_topic(setup: Setup) -> None:
    """Issue 9: the forum topic is recorded before the summary is posted; a retry after a
    failed post (a 5xx, a timeout) reuses it, so the group never gets an empty second topic."""
    ref = await request_from_pirna(setup)
    post = setup.deliverer.post_group
    failures = [DeliveryError("Bad Gateway")]

    async def flaky_post(*args: object, **kwargs: object) -> Posted:
        if failures:
            raise failures.pop()
        return await post(*args, **kwargs)  # type: ignore[arg-type]

    setup.deliverer.post_group = flaky_post  # type: ignore[method-assign]
    assert await setup.outbox.run_once() == 0
    setup.clock.advance(60)
    assert await setup.outbox.run_once() == 1
    assert len(setup.deliverer.topics) == 1 and len(setup.deliverer.posts) == 1
    request = await setup.storage.get_request(ref)
    assert request is not None and request.thread == 7 and request.group_message == 1
    setup.clock.advance(60)
    assert await setup.outbox.run_once() == 0  # nothing posted twice
