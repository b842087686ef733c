"""The content a counsellor would sign: 2026 facts, places, topics and greetings, as people type."""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import LANGUAGES, Content
from bot.content.yamlsrc import load_yaml
from bot.engine import Turn, step
from bot.i18n.direction import strip_marks
from bot.messages import Inbound, Reply
from bot.session import Session
from bot.settings import BUNDLED_CONTENT
from bot.validate.unfinished import check_unfinished
from tests.bundled import copy_bundled
from tests.test_transcripts import in_language, offers_counsellor


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def begin(content: Content, language: str, place: str) -> Turn:
    session = Session("content-2026", language=language, language_confirmed=True)
    turn = step(content, session, Inbound("content-2026", text="/start"))
    return step(content, turn.session, Inbound("content-2026", choice=f"welcome.place.{place}"))


def press(content: Content, turn: Turn, *choices: str) -> tuple[Turn, list[Reply]]:
    seen: list[Reply] = []
    for choice in choices:
        turn = step(content, turn.session, Inbound("content-2026", choice=choice))
        seen += turn.replies
    return turn, seen


def typed(content: Content, turn: Turn, text: str) -> Turn:
    return step(content, turn.session, Inbound("content-2026", text=text))


def shown(replies: list[Reply]) -> str:
    return "\n".join(strip_marks(r.text) for r in replies)


# ---- health card: the answer depends on the place -------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_dresden_resident_gets_the_health_card_and_pirna_the_behandlungsschein(
    bundled: Content, language: str
) -> None:
    path = ("menu.topics.health", "health.insurance.schein")
    _, dresden = press(bundled, begin(bundled, language, "prohlis"), *path)
    _, pirna = press(bundled, begin(bundled, language, "pirna"), *path)
    dresden_text, pirna_text = shown(dresden), shown(pirna)
    assert "eGK" in dresden_text and "2020" in dresden_text
    assert "Behandlungsschein" in pirna_text and "eGK" not in pirna_text
    assert in_language(language, dresden_text) and in_language(language, pirna_text)


def test_the_dresden_answer_does_not_send_people_for_a_behandlungsschein(bundled: Content) -> None:
    _, replies = press(
        bundled, begin(bundled, "de", "leuben"), "menu.topics.health", "health.insurance.schein"
    )
    text = shown(replies)
    assert "Sie brauchen keinen Behandlungsschein" in text
    assert "holen Sie" not in text


# ---- greetings never open a topic -----------------------------------------------------------


def test_salam_at_the_menu_gets_a_greeting_not_the_health_topic(bundled: Content) -> None:
    at_menu = begin(bundled, "fa", "pirna")
    greeted = typed(bundled, at_menu, "سلام")
    assert greeted.session.position == at_menu.session.position
    greeting = bundled.catalogs.translate(bundled.ui["greeting_reply"].source, "fa")[0]
    assert strip_marks(greeted.replies[0].text).startswith(strip_marks(greeting)[:20])


@pytest.mark.parametrize(
    ("language", "text"), [("fa", "سلام"), ("ar", "هلا"), ("ru", "доброе утро"), ("en", "hello")]
)
def test_greetings_win_over_buttons_at_every_question(
    bundled: Content, language: str, text: str
) -> None:
    turn = begin(bundled, language, "pirna")
    turn = typed(bundled, turn, "/human")
    turn, _ = press(bundled, turn, "handoff.consent.yes")
    answered = typed(bundled, turn, text)
    assert answered.session.position == turn.session.position
    assert "topic" not in answered.session.answers or answered.session.answers["topic"] == ""


def test_dari_asylum_rejection_with_a_greeting_goes_to_residence(bundled: Content) -> None:
    turn = typed(bundled, begin(bundled, "fa", "pirna"), "سلام، کیس پناهندگی مه رد شده")
    assert turn.session.position is not None and turn.session.position.flow == "residence"


# ---- the service's whole scope: each path reaches information and a counsellor ------------

PATHS = {
    "unaccompanied_minor": (
        "menu.topics.other",
        "other.topic.protection",
        "protection.topic.minor",
    ),
    "mentoring": ("menu.topics.mentoring",),
    "ukraine_24": ("menu.topics.residence", "residence.document.ukraine", "ukraine.topic.benefits"),
    "something_else": ("menu.topics.other", "other.topic.anything"),
    "everyday_dublin": ("menu.topics.other", "other.topic.everyday", "everyday.topic.dublin"),
    "family": ("menu.topics.other", "other.topic.family", "family.topic.marriage"),
}
MARKERS = {
    "unaccompanied_minor": "Inobhutnahme",
    "mentoring": "Pat",
    "ukraine_24": "31",
    "something_else": "",
    "everyday_dublin": "§ 1a",
    "family": "16",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", sorted(PATHS))
def test_new_topic_reaches_information_and_a_counsellor_offer(
    bundled: Content, path: str, language: str
) -> None:
    turn, replies = press(bundled, begin(bundled, language, "prohlis"), *PATHS[path])
    assert offers_counsellor(bundled, replies[-1]), path
    information = replies[:-1]
    assert information, "information comes before the offer"
    text = shown(replies)
    assert MARKERS[path] in text
    assert in_language(language, text)
    _, german = press(bundled, begin(bundled, "de", "prohlis"), *PATHS[path])
    if language != "de":
        untranslated = [
            g.text
            for r, g in zip(replies, german, strict=True)
            if len(g.text) > 25 and r.text == g.text
        ]
        assert not untranslated
    counsellor = next(
        c.id
        for c in replies[-1].choices
        if c.id.endswith((".counsellor", ".mentor")) or c.id == "human"
    )
    after, _ = press(bundled, turn, counsellor)
    assert after.session.position is not None and after.session.position.flow == "handoff"


def test_ukraine_path_says_protection_until_march_2027_without_asylum_questions(
    bundled: Content,
) -> None:
    turn, replies = press(
        bundled,
        begin(bundled, "uk", "pirna"),
        "menu.topics.residence",
        "residence.document.ukraine",
    )
    text = shown(replies)
    assert "4 березня 2027" in text
    assert turn.session.position is not None and turn.session.position.flow == "ukraine"
    labels = " ".join(c.label for c in replies[-1].choices)
    assert "BAMF" not in labels


def test_a_sixteen_year_old_alone_reaches_the_minor_protection_from_free_text(
    bundled: Content,
) -> None:
    turn = typed(bundled, begin(bundled, "fa", "prohlis"), "پسرم ۱۶ ساله تنها اینجا آمده")
    assert turn.session.position is not None and turn.session.position.flow == "school"
    _, replies = press(bundled, turn, "school.topic.alone")
    assert "Inobhutnahme" in shown(replies) and "Jugendamt" in shown(replies)
    assert offers_counsellor(bundled, replies[-1])


def test_looking_for_a_volunteer_in_arabic_finds_the_patenschaft(bundled: Content) -> None:
    turn = typed(bundled, begin(bundled, "ar", "pirna"), "أبحث عن متطوع يساعدني في الألمانية")
    assert turn.session.position is not None and turn.session.position.flow == "work"
    assert "work.topic.mentoring" in [c.id for c in turn.replies[-1].choices]
    after, replies = press(bundled, turn, "work.topic.mentoring")
    assert after.session.position is not None and after.session.position.flow == "mentoring"
    assert "Pate / Patin" in shown(replies)


# ---- facts: sources, offices, no placeholders -----------------------------------------------

CORRECTED = {
    "benefits.yaml": ["benefits_jobcenter", "benefits_asylblg", "benefits_objection"],
    "residence.yaml": ["residence_rejected", "residence_ukraine", "residence_family"],
    "work.yaml": ["work_course", "work_permit_gestattung", "work_dismissal"],
    "school.yaml": ["school_duty"],
    "health.yaml": ["health_asylblg", "health_asylblg_dresden", "health_mental"],
    "ukraine.yaml": ["ukraine_benefits", "ukraine_school_family"],
    "everyday.yaml": ["everyday_dublin", "everyday_paycard"],
    "emergency.yaml": [
        "emergency_violence",
        "emergency_suicide",
        "emergency_child",
        "emergency_pregnancy",
        "emergency_sexual_violence",
    ],
    "referrals.yaml": ["counsel_dresden", "counsel_ssoe", "counsel_return_ssoe"],
}


@pytest.mark.parametrize("file", sorted(CORRECTED))
def test_every_corrected_fact_names_its_source_and_date(file: str) -> None:
    entries = load_yaml(BUNDLED_CONTENT / "knowledge" / file, file)["entries"]
    for entry_id in CORRECTED[file]:
        entry = entries[entry_id]
        assert str(entry.get("source", "")).strip(), entry_id
        assert str(entry.get("verified_on", "")).startswith("2026-"), entry_id


def test_facts_of_2026_are_stated(bundled: Content) -> None:
    text = {key: entry.text.source for key, entry in bundled.knowledge.items()}
    assert "zur Niederschrift" in text["benefits_objection"]
    assert "unterschrieben" not in text["benefits_objection"]
    assert "Eilantrag" in text["residence_rejected"] and "1 Woche" in text["residence_rejected"]
    assert "keine neuen freiwilligen" in text["work_course"]
    assert "kostenlos" not in text["work_course"]
    assert "4. März 2027" in text["residence_ukraine"]
    assert "Grundsicherungsgeld" in text["benefits_jobcenter"]
    assert (
        "meist Deutsch" in text["emergency_suicide"] and "Notaufnahme" in text["emergency_suicide"]
    )
    assert "Elterntelefon 0800 111 0 550" in text["emergency_suicide"]
    assert "Freitag 8–15 Uhr" in text["emergency_violence"]
    assert (
        "0351 275 40 04" in text["emergency_child"] and "03501 515 5215" in text["emergency_child"]
    )


def test_offices_carry_sources_are_flagged_and_hold_no_personal_numbers(bundled: Content) -> None:
    raw = load_yaml(BUNDLED_CONTENT / "knowledge" / "offices.yaml", "offices.yaml")["offices"]
    for office_id, office in bundled.offices.items():
        assert office.status == "example", office_id
        assert raw[office_id].get("source") and raw[office_id].get("verified_on"), office_id
        assert not any(p in office.details.get("phone", "") for p in ("015", "016", "017"))
    assert bundled.offices["dresden"].details["phone"] == "0351 25935393"


def test_no_text_in_any_language_is_a_placeholder(bundled: Content) -> None:
    assert check_unfinished(bundled) == []
    for language in LANGUAGES:
        for located_text in (e.text.source for e in bundled.knowledge.values()):
            translated = bundled.catalogs.translate(located_text, language)[0]
            assert "ergänzt" not in translated


def test_a_label_like_a_greeting_is_reported_and_the_greeting_still_wins(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.content.loader import load_content
    from bot.i18n.catalogs import po_path

    root = copy_bundled(tmp_path / "content")
    farsi = po_path(root / "locales", "fa")
    text = farsi.read_text(encoding="utf-8")
    old = 'msgid "Gesundheit"\nmsgstr "بهداشت و درمان"'
    assert old in text
    farsi.write_text(text.replace(old, 'msgid "Gesundheit"\nmsgstr "سلامت"'), encoding="utf-8")
    content, problems = load_content(root, staff_checks=True)
    assert content is not None
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any(
        "choice 'health': [fa] label 'سلامت' would capture the greeting 'سلام'" in w
        for w in warnings
    ), warnings
    at_menu = begin(content, "fa", "pirna")
    greeted = typed(content, at_menu, "سلام")
    assert greeted.session.position == at_menu.session.position
    chosen = typed(content, at_menu, "سلامت")
    assert chosen.session.position is not None and chosen.session.position.flow == "health"


def test_forum_on_in_the_deployment_config_is_refused_with_the_fix(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.deploy import load_deploy_config
    from bot.settings import SettingsError

    config = tmp_path / "config.yaml"
    config.write_text(
        "offices:\n  dresden:\n    telegram_group: -1001\n    forum: on\n", encoding="utf-8"
    )
    with pytest.raises(SettingsError) as raised:
        load_deploy_config(config)
    assert f"{config}:4: 'forum: on' is true for YAML 1.1" in str(raised.value)
    assert "write 'forum: true'" in str(raised.value)
