"""The check question for uncertain danger signals: "Are you or someone else in danger now?"

A message with an uncertain signal (a farewell, pills, a child and a window) gets one short
check question with the emergency numbers in it and two buttons. "Yes, now" opens the
emergency answer the signal points to; "No" handles the message as if the check had not
been asked: it answers the question the person stood at, or its topic is understood. The
session keeps `emergency_check` ("yes" or "no") so a later counsellor request carries it.
"""

from __future__ import annotations

import dataclasses
import re

from bot.engine import requests
from bot.engine.moves import (
    EMERGENCY_ANSWER,
    OWN_WORDS_ANSWER,
    WELCOME_FLOW,
    advance,
    enter_flow,
    reenter,
)
from bot.engine.run import Run
from bot.events import EmergencyShown
from bot.messages import Choice
from bot.nodes.base import GoFlow
from bot.understand.choices import NO_WORDS, AnswerWords, compile_options
from bot.understand.normalize import normalize

EMERGENCY_FLOW = "emergency"
CHECK_ENTRY = "emergency_check"
YES, NO = "check.yes", "check.no"
UNCLEAR_WORDS = 3  # a reply this short that is neither yes nor no gets the check again
# Kinds whose information is shown after "no, not in danger now" to a message answering nothing
INFORM_AFTER_NO = frozenset({"violence", "sexual_violence", "threat", "child"})
_FIRST_CLAUSE = re.compile(r"[,;.!?؟،:\-–]+")
# Answer keys: what the person answered (kept), and the message waiting for the answer.
ANSWER = "emergency_check"
_KIND, _TEXT, _FIRST = "_check_kind", "_check_text", "_check_first"


def can_ask(run: Run) -> bool:
    """Whether the content holds the check question (text with numbers, emergency flow)."""
    return CHECK_ENTRY in run.content.knowledge and EMERGENCY_FLOW in run.content.flows


def ask(run: Run, text: str, kind: str, *, first: bool = False) -> None:
    """Ask the check question about `text`, whose uncertain signal points to `kind`."""
    answers = run.session.answers
    answers[_KIND], answers[_TEXT] = kind, text
    if first:
        answers[_FIRST] = "yes"
    requests.tell_open_request(run, text)  # a counsellor already talking with them sees it
    _say_check(run)


def _say_check(run: Run) -> None:
    entry = run.content.knowledge[CHECK_ENTRY]
    run.say(
        run.translate(entry.text.source),
        (Choice(YES, run.ui("button_check_yes")), Choice(NO, run.ui("button_check_no"))),
    )


def handles(choice_id: str) -> bool:
    return choice_id in (YES, NO)


def choose(run: Run, choice_id: str) -> None:
    """Apply "Yes, now" or "No" to the message that is waiting for the answer."""
    kind, text, first = _take(run)
    if choice_id == YES:
        run.session.answers[ANSWER] = "yes"
        run.session.answers["urgent"] = "yes"
        node = kind if kind and run.content.node(EMERGENCY_FLOW, kind) is not None else None
        if node:
            run.emit(EmergencyShown(node))
            run.session.answers[EMERGENCY_ANSWER] = node  # a request from here says so
        if text:
            run.session.answers[OWN_WORDS_ANSWER] = text
        come_back_to = run.position.node if run.session.position else None
        if run.session.position is None:
            enter_flow(run, EMERGENCY_FLOW, node)
        else:
            advance(run, GoFlow(EMERGENCY_FLOW, node, come_back_to=come_back_to))
        return
    run.session.answers[ANSWER] = "no"
    if first:
        run.session.position = None
        enter_flow(run, WELCOME_FLOW)
    elif text and run.session.position is not None:
        from bot.engine import typed

        run.checked_kind = kind
        typed.handle(run, text, checked=True)
    elif run.session.position is not None:
        reenter(run)
    else:
        enter_flow(run, WELCOME_FLOW)


def typed_answer(run: Run, text: str) -> bool:
    """Whether typed `text` answered a waiting check question (and was applied).

    Yes and no in every form the yes/no questions know ("آره", "aywa", "ага", "yeah") answer
    it. A short reply that is neither ("I don't know", "help") asks the check again with the
    numbers, so the question is never lost; a longer message, or any clear emergency, is a
    new message: the check is dropped and the message handled as usual. "I want" / "I don't
    want" answer no danger question ("не хочу жити" is no "no"), and neither does a "no" that
    says an emergency.
    """
    if _KIND not in run.session.answers:
        return False
    options = [(YES, _labels(run, "button_check_yes")), (NO, _labels(run, "button_check_no"))]
    words = run.content.typed.words if run.content.typed is not None else NO_WORDS
    words = dataclasses.replace(words, yes_short=frozenset(), no_short=frozenset())
    words = words.for_language(run.language)
    chosen = compile_options(options, words).match(text).chosen
    if _leads_with_no(text, words):  # "ні, все добре, просто втомилась": "добре" is no yes
        chosen = NO
    if chosen == NO and _clear_emergency(run, text):
        chosen = None
    if chosen in (YES, NO):
        choose(run, chosen)
        return True
    if len(text.split()) <= UNCLEAR_WORDS and not _clear_emergency(run, text):
        _say_check(run)
        return True
    _take(run)
    return False


def _leads_with_no(text: str, words: AnswerWords) -> bool:
    """The reply's first clause is a no word alone ("no, all good", "لا، كلشي تمام"): the
    yes-sounding words after it ("good", "تمام") say why there is no danger."""
    first = _FIRST_CLAUSE.split(text.strip(), maxsplit=1)[0]
    return normalize(first).strip() in words.no


def _clear_emergency(run: Run, text: str) -> bool:
    understanding = run.content.understanding
    if understanding is None:
        return False
    return run.understood(text, run.language).emergency is not None


def _labels(run: Run, key: str) -> list[str]:
    """The button label in the person's language and in German."""
    german = run.content.ui.get(key)
    return [run.ui(key), *([german.source] if german else [])]


def forget(run: Run) -> None:
    """Drop a waiting check question (the person went elsewhere)."""
    _take(run)


def _take(run: Run) -> tuple[str | None, str | None, bool]:
    answers = run.session.answers
    kind, text = answers.pop(_KIND, None), answers.pop(_TEXT, None)
    if kind is not None or text is not None:
        run.session.offered = []  # the check's buttons are no longer the buttons to answer
    return kind, text, answers.pop(_FIRST, None) == "yes"


def not_in_danger_now(run: Run) -> bool:
    """After "no" to the check question, the message answered no question and named no topic
    ("شوهرمنو ميزنه" at "how do you live?"): instead of "not understood", the information on
    its kind (helplines, shelters, counselling) is shown, not marked urgent, with the way
    back; for the kinds of `INFORM_AFTER_NO` (violence someone suffers goes on after "not
    now"; after "no" to a suicide or medical check the question is asked again as before).
    Returns whether it was shown."""
    kind, run.checked_kind = run.checked_kind, None
    if kind not in INFORM_AFTER_NO or run.content.node(EMERGENCY_FLOW, kind) is None:
        return False
    advance(run, GoFlow(EMERGENCY_FLOW, kind, come_back_to=run.position.node))
    return True
