"""After 'send': the open request is the person's conversation with the office (transcripts).

Each test types into the terminal chat on the bundled content and reads what was printed —
the person's answers and the counsellor group's messages — as staff would try it.
"""

from __future__ import annotations

from handoff_terminal import PIRNA_COUNSELLOR, TerminalDesk, group_messages, plain

from bot.handoff.model import Status
from bot.handoff.reference import find_reference

# Pirna, "talk to a counsellor", consent, housing, chat, mornings, no interpreter, no name,
# very urgent, nothing to add, send (the sequence plus the new "anything else?" step).
SEND_FROM_PIRNA = ("4", "9", "1", "1", "1", "1", "2", "-", "1", "-", "1")


async def send_request(desk: TerminalDesk, language: str) -> str:
    await desk.open(language)
    printed = plain(await desk.type(*SEND_FROM_PIRNA))
    ref = find_reference(printed)
    assert ref is not None and f"Neue Anfrage {ref}" in printed, printed
    return ref


async def test_question_after_sending_goes_to_the_group_not_into_a_new_request(
    desk: TerminalDesk,
) -> None:
    ref = await send_request(desk, "uk")
    printed = plain(await desk.type("Коли мені зателефонують?"))
    assert "Ви згодні?" not in printed  # the consent question of a new request
    assert f"Ваше повідомлення додано до вашого запиту {ref}" in printed
    assert group_messages(printed) == [f"Nachricht der Person zu {ref}:\nКоли мені зателефонують?"]
    assert len(await desk.storage.requests_of("terminal:local")) == 1


async def test_three_messages_reach_the_group_in_order_and_none_starts_a_request(
    desk: TerminalDesk,
) -> None:
    ref = await send_request(desk, "ar")
    said = ["متى رح تردوا علي؟ انا خايفة", "when will you call me?", "مرحبا"]
    printed = plain(await desk.type(*said))
    assert group_messages(printed) == [f"Nachricht der Person zu {ref}:\n{text}" for text in said]
    assert printed.count(ref) >= 3 + 3  # each acknowledged with the reference
    assert "لم أفهم" not in printed  # never "not understood"
    requests = await desk.storage.requests_of("terminal:local")
    assert [r.ref for r in requests] == [ref]
    assert [a.action for a in await desk.storage.audit_of(ref)] == ["created"] + ["message"] * 3


async def test_after_a_claim_the_persons_question_is_forwarded_not_greeted(
    desk: TerminalDesk,
) -> None:
    ref = await send_request(desk, "de")
    await desk.counsellor(await desk.service.act(ref, "claim", PIRNA_COUNSELLOR))
    printed = plain(await desk.type("Hallo, wann melden Sie sich?"))
    assert "Schön, dass Sie schreiben" not in printed
    assert group_messages(printed) == [
        f"Nachricht der Person zu {ref}:\nHallo, wann melden Sie sich?"
    ]


async def test_human_with_an_open_request_offers_adding_or_a_new_one(desk: TerminalDesk) -> None:
    ref = await send_request(desk, "de")
    offer = plain(await desk.type("/human"))
    assert f"Sie haben schon eine offene Anfrage ({ref})" in offer
    assert f"1) Zu {ref} etwas schreiben" in offer and "2) Neue Anfrage, anderes Thema" in offer
    assert "Sind Sie einverstanden?" not in offer
    await desk.type("1")
    added = plain(await desk.type("Mein Vermieter hat heute angerufen."))
    assert group_messages(added) == [
        f"Nachricht der Person zu {ref}:\nMein Vermieter hat heute angerufen."
    ]
    await desk.type("/human")
    fresh = plain(await desk.type("2"))
    assert "Sind Sie einverstanden?" in fresh  # a new request about another topic


async def test_media_after_sending_go_to_the_request_and_nothing_contradicts(
    desk: TerminalDesk,
) -> None:
    ref = await send_request(desk, "en")
    printed = plain(await desk.send_media("photo"))
    assert f"I have passed this on to the counselling service ({ref})" in printed
    assert "We have passed your request on" not in printed
    assert "copied message 7:99" in printed


async def test_cancel_says_only_cancelled(desk: TerminalDesk) -> None:
    ref = await send_request(desk, "en")
    printed = plain(await desk.type("/status", "1", "yes"))
    answer = printed.split("> yes", 1)[1]
    assert f"Your request {ref} has been cancelled." in answer
    assert "We have passed your request on" not in answer
    assert "Die Person hat die Anfrage abgesagt" in answer  # the group is told
    request = await desk.storage.get_request(ref)
    assert request is not None and request.status is Status.CANCELLED


async def test_other_time_says_only_that(desk: TerminalDesk) -> None:
    ref = await send_request(desk, "en")
    await desk.counsellor(await desk.service.act(ref, "claim", PIRNA_COUNSELLOR))
    proposed = await desk.service.propose(ref, PIRNA_COUNSELLOR, "2.12. 14:00 Beratungsstelle")
    await desk.counsellor(proposed)
    printed = plain(await desk.type("2"))  # "Another time, please"
    assert "we will pass this on" in printed.lower() or "new suggestion" in printed.lower()
    assert "We have passed your request on" not in printed
    assert "Die Person bittet um einen anderen Termin" in printed


async def test_back_after_sending_cannot_send_again(desk: TerminalDesk) -> None:
    await desk.open()
    steps = ("/start", "Deutsch", "Pirna", "/human", "Ja", "Wohnen", "Hier im Chat", "Egal")
    await desk.type(*steps, "Nein", "Olena", "Normal", "-", "Ja, Anfrage senden")
    printed = plain(await desk.type("/back", "Ja, Anfrage senden"))
    assert "Weiter zurück geht es nicht." in printed
    assert "Neue Anfrage" not in printed  # no second group post
    requests = await desk.storage.requests_of("terminal:local")
    assert len(requests) == 1 and requests[0].topic == "housing"


async def test_mydata_shows_the_request_with_its_contact_data(desk: TerminalDesk) -> None:
    await desk.open("de")
    await desk.type("4", "9", "1", "1", "2", "1", "2", "0151 2345678", "Olena", "2", "-", "1")
    printed = plain(await desk.type("/mydata"))
    ref = find_reference(printed)
    assert ref is not None
    assert "Ihre Anfragen an die Beratung:" in printed
    assert f"• {ref}: Wohnen — neu, noch nicht bearbeitet" in printed
    for shown in ("Telefonnummer: 01512345678", "Name: Olena", "Kontaktwunsch: Anruf"):
        assert shown in printed


async def test_typed_yes_at_delete_with_an_open_request_deletes(desk: TerminalDesk) -> None:
    """Tester's finding: with an open request, a typed "Ja" at the /delete question deleted
    nothing and went to the counsellor as a message."""
    await desk.open("de")
    await desk.type("4", "/human", "1", "1", "1", "1", "2", "-", "2", "-", "1")
    printed = plain(await desk.type("/delete", "Ja"))
    assert "Ja" not in [
        line.strip() for m in group_messages(printed) for line in plain(m).split("\n")
    ]
    assert await desk.storage.requests_of("terminal:local") == []
