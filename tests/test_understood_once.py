"""A typed message is understood once per turn, however many steps of the turn (language,
emergency check, small talk, the topic) look at it; the person gets the same answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import step
from bot.engine.understanding import Understanding, Understood
from bot.messages import Inbound
from bot.session import Session
from bot.settings import BUNDLED_CONTENT


class Counting:
    """The content's understanding, counting what it is asked."""

    def __init__(self, inner: Understanding) -> None:
        self.inner = inner
        self.asked: Counter[tuple[str, str | None]] = Counter()

    def understand(self, text: str, language: str | None = None) -> Understood:
        self.asked[(text, language)] += 1
        return self.inner.understand(text, language)

    def match_choice(self, text: str, options: Sequence[tuple[str, Sequence[str]]]) -> Any:
        return self.inner.match_choice(text, options)


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "Mein Vermieter hat mir gekündigt, was soll ich tun?"), ("uk", "Де знайти житло?")],
)
def test_a_typed_question_is_understood_once(bundled: Content, language: str, text: str) -> None:
    assert bundled.understanding is not None
    counting = Counting(bundled.understanding)
    content = replace(bundled, understanding=counting)
    session = Session("typist", language=language, language_confirmed=True)
    started = step(content, session, Inbound("typist", text="/start"))
    counting.asked.clear()
    turn = step(content, started.session, Inbound("typist", text=text))
    plain = step(bundled, started.session, Inbound("typist", text=text))
    assert counting.asked and max(counting.asked.values()) == 1
    assert [r.text for r in turn.replies] == [r.text for r in plain.replies]


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "ich suche eine Wohnung"), ("uk", "шукаю квартиру"), ("de", "ich habe Schulden")],
)
def test_a_topic_opening_message_is_matched_once_per_first_question(
    bundled: Content, language: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which flow the words open, whether they answer its first question, and the answer
    itself are one look per flow, not three; the person gets the same answer."""
    from bot.engine import first_answer

    asked: Counter[str] = Counter()
    inner = first_answer.clear_choice

    def counting(content: Content, flow: str, words: str, lang: str) -> str | None:
        asked[flow] += 1
        return inner(content, flow, words, lang)

    session = Session("typist", language=language, language_confirmed=True)
    started = step(bundled, session, Inbound("typist", text="/start"))
    plain = step(bundled, started.session, Inbound("typist", text=text))
    monkeypatch.setattr(first_answer, "clear_choice", counting)
    turn = step(bundled, started.session, Inbound("typist", text=text))
    assert asked and max(asked.values()) == 1, asked
    assert [r.text for r in turn.replies] == [r.text for r in plain.replies]
    assert turn.session.answers == plain.session.answers
