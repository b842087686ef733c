"""Typed answers at the last two places of a request, as a person types them.

At "Hier ist Ihre Anfrage. Stimmt alles?" the words for sending ("abschicken", «بفرست»,
"всё верно") send the request, the words for "that is wrong" ("falsch", «غلط») go back to
change it, and a negated send («نفرست», «ارسال نکن») never sends. At "how may we contact
you?" the messenger's name ("Telegram", «واتساب») is the chat. Each test checks what the
counsellor receives (`HandoffRequested`) or that nothing was sent.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.settings import BUNDLED_CONTENT
from tests.typist import requested, typed, where

# place, "talk to a person", consent, topic benefits
TO_CONTACT = ("1", "9", "1", "4")
# contact chat, any time, no interpreter, name, not urgent, no note
TO_SUMMARY = (*TO_CONTACT, "1", "3", "2", "Mira", "2", "-")


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


SEND = [
    ("de", "abschicken"),
    ("de", "alles richtig"),
    ("en", "send it"),
    ("en", "all good"),
    ("uk", "надішліть"),
    ("uk", "все правильно"),
    ("ru", "всё верно"),
    ("ru", "отправьте"),
    ("ar", "ابعتها"),
    ("ar", "صح"),
    ("fa", "بفرست"),
    ("fa", "بفرستید"),
    ("fa", "درسته"),
    # a second tester: "no problem, send it", "no changes"
    ("ar", "ما في مشكلة ابعتها"),
    ("fa", "مشکلی نیست بفرست"),
    ("en", "no changes"),
    ("de", "keine Änderungen"),
]
CHANGE = [
    ("de", "falsch"),
    ("de", "stimmt nicht"),
    ("en", "wrong"),
    ("en", "not right"),
    ("uk", "неправильно"),
    ("ru", "не так"),
    ("ar", "غلط"),
    ("ar", "مش صح"),
    ("fa", "اشتباهه"),
    ("fa", "درست نیست"),
    # a send word negated by its own first letter, or by the verb after it
    ("fa", "نفرست"),
    ("fa", "نفرستید"),
    ("fa", "ارسال نکن"),
]


@pytest.mark.parametrize(("language", "words"), SEND)
def test_words_for_sending_at_the_summary_send_the_request(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_SUMMARY, words)
    assert where(turns[-2]) == "handoff.confirm"
    [request] = requested(turns)
    assert request.answers["topic"] == "benefits"
    assert request.answers["name"] == "Mira"


@pytest.mark.parametrize(("language", "words"), CHANGE)
def test_words_for_wrong_at_the_summary_go_back_and_send_nothing(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_SUMMARY, words)
    assert where(turns[-2]) == "handoff.confirm"
    assert requested(turns) == []
    assert where(turns[-1]) == "handoff.contact"  # "Etwas ändern": the questions again


# a negated send word the bot does not know as a whole, or a send for later: asked again
NOT_SENT = [
    ("fa", "نفرستش"),
    ("fa", "نفرستيد لطفا"),
    ("en", "don't send"),
    ("ar", "لا ترسل"),
    # a second tester: a send for later is no send now
    ("de", "später schicken"),
    ("en", "send it later"),
    ("ru", "отправьте потом"),
    ("ar", "بعدين ابعتها"),
    ("fa", "بعدا بفرست"),
]


@pytest.mark.parametrize(("language", "words"), NOT_SENT)
def test_a_negated_send_word_at_the_summary_sends_nothing(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_SUMMARY, words)
    assert where(turns[-2]) == "handoff.confirm"
    assert requested(turns) == []


MESSENGER = [
    ("de", "per Telegram"),
    ("en", "telegram"),
    ("uk", "в телеграмі"),
    ("ru", "ватсап"),
    ("ar", "واتساب"),
    ("fa", "تلگرام"),
]


@pytest.mark.parametrize(("language", "words"), MESSENGER)
def test_the_messengers_name_at_how_to_contact_is_the_chat(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_CONTACT, words, "3", "2", "Mira", "2", "-", "1")
    assert where(turns[-8]) == "handoff.contact"
    [request] = requested(turns)
    assert request.answers["contact"] == "chat"
