"""Not wanting to go back is about staying, not return counselling.

A tester: "ich will nicht zurück in mein Land" was understood as return with confidence, so a
person afraid of being sent back was offered return counselling. Words of an area with
`refused:` (return) right after a refusal ("ich will nicht", "не хочу", "ما بدي",
"نمیخوام"), or right before one that ends the message ("возвращаться не хочу"), count for
that other area (residence); the wish to go back is still return.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import step
from bot.messages import Inbound
from bot.session import Position, Session
from bot.settings import BUNDLED_CONTENT


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


REFUSED = [
    ("de", "ich will nicht zurück in mein Land"),
    ("de", "wir gehen nicht zurück"),
    ("en", "I don't want to go back to my country"),
    ("uk", "не хочу повертатися в Україну"),
    ("ru", "не хочу возвращаться домой"),
    ("ar", "ما بدي ارجع على بلدي"),
    ("fa", "نمیخوام برگردم افغانستان"),
    # the refusal after the verb, ending the message
    ("de", "nach Syrien zurück möchte ich nicht"),
    ("uk", "повернутися не можу"),
    ("ru", "возвращаться не хочу"),
    ("ar", "الرجوع ما بدي"),
    # a second tester: Iraqi Arabic, a typo, "not an option"
    ("ar", "ما اريد ارجع للعراق"),
    ("ar", "ماريد ارجع"),
    ("de", "will nich zurück"),
    ("en", "going back is not an option"),
]

# Fear of being sent back is residence (it had opened Health: "scared", «خايف»)
FEARED = [
    ("en", "scared they send me back"),
    ("ar", "خايف يرجعوني"),
]

WISHED = [
    ("de", "ich will zurück in mein Land"),
    ("en", "I want to go back to my country"),
    ("uk", "хочу повернутися додому"),
    ("ru", "хочу вернуться домой"),
    ("ar", "بدي ارجع على سوريا"),
    ("fa", "میخوام برگردم افغانستان"),
    # a refusal of something else after the wish, not ending right after the return words
    ("en", "I want to go back, I don't want to stay here"),
]


@pytest.mark.parametrize(("language", "text"), REFUSED)
def test_not_wanting_to_go_back_is_residence(bundled: Content, language: str, text: str) -> None:
    assert bundled.understanding is not None
    found = bundled.understanding.understand(text, language)
    assert (found.area, found.unsure) == ("residence", False), found.candidates


@pytest.mark.parametrize(("language", "text"), WISHED)
def test_wanting_to_go_back_is_still_return(bundled: Content, language: str, text: str) -> None:
    assert bundled.understanding is not None
    found = bundled.understanding.understand(text, language)
    assert (found.area, found.unsure) == ("return", False), found.candidates


@pytest.mark.parametrize(("language", "text"), REFUSED)
def test_typed_at_the_menu_it_opens_residence(bundled: Content, language: str, text: str) -> None:
    session = Session(
        "typist",
        language=language,
        language_confirmed=True,
        position=Position("menu", "topics"),
        answers={"place": "pirna"},
    )
    turn = step(bundled, session, Inbound("typist", text=text))
    assert turn.session.position is not None
    assert turn.session.position.flow == "residence", turn.session.position
    assert turn.session.answers.get("topic") != "return"


def test_other_refusals_keep_their_topic(bundled: Content) -> None:
    """Only return has `refused:`: not wanting to live in the camp is still housing."""
    assert bundled.understanding is not None
    found = bundled.understanding.understand("ich will nicht mehr im Heim wohnen", "de")
    assert found.area == "housing"


@pytest.mark.parametrize(("language", "text"), FEARED)
def test_fear_of_being_sent_back_is_residence(bundled: Content, language: str, text: str) -> None:
    assert bundled.understanding is not None
    assert bundled.understanding.understand(text, language).area == "residence"
