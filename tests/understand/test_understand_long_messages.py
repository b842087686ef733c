"""Testers' findings and the mechanisms for long messages, typed as people write them.

The testers' messages are typed at the menu as a person would: each gets the emergency
answer or the check question with the emergency numbers. The mechanisms are shown on
messages that are in no labelled set: the need after "we want" or "my question" outweighs
the story, where one lives is the story, a question about an emergency is about its topic,
and "now we are divorced" ends the danger instead of making it present.
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
from bot.understand import Understander


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def typed_at_menu(content: Content, language: str, text: str) -> Turn:
    session = Session("tester", language=language, language_confirmed=True)
    turn = step(content, session, Inbound("tester", text="/start"))
    menu = step(content, turn.session, Inbound("tester", choice="welcome.place.pirna"))
    return step(content, menu.session, Inbound("tester", text=text))


# (language, message, the emergency kind it leads to, whether the answer comes at once)
TESTERS = [
    ("de", "Mein Kind sitzt auf der Fensterbank", "child", False),
    ("en", "this is my last message", "suicide", False),
    ("ar", "ana bidi amowt", "suicide", True),
    ("ar", "zawji yadribuni", "violence", True),
]


@pytest.mark.parametrize(("language", "text", "kind", "at_once"), TESTERS)
def test_testers_messages_get_the_emergency_answer_or_the_check_question(
    bundled: Content, understander: Understander, language: str, text: str, kind: str, at_once: bool
) -> None:
    understood = understander.understand(text)
    assert (understood.emergency if at_once else understood.check) == kind
    turn = typed_at_menu(bundled, language, text)
    if at_once:
        assert EmergencyShown(kind) in turn.events
    else:
        check = turn.replies[0]
        assert "112" in strip_marks(check.text)
        assert [c.id for c in check.choices] == ["check.yes", "check.no"]
        yes = step(bundled, turn.session, Inbound("tester", choice="check.yes"))
        assert EmergencyShown(kind) in yes.events


# (message, the topic): the need comes after the story
NEED_AFTER_STORY = [
    # "we want" names the need, not the job, the school or the kindergarten told before it
    (
        "Мій чоловік працює на складі, діти ходять до школи і в садок, а ми хочемо "
        "повернутися в Україну",
        "return",
    ),
    # where one lives is the setting; the missing school place is the question
    (
        "wir wohnen im Heim in Freital, mein Sohn ist sechs und hat noch keinen Platz in "
        "der Schule, was können wir tun",
        "school",
    ),
    # a question about an emergency is about its topic, and no emergency
    (
        "just asking, nothing happened: if someone in our Heim is unconscious, who do we call?",
        "health",
    ),
    (
        "просто интересно, ничего не случилось: если сосед в общежитии потеряет сознание, "
        "звонить коменданту?",
        "health",
    ),
]


@pytest.mark.parametrize(("text", "area"), NEED_AFTER_STORY)
def test_the_need_after_the_story_is_the_topic(
    understander: Understander, text: str, area: str
) -> None:
    understood = understander.understand(text)
    assert understood.area == area, understood
    assert understood.emergency is None and understood.check is None


def test_an_emergency_number_alone_names_no_topic(understander: Understander) -> None:
    understood = understander.understand("welche Nummer, 112 oder 110?")
    assert understood.emergency is None and understood.check is None
    assert understood.area is None


@pytest.mark.parametrize(
    "text",
    [
        "My husband beat me every day, now we are divorced and I live alone, how do I get my "
        "own Aufenthaltstitel?",
        "zaman jozi kan yedrobni kel yom bas hala2 mtala2in, bade a3ref kif a3mel ausweis jdid",
    ],
)
def test_now_divorced_ends_the_danger(understander: Understander, text: str) -> None:
    understood = understander.understand(text)
    assert understood.emergency is None and understood.check is None


def test_now_alone_still_makes_it_present(understander: Understander) -> None:
    understood = understander.understand("My husband beat me years ago, and now he beats me again")
    assert understood.emergency == "violence"
