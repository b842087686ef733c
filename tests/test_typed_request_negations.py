"""Testers' findings: a request's answers said with "not" are never saved as their opposite.

A person types each answer under test (place, menu, consent and topic by number). "Don't call
me" must not become a phone call, "I can't in the morning" not the morning, "brauche keinen"
not an interpreter, and "it's not an emergency" at "how urgent?" no emergency flag. Where the
words leave no answer, the question is asked again; either way the test checks what the
counsellor receives (`HandoffRequested`).
"""

from __future__ import annotations

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.events import EmergencyShown
from bot.settings import BUNDLED_CONTENT
from tests.typist import sent, typed, where

# place, "talk to a person", consent, topic benefits
TO_CONTACT = ("1", "9", "1", "4")
YES = {"de": "ja", "en": "yes", "uk": "так", "ru": "да", "ar": "نعم", "fa": "bale"}


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


NO_CALL = [
    ("de", "bitte nicht anrufen"),
    ("en", "don't call me"),
    ("uk", "дзвонити не треба"),
    ("ru", "звонить не надо"),
    ("ar", "ما بدي اتصال"),
    ("ar", "بلا تلفون"),
    ("ar", "ما تتصلوا"),
    ("fa", "زنگ نزنید"),
    ("fa", "تماس نگیرید"),
    # a second tester: in Latin letters
    ("fa", "zang nazanid"),
    ("ar", "ma bdi ittisal"),
]


@pytest.mark.parametrize(("language", "words"), NO_CALL)
def test_dont_call_me_is_never_saved_as_a_phone_call(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_CONTACT, words)
    assert where(turns[-2]) == "handoff.contact"
    assert turns[-1].session.answers.get("contact") != "phone"
    assert where(turns[-1]) == "handoff.contact"  # asked again: chat or an appointment?
    after = ("1", "3", "2", "Mira", "2", "-", YES[language])  # the chat, then the rest
    assert sent(typed(bundled, language, *TO_CONTACT, words, *after)).answers["contact"] == "chat"


NOT_THEN = [
    ("de", "morgens kann ich nicht", "morning"),
    ("de", "vormittags geht nicht", "morning"),
    ("en", "mornings don't work for me", "morning"),
    ("en", "I can't in the morning", "morning"),
    ("uk", "зранку не можу", "morning"),
    ("ru", "утром не могу, работаю", "morning"),
    ("ru", "после обеда не могу", "afternoon"),
    ("ar", "الصبح ما بقدر", "morning"),
    ("fa", "صبح نمیتونم", "morning"),
    # a second tester
    ("de", "morgens unmöglich", "morning"),
    ("ru", "утром нельзя", "morning"),
    ("uk", "зранку ніяк", "morning"),
    ("fa", "صبح ها نمیشه", "morning"),
    ("fa", "sobh nemitunam", "morning"),
    ("ar", "الصبح ماكدر", "morning"),
]


@pytest.mark.parametrize(("language", "words", "ruled_out"), NOT_THEN)
def test_a_time_ruled_out_is_never_saved_as_that_time(
    bundled: Content, language: str, words: str, ruled_out: str
) -> None:
    turns = typed(bundled, language, *TO_CONTACT, "1", words)
    assert where(turns[-2]) == "handoff.times"
    assert turns[-1].session.answers.get("times") != ruled_out


@pytest.mark.parametrize(
    ("language", "words"),
    [("de", "brauche keinen"), ("en", "don't need one"), ("ru", "не нужен"), ("fa", "لازم ندارم")],
)
def test_no_interpreter_needed_in_words_is_saved_as_no(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_CONTACT, "1", "3", words, "Mira", "2", "-", YES[language])
    assert where(turns[-5]) == "handoff.name"  # understood at once: the next question
    assert sent(turns).answers["interpreter"] == "no"


NOT_AN_EMERGENCY = [
    ("de", "ist kein Notfall"),
    ("en", "it's not an emergency"),
    ("uk", "не горить"),
    ("ru", "не горит"),
    ("ar", "مو طوارئ"),
    ("fa", "اورژانسی نیست"),
]


@pytest.mark.parametrize(("language", "words"), NOT_AN_EMERGENCY)
def test_not_an_emergency_at_how_urgent_raises_no_emergency(
    bundled: Content, language: str, words: str
) -> None:
    to_urgency = (*TO_CONTACT, "1", "3", "2", "Mira")
    turns = typed(bundled, language, *to_urgency, words)
    assert where(turns[-2]) == "handoff.urgency"
    assert not [e for t in turns for e in t.events if isinstance(e, EmergencyShown)]
    # understood as not urgent, or asked again and answered with the button
    rest = ("-", YES[language]) if where(turns[-1]) == "handoff.note" else ("2", "-", YES[language])
    request = sent(typed(bundled, language, *to_urgency, words, *rest))
    assert "emergency" not in request.answers
    assert request.answers["urgency"] == "normal"
    assert not request.urgent


def test_not_urgent_now_with_a_word_like_hello_answers_the_urgency(bundled: Content) -> None:
    # «هلأ» (now) is written like «هلا» (hello): the answer is not urgent, no greeting
    turns = typed(bundled, "ar", *TO_CONTACT, "1", "3", "2", "Mira", "مو ضروري هلأ", "-", "نعم")
    assert where(turns[-3]) == "handoff.note"
    request = sent(turns)
    assert request.answers["urgency"] == "normal"


NO_NAME = [
    ("de", "möchte ich nicht sagen"),
    ("en", "I don't want to say"),
    ("uk", "не хочу казати"),
    ("ru", "не скажу"),
    ("ar", "ما بدي قول اسمي"),
    ("fa", "نمیخوام بگم"),
]


@pytest.mark.parametrize(("language", "words"), NO_NAME)
def test_not_wanting_to_give_a_name_saves_no_name(
    bundled: Content, language: str, words: str
) -> None:
    turns = typed(bundled, language, *TO_CONTACT, "1", "3", "2", words, "2", "-", YES[language])
    assert where(turns[-4]) == "handoff.urgency"  # taken as '-': the next question
    assert "name" not in sent(turns).answers


NO_NOTE = [
    ("de", "nö danke"),
    ("en", "no thank you"),
    ("uk", "ні, дякую"),
    ("ru", "нет спасибо"),
    ("ar", "لا شكرا"),
    ("fa", "نه ممنون"),
    ("ar", "الله يعطيك العافية"),  # thanks: nothing more to say
    ("fa", "دستتون درد نکنه"),
]


@pytest.mark.parametrize(("language", "words"), NO_NOTE)
def test_no_thanks_at_the_note_saves_no_note(bundled: Content, language: str, words: str) -> None:
    turns = typed(bundled, language, *TO_CONTACT, "1", "3", "2", "Mira", "2", words, YES[language])
    assert where(turns[-2]) == "handoff.confirm"
    assert "note" not in sent(turns).answers


NO_PHONE = [
    ("de", "ich habe kein Telefon"),
    ("en", "I don't have a phone"),
    ("uk", "у мене немає телефону"),
    ("ru", "у меня нет телефона"),
    ("ar", "ما عندي تلفون"),
    ("fa", "گوشی ندارم"),
    ("en", "-"),
    # a second tester
    ("uk", "телефону не маю"),
    ("ar", "ماكو تلفون"),
    ("de", "hab keins"),
]


@pytest.mark.parametrize(("language", "words"), NO_PHONE)
def test_no_phone_at_the_phone_number_question_turns_the_call_into_the_chat(
    bundled: Content, language: str, words: str
) -> None:
    # contact: a call, any time, no interpreter; then no phone
    lines = (*TO_CONTACT, "2", "3", "2", words, "Mira", "2", "-", YES[language])
    turns = typed(bundled, language, *lines)
    assert where(turns[-5]) == "handoff.name"  # no loop at the phone question
    request = sent(turns)
    assert request.answers["contact"] == "chat"
    assert "phone" not in request.answers


TIME_WITH_HOUR = [
    ("de", "abends ab 18 Uhr"),
    ("en", "evening after 6"),
    ("uk", "після 18"),
    ("ru", "после 18 часов"),
    ("ar", "بعد الساعة ٦"),
    ("fa", "بعد از ساعت ۶"),
]


@pytest.mark.parametrize(("language", "words"), TIME_WITH_HOUR)
def test_an_hour_typed_at_the_time_question_reaches_the_counsellor(
    bundled: Content, language: str, words: str
) -> None:
    """A tester's finding: "evening after 6" was saved as "afternoon" and the hour was lost."""
    first = typed(bundled, language, *TO_CONTACT, "1", words)
    button = ("2",) if where(first[-1]) == "handoff.times" else ()  # not understood: the button
    rest = (*button, "2", "Mira", "2", "-", YES[language])
    request = sent(typed(bundled, language, *TO_CONTACT, "1", words, *rest))
    own = request.answers["own_words"].split("\n")
    assert words in own
    assert "2" not in own  # a button's number is no detail


@pytest.mark.parametrize(("language", "words"), [("ar", "الصبح"), ("ar", "بالصبح")])
def test_a_word_two_letters_from_a_topic_picks_no_topic(
    bundled: Content, language: str, words: str
) -> None:
    """Talking to the bot: «الصبح» (in the morning) typed at "what is it about?" opened Health
    («الصحة» without its last letter, one letter off)."""
    turns = typed(bundled, language, "1", "9", "1", words)
    assert where(turns[-2]) == "handoff.topic"
    assert turns[-1].session.answers.get("topic") != "health"
