"""Answers of questions the path no longer passes are dropped: keep only what a flow needs.

Regression for the tester report: a person chose "call", typed their phone number, went back
(/back four times, or "change something") and chose "chat"; the counsellor still got the phone
number. Typed in the languages concerned; what the session keeps and what the counsellor
receives are checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.engine.bypassed import bypassed
from bot.events import HandoffRequested
from bot.messages import Inbound
from bot.settings import BUNDLED_CONTENT
from tests.typist import terminal, typed, where

PHONE = "0151 2223334"
# place Pirna, talk to a counsellor, consent, housing, a call, mornings, an interpreter and
# which language (typed), the phone number
TO_PHONE = {
    "uk": ("4", "9", "так", "1", "дзвінок", "1", "так", "українською", PHONE),
    "de": ("4", "9", "ja", "1", "Anruf", "1", "ja", "Kurmandschi", PHONE),
    "en": ("4", "9", "yes", "1", "2", "1", "yes", "Pashto", PHONE),
    "ru": ("4", "9", "да", "1", "звонок", "1", "да", "на русском", PHONE),
    "ar": ("4", "9", "نعم", "1", "2", "1", "نعم", "كرمانجي", PHONE),
    "fa": ("4", "9", "بله", "1", "2", "1", "بله", "دری", PHONE),
}
CHAT = {"uk": "в чаті", "de": "Chat", "en": "1", "ru": "в чате", "ar": "1", "fa": "1"}
# after "chat": the times and the interpreter questions again, the name, normal, no note
AFTER_CHAT = {
    "uk": ("1", "так", "українською", "Olena", "2", "-"),
    "de": ("1", "ja", "Kurmandschi", "Olena", "2", "-"),
    "en": ("1", "yes", "Pashto", "Olena", "2", "-"),
    "ru": ("1", "да", "на русском", "Olena", "2", "-"),
    "ar": ("1", "نعم", "كرمانجي", "Olena", "2", "-"),
    "fa": ("1", "بله", "دری", "Olena", "2", "-"),
}
BACK_TO_CONTACT = dict.fromkeys(TO_PHONE, 5)


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def sent(turns: list[Turn]) -> dict[str, str]:
    requests = [e for t in turns for e in t.events if isinstance(e, HandoffRequested)]
    assert len(requests) == 1, where(turns[-1])
    return requests[0].answers


@pytest.mark.parametrize("language", TO_PHONE)
def test_chat_after_back_drops_the_phone_number(bundled: Content, language: str) -> None:
    backs = ("/back",) * BACK_TO_CONTACT[language]
    turns = typed(bundled, language, *TO_PHONE[language], *backs)
    assert where(turns[-1]) == "handoff.contact_visit"
    assert "phone" not in turns[-1].session.answers  # going back over a question undoes it
    chat = step(bundled, turns[-1].session, Inbound("typist", text=CHAT[language]))
    assert chat.session.answers["contact"] == "chat"
    assert "phone" not in chat.session.answers  # gone at once, not only in the request
    turns.append(chat)
    for line in (*AFTER_CHAT[language], "1"):
        turns.append(step(bundled, turns[-1].session, Inbound("typist", text=line)))
    answers = sent(turns)
    assert answers["contact"] == "chat"
    assert "phone" not in answers
    assert answers["name"] == "Olena"


CHANGE = {"uk": "Щось змінити", "de": "Etwas ändern", "en": "2", "ru": "2", "ar": "2", "fa": "2"}


@pytest.mark.parametrize("language", ["uk", "de", "fa"])
def test_chat_after_change_something_drops_the_phone_number(
    bundled: Content, language: str
) -> None:
    names = ("Olena", "2", "-")
    turns = typed(bundled, language, *TO_PHONE[language], *names)
    assert where(turns[-1]) == "handoff.confirm"
    # change something: the topic is known, so the contact question comes first
    for line in (CHANGE[language], CHAT[language], *AFTER_CHAT[language], "1"):
        turns.append(step(bundled, turns[-1].session, Inbound("typist", text=line)))
    answers = sent(turns)
    assert answers["contact"] == "chat" and "phone" not in answers


def test_a_call_keeps_the_phone_number(bundled: Content) -> None:
    turns = typed(bundled, "uk", *TO_PHONE["uk"], "Olena", "2", "-", "1")
    answers = sent(turns)
    assert answers["contact"] == "phone" and answers["phone"] == "01512223334"


def test_no_interpreter_after_all_drops_the_interpreter_language(bundled: Content) -> None:
    turns = typed(bundled, "fa", *TO_PHONE["fa"][:-1])  # up to the phone question, Dari chosen
    assert turns[-1].session.answers["interpreter_language"] == "dari"
    for line in ("/back", "/back", "نه"):
        turns.append(step(bundled, turns[-1].session, Inbound("typist", text=line)))
    assert turns[-1].session.answers["interpreter"] == "no"
    assert "interpreter_language" not in turns[-1].session.answers


def test_sending_and_ways_back_drop_nothing(bundled: Content) -> None:
    assert bypassed(bundled, "handoff", "confirm", "send") == frozenset()
    assert bypassed(bundled, "handoff", "confirm", "topic_known") == frozenset()
    assert bypassed(bundled, "handoff", "place_check", "ask_place") == frozenset()
    assert bypassed(bundled, "handoff", "phone_needed", "name") == {"phone"}
    # "other emergency help" leads back to "what happened?": leaving it keeps that answer
    assert bypassed(bundled, "emergency", "what", "go_back") == frozenset()


def test_the_counsellor_gets_no_phone_in_the_terminal(tmp_path: Path) -> None:
    backs = ("/back",) * BACK_TO_CONTACT["uk"]
    lines = (*TO_PHONE["uk"], *backs, "1", *AFTER_CHAT["uk"], "1")
    printed = terminal(tmp_path / "u.db", "uk", lines)
    group = printed.split("counsellor group", 1)
    assert len(group) == 2, printed[-2000:]
    shown = group[1]
    assert "Kontaktwunsch: Antwort hier im Chat" in shown
    assert "Dolmetschersprache: Die Sprache, in der ich hier schreibe" in shown
    assert "Telefonnummer" not in shown and "2223334" not in shown
