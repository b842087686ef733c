"""Long words of a person reach the counsellor group whole: in parts where one message is
too short (Telegram: 4,096 UTF-16 units a message), never cut (issue: long texts were lost).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from handoff_terminal import PIRNA_COUNSELLOR, TerminalDesk, group_messages, plain

from bot.events import RelayToCounsellor
from bot.handoff.delivery import DeliveryError, Posted
from bot.handoff.inert import FSI, PDI, clean
from bot.handoff.long_text import GROUP_MESSAGE_LIMIT, in_parts, units
from bot.handoff.model import Request
from bot.handoff.outbox import OutboxWorker
from bot.handoff.records import Appendix, OutboxItem
from bot.handoff.reference import find_reference
from bot.messages import Choice, Reply

SEND_FROM_PIRNA = ("4", "9", "1", "1", "1", "1", "2", "-", "1", "-", "1")
# Voice typing: one long sentence without punctuation, the question at the very end.
FARSI_VOICE = (
    "سلام خسته نباشید من از افغانستان هستم و دو سال است با خانواده ام در پیرنا زندگی می کنیم "
    "ما در کمپ بودیم و بعد یک خانه گرفتیم ولی صاحب خانه الان یک نامه فرستاده که ما باید "
    "تا آخر ماه خانه را خالی کنیم من آلمانی خوب بلد نیستم و نمی فهمم در نامه چه نوشته شده "
    "شوهرم کار می کند ولی پول ما کم است و جابسنتر هم هنوز جواب نداده دوتا بچه دارم یکی در "
    "مدرسه است و یکی در کیتا و من خیلی نگران هستم که بعد از این ماه کجا برویم "
    "یک خانم در کمپ گفت که شما می توانید کمک کنید آیا می شود یک وقت ملاقات بگیرم و یک مترجم "
    "دری هم باشد چون من فارسی دری صحبت می کنم آخرین سوال من این است که آیا باید قبل از "
    "ملاقات به صاحب خانه جواب بدهم یا نه لطفا با من در همین چت تماس بگیرید"
)
THE_END = "لطفا با من در همین چت تماس بگیرید"


class LimitedGroup:
    """A counsellor group that refuses what Telegram refuses: a message over 4,096 units;
    it can be told to fail the n-th note once."""

    def __init__(self, fail_note: int | None = None) -> None:
        self.messages: list[str] = []  # posts, notes and edits, in order
        self.fail_note = fail_note
        self._notes = 0
        self._ids = 500

    def _take(self, text: str) -> int:
        if units(text) > GROUP_MESSAGE_LIMIT:
            raise DeliveryError("bad request: message is too long")
        self.messages.append(text)
        self._ids += 1
        return self._ids

    async def open_topic(self, office: str, title: str) -> Posted | None:
        return None

    async def post_group(
        self, office: str, text: str, buttons: Sequence[Choice], topic: Posted | None = None
    ) -> Posted:
        return Posted(-1002, self._take(text))

    async def edit_group(self, posted: Posted, text: str, buttons: Sequence[Choice]) -> None:
        self._take(text)

    async def note_group(self, posted: Posted, text: str) -> int | None:
        self._notes += 1
        if self._notes == self.fail_note:
            raise DeliveryError("fake network error")
        return self._take(text)

    async def copy_to_group(self, posted: Posted, message_ref: str) -> int | None:
        return None

    async def erase_topic(self, posted: Posted, note: str) -> bool:
        return False

    async def to_user(self, user: str, replies: Sequence[Reply]) -> None:
        return None


async def sent_request(desk: TerminalDesk, language: str) -> str:
    await desk.open(language)
    ref = find_reference(plain(await desk.type(*SEND_FROM_PIRNA)))
    assert ref is not None
    return ref


def worker(desk: TerminalDesk, group: LimitedGroup) -> OutboxWorker:
    return OutboxWorker(desk.storage, desk.clock, lambda item: desk.service.deliver(item, group))


def words_of(messages: Sequence[str]) -> str:
    """The person's words in a run of part messages (each: header line, isolated piece)."""
    return " ".join(m.split("\n", 1)[1].removeprefix(FSI).removesuffix(PDI) for m in messages)


async def test_a_long_farsi_voice_message_reaches_the_group_to_its_last_words(
    desk: TerminalDesk,
) -> None:
    assert len(FARSI_VOICE) == 652
    ref = await sent_request(desk, "fa")
    printed = plain(await desk.type(FARSI_VOICE))
    assert group_messages(printed) == [f"Nachricht der Person zu {ref}:\n{FARSI_VOICE}"]
    assert f"پیام شما به درخواست {ref} اضافه شد." in printed  # acknowledged in Farsi
    request = await desk.storage.get_request(ref)
    assert request is not None and request.messages[-1]["text"] == FARSI_VOICE


async def test_words_longer_than_one_group_message_arrive_in_parts_in_order(
    desk: TerminalDesk,
) -> None:
    ref = await sent_request(desk, "fa")
    words = " ".join([FARSI_VOICE, "🙏"] * 9)  # 5,895 characters, 5,904 UTF-16 units
    async with desk.storage.unit():
        await desk.service.person.wrote(RelayToCounsellor(ref, words))
    group = LimitedGroup()
    await worker(desk, group).run_once()
    assert [m.split("\n", 1)[0] for m in group.messages] == [
        f"Nachricht der Person zu {ref} (Teil 1 von 2):",
        f"Nachricht der Person zu {ref} (Teil 2 von 2):",
    ]
    assert all(units(m) <= GROUP_MESSAGE_LIMIT for m in group.messages)
    assert words_of(group.messages) == clean(words)
    request = await desk.storage.get_request(ref)
    assert request is not None and request.messages[-1]["text"] == words  # whole, in the DB


async def test_a_failed_part_is_sent_again_without_repeating_the_parts_before_it(
    desk: TerminalDesk,
) -> None:
    ref = await sent_request(desk, "de")
    words = "Wort " * 2500  # 12,500 characters: four parts
    async with desk.storage.unit():
        await desk.service.person.wrote(RelayToCounsellor(ref, words))
    group = LimitedGroup(fail_note=3)
    outbox = worker(desk, group)
    assert await outbox.run_once() == 0
    assert len(group.messages) == 2  # parts 1 and 2; part 3 failed
    desk.clock.advance(60)
    assert await outbox.run_once() == 1
    assert [m.split("\n", 1)[0] for m in group.messages] == [
        f"Nachricht der Person zu {ref} (Teil {n} von 4):" for n in (1, 2, 3, 4)
    ]
    assert words_of(group.messages) == clean(words)


async def test_a_note_held_back_by_the_group_pacing_keeps_its_sent_parts(
    desk: TerminalDesk,
) -> None:
    ref = await sent_request(desk, "de")
    async with desk.storage.unit():
        await desk.service.person.wrote(RelayToCounsellor(ref, "Wort " * 2500))
    group = LimitedGroup(fail_note=3)
    outbox = worker(desk, group)
    await outbox.run_once()
    assert len(group.messages) == 2 and len(outbox._sent["pirna"]) == 2  # paced per part
    desk.clock.advance(10)
    outbox._sent["pirna"].extend([desk.clock.now()] * 18)  # 20 in the last minute
    assert await outbox.run_once() == 0  # held back by the pacing
    desk.clock.advance(61)
    assert await outbox.run_once() == 1
    assert [m.split("\n", 1)[0].split("(")[1] for m in group.messages] == [
        f"Teil {n} von 4):" for n in (1, 2, 3, 4)
    ]


async def test_a_summary_too_long_for_one_message_posts_the_own_words_after_it(
    desk: TerminalDesk,
) -> None:
    await desk.open("fa")
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    story, note = " ".join([FARSI_VOICE] * 7), " ".join([FARSI_VOICE] * 2)
    request = Request(
        ref="WG-LONG",
        user="terminal:local",
        office="pirna",
        topic="housing",
        language="fa",
        urgent=False,
        answers={"place": "pirna", "contact": "chat", "own_words": story, "note": note},
        created_at=now,
    )
    post = OutboxItem("post:WG-LONG", "group_post", "pirna", {"ref": "WG-LONG"}, now)
    await desk.storage.save_request(request, Appendix(outbox=[post]))
    group = LimitedGroup()
    outbox = worker(desk, group)
    await outbox.run_once()
    await outbox.run_once()  # the words queued with the post's id
    summary, *words = group.messages
    assert "Neue Anfrage WG-LONG" in summary and "Wohnort: Pirna" in summary
    assert "(zu lang für diese Nachricht: folgt in eigenen Nachrichten)" in summary
    assert THE_END not in summary
    assert all(units(m) <= GROUP_MESSAGE_LIMIT for m in group.messages)
    story_parts = [m for m in words if m.startswith("Zum Anliegen geschrieben")]
    note_parts = [m for m in words if m.startswith("Weitere Hinweise")]
    assert story_parts[0].split("\n")[0] == (
        "Zum Anliegen geschrieben – zu WG-LONG "
        f"(in der Originalsprache, Persisch, Teil 1 von {len(story_parts)}):"
    )
    assert words_of(story_parts) == story and words_of(note_parts) == note
    assert story_parts + note_parts == words  # the story first, then the note

    desk.clock.advance(60)
    outcome = await desk.service.act("WG-LONG", "claim", PIRNA_COUNSELLOR)
    assert outcome.ok
    await outbox.run_once()
    assert group.messages[-1].startswith("Neue Anfrage WG-LONG")  # the edit fits as well
    assert "übernommen (Frau Beispiel)" in plain(group.messages[-1])


def test_short_words_stay_one_message_and_keep_their_line_breaks_inert() -> None:
    parts = in_parts("Kopf:", lambda n, of: f"Kopf ({n}/{of}):", "eins\nzwei")
    assert parts == [f"Kopf:\n{FSI}eins / zwei{PDI}"]
