"""The words that open a topic answer its first question when they clearly name a choice.

A person who types "шукаю квартиру в Пірні" at the menu is not asked "where do you live
now?" with "I am looking for a flat" among the buttons: the answer is saved as if pressed,
one line says what was understood, and /back returns to the question.
"""

from __future__ import annotations

import pytest
from handoff_terminal import TerminalDesk, group_messages, plain

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.engine.first_answer import clear_choice, flow_for_words
from bot.i18n.direction import strip_marks
from bot.messages import Inbound
from bot.session import Position, Session
from bot.settings import BUNDLED_CONTENT
from tests.typist import UNDERSTOOD


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def at_menu(language: str) -> Session:
    return Session(
        "typist",
        language=language,
        language_confirmed=True,
        position=Position("menu", "topics"),
        answers={"place": "pirna"},
    )


def send(content: Content, session: Session, text: str) -> Turn:
    return step(content, session, Inbound("typist", text=text))


def shown(turn: Turn) -> str:
    return "\n".join(strip_marks(reply.text) for reply in turn.replies)


# (language, typed at the menu, the answer saved without asking)
CLEAR = [
    ("de", "ich suche eine Wohnung in Pirna", "housing_situation", "searching"),
    ("de", "Kündigung vom Vermieter wegen Eigenbedarf, muss ich ausziehen?", "housing_situation", "losing"),
    ("en", "how do I apply for Kindergeld", "benefit_kind", "kindergeld"),
    ("en", "do i need a work permit for a minijob", "work_topic", "permit"),
    ("uk", "шукаю квартиру в Пірні", "housing_situation", "searching"),
    ("uk", "як подати на Wohngeld", "benefit_kind", "wohngeld"),
    ("ru", "как записать ребенка в детский сад в Пирне", "school_topic", "kita"),
    ("ru", "ищу квартиру в Дрездене, 2 комнаты", "housing_situation", "searching"),
    ("ar", "بدي روضة لابني", "school_topic", "kita"),
    ("ar", "ابحث عن عمل", "work_topic", "job"),
    ("fa", "دنبال خونه میگردم", "housing_situation", "searching"),
    ("fa", "اجازه کار میخواهم", "work_topic", "permit"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "text", "key", "value"), CLEAR)
def test_clear_words_answer_the_first_question(
    bundled: Content, language: str, text: str, key: str, value: str
) -> None:
    turn = send(bundled, at_menu(language), text)
    assert turn.session.answers[key] == value
    flow = bundled.flows[turn.session.position.flow]  # type: ignore[union-attr]
    assert turn.session.position != Position(flow.id, flow.start)  # not asked again
    assert strip_marks(turn.replies[0].text).startswith(UNDERSTOOD[language])
    asked = bundled.node(flow.id, flow.start)
    assert asked is not None
    question = strip_marks(bundled.catalogs.translate(asked.question.source, language)[0])  # type: ignore[attr-defined]
    assert question not in shown(turn)
    assert turn.session.answers["topic"] == flow.area


@pytest.mark.parametrize(("language", "text", "key", "value"), CLEAR[::3])
def test_back_returns_to_the_question_the_words_answered(
    bundled: Content, language: str, text: str, key: str, value: str
) -> None:
    turn = send(bundled, at_menu(language), text)
    back = send(bundled, turn.session, "/back")
    position = back.session.position
    assert position is not None and position.node == bundled.flows[position.flow].start
    node = bundled.node(position.flow, position.node)
    own = {f"{position.flow}.{position.node}.{c.id}" for c in node.choices}  # type: ignore[union-attr]
    assert own <= {c.id for c in back.replies[-1].choices}  # the question with its choices
    assert key not in back.session.answers  # undone, as the line promised (a tester)


@pytest.mark.parametrize(
    ("language", "text", "flow"),
    [
        ("de", "ich habe eine Frage zur Wohnung", "housing"),  # no choice named
        ("en", "Kita", "school"),  # one word: the menu topic, and so the Kita choice?
        ("uk", "питання про житло", "housing"),
        ("fa", "سوال درباره خونه دارم", "housing"),
    ],
)
def test_vague_words_still_get_the_question(
    bundled: Content, language: str, text: str, flow: str
) -> None:
    turn = send(bundled, at_menu(language), text)
    position = turn.session.position
    assert position is not None and position.flow == flow
    if text == "Kita":  # the whole label of a choice: taken
        assert turn.session.answers.get("school_topic") == "kita"
        return
    assert position.node == bundled.flows[flow].start
    assert not any(strip_marks(r.text).startswith(UNDERSTOOD[language]) for r in turn.replies)


def test_a_counsellor_request_is_never_answered_from_the_words(bundled: Content) -> None:
    assert clear_choice(bundled, "handoff", "ich möchte einen Anruf, vormittags", "de") is None
    turn = send(bundled, at_menu("de"), "ich möchte mit einer Beraterin sprechen, Anruf bitte")
    assert turn.session.position is not None and turn.session.position.flow == "handoff"
    assert "contact" not in turn.session.answers


def test_a_first_message_answers_the_topics_question_after_language_and_place(
    bundled: Content,
) -> None:
    first = send(bundled, Session("typist"), "Добрий день, шукаю квартиру для сім'ї")
    assert first.session.language == "uk" and first.replies[-1].choices[0].id == "lang.uk"
    chosen = step(bundled, first.session, Inbound("typist", choice="lang.uk"))
    assert "housing_situation" not in chosen.session.answers  # the place is asked first
    placed = send(bundled, chosen.session, "Пірна")
    assert placed.session.answers["place"] == "pirna"
    assert placed.session.answers["housing_situation"] == "searching"
    assert any(strip_marks(r.text).startswith(UNDERSTOOD["uk"]) for r in placed.replies)


async def test_the_counsellor_reads_the_answer_the_words_gave(desk: TerminalDesk) -> None:
    await desk.open("ar")
    shown_text = plain(await desk.type("4", "بدي روضة لابني"))  # Pirna, then the words
    assert "فهمت:" in shown_text
    printed = await desk.type("1", "1", "1", "1", "2", "-", "1", "-", "1")
    post = plain(group_messages(printed)[0])
    assert "Anliegen Schule/Familie: Kita oder Kindergarten" in post
    assert "Zum Anliegen geschrieben: بدي روضة لابني" in post


# Words of no life area, or of an area whose own flow does not know them: the one flow whose
# first question they clearly answer opens (before: "not understood", or debts taken as
# "Schule" by one letter, or benefits' "which benefit?").
NAMED = [
    ("de", "Was ist die Bezahlkarte?", "paycard"),
    ("uk", "що таке платіжна картка", "paycard"),
    ("ru", "как пользоваться платежной картой", "paycard"),
    ("ar", "بدي افتح حساب بنك", "account"),
    ("en", "do I have to pay the TV licence fee", "broadcast"),
    ("de", "muss ich GEZ bezahlen", "broadcast"),
    ("de", "ich bin ein Dublin-Fall, was kann ich tun?", "dublin"),
    ("de", "ich habe Schulden", "debts"),
    ("fa", "بدهی دارم", "debts"),
    ("en", "I need a lawyer but have no money", "lawyer"),
    ("en", "I signed a phone contract and was cheated", "contracts"),
    ("en", "I have no bank account", "account"),
    ("ar", "انا مبصم بايطاليا شو بصير", "dublin"),
    ("ru", "у меня много долгов", "debts"),
]


@pytest.mark.parametrize(("language", "text", "value"), NAMED)
def test_words_naming_a_choice_of_another_flow_open_it(
    bundled: Content, language: str, text: str, value: str
) -> None:
    turn = send(bundled, at_menu(language), text)
    assert turn.session.answers.get("everyday_issue") == value, shown(turn)
    assert turn.session.position is not None and turn.session.position.flow == "everyday"
    assert strip_marks(turn.replies[0].text).startswith(UNDERSTOOD[language])
    assert turn.session.answers.get("own_words") == text  # kept for a request


def test_words_that_fit_two_flows_guess_nothing(bundled: Content) -> None:
    words = "Bezahlkarte, und ich suche eine Wohnung"
    assert flow_for_words(bundled, None, words, "de") is None
    assert flow_for_words(bundled, None, "Bezahlkarte", "de") == "everyday"
    assert flow_for_words(bundled, "housing", "ich suche eine Wohnung", "de") is None  # own flow


def test_a_request_is_not_left_for_a_named_choice(bundled: Content) -> None:
    session = at_menu("de")
    session.position = Position("handoff", "topic")
    turn = send(bundled, session, "Bezahlkarte")
    assert turn.session.position is not None and turn.session.position.flow == "handoff"
    assert "everyday_issue" not in turn.session.answers


def test_a_first_message_naming_a_choice_leads_there_after_the_place(bundled: Content) -> None:
    first = send(bundled, Session("typist"), "Hallo, wie funktioniert die Bezahlkarte?")
    chosen = step(bundled, first.session, Inbound("typist", choice="lang.de"))
    placed = send(bundled, chosen.session, "Pirna")
    assert placed.session.answers["everyday_issue"] == "paycard"
    assert "Bezahlkarte" in shown(placed)


# Found by a tester: a negation near the words took the choice they deny.
NEGATED = [
    ("ar", "ما بدور على بيت", "housing"),
    ("ar", "ما بدي شقة", "housing"),
    ("ar", "ما عدت ساكن بالكامب", "housing"),
    ("fa", "دنبال خونه نمیگردم", "housing"),
    ("ru", "долгов нет", "benefits"),
    ("ar", "ما عليي ديون", "benefits"),
    ("de", "ich suche keine Wohnung, ich habe Schimmel", "housing"),
]


@pytest.mark.parametrize(("language", "text", "flow"), NEGATED)
def test_a_negation_near_the_words_takes_no_answer(
    bundled: Content, language: str, text: str, flow: str
) -> None:
    turn = send(bundled, at_menu(language), text)
    position = turn.session.position
    assert position is not None and (position.flow, position.node) == (
        flow,
        bundled.flows[flow].start,
    )
    assert not any(strip_marks(r.text).startswith(UNDERSTOOD[language]) for r in turn.replies)


def test_a_negation_far_from_the_words_or_inside_a_synonym_does_not_count(
    bundled: Content,
) -> None:
    assert flow_for_words(bundled, "benefits", "I need a lawyer but have no money", "en") == (
        "everyday"
    )
    assert flow_for_words(bundled, None, "ich habe kein Konto", "de") == "everyday"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I am waiting for my Aufenthaltserlaubnis"),
        ("de", "mein Mann hat eine Duldung"),
        ("uk", "я чекаю на дозвіл на проживання"),
    ],
)
def test_a_question_marked_from_words_false_is_always_asked(
    bundled: Content, language: str, text: str
) -> None:
    """A tester: papers named are often not held ("waiting for", a relative's). The residence
    paper question is marked `from_words: false` and asked."""
    node = bundled.node("residence", "document")
    assert node is not None and node.from_words is False  # type: ignore[attr-defined]
    turn = send(bundled, at_menu(language), text)
    assert turn.session.position == Position("residence", "document")
    assert "residence_doc" not in turn.session.answers


WRONG = [
    ("de", "ich suche eine Wohnung in Pirna", "nein, das stimmt nicht"),
    ("en", "how do I apply for Kindergeld", "wrong"),
    ("uk", "шукаю квартиру в Пірні", "ні, це не так"),
    ("ru", "как записать ребенка в детский сад в Пирне", "нет, это не так"),
    ("ar", "بدي روضة لابني", "لا هذا غير صحيح"),
    ("fa", "دنبال خونه میگردم", "نه درست نیست"),
]


@pytest.mark.parametrize(("language", "text", "wrong"), WRONG)
def test_that_is_not_right_right_after_a_taken_answer_goes_back(
    bundled: Content, language: str, text: str, wrong: str
) -> None:
    """A tester: "nein, das stimmt nicht" after "Verstanden: …" was not understood, and the
    Farsi "نه درست نیست" opened School ("درست" ≈ "درس"). Now it goes back like /back."""
    turn = send(bundled, at_menu(language), text)
    flow = turn.session.position.flow  # type: ignore[union-attr]
    undone = send(bundled, turn.session, wrong)
    assert undone.session.position == Position(flow, bundled.flows[flow].start)
    assert not any(
        key.endswith(("_situation", "_kind", "_topic")) for key in undone.session.answers
    )
    later = send(bundled, undone.session, wrong)  # nothing taken now: no second step back
    assert later.session.position == undone.session.position


@pytest.mark.parametrize(
    ("first", "language", "place"),
    [
        ("ich habe Schulden", "de", "Pirna"),
        ("I have debts", "en", "Pirna"),
        ("у мене борги", "uk", "Пірна"),
        ("عندي ديون", "ar", "بيرنا"),
    ],
)
def test_a_first_message_about_debts_is_answered_after_the_place(
    bundled: Content, first: str, language: str, place: str
) -> None:
    """A tester: everyday words as the first message were dropped after the place question
    (the topic was unsure between areas); the words name the debts choice, so it is taken."""
    turn = send(bundled, Session("typist"), first)
    chosen = step(bundled, turn.session, Inbound("typist", choice=f"lang.{language}"))
    placed = send(bundled, chosen.session, place)
    assert placed.session.answers.get("everyday_issue") == "debts", shown(placed)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "ich habe Schulden"),
        ("en", "I have debts"),
        ("uk", "у мене борги"),
        ("ru", "у меня много долгов"),
        ("ar", "عندي ديون"),
        ("fa", "بدهی دارم"),
    ],
)
def test_debts_typed_at_the_place_question_open_the_debts_answer(
    bundled: Content, language: str, text: str
) -> None:
    """Found while measuring: after /start, "ich habe Schulden" typed at "where do you live?"
    got "not understood" (the area was unsure), though the words name one flow's choice."""
    session = Session("typist", language=language, language_confirmed=True)
    started = send(bundled, session, "/start")
    assert started.session.position == Position("welcome", "place")
    turn = send(bundled, started.session, text)
    assert turn.session.answers.get("everyday_issue") == "debts", shown(turn)
    assert strip_marks(turn.replies[0].text).startswith(UNDERSTOOD[language])
