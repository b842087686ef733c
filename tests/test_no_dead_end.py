"""Nobody is stuck: from the second "not understood" in a row on, the main menu and a
counsellor are offered beside the question; an understood message starts the count over."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.messages import Inbound
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed

WAY_OUT = ("menu", "human")


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def ids(turn: Turn) -> list[str]:
    return [c.id for c in turn.replies[-1].choices]


def not_understood(content: Content, turn: Turn, language: str) -> bool:
    said = content.catalogs.translate(content.ui["not_understood"].source, language)[0]
    return any(said in reply.text for reply in turn.replies)


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("fa", ("asdfgh", "😀", "کمک")),
        ("de", ("asdfgh", "😀", "")),
    ],
)
def test_the_second_not_understood_in_a_row_offers_menu_and_counsellor(
    bundled: Content, language: str, lines: tuple[str, ...]
) -> None:
    first, second, third = typed(bundled, language, *lines)[1:]
    assert all(not_understood(bundled, t, language) for t in (first, second, third))
    assert not set(WAY_OUT) & set(ids(first))
    assert ids(second)[-2:] == list(WAY_OUT)
    assert ids(third)[-2:] == list(WAY_OUT)


@pytest.mark.parametrize("language", ["fa", "de"])
def test_the_way_out_buttons_can_be_typed_by_number(bundled: Content, language: str) -> None:
    turns = typed(bundled, language, "asdfgh", "qwertz")
    counsellor = str(ids(turns[-1]).index("human") + 1)
    after = step(bundled, turns[-1].session, Inbound("typist", text=counsellor))
    assert after.session.position is not None and after.session.position.flow == "handoff"


@pytest.mark.parametrize("language", ["fa", "de"])
def test_an_understood_message_starts_the_count_over(bundled: Content, language: str) -> None:
    # garbage, a place (understood), garbage: the third is a first "not understood" again
    turns = typed(bundled, language, "asdfgh", "4", "asdfgh")
    assert not_understood(bundled, turns[-1], language)
    assert not set(WAY_OUT) & set(ids(turns[-1]))
    assert "_not_understood" not in turns[2].session.answers
    # a button pressed resets it as well
    pressed = step(bundled, turns[-1].session, Inbound("typist", choice="menu"))
    again = step(bundled, pressed.session, Inbound("typist", text="asdfgh"))
    assert not set(WAY_OUT) & set(ids(again))
