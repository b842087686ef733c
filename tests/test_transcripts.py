"""Scripted conversations on the bundled content: every life area in every language."""

from __future__ import annotations

import re

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import LANGUAGES, LIFE_AREAS, Content
from bot.engine import Turn, step
from bot.i18n.direction import strip_marks
from bot.messages import Inbound, Reply
from bot.nodes.ask import Ask
from bot.nodes.input_node import Input
from bot.session import Session
from bot.settings import BUNDLED_CONTENT

SCRIPTS = {
    "uk": re.compile(r"[ієїґ]", re.IGNORECASE),
    "ru": re.compile(r"[ыэъё]", re.IGNORECASE),
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "fa": re.compile(r"[پچژگی]"),
}


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def send(content: Content, session: Session, **kw: str) -> Turn:
    return step(content, session, Inbound("transcript", **kw))


def offers_counsellor(content: Content, reply: Reply) -> bool:
    for choice in reply.choices:
        if choice.id == "human":
            return True
        flow, _, rest = choice.id.partition(".")
        node_id, _, local = rest.partition(".")
        node = content.node(flow, node_id)
        if isinstance(node, Ask) and any(
            c.id == local and c.goto and c.goto[0] == "handoff" for c in node.choices
        ):
            return True
    return False


def in_language(language: str, text: str) -> bool:
    """A cheap script check: Cyrillic, Arabic or Persian letters; English without German letters."""
    plain = strip_marks(text)
    if language == "de":
        return True
    if language == "en":
        return " you" in plain.lower() and " Sie " not in plain
    return bool(SCRIPTS[language].search(plain))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("area", LIFE_AREAS)
def test_area_reaches_information_and_counsellor_offer(
    bundled: Content, area: str, language: str
) -> None:
    seen, last = walk_area(bundled, area, language)
    assert offers_counsellor(bundled, last)
    assert len(seen) >= 3  # question(s), at least one piece of information, the offer
    german, _ = walk_area(bundled, area, "de")
    assert in_language(language, " ".join(r.text for r in seen))
    if language != "de":  # every longer text is really translated, none fell back to German
        untranslated = [
            g.text
            for r, g in zip(seen, german, strict=True)
            if len(g.text) > 25 and r.text == g.text
        ]
        assert not untranslated, untranslated


def walk_area(content: Content, area: str, language: str) -> tuple[list[Reply], Reply]:
    """From the menu into `area`, first answers, until information plus a counsellor offer."""
    session = Session("transcript", language=language, language_confirmed=True)
    turn = send(content, session, text="/start")
    turn = send(content, turn.session, choice="welcome.place.pirna")
    menu = turn.replies[-1]
    assert {c.id.rsplit(".", 1)[-1] for c in menu.choices} >= set(LIFE_AREAS)
    turn = send(content, turn.session, choice=f"menu.{menu_node(content)}.{area}")
    seen: list[Reply] = [menu]
    for _ in range(4):  # <= 3 answers after choosing the area
        seen += turn.replies
        if len(turn.replies) > 1 and offers_counsellor(content, turn.replies[-1]):
            return seen, turn.replies[-1]
        position = turn.session.position
        assert position is not None
        if isinstance(content.node(position.flow, position.node), Input):
            turn = send(content, turn.session, text="-")  # optional typed answers are skipped
        else:
            turn = send(content, turn.session, choice=turn.replies[-1].choices[0].id)
    pytest.fail(f"{area}/{language}: no information with a counsellor offer within 3 steps")


def menu_node(content: Content) -> str:
    return content.flows["menu"].start


@pytest.mark.parametrize("language", ["uk", "ar", "fa"])
def test_request_from_elsewhere_in_germany_gets_referrals_not_an_office(
    bundled: Content, language: str
) -> None:
    session = Session("transcript", language=language, language_confirmed=True)
    turn = send(bundled, session, text="/start")
    turn = send(bundled, turn.session, choice="welcome.place.elsewhere")
    turn = send(bundled, turn.session, text="/human")
    assert not turn.events
    texts = " ".join(strip_marks(r.text) for r in turn.replies)
    assert "mbeon" in texts
    assert all(in_language(language, r.text) for r in turn.replies)


def test_request_answers_leave_the_session_once_sent(bundled: Content) -> None:
    session = Session("transcript", language="fa", language_confirmed=True)
    turn = send(bundled, session, text="/start")
    turn = send(bundled, turn.session, choice="welcome.place.pirna")
    # interpreter yes, then Dari or Farsi (asked in Farsi), ..., urgency, nothing else to add
    for step_input in ("/human", "1", "1", "2", "1", "1", "2", "0151 2345678", "Sara", "2", "-"):
        turn = send(bundled, turn.session, text=step_input)
    assert "01512345678" in turn.session.answers.values()
    sent = send(bundled, turn.session, choice="handoff.confirm.send")
    assert any(type(e).__name__ == "HandoffRequested" for e in sent.events)
    assert "phone" not in sent.session.answers and "name" not in sent.session.answers
    assert sent.session.answers.get("place") == "pirna"


def test_unsure_free_text_gets_a_clarifying_question_with_the_best_areas(bundled: Content) -> None:
    session = Session("transcript", language="de", language_confirmed=True)
    turn = send(bundled, session, text="/start")
    turn = send(bundled, turn.session, choice="welcome.place.pirna")
    turn = send(bundled, turn.session, text="Kita und Arzt")
    ids = [c.id for c in turn.replies[-1].choices]
    assert ids[:2] == ["area.health", "area.school"] and "menu" in ids
    chosen = send(bundled, turn.session, text="2")
    assert chosen.session.position is not None and chosen.session.position.flow == "school"


def test_free_text_at_the_menu_goes_to_the_area_and_greetings_are_answered(
    bundled: Content,
) -> None:
    session = Session("transcript", language="ar", language_confirmed=True)
    turn = send(bundled, session, text="/start")
    turn = send(bundled, turn.session, choice="welcome.place.pirna")
    greeted = send(bundled, turn.session, text="مرحبا")
    assert greeted.session.position == turn.session.position and len(greeted.replies) == 1
    routed = send(bundled, turn.session, text="بدي بيت اكبر")
    assert routed.session.position is not None and routed.session.position.flow == "housing"
