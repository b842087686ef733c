"""The check question for uncertain danger signals, typed as a person would, in six languages."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import LANGUAGES, Content
from bot.engine import Turn, step
from bot.events import EmergencyShown
from bot.i18n.direction import strip_marks
from bot.messages import Inbound
from bot.session import Session
from bot.settings import BUNDLED_CONTENT

# A farewell to the family and a question about housing benefit: maybe a danger, maybe not.
UNCERTAIN = {
    "de": "Ich habe mich von meiner Familie verabschiedet, wie bekomme ich Wohngeld?",
    "en": "I said goodbye to my family at the airport, how do I apply for Wohngeld?",
    "uk": "Я попрощалася з сім'єю, як отримати Wohngeld?",
    "ru": "Я попрощалась с семьёй, как получить Wohngeld?",
    "ar": "ودعت أهلي بالمطار، كيف بطلع Wohngeld؟",
    "fa": "با خانواده خداحافظی کردم، چطوری Wohngeld بگیرم؟",
}
# The crisis line number the suicide answer shows (knowledge/emergency.yaml).
CRISIS_LINE = "0800 111 0 111"


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def send(content: Content, session: Session, **kw: str) -> Turn:
    return step(content, session, Inbound("transcript", **kw))


def at_menu(content: Content, language: str) -> Turn:
    session = Session("transcript", language=language, language_confirmed=True)
    turn = send(content, session, text="/start")
    return send(content, turn.session, choice="welcome.place.pirna")


def asked(content: Content, language: str) -> tuple[Turn, Turn]:
    """At the menu, the person types an uncertain message; the check question comes."""
    menu = at_menu(content, language)
    turn = send(content, menu.session, text=UNCERTAIN[language])
    assert len(turn.replies) == 1, [r.text for r in turn.replies]
    check = turn.replies[0]
    text = strip_marks(check.text)
    assert "112" in text and "110" in text and CRISIS_LINE in text
    assert [c.id for c in check.choices] == ["check.yes", "check.no"]
    assert not turn.events
    return menu, turn


@pytest.mark.parametrize("language", LANGUAGES)
def test_yes_now_opens_the_emergency_answer(bundled: Content, language: str) -> None:
    _, turn = asked(bundled, language)
    yes = send(bundled, turn.session, choice="check.yes")
    assert EmergencyShown("suicide") in yes.events
    assert CRISIS_LINE in " ".join(strip_marks(r.text) for r in yes.replies)
    assert yes.session.answers["emergency_check"] == "yes"
    assert yes.session.answers["urgent"] == "yes"
    assert not any(key.startswith("_check") for key in yes.session.answers)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_goes_on_where_the_person_was_with_the_topic_understood(
    bundled: Content, language: str
) -> None:
    menu, turn = asked(bundled, language)
    no = send(bundled, turn.session, choice="check.no")
    assert not any(isinstance(event, EmergencyShown) for event in no.events)
    position = no.session.position
    assert position is not None and position.flow == "benefits"
    assert no.session.answers["topic"] == "benefits"
    assert no.session.answers["benefit_kind"] == "wohngeld"  # the words named it: not asked
    assert no.session.answers["emergency_check"] == "no"
    assert not any(key.startswith("_check") for key in no.session.answers)
    # exactly where a message without the farewell would have led
    plain = send(bundled, menu.session, text=UNCERTAIN[language].split(",")[-1].split("،")[-1])
    assert [r.text for r in no.replies] == [r.text for r in plain.replies]


@pytest.mark.parametrize("language", ["de", "uk", "fa"])
def test_typed_no_answers_the_check_and_only_one_check_per_message(
    bundled: Content, language: str
) -> None:
    _, turn = asked(bundled, language)
    no_label = strip_marks(turn.replies[0].choices[1].label)
    no = send(bundled, turn.session, text=no_label)
    assert no.session.position is not None and no.session.position.flow == "benefits"
    assert all("112" not in r.text for r in no.replies)


def test_a_new_message_instead_of_an_answer_drops_the_check(bundled: Content) -> None:
    _, turn = asked(bundled, "en")
    other = send(bundled, turn.session, text="I need a Kita place")
    assert other.session.position is not None and other.session.position.flow == "school"
    assert "_check_text" not in other.session.answers
    assert "emergency_check" not in other.session.answers


def test_a_first_message_with_a_signal_gets_the_check_then_the_welcome(bundled: Content) -> None:
    session = Session("transcript", language="en", language_confirmed=True)
    first = send(bundled, session, text=UNCERTAIN["en"])
    assert [c.id for c in first.replies[-1].choices] == ["check.yes", "check.no"]
    no = send(bundled, first.session, choice="check.no")
    welcome = send(
        bundled, Session("transcript", language="en", language_confirmed=True), text="hi"
    )
    assert [r.text for r in no.replies] == [r.text for r in welcome.replies]
    yes = send(bundled, first.session, choice="check.yes")
    assert EmergencyShown("suicide") in yes.events


@pytest.mark.parametrize(
    "text",
    [
        "Two years ago my husband beat me, we are divorced now, how do I change my name",
        "is the ambulance 112 or 110? just asking, nothing happened",
        "قلبم آتیش میگیره وقتی عکس خانوادمو میبینم",
    ],
)
def test_past_figurative_and_just_asking_get_no_check(bundled: Content, text: str) -> None:
    menu = at_menu(bundled, "en")
    turn = send(bundled, menu.session, text=text)
    assert not turn.events
    assert all(c.id not in ("check.yes", "check.no") for r in turn.replies for c in r.choices)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Ich habe mich von allen verabschiedet"),
        ("uk", "Я попрощалася з усіма"),
        ("ar", "ودعت أهلي"),
    ],
)
def test_no_inside_a_flow_shows_the_same_question_again(
    bundled: Content, language: str, text: str
) -> None:
    menu = at_menu(bundled, language)
    housing = send(bundled, menu.session, choice=f"menu.{bundled.flows['menu'].start}.housing")
    question = housing.replies[-1]
    turn = send(bundled, housing.session, text=text)
    assert [c.id for c in turn.replies[-1].choices] == ["check.yes", "check.no"]
    no = send(bundled, turn.session, choice="check.no")
    assert no.session.position == housing.session.position
    assert strip_marks(question.text) in strip_marks(no.replies[-1].text)
    assert no.session.answers["topic"] == "housing"


COLLOQUIAL_YES = {
    "de": ["ja", "jo"],
    "en": ["yeah", "yes"],
    "uk": ["ага", "tak"],
    "ru": ["ага", "da"],
    "ar": ["ايوه", "aywa"],
    "fa": ["آره", "bale"],
}


@pytest.mark.parametrize(
    ("language", "typed"), [(lang, yes) for lang, yeses in COLLOQUIAL_YES.items() for yes in yeses]
)
def test_a_typed_everyday_yes_opens_the_emergency_answer(
    bundled: Content, language: str, typed: str
) -> None:
    """Tester's finding: "آره" or "aywa" to "Are you in danger now?" must never drop it."""
    _, turn = asked(bundled, language)
    yes = send(bundled, turn.session, text=typed)
    assert any(isinstance(e, EmergencyShown) for e in yes.events), typed
    assert yes.session.answers["emergency_check"] == "yes"


@pytest.mark.parametrize("typed", ["I don't know", "help", "???"])
def test_an_unclear_short_reply_asks_the_check_again(bundled: Content, typed: str) -> None:
    _, turn = asked(bundled, "en")
    again = send(bundled, turn.session, text=typed)
    assert [c.id for c in again.replies[-1].choices] == ["check.yes", "check.no"]
    assert "112" in strip_marks(again.replies[-1].text)
    later = send(bundled, again.session, text="yes")
    assert any(isinstance(e, EmergencyShown) for e in later.events)
