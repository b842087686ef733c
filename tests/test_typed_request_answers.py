"""Testers' findings at the counsellor request, as transcripts of people who type.

Each test types a whole request (place, menu, consent and topic by number; the answers under
test in words) and checks what was saved and what the counsellor receives
(`HandoffRequested`): a negated urgency in Latin letters is not urgent, a navigation label
typed at "your name?" is not a name, and a phone number with "(0)" after "0049" is dialable.
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.settings import BUNDLED_CONTENT
from tests.typist import sent, typed, where

# place, "talk to a person", consent, topic benefits, contact chat, any time, no interpreter
TO_NAME = ("1", "9", "1", "4", "1", "1", "2")
YES = {"de": "ja", "en": "yes", "uk": "так", "ru": "да", "ar": "نعم", "fa": "bale"}


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


NOT_URGENT_LATIN = [
    ("fa", "fori nist"),
    ("fa", "fori nis"),
    ("ru", "ne srochno"),
    ("ru", "ne ochen srochno"),
    ("uk", "ne terminovo"),
    ("ar", "mish musta3jil"),
    ("ar", "mesh mesta3jel"),
]
URGENT_LATIN = [
    ("fa", "fori"),
    ("ru", "srochno"),
    ("uk", "terminovo"),
    ("ar", "mesta3jel"),
    # "ne" is a negation only for people who write Ukrainian or Russian; in German it is "eine"
    ("de", "ist ne dringende Sache"),
    ("de", "ne, sehr dringend"),
    # a "no" in its own clause answers something else: the urgency stays
    ("en", "no, it's urgent"),
    ("ru", "нет, срочно"),
    ("ru", "net, srochno"),
    ("uk", "ні, терміново"),
]


@pytest.mark.parametrize(("language", "words"), NOT_URGENT_LATIN)
def test_negated_urgency_in_latin_letters_reaches_the_counsellor_as_not_urgent(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_NAME, "-", words, "-", YES[language])
    assert where(turns[-4]) == "handoff.urgency"
    assert where(turns[-3]) == "handoff.note"  # understood, not asked again
    request = sent(turns)
    assert request.answers["urgency"] == "normal"
    assert not request.urgent


@pytest.mark.parametrize(("language", "words"), URGENT_LATIN)
def test_urgency_reaches_the_counsellor_as_urgent(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_NAME, "-", words, "-", YES[language])
    request = sent(turns)
    assert request.answers["urgency"] == "urgent"
    assert request.urgent


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Main menu"),
        ("en", "main menu"),
        ("de", "Hauptmenü"),
        ("ru", "Главное меню"),
        ("ru", "Hauptmenü"),  # the German label they saw somewhere else
        ("ar", "القائمة الرئيسية"),
        ("fa", "منوی اصلی"),
    ],
)
def test_a_navigation_label_typed_as_the_name_navigates_and_is_not_saved(
    bundled: Content, language: str, label: str
) -> None:
    turns = typed(bundled, language, *TO_NAME, label)
    assert where(turns[-2]) == "handoff.name"
    assert "name" not in turns[-1].session.answers
    assert where(turns[-1]) == "menu.topics"  # as pressing the "Main menu" button beside it


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Menu Ali"), ("de", "Amira"), ("ru", "Мария")]
)
def test_a_real_name_is_saved_and_sent(bundled: Content, language: str, name: str) -> None:
    turns = typed(bundled, language, *TO_NAME, name, "1", "-", YES[language])
    assert sent(turns).answers["name"] == name


@pytest.mark.parametrize(
    ("language", "call_me", "raw"),
    [
        ("de", "ruft mich an", "0049 (0) 176 1234567"),
        ("en", "call me", "0049 (0) 176 1234567"),
        ("en", "call me", "my number is 0049(0)176-1234567"),
        ("ru", "позвоните мне", "+49 (0) 176 1234567"),
        ("fa", "زنگ بزنین", "۰۰۴۹ (۰) ۱۷۶ ۱۲۳۴۵۶۷"),
    ],
)
def test_a_phone_number_with_country_code_and_trunk_zero_is_sent_dialable(
    bundled: Content, language: str, call_me: str, raw: str
) -> None:
    turns = typed(
        bundled, language, "1", "9", "1", "4", call_me, "1", "2", raw, "-", "2", "-", YES[language]
    )
    assert turns[-8].session.answers["contact"] == "phone"
    assert turns[-4].session.answers["phone"] == "+491761234567"
    assert sent(turns).answers["phone"] == "+491761234567"


@pytest.mark.parametrize(
    ("language", "nothing"),
    [
        ("de", "Nein, nichts"),
        ("en", "nothing else"),
        ("uk", "нічого"),
        ("uk", "Ні, більше нічого"),
        ("ru", "ничего"),
        ("ru", "net"),
        ("ar", "لا شيء"),
        ("fa", "هیچی"),
        ("fa", "na"),
        ("uk", "nichts"),  # the German word they know from the office
    ],
)
def test_nothing_typed_at_the_note_saves_no_note(
    bundled: Content, language: str, nothing: str
) -> None:
    turns = typed(bundled, language, *TO_NAME, "Amira", "1", nothing, YES[language])
    assert where(turns[-2]) == "handoff.confirm"  # understood, not asked again
    request = sent(turns)
    assert "note" not in request.answers
    assert request.answers["name"] == "Amira"


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("uk", "нічого не знаю про Jobcenter"),
        ("de", "Nein, aber mein Sohn braucht auch Hilfe"),
        ("fa", "هیچ مدرکی ندارم"),
    ],
)
def test_a_note_that_starts_with_no_is_saved_and_sent(
    bundled: Content, language: str, note: str
) -> None:
    turns = typed(bundled, language, *TO_NAME, "Amira", "1", note, YES[language])
    assert sent(turns).answers["note"] == note


# place, "talk to a person", consent, topic benefits, contact chat, any time
TO_INTERPRETER = TO_NAME[:-1]
NO_INTERPRETER = [
    ("de", "kein Dolmetscher"),
    ("de", "ich brauche keinen Dolmetscher, ich spreche Deutsch"),
    ("en", "without an interpreter"),
    ("uk", "без перекладача"),
    ("ru", "без переводчика"),
    ("ar", "بدون مترجم"),
    ("fa", "بدون مترجم"),
]
WITH_INTERPRETER = [
    ("de", "Dolmetscher"),
    ("en", "I need an interpreter"),
    ("uk", "з перекладачем"),
    ("ru", "нужен переводчик"),
    ("ar", "بدي مترجم"),
    ("fa", "مترجم میخوام"),
]


@pytest.mark.parametrize(("language", "words"), NO_INTERPRETER)
def test_no_interpreter_in_words_reaches_the_counsellor(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_INTERPRETER, words)
    assert where(turns[-2]) == "handoff.interpreter"
    assert where(turns[-1]) == "handoff.name"  # understood, not asked again
    request = sent(typed(bundled, language, *TO_INTERPRETER, words, "-", "1", "-", YES[language]))
    assert request.answers["interpreter"] == "no"


@pytest.mark.parametrize(("language", "words"), WITH_INTERPRETER)
def test_an_interpreter_asked_for_in_words_leads_to_the_language(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_INTERPRETER, words)
    assert turns[-1].session.answers["interpreter"] == "yes"
    assert where(turns[-1]).startswith("handoff.interpreter_language")


# place, "talk to a person", consent, topic benefits, contact chat
TO_TIMES = TO_NAME[:-2]
CLOCK_TIMES = [
    ("de", "nach 14 Uhr", "afternoon"),
    ("de", "vor 12", "morning"),  # 12 is afternoon's bound: "vor" makes it earlier
    ("de", "9 Uhr abends", "afternoon"),  # the words name the evening: they win over the 9
    ("en", "after 14", "afternoon"),
    ("en", "at 9", "morning"),
    ("uk", "після 14", "afternoon"),
    ("uk", "до 12", "morning"),
    ("ru", "с 14 часов", "afternoon"),
    ("ru", "до 11", "morning"),
    ("ar", "قبل ١٢", "morning"),
    ("ar", "بعد الساعة ١٤", "afternoon"),
    ("fa", "قبل از ۱۲", "morning"),
    ("fa", "بعد از ساعت ۱۴", "afternoon"),
]


@pytest.mark.parametrize(("language", "words", "times"), CLOCK_TIMES)
def test_a_clock_time_reaches_the_counsellor_as_morning_or_afternoon(
    bundled: Content, language: str, words: str, times: str
) -> None:
    turns = typed(bundled, language, *TO_TIMES, words, "2", "-", "1", "-", YES[language])
    assert where(turns[-7]) == "handoff.times"
    assert where(turns[-6]) == "handoff.interpreter"  # understood, not asked again
    assert sent(turns).answers["times"] == times


def test_twelve_alone_is_asked_again(bundled: Content) -> None:
    turns = typed(bundled, "de", *TO_TIMES, "12 Uhr")
    assert where(turns[-1]) == "handoff.times"
    assert "times" not in turns[-1].session.answers


# place, "talk to a person", consent, topic benefits, contact chat, any time, no interpreter
NAMES = [
    ("fa", "نامم احمد است", "احمد"),  # the verb comes last in Persian
    ("fa", "من احمد هستم", "احمد"),
    ("fa", "esmam Zahra ast", "Zahra"),
    ("ar", "ana esmi ahmad", "ahmad"),
    ("de", "ich heiße Anna", "Anna"),
    ("uk", "Олена Петрівна Коваленко", "Олена Петрівна Коваленко"),
]
NO_NAME = [
    ("fa", "نمیخواهم بگویم"),
    ("fa", "لازم نیست"),
    ("ar", "مش عايز أقول"),
    ("ar", "بلاش"),
    ("en", "no need"),
]
NOT_A_NAME = [
    ("uk", "у дитини вночі температура 40 що робити"),
    ("uk", "а скільки коштує?"),
    ("en", "wait, can I bring my husband?"),
    ("ar", "هل الاستشارة مجانية؟"),
]
NOTHING_MORE = [
    ("fa", "نخیر"),
    ("fa", "نه، تشکر"),
    ("fa", "چیز دیگری نیست"),
    ("fa", "na merci"),
    ("ar", "كلا"),
    ("ar", "لا، شكرًا جزيلًا"),
    ("ar", "خلص"),
]


@pytest.mark.parametrize(("language", "words", "name"), NAMES)
def test_the_name_reaches_the_counsellor_without_the_words_around_it(
    bundled: Content, language: str, words: str, name: str
) -> None:
    request = sent(typed(bundled, language, *TO_NAME, words, "1", "-", YES[language]))
    assert request.answers["name"] == name


@pytest.mark.parametrize(("language", "words"), NO_NAME)
def test_not_giving_a_name_in_words_saves_none(bundled: Content, language: str, words: str) -> None:
    turns = typed(bundled, language, *TO_NAME, words)
    assert where(turns[-1]) == "handoff.urgency"
    assert "name" not in turns[-1].session.answers


@pytest.mark.parametrize(("language", "words"), NOT_A_NAME)
def test_a_question_or_a_story_is_no_name(bundled: Content, language: str, words: str) -> None:
    turns = typed(bundled, language, *TO_NAME, words)
    assert where(turns[-1]) == "handoff.name"  # asked again, only the name
    assert "name" not in turns[-1].session.answers


@pytest.mark.parametrize(("language", "words"), NOTHING_MORE)
def test_no_or_thanks_at_anything_else_is_no_note(
    bundled: Content, language: str, words: str
) -> None:
    request = sent(typed(bundled, language, *TO_NAME, "-", "1", words, YES[language]))
    assert "note" not in request.answers


OTHER_LANGUAGE = [
    ("de", "ja", "arabisch"),
    ("ru", "да", "украинский"),
    ("uk", "так", "арабська"),
    ("en", "yes", "Somali"),
    ("ar", "نعم", "فرنسي"),
    ("fa", "bale", "کردی"),
]


@pytest.mark.parametrize(("language", "yes", "words"), OTHER_LANGUAGE)
def test_a_language_without_its_own_button_is_asked_for_not_lost(
    bundled: Content, language: str, yes: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_INTERPRETER, yes, words)
    assert where(turns[-1]) == "handoff.interpreter_language_other"  # no loop: its name next
    request = sent(
        typed(bundled, language, *TO_INTERPRETER, yes, words, words, "-", "1", "-", YES[language])
    )
    assert request.answers["interpreter_language"] == "other"
    assert request.answers["interpreter_language_other"] == words


def test_a_farsi_writer_can_ask_for_pashto(bundled: Content) -> None:
    """Afghans who write Dari often need Pashto: their language question has it as a button."""
    turns = typed(bundled, "fa", *TO_INTERPRETER, "bale", "پشتو")
    assert turns[-1].session.answers["interpreter_language"] == "pashto"


URGENCY_WORDS = [
    ("de", "eilt", "urgent"),
    ("de", "geht so", "normal"),
    ("uk", "не дуже", "normal"),
    ("ru", "не очень", "normal"),
    ("en", "kind of urgent", "normal"),  # was saved as "very urgent"
    ("en", "not really", "normal"),
    ("ar", "بأسرع وقت", "urgent"),
    ("fa", "زود است", "urgent"),
]


@pytest.mark.parametrize(("language", "words", "urgency"), URGENCY_WORDS)
def test_how_urgent_in_few_words_reaches_the_counsellor(
    bundled: Content, language: str, words: str, urgency: str
) -> None:
    request = sent(typed(bundled, language, *TO_NAME, "-", words, "-", YES[language]))
    assert request.answers["urgency"] == urgency
    assert request.urgent == (urgency == "urgent")


@pytest.mark.parametrize("words", ["لا", "كلا", "لا شكرا"])
def test_no_to_leaving_the_request_for_another_topic_stays(bundled: Content, words: str) -> None:
    """Testers: «لا» at "leave your request for the topic residence?" was not understood."""
    lines = (*TO_NAME, "-", "ما عندي جواز سفر بس عندي هوية")  # a topic word at "how urgent?"
    offered = typed(bundled, "ar", *lines)[-1]
    assert [c.id for r in offered.replies for c in r.choices] == ["area.residence", "stay"]
    turn = typed(bundled, "ar", *lines, words)[-1]
    assert where(turn) == "handoff.urgency"  # still in the request, asked again
    shown = "\n".join(reply.text for reply in turn.replies)
    assert "لم أفهم" not in shown  # not "I did not understand"
    assert "الاستعجال" in shown  # the question again
    request = sent(typed(bundled, "ar", *lines, words, "1", "-", YES["ar"]))
    assert request.answers["urgency"] == "urgent"


LATIN_LETTERS = [
    ("fa", "payam", "chat", "baad az zohr", "afternoon"),
    ("fa", "inja", "chat", "sobh", "morning"),
    ("fa", "etesal", "phone", "sobha", "morning"),
    ("ar", "bs rasayel", "chat", "ba3d el dohr", "afternoon"),
    ("ar", "rasayel", "chat", "sob7", "morning"),
]


@pytest.mark.parametrize(("language", "contact", "saved", "time", "times"), LATIN_LETTERS)
def test_finglish_and_arabizi_answers_reach_the_counsellor(
    bundled: Content, language: str, contact: str, saved: str, time: str, times: str
) -> None:
    """Testers: "payam", "bs rasayel", "baad az zohr" were asked again and again."""
    turns = typed(bundled, language, *TO_TIMES[:-1], contact, time)
    assert turns[-2].session.answers["contact"] == saved
    assert turns[-1].session.answers["times"] == times


def test_i_speak_english_at_the_interpreter_question_stays_in_the_request(
    bundled: Content,
) -> None:
    turn = typed(bundled, "fa", *TO_INTERPRETER, "انگلیسی صحبت میکنم")[-1]
    assert where(turn) == "handoff.interpreter"
    assert not any(c.id.startswith("area.") for r in turn.replies for c in r.choices)
