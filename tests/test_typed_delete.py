"""A tester's finding: "delete my data" typed in words never deleted anything.

After a request it went to the counsellor as a message ("please delete my data" in English
offered to cancel the request instead); without one the bot did not understand. Now such a
message asks "really delete everything?" as /delete does, and a typed yes deletes.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn
from bot.events import DataDeletionRequested, HandoffRequested
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed, where

DELETE = {
    "de": "bitte meine Daten löschen",
    "en": "please delete my data",
    "uk": "видаліть мої дані",
    "ru": "удалите мои данные",
    "ar": "احذفوا بياناتي",
    "fa": "اطلاعاتمو پاک کنید",
}
YES = {"de": "ja", "en": "yes", "uk": "так", "ru": "да", "ar": "نعم", "fa": "bale"}
# place, "talk to a person", consent, housing, chat, morning, no interpreter, name, not urgent,
# no note, send
REQUEST = ("1", "9", "1", "1", "1", "1", "2", "Mira", "2", "-", "1")


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def deleted(turns: list[Turn]) -> bool:
    return any(isinstance(e, DataDeletionRequested) for t in turns for e in t.events)


@pytest.mark.parametrize("language", sorted(DELETE))
def test_delete_my_data_typed_after_a_request_asks_and_a_typed_yes_deletes(
    bundled: Content, language: str
) -> None:
    turns = typed(bundled, language, *REQUEST, DELETE[language])
    assert any(isinstance(e, HandoffRequested) for t in turns for e in t.events)
    assert not deleted(turns)  # asked first, nothing deleted yet
    assert where(turns[-1]) == where(turns[-2])  # the /delete question, shown where they are
    assert run_yes_deletes(bundled, language)


def run_yes_deletes(bundled: Content, language: str) -> bool:
    return deleted(typed(bundled, language, *REQUEST, DELETE[language], YES[language]))


@pytest.mark.parametrize("language", ["de", "fa"])
def test_delete_my_data_typed_without_a_request_asks_too(bundled: Content, language: str) -> None:
    turns = typed(bundled, language, "1", DELETE[language], YES[language])
    assert deleted(turns)


@pytest.mark.parametrize(("language", "text"), [("de", "bitte"), ("en", "please"), ("en", "all")])
def test_one_polite_word_deletes_nothing(bundled: Content, language: str, text: str) -> None:
    turns = typed(bundled, language, "1", text, YES[language])
    assert not deleted(turns)


# A second tester: questions and look-alike words were read as "yes" at the three questions
# that matter most ("really delete everything?", "do you agree?", the summary).
NOT_A_YES = [
    ("en", "what?"),
    ("en", "wait"),
    ("en", "eh?"),
    ("en", "are you sure?"),
    ("de", "warte"),
    ("de", "wann?"),
    ("de", "Wirklich?"),
    ("de", "Ware"),
    ("ru", "да?"),
    ("uk", "так?"),
    ("ar", "ايه؟"),
    ("ar", "اه؟"),
    ("fa", "آره؟"),
]


@pytest.mark.parametrize(("language", "text"), NOT_A_YES)
def test_a_question_or_a_look_alike_word_never_deletes(
    bundled: Content, language: str, text: str
) -> None:
    turns = typed(bundled, language, *REQUEST, DELETE[language], text)
    assert not deleted(turns)
    assert sent_requests(turns) == 1  # and the request is not withdrawn


@pytest.mark.parametrize(("language", "text"), NOT_A_YES)
def test_a_question_or_a_look_alike_word_never_sends_or_consents(
    bundled: Content, language: str, text: str
) -> None:
    at_summary = REQUEST[:-1]
    assert sent_requests(typed(bundled, language, *at_summary, text)) == 0
    consent = typed(bundled, language, "1", "9", text)
    assert where(consent[-2]) == "handoff.consent"
    assert "consent" not in consent[-1].session.answers


def sent_requests(turns: list[Turn]) -> int:
    return sum(isinstance(e, HandoffRequested) for t in turns for e in t.events)


MY_DATA = {
    "de": "meine Daten",
    "en": "my data?",
    "uk": "мої дані",
    "ru": "мои данные",
    "ar": "بياناتي",
    "fa": "اطلاعاتم",
}


@pytest.mark.parametrize("language", sorted(MY_DATA))
def test_my_data_in_words_shows_the_data_and_deletes_nothing(
    bundled: Content, language: str
) -> None:
    turns = typed(bundled, language, *REQUEST, MY_DATA[language], YES[language])
    assert not deleted(turns)
    shown = typed(bundled, language, *REQUEST, "/mydata")[-1].replies[0].text
    assert turns[-2].replies[0].text == shown  # as /mydata
