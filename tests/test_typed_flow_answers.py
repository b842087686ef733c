"""Words people type at the housing and health questions pick the right choice.

Found by a tester (2026-12-01): no life-area question had `also:` words, so "صاحب البيت بدو
يطلعني", "меня выселяют", "gekündigt" (eviction) or "ضرسي عم يوجعني" (toothache) got "not
understood", and "gekündigt" even jumped to the work flow. The words people type are now
listed with the choices (translated like every text), and a close choice that explains more
of the typed words wins ("دكتورة نسائية" is the gynaecologist, not any doctor).
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


CASES = [
    ("housing", "situation", "ar", "عم دور على بيت", "searching"),
    ("housing", "situation", "ar", "صاحب البيت بدو يطلعني", "losing"),
    ("housing", "situation", "ar", "وصلتني كونديغونغ", "losing"),
    ("housing", "situation", "ru", "меня выселяют", "losing"),
    ("housing", "situation", "ru", "пришла кюндигунг от хозяина", "losing"),
    ("housing", "situation", "fa", "صاحبخانه میخواد بیرونم کنه", "losing"),
    ("housing", "situation", "de", "gekündigt", "losing"),
    ("housing", "situation", "de", "mir wurde gekündigt", "losing"),
    ("housing", "situation", "uk", "живу в хаймі", "shared"),
    ("housing", "situation", "en", "looking for a flat in Pirna", "searching"),
    ("health", "need", "ar", "بدي دكتورة نسائية", "pregnant"),
    ("health", "need", "ar", "ابني عندو حرارة", "child"),
    ("health", "need", "ar", "ضرسي عم يوجعني", "dentist"),
    ("health", "need", "ar", "نفسيتي تعبانة كتير", "mental"),
    ("health", "need", "fa", "دکتر زنان میخوام", "pregnant"),
    ("health", "need", "fa", "بچه ام تب داره", "child"),
    ("health", "need", "fa", "افسردگی دارم", "mental"),
    ("health", "need", "ru", "у сына температура", "child"),
    ("health", "need", "ru", "болит зуб", "dentist"),
    ("health", "need", "uk", "потрібен терапевт", "doctor"),
    ("health", "insurance", "ar", "ما عندي تأمين", "unknown"),
]


@pytest.mark.parametrize(("flow", "node", "language", "typed", "saved"), CASES)
def test_typed_words_pick_the_choice(
    bundled: Content, flow: str, node: str, language: str, typed: str, saved: str
) -> None:
    question = bundled.flows[flow].nodes[node]
    session = Session(
        "typist",
        language=language,
        language_confirmed=True,
        position=Position(flow, node),
        answers={"place": "pirna"},
    )
    turn = step(bundled, session, Inbound("typist", text=typed))
    assert turn.session.answers.get(question.save) == saved  # type: ignore[attr-defined]
    assert turn.session.position is not None and turn.session.position.flow == flow


# A second tester's topics (2026-12-01): deportation fear was read as housing ("کمپ"), and a
# Jobcenter stopping the money after a missed appointment as health ("I was sick").
TOPICS = [
    ("fa", "میترسم دیپورت بشم", "residence"),
    ("fa", "نگاتیف گرفتم", "residence"),
    ("fa", "javabe manfi gereftam", "residence"),
    (
        "ar",
        "مرحبا انا من سوريا عايش بدريسدن مع عيلتي من سنتين والجوب سنتر بدو يوقف المصاري "
        "لانو ما رحت عالموعد كنت مريض شو لازم اعمل",
        "benefits",
    ),
]


@pytest.mark.parametrize(("language", "typed", "area"), TOPICS)
def test_the_topic_of_a_typed_question(
    bundled: Content, language: str, typed: str, area: str
) -> None:
    assert bundled.understanding is not None
    assert bundled.understanding.understand(typed, language).area == area
