"""A command typed while the bot waits for a typed answer (the name of a counsellor request).

/delete and /language ask their own question; the answer typed to it ("так", "1", "yes", the
button's label, "русский") answers that question, never the interrupted one (it is no name),
and afterwards the person is back at the interrupted question. Regression for the tester
report: "так" after /delete was saved as the name, nothing was deleted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.events import DataDeletionRequested
from bot.messages import Inbound
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed

# Up to the name question of a counsellor request, typed: place Pirna, "talk to a counsellor",
# yes to consent, housing, a call, mornings, an interpreter and its language (in Farsi: Dari;
# elsewhere the chat's language, by number), the phone.
TO_NAME = {
    "de": ("4", "9", "ja", "1", "2", "1", "ja", "1", "+49 152 9876543"),
    "en": ("4", "9", "yes", "1", "2", "1", "yes", "1", "+49 152 9876543"),
    "uk": ("4", "9", "так", "1", "2", "1", "так", "1", "+49 152 9876543"),
    "ru": ("4", "9", "да", "1", "2", "1", "да", "1", "+49 152 9876543"),
    "ar": ("4", "9", "نعم", "1", "2", "1", "نعم", "1", "+49 152 9876543"),
    "fa": ("4", "9", "بله", "1", "2", "1", "بله", "1", "+49 152 9876543"),
}
YES = {"de": "ja", "en": "yes", "uk": "так", "ru": "да", "ar": "نعم", "fa": "بله"}
NO = {"de": "nein", "en": "no", "uk": "ні", "ru": "нет", "ar": "لا", "fa": "نه"}


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def where(turn: Turn) -> str | None:
    position = turn.session.position
    return f"{position.flow}.{position.node}" if position else None


def ui(content: Content, key: str, language: str) -> str:
    return content.catalogs.translate(content.ui[key].source, language)[0]


def test_the_walk_reaches_the_name_question(bundled: Content) -> None:
    for language, lines in TO_NAME.items():
        turns = typed(bundled, language, *lines)
        assert where(turns[-1]) == "handoff.name", language
        assert turns[-1].session.answers["phone"] == "+491529876543"


@pytest.mark.parametrize("language", TO_NAME)
@pytest.mark.parametrize("how", ["word", "number", "label"])
def test_a_typed_yes_after_delete_deletes_and_is_no_name(
    bundled: Content, language: str, how: str
) -> None:
    confirm = {
        "word": YES[language],
        "number": "1",
        "label": ui(bundled, "button_delete_yes", language),
    }[how]
    turns = typed(bundled, language, *TO_NAME[language], "/delete", confirm)
    last = turns[-1]
    assert DataDeletionRequested() in last.events
    assert last.session.answers == {}  # no name, no phone, nothing
    assert "name" not in last.session.answers and "phone" not in last.session.answers
    assert last.session.language == language  # the reply is still in their language


@pytest.mark.parametrize("language", TO_NAME)
def test_a_typed_no_after_delete_keeps_everything_and_asks_for_the_name_again(
    bundled: Content, language: str
) -> None:
    turns = typed(bundled, language, *TO_NAME[language], "/delete", NO[language])
    last = turns[-1]
    assert not any(isinstance(e, DataDeletionRequested) for e in last.events)
    assert "name" not in last.session.answers
    assert last.session.answers["phone"] == "+491529876543"
    assert where(last) == "handoff.name"  # back at the interrupted question
    named = step(bundled, last.session, Inbound("typist", text="Olena"))
    assert named.session.answers["name"] == "Olena"
    assert where(named) == "handoff.urgency"


def test_a_name_typed_to_the_delete_question_asks_it_again(bundled: Content) -> None:
    turns = typed(bundled, "uk", *TO_NAME["uk"], "/delete", "Olena")
    last = turns[-1]
    assert "name" not in last.session.answers and not last.events
    assert [c.id for c in last.replies[-1].choices] == ["delete.yes", "delete.no"]


@pytest.mark.parametrize(
    ("language", "answer", "chosen"),
    [
        ("uk", "русский", "ru"),
        ("uk", "4", "ru"),
        ("en", "Deutsch", "de"),
        ("ru", "українська", "uk"),
        ("fa", "العربية", "ar"),
        ("ar", "فارسی", "fa"),
        ("de", "English", "en"),
    ],
)
def test_the_language_picked_after_language_is_no_name(
    bundled: Content, language: str, answer: str, chosen: str
) -> None:
    turns = typed(bundled, language, *TO_NAME[language], "/language", answer)
    last = turns[-1]
    assert last.session.language == chosen
    assert "name" not in last.session.answers
    assert where(last) == "handoff.name"  # the name question again, in the new language
    named = step(bundled, last.session, Inbound("typist", text="Olena"))
    assert named.session.answers["name"] == "Olena"


@pytest.mark.parametrize("language", ["uk", "en", "fa"])
async def test_delete_at_the_name_question_removes_everything_stored(
    tmp_path: Path, language: str
) -> None:
    """Through the conversation and SQLite: the session and every request are gone."""
    from bot.runtime import open_runtime
    from bot.settings import Settings

    settings = Settings(data_dir=tmp_path, config_file=None, content_dir=BUNDLED_CONTENT)
    runtime = await open_runtime(settings, guard_floods=False)
    conversation, storage = runtime.conversation, runtime.conversation.storage
    user = "terminal:deleting"
    first = (*TO_NAME[language], "Olena", "2", "-", "1")  # a first request is sent
    second = ("/human", "2", *TO_NAME[language][2:-1], "0151 2223334")  # a new one, to the name
    try:
        await conversation.resume(user, language)
        for line in (*first, *second, "/delete"):
            await conversation.handle(Inbound(user, text=line))
        before = await storage.load_session(user)
        assert before is not None and before.answers["phone"] == "01512223334"
        assert len(await storage.requests_of(user)) == 1
        await conversation.handle(Inbound(user, text=YES[language]))
        after = await storage.load_session(user)
        assert after is None or (after.answers == {} and after.requests == [])
        assert await storage.requests_of(user) == []
        shown = await conversation.handle(Inbound(user, text="/mydata"))
        assert "2223334" not in "\n".join(r.text for r in shown)
        assert "Olena" not in "\n".join(r.text for r in shown)
    finally:
        await runtime.close()
