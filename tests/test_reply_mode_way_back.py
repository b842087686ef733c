"""After a counsellor's question the shown "back to the chat" button works typed: its number,
its label and "back" leave the reply mode; other words still reach the counsellor."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from handoff_terminal import PIRNA_COUNSELLOR, TerminalDesk, group_messages, plain

from bot.handoff.reference import find_reference

# Pirna, "talk to a counsellor", consent, housing, chat, mornings, no interpreter, no name,
# very urgent, nothing to add, send.
SEND_FROM_PIRNA = ("4", "9", "1", "1", "1", "1", "2", "-", "1", "-", "1")


@pytest.fixture
async def desk(tmp_path: Path) -> AsyncIterator[TerminalDesk]:
    made = TerminalDesk(tmp_path / "chat.sqlite3")
    made.clock._now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    yield made
    await made.close()


async def asked(desk: TerminalDesk, language: str) -> str:
    await desk.open(language)
    ref = find_reference(plain(await desk.type(*SEND_FROM_PIRNA)))
    assert ref is not None
    await desk.counsellor(await desk.service.act(ref, "claim", PIRNA_COUNSELLOR))
    await desk.counsellor(await desk.service.relay_to_person(ref, PIRNA_COUNSELLOR, "Brief?"))
    return ref


def said(desk: TerminalDesk, key: str, language: str) -> str:
    content = desk.service.content
    return plain(content.catalogs.translate(content.ui[key].source, language)[0])


def back_label(desk: TerminalDesk, language: str) -> str:
    return said(desk, "button_relay_end", language)


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en", "back"), ("en", "Back to the chat"), ("de", "zurück zum Chat")],
)
async def test_the_back_button_typed_leaves_the_reply_mode(
    desk: TerminalDesk, language: str, typed: str
) -> None:
    await asked(desk, language)
    printed = plain(await desk.type(typed))
    assert group_messages(printed) == []
    assert said(desk, "relay_sent", language).split("{")[0].strip() not in printed


@pytest.mark.parametrize("language", ["de", "fa", "ar"])
async def test_the_back_label_typed_in_their_language_leaves_the_reply_mode(
    desk: TerminalDesk, language: str
) -> None:
    await asked(desk, language)
    printed = plain(await desk.type(back_label(desk, language)))
    assert group_messages(printed) == []
    assert said(desk, "relay_sent", language).split("{")[0].strip() not in printed


async def test_other_words_still_reach_the_counsellor(desk: TerminalDesk) -> None:
    ref = await asked(desk, "en")
    for typed in ("yes", "I will come back tomorrow", "1", "2"):  # "how many children?" - "1"
        printed = plain(await desk.type(typed))
        assert group_messages(printed) == [f"Nachricht der Person zu {ref}:\n{typed}"]
