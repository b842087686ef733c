"""Testers' findings: /mydata left out the messages stored with a request (the person's
follow-ups and the counsellor's replies) and once showed a topic line with nothing after it;
after /delete the next replies came in German although the person wrote Ukrainian, Farsi or
Arabic. Typed through the real runtime on SQLite (the terminal chat, as staff try it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from handoff_terminal import PIRNA_COUNSELLOR, TerminalDesk, plain

from bot.handoff.reference import find_reference
from bot.handoff.store import RequestStore
from bot.messages import Inbound

# Pirna, "talk to a counsellor", consent, housing, chat, mornings, no interpreter, no name,
# very urgent, nothing to add, send.
SEND_FROM_PIRNA = ("4", "9", "1", "1", "1", "1", "2", "-", "1", "-", "1")
USER = "terminal:local"

# language: (follow-up the person writes, counsellor's reply, (you, the office))
CASES = {
    "uk": ("Коли мені зателефонують?", "Завтра о 10:00.", ("Ви", "Консультаційний пункт")),
    "fa": ("کی با من تماس می‌گیرید؟", "فردا ساعت ۱۰.", ("شما", "مرکز مشاوره")),
    "ar": ("متى ستتصلون بي؟", "غدًا في الساعة العاشرة.", ("أنت", "مركز الاستشارة")),
}
MESSAGES_HEADER = {
    "uk": "Повідомлення щодо цього запиту:",
    "fa": "پیام‌های مربوط به این درخواست:",
    "ar": "الرسائل المتعلقة بهذا الطلب:",
}


async def send_with_messages(desk: TerminalDesk, language: str) -> str:
    """A request, a counsellor's reply and a follow-up from the person; the reference."""
    await desk.open(language)
    printed = plain(await desk.type(*SEND_FROM_PIRNA))
    ref = find_reference(printed)
    assert ref is not None, printed
    written, answered, _ = CASES[language]
    await desk.counsellor(await desk.service.act(ref, "claim", PIRNA_COUNSELLOR))
    await desk.counsellor(await desk.service.relay_to_person(ref, PIRNA_COUNSELLOR, answered))
    await desk.type(written)
    return ref


def stored(db: Path, user: str) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(
                f"SELECT count(*) FROM {table} WHERE {column} = ?",
                (user,),
            ).fetchone()[0]
            for table, column in (
                ("sessions", "user"),
                ("requests", "user"),
                ("outbox", "target"),
            )
        }


@pytest.mark.parametrize("language", sorted(CASES))
async def test_mydata_lists_the_messages_stored_with_the_request(
    desk: TerminalDesk, language: str
) -> None:
    ref = await send_with_messages(desk, language)
    written, answered, (you, office) = CASES[language]
    request = await desk.storage.get_request(ref)
    assert request is not None and [m["text"] for m in request.messages] == [answered, written]

    printed = plain(await desk.type("/mydata"))

    assert f"• {ref}: " in printed and MESSAGES_HEADER[language] in printed
    shown = printed.split(MESSAGES_HEADER[language])[1]
    assert shown.index(answered) < shown.index(written)  # in the order they were written
    comma = "," if language == "uk" else "،"
    assert f"– {office}{comma} " in shown and f"– {you}{comma} " in shown
    assert "Beratungsstelle" not in shown and "Sie," not in shown  # not the German labels
    assert "2026" in shown or "۲۰۲۶" in shown or "٢٠٢٦" in shown  # dated, as the locale writes


async def test_mydata_shows_media_and_a_long_message_in_full_over_several_replies(
    desk: TerminalDesk,
) -> None:
    await desk.open("uk")
    ref = find_reference(plain(await desk.type(*SEND_FROM_PIRNA)))
    assert ref is not None
    words = [f"речення{n}" for n in range(700)]  # two messages of about 3,800 characters
    await desk.type(" ".join(words[:350]), " ".join(words[350:]))
    await desk.send_media("photo")
    replies = await desk.conversation.handle(Inbound(USER, text="/mydata"))
    texts = [plain(r.text) for r in replies]
    assert all(len(text) <= 4096 for text in texts) and len(texts) >= 3
    everything = "\n".join(texts)
    for word in ("речення0 ", "речення349", "речення350 ", "речення699"):
        assert word in everything  # nothing cut
    assert "(фото або файл)" in everything


async def test_mydata_leaves_out_a_topic_without_a_value(desk: TerminalDesk) -> None:
    """'Тема: ' with nothing after it: an empty saved topic is not shown."""
    await desk.open("uk")
    await desk.type("4")
    session = await desk.conversation.session_of(USER)
    assert session is not None
    session.answers["topic"] = ""
    session.answers["contact"] = "call"
    store = RequestStore(desk.raw)
    await store.save_session(session)
    printed = plain(await desk.type("/mydata"))
    assert "Тема:" not in printed and "Тема: \n" not in printed


async def test_mydata_request_line_without_a_known_topic(desk: TerminalDesk) -> None:
    ref = await send_with_messages(desk, "uk")
    request = await desk.storage.get_request(ref)
    assert request is not None
    request.topic = ""
    await desk.storage.save_request(request)
    printed = plain(await desk.type("/mydata"))
    assert f"• {ref}: опрацьовується" in printed  # the status straight after the reference
    assert "topic_" not in printed


@pytest.mark.parametrize("language", sorted(CASES))
async def test_delete_removes_everything_and_answers_in_the_persons_language(
    desk: TerminalDesk, language: str
) -> None:
    ref = await send_with_messages(desk, language)
    assert stored(desk.db, USER)["requests"] == 1

    await desk.type("/delete")
    replies = await desk.conversation.handle(Inbound(USER, text="1"))

    assert ref in plain(replies[0].text) and "gelöscht" not in replies[0].text
    assert all(reply.language == language for reply in replies)  # the confirmation
    assert stored(desk.db, USER) == {"sessions": 0, "requests": 0, "outbox": 0}
    tombstone = await desk.storage.get_request(ref)
    assert tombstone is not None and tombstone.user == "" and tombstone.messages == []
    assert tombstone.answers == {}
