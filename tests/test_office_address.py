"""Asked for the office's own address or hours, a person gets them (flows/office.yaml), not
the counsellor request's consent question (testers: «شو عنوانكم», "Wo ist Ihr Büro?")."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.settings import BUNDLED_CONTENT
from tests.typist import typed, where

ASKED = [
    ("de", ("1", "Wo ist Ihr Büro?"), "Gamigstraße"),  # Prohlis: the Dresden office
    ("ar", ("4", "شو عنوانكم"), "Pirna"),  # Pirna: the district's office
    ("ru", ("1", "ваш адрес пожалуйста"), "Gamigstraße"),
    ("uk", ("4", "ваша адреса"), "Pirna"),
    ("en", ("1", "what is your address?"), "Gamigstraße"),
    ("fa", ("آدرس شما کجاست",), "Gamigstraße"),  # place not yet known: both offices
]


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


@pytest.mark.parametrize(("language", "lines", "shown"), ASKED)
def test_the_office_address_is_shown(
    bundled: Content, language: str, lines: tuple[str, ...], shown: str
) -> None:
    turn = typed(bundled, language, *lines)[-1]
    assert where(turn) == "office.more"
    assert shown in "\n".join(reply.text for reply in turn.replies)
    assert "consent" not in turn.session.answers


def test_the_jobcenter_is_not_our_office(bundled: Content) -> None:
    assert where(typed(bundled, "de", "1", "Wo ist das Jobcenter?")[-1]).startswith("benefits.")


def test_a_request_being_filled_in_is_not_left(bundled: Content) -> None:
    # place, "talk to a person", consent, topic, then the address asked at "how to contact?"
    turn = typed(bundled, "de", "1", "9", "1", "4", "Wo ist Ihr Büro?")[-1]
    assert where(turn).startswith("handoff.")
