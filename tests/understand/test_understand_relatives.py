"""A person who writes about a relative in danger ("my son cuts himself", "he says he wants to
die") gets the suicide answer, which names the line for parents and relatives.

Found by trying the bot as a parent would (2026-12-01): third-person forms ("she wants to die",
"не хоче жити", "بدو يموت", "میخواد بمیره", "خودش رو زخمی میکنه") were missed in five of
six languages, only first-person forms were listed. The harmless look-alikes below must stay
quiet. The messages are typed to the bot at the menu, and the answer is read as the person
sees it.

`blind-11-relatives.tsv` (91 messages about someone else, 55 emergencies of every kind and 36
harmless ones, about 15 per language) was written by a helper who had not read the lexicons,
measured once (README: 74.5 % caught before the third-person rules, 78.2 % after the first
round, 8.3 % and 13.9 % false alarms), then tuned on: every emergency in it must be caught and
no harmless message alarmed.
"""

from __future__ import annotations

import pathlib

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
from bot.understand.evaluate import evaluate, format_report, read_examples

RELATIVES_SET = pathlib.Path(__file__).parent / "blind-11-relatives.tsv"

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
    # a tester's messages (2026-12-01), missed before
    ("ar", "اخي يريد انهاء حياته"),
    ("ar", "اخوي عم يقول بدو ينهي حياته"),
    ("ar", "akhoi bdo yentehir"),
    ("en", "my wife keeps saying she wants to sleep forever and not wake up"),
    ("en", "i want to sleep forever"),
    ("uk", "син каже що краще б його не було"),
    ("ru", "сын говорит что лучше бы его не было"),
    ("ar", "baddi mawet ma fi amal"),
    ("uk", "він напився таблеток"),
]

# A child or relative unconscious, typed in Finglish, and a second tester's Arabic (chest
# pain, "I can't breathe", signs of a stroke): the medical answer (112).
MEDICAL = [
    ("fa", "bacham tab dare 40 bidar nemishe"),
    ("fa", "bacham az hosh rafte"),
    ("fa", "pesaram bihosh shode"),
    ("ar", "صدري عم يوجعني كتير وما عم اقدر اتنفس"),
    ("ar", "ما عم اقدر اتنفس"),
    ("ar", "مش قادر اتنفس"),
    ("ar", "ابوي صدره عم يوجعه كتير"),
    ("ar", "امي وجهها مايل وما عم تقدر تحكي"),
]

# A child lost (a second tester): the child answer.
CHILD_LOST = [
    ("ar", "بنتي ضاعت"),
    ("ar", "ابني ضاع"),
    ("fa", "dokhtaram ro gom kardam"),
]

# Threats against someone else: the threat answer (110, Frauenhaus, Hilfetelefon).
THREATENED = [
    ("de", "ihr Ex bringt sie um wenn sie zur Polizei geht"),
    ("de", "er sagt er bringt sie um"),
    ("en", "they said they will find him and cut his throat"),
]

HARMLESS = [
    ("de", "er bringt sie um acht in die Kita"),
    ("de", "mein Mann bringt sie um 8 Uhr zur Schule"),
    ("en", "the waiting is killing him"),
    ("en", "my son hurt his knee playing football"),
    ("en", "I could sleep forever after this week haha"),
    ("ar", "ضاع جوازي"),
    ("ar", "ضاعت مني الاوراق"),
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


@pytest.mark.parametrize(("language", "text"), MEDICAL)
def test_an_unconscious_relative_in_finglish_gets_the_medical_answer(
    bundled: Content, language: str, text: str
) -> None:
    turn = typed_at_menu(bundled, language, text)
    assert turn.events[:1] == (EmergencyShown("medical"),)
    assert "112" in strip_marks(turn.replies[0].text)


@pytest.mark.parametrize(("language", "text"), CHILD_LOST)
def test_a_lost_child_gets_the_child_answer(bundled: Content, language: str, text: str) -> None:
    turn = typed_at_menu(bundled, language, text)
    assert turn.events[:1] == (EmergencyShown("child"),)


@pytest.mark.parametrize(("language", "text"), THREATENED)
def test_a_threat_against_someone_else_gets_the_threat_answer(
    bundled: Content, language: str, text: str
) -> None:
    turn = typed_at_menu(bundled, language, text)
    assert turn.events[:1] == (EmergencyShown("threat"),)
    assert "110" in strip_marks(turn.replies[0].text)


@pytest.mark.parametrize(("language", "text"), HARMLESS)
def test_a_harmless_message_about_a_relative_stays_quiet(
    bundled: Content, language: str, text: str
) -> None:
    turn = typed_at_menu(bundled, language, text)
    assert not any(isinstance(e, EmergencyShown) for e in turn.events)
    assert not any(c.id == "check.yes" for r in turn.replies for c in r.choices)


def test_the_relatives_set_is_caught_without_false_alarms(understander: Understander) -> None:
    examples = read_examples(RELATIVES_SET)
    assert len(examples) >= 84
    for language in ("de", "en", "uk", "ru", "ar", "fa"):
        assert sum(e.language == language and bool(e.emergency) for e in examples) >= 9, language
    report = evaluate(understander, examples)
    assert report.recall.rate == 1.0, format_report(report)
    assert report.false_alarms.right == 0 and report.checks.right == 0, format_report(report)


def test_arabic_i_cannot_breathe_as_a_first_message_is_answered_in_arabic(
    bundled: Content,
) -> None:
    """A second tester: "ما اقدر اتنفس" as the first message got the Farsi answer ("ما" is
    also Farsi). Arabic common words now tell it apart."""
    turn = step(bundled, Session("transcript"), Inbound("transcript", text="ما اقدر اتنفس"))
    assert EmergencyShown("medical") in turn.events
    assert turn.session.language == "ar"
