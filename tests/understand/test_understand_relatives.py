"""A person who writes about a relative in danger ("my son cuts himself", "he says he wants to
die") gets the suicide answer, which names the line for parents and relatives.

Found by trying the bot as a parent would (2026-12-01): third-person forms ("she wants to die",
"не хоче жити", "بدو يموت", "میخواد بمیره", "خودش رو زخمی میکنه") were missed in five of
six languages, only first-person forms were listed. The harmless look-alikes below must stay
quiet. The messages are typed to the bot at the menu, and the answer is read as the person
sees it.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.events import EmergencyShown
from bot.i18n.direction import strip_marks
from bot.messages import Inbound
from bot.session import Session
from bot.settings import BUNDLED_CONTENT

# The Elterntelefon of Nummer gegen Kummer and the crisis line (knowledge/emergency.yaml).
PARENTS_LINE = "0800 111 0 550"
CRISIS_LINE = "0800 111 0 111"

RELATIVE_IN_DANGER = [
    ("de", "Mein Sohn ritzt sich"),
    ("de", "mein Mann sagt er will nicht mehr leben"),
    ("en", "my daughter says she wants to die"),
    ("en", "he doesnt want to live anymore"),
    ("en", "my brother hurts himself"),
    ("uk", "чоловік каже що не хоче жити"),
    ("uk", "брат хоче вмерти"),
    ("ru", "муж говорит что не хочет жить"),
    ("ru", "брат хочет умереть"),
    ("ar", "زوجي بيقول بدو يموت"),
    ("ar", "ابني بيقطع ايده بالموس"),
    ("ar", "بنتي ما بدها تعيش"),
    ("fa", "پسرم خودش رو زخمی میکنه"),
    ("fa", "شوهرم میگه میخواد بمیره"),
    ("fa", "شوهرم میگه نمیخواد زندگی کنه"),
    ("fa", "pesaram mikhad khodesho bokoshe"),
]

HARMLESS = [
    ("en", "I am dying to see my family"),
    ("en", "he wants to live in Dresden"),
    ("uk", "він хоче жити в Дрездені"),
    ("ru", "он хочет жить в Дрездене"),
    ("ar", "ابني بدو يعيش بدريسدن"),
    ("ar", "بنتي ما بدها تعيش ببيرنا"),
    ("ru", "дочь не хочет жить в общежитии"),
    ("fa", "پسرم میخواد تو درسدن زندگی کنه"),
    ("fa", "خودش سیگار میکشه"),
    ("fa", "خودش زحمت میکشه"),
]


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def typed_at_menu(content: Content, language: str, text: str) -> Turn:
    """Start, pick Pirna, then type `text` at the menu; returns the typed turn."""
    session = Session("transcript", language=language, language_confirmed=True)
    turn = step(content, session, Inbound("transcript", text="/start"))
    turn = step(content, turn.session, Inbound("transcript", choice="welcome.place.pirna"))
    return step(content, turn.session, Inbound("transcript", text=text))


@pytest.mark.parametrize(("language", "text"), RELATIVE_IN_DANGER)
def test_a_relative_in_danger_gets_the_suicide_answer_with_the_parents_line(
    bundled: Content, language: str, text: str
) -> None:
    turn = typed_at_menu(bundled, language, text)
    assert EmergencyShown("suicide") in turn.events
    first = strip_marks(turn.replies[0].text)
    assert CRISIS_LINE in first and PARENTS_LINE in first and "116 111" in first


@pytest.mark.parametrize(("language", "text"), HARMLESS)
def test_a_harmless_message_about_a_relative_stays_quiet(
    bundled: Content, language: str, text: str
) -> None:
    turn = typed_at_menu(bundled, language, text)
    assert not any(isinstance(e, EmergencyShown) for e in turn.events)
    assert not any(c.id == "check.yes" for r in turn.replies for c in r.choices)
