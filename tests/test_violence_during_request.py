"""A tester's finding: violence told in the middle of a request, after "call me" was chosen.

The emergency answer came first, but after "back to where I was" the request went out as
"Anruf" without asking whether a call or a message is safe (a partner may check the phone).
Now, before the summary, such a request asks the safe-contact question once; a person who
already said "only here in the chat" is not asked. The counsellor receives the answer.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.events import EmergencyShown
from bot.settings import BUNDLED_CONTENT
from tests.typist import sent, typed, where

VIOLENCE = {
    "de": "mein Mann schlägt mich",
    "en": "my husband beats me",
    "uk": "чоловік б'є мене",
    "ru": "муж бьёт меня",
    "ar": "زوجي يضربني",
    "fa": "شوهرم منو میزنه",
}
YES = {"de": "ja", "en": "yes", "uk": "так", "ru": "да", "ar": "نعم", "fa": "bale"}
# place, "talk to a person", consent, topic housing, contact phone, morning, no interpreter
TO_PHONE = ("1", "9", "1", "1", "2", "1", "2")


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


@pytest.mark.parametrize("language", sorted(VIOLENCE))
def test_violence_told_during_a_phone_request_asks_whether_a_call_is_safe(
    bundled: Content, language: str
) -> None:
    # the phone number, then violence at "your name?", back, name, urgent, no note
    lines = (*TO_PHONE, "0176 5555555", VIOLENCE[language], "1", "Sara", "1", "-")
    turns = typed(bundled, language, *lines)
    assert EmergencyShown("violence") in turns[-5].events
    assert where(turns[-1]) == "handoff.safe_contact_late"
    # "only here in the chat", then send
    turns = typed(bundled, language, *lines, "3", YES[language])
    request = sent(turns)
    assert request.answers["safe_contact"] == "chat_only"
    assert request.answers["contact"] == "chat"
    assert "phone" not in request.answers  # nobody calls by mistake
    assert request.answers["emergency"] == "violence"


@pytest.mark.parametrize("language", ["de", "fa"])
def test_a_request_without_violence_is_not_asked(bundled: Content, language: str) -> None:
    turns = typed(bundled, language, *TO_PHONE, "0176 5555555", "Sara", "1", "-")
    assert where(turns[-1]) == "handoff.confirm"


def test_a_person_who_chose_the_chat_is_not_asked_again(bundled: Content) -> None:
    # contact: "answer here in the chat"; violence at "your name?"
    lines = ("1", "9", "1", "1", "1", "1", "2", VIOLENCE["en"], "1", "Sara", "1", "-")
    assert where(typed(bundled, "en", *lines)[-1]) == "handoff.confirm"


@pytest.mark.parametrize("language", sorted(VIOLENCE))
def test_a_call_found_safe_keeps_the_call_and_the_number(bundled: Content, language: str) -> None:
    lines = (*TO_PHONE, "0176 5555555", VIOLENCE[language], "1", "Sara", "1", "-")
    # "a call yes, but no message", then send
    request = sent(typed(bundled, language, *lines, "2", YES[language]))
    assert request.answers["safe_contact"] == "call_no_message"
    assert request.answers["contact"] == "phone"  # the contact wish chosen before stays
    assert request.answers["phone"]


NOT_SAFE = {
    "de": "nein, nicht sicher",
    "en": "not safe",
    "uk": "ні",
    "ru": "нет",
    "ar": "لا",
    "fa": "نه امن نیست",
}


@pytest.mark.parametrize("language", sorted(NOT_SAFE))
def test_not_safe_in_words_means_only_the_chat(bundled: Content, language: str) -> None:
    lines = (*TO_PHONE, "0176 5555555", VIOLENCE[language], "1", "Sara", "1", "-")
    turns = typed(bundled, language, *lines, NOT_SAFE[language])
    assert where(turns[-1]) == "handoff.confirm"
    request = sent(typed(bundled, language, *lines, NOT_SAFE[language], YES[language]))
    assert request.answers["safe_contact"] == "chat_only"
    assert request.answers["contact"] == "chat"
    assert "phone" not in request.answers


@pytest.mark.parametrize(("language", "words"), [("de", "Anruf"), ("uk", "дзвінок")])
def test_a_bare_call_word_asks_which_of_the_two_call_answers(
    bundled: Content, language: str, words: str
) -> None:
    lines = (*TO_PHONE, "0176 5555555", VIOLENCE[language], "1", "Sara", "1", "-")
    turns = typed(bundled, language, *lines, words)
    assert where(turns[-1]) == "handoff.safe_contact_late"  # asked, not guessed
    assert "safe_contact" not in turns[-1].session.answers
