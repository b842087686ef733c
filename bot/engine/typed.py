"""Typed text: emergencies first, then the current question, then understanding.

A typed answer is matched against what the person was shown (a picker such as the delete
confirmation, else the question's choices) with every form they may type: the number, the
label and short label in their language and German, staff synonyms (`also`), yes/no words,
and at the place question the places of `knowledge/typed/places.yaml`. Two close candidates get
"did you mean A or B?". Free text changes the life area only at a question that asks for the
topic, or when it clearly belongs to another area; the flow the person is in never restarts,
and a counsellor request is never left without asking.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from bot.content.memo import PerContent
from bot.content.model import LANGUAGES, LIFE_AREAS, Content
from bot.engine import actions, requests, triage
from bot.engine.first_answer import (
    WRONG_KEY,
    answer_first_question,
    flow_for_words,
    take_answer,
)
from bot.engine.moves import (
    EMERGENCY_ANSWER,
    MENU_FLOW,
    OWN_WORDS_ANSWER,
    PENDING_FLOW_ANSWER,
    WELCOME_FLOW,
    advance,
    enter_flow,
)
from bot.engine.question_options import Options, compile_index, node_options, question_index
from bot.engine.run import Run
from bot.events import EmergencyShown
from bot.i18n.direction import strip_marks
from bot.i18n.languages import native_name
from bot.i18n.placeholders import fill
from bot.messages import Choice
from bot.nodes.ask import Ask, synonyms
from bot.nodes.base import GoFlow, Node, WaitingNode
from bot.nodes.input_node import Input, only_words
from bot.nodes.input_types import NUMBER, western_digits
from bot.nodes.language import LANGUAGE_PREFIX, Language
from bot.session import Position
from bot.understand.choices import (
    CLAUSE_BREAK,
    QUESTION_MARKS,
    ChoiceIndex,
    ChoiceMatch,
    answer_kind,
)
from bot.understand.normalize import normalize
from bot.understand.tokens import tokenize
from bot.understand.understander import OFFICE_INTENT

EMERGENCY_FLOW = "emergency"
PLACE_ANSWER = "place"
_TOPIC_QUESTION_AREAS = 3  # a question with this many life-area choices asks for the topic
_MAX_PICKERS = 512  # /status cancel buttons name request refs: keep only the recent pickers
# Compiled options live as long as their content: a reload drops them with the old content.
_MEMO = PerContent()
# Names people type for a language besides CLDR's ("دری" for Dari, "по-русски").
_OWN_ALIASES = {
    "fa": ("Farsi", "Dari", "Parsi", "دری", "فارسی دری", "فارسي", "به فارسی"),
    "ar": ("Arabi", "عربي", "بالعربي", "العربي", "عربى"),
    "ru": ("по-русски", "на русском", "russkiy", "po russki"),
    "uk": ("по-українськи", "українською", "на українській", "ukrainska"),
    "de": ("auf Deutsch",),
    "en": ("in English",),
}
# The same names as the speakers of other languages say them ("الماني": German in Arabic). At
# the language picker they pick the language; typed elsewhere they may mean the German course.
_OTHER_ALIASES = {
    "de": ("almani", "الماني", "آلمانی"),
    "en": ("انجليزي", "انگلیسی"),
}
_WHOLE_LABEL = 95.0  # a whole label typed wins over the places named in it
OFFICE_FLOW = "office"  # flows/office.yaml: the counselling office's address and hours
_CLEAR_LABEL = 90.0  # a label typed whole or with all its words: no second opinion asked
# "what is it about?" in a request answered in this many words or more describes the problem
# ("з житлом проблема, хазяїн виганяє"): the counsellor gets the words, not only the topic.
_DESCRIBED_WORDS = 3
_QUESTION_WORDS = 2  # a typed question at the language picker: more than one word
_OWN_WORDS_MIN = 2  # a topic named in one word tells the counsellor nothing the topic does not
_SHORT_ANSWER_WORDS = 4  # "yes", "ok, passt", "another time please": an answer and no more

_RELAY_END_WORDS = 4  # "back", "back to the chat": longer words are meant for the counsellor


def handle(run: Run, text: str, *, checked: bool = False, after_taken: bool = False) -> None:
    """Typed `text`; `checked`: the person said no to the check question about it;
    `after_taken`: the bot has just taken an answer from the person's words (then "stimmt
    nicht", "غلط" goes back to that question)."""
    misses = run.session.answers.get(actions.MISSES)
    if after_taken and _says_wrong(run, text):
        actions.command(run, "/back")
        return
    _handle(run, text, checked=checked)
    if run.session.answers.get(actions.MISSES) == misses:  # understood: the count starts over
        run.session.answers.pop(actions.MISSES, None)


def _handle(run: Run, text: str, *, checked: bool) -> None:
    if not checked and triage.typed_answer(run, text):
        return
    if run.session.stopped and _after_stop(run, text):
        return
    if run.session.position is None or run.session.stopped:
        run.session.stopped = False
        _adopt_language(run, text)
        _start(run, text)
        return
    if not text:
        actions.not_understood(run)
        return
    _adopt_language(run, text)
    if not checked and (_emergency_button(run, text) or _emergency(run, text)):
        return
    if _typed_back(run, text) or _typed_delete(run, text):
        return
    node = run.content.node(run.position.flow, run.position.node)
    assert isinstance(node, WaitingNode), "a person always stands at a node that waits"
    if _typed_is(run, text, WRONG_KEY) and _exact_choice(run, node, text) is None:
        # "нет, это не так" with no answer taken just before: the question again, never a
        # topic ("نه درست نیست" is not school because "درست" looks like "درس"), unless it is
        # one of the question's own words ("falsch" at the summary is "Etwas ändern")
        actions.not_understood(run, "answer_not_understood")
        return
    if _answer_appointment(run, node, text):
        return
    if run.session.relay and _picks_delivered_button(run, node, text):
        return
    if requests.relay(run, text):
        return
    if isinstance(node, Input):
        # A question the person asked for (/delete, /language, cancelling in /status) is
        # answered before the interrupted one: "yes" after /delete is no name. "Hauptmenü"
        # typed at "your name?" is the button shown beside it, not a name either.
        if _asked_by_command(run) and _answer_picker(run, node, text):
            return
        if not _press_label(run, node, text):
            advance(run, node.typed(run, text))
        return
    if node.ends_path() and requests.open_request(run) is not None:
        # At the end of a path with an open request only a button's number or label is a
        # choice: everything else the person writes is meant for the counsellor. A question
        # the person asked for themselves (/delete, cancelling in /status) is answered first.
        if _asked_by_command(run) and _answer_picker(run, node, text):
            return
        if _press_exact(run, node, text):
            return
    else:
        if _small_talk(run, text):
            return
        flow = run.position.flow
        _keep_detail(run, node, text)
        if _answer_picker(run, node, text) or _answer_question(run, node, text):
            moved = run.session.position is not None and run.position.flow != flow
            described = flow == actions.HANDOFF_FLOW and len(text.split()) >= _DESCRIBED_WORDS
            if (
                (moved or described)
                and _asks_topic(node)
                and _exact_choice(run, node, text) is None
            ):
                _note_own_words(run, text)  # words that led into a new topic, not a place
                answer_first_question(run, text)
            return
    if not _making_request(run, node):
        if _typed_cancel(run, node, text) or _thanks_while_waiting(run, text):
            return
        added = requests.add_to_request(run, text)
        if added is not None:
            actions.acknowledge(run, added)
            return
    _understand(run, node, text)


def _keep_detail(run: Run, node: WaitingNode, text: str) -> None:
    """A request's choice question answered in a sentence ("після 3 години тільки, бо зранку
    курси" at "when suits you?") or with a number ("evening after 6", «بعد الساعة ٦»): the
    buttons cannot hold it, so the words go to the counsellor with the person's own words,
    whatever the sentence picks."""
    if not _making_request(run, node) or not isinstance(node, Ask) or _asks_topic(node):
        return
    short = len(text.split()) <= _SHORT_ANSWER_WORDS
    number_only = _bare_number(text).isdigit()  # a button's number
    if number_only or (short and not any(c.isdigit() for c in text)):
        return  # a short answer says no more than its button; "evening after 6" does
    before = run.session.answers.get(OWN_WORDS_ANSWER)
    if not before:
        run.session.answers[OWN_WORDS_ANSWER] = text
    elif text not in before.split("\n"):
        run.session.answers[OWN_WORDS_ANSWER] = f"{before}\n{text}"


def _making_request(run: Run, node: WaitingNode) -> bool:
    """A new request is being filled in: what the person types answers its questions and
    never goes to (or cancels) an older open request ("садочок" at the topic question is the
    new request's topic, not a message for WG-…)."""
    return run.position.flow == actions.HANDOFF_FLOW and not node.ends_path()


def caption(run: Run, text: str, kind: str, message_ref: str | None) -> None:
    """A photo, document, video or voice message with a caption: the caption is text first."""
    handle(run, text)
    if message_ref and (shown := requests.forward_media(run, kind, message_ref)):
        run.say(shown)


def _after_stop(run: Run, text: str) -> bool:
    """After /stop, a person with an open request still talks to its office: what they type
    reaches the request (an emergency is answered first) instead of starting the welcome."""
    if not text or run.session.position is None or requests.open_request(run) is None:
        return False
    run.session.stopped = False
    if _emergency(run, text):
        return True
    node = run.content.node(run.position.flow, run.position.node)
    if isinstance(node, WaitingNode) and _typed_cancel(run, node, text):
        return True
    added = requests.add_to_request(run, text)
    if added is None:
        return False
    actions.acknowledge(run, added)
    return True


def _typed_back(run: Run, text: str) -> bool:
    """ "رجوع", "برگشت", "назад" typed inside a topic: one question back, as /back. Only the
    whole message counts (the words of `typed_back`), and not at the menu or in the welcome,
    where "رجوع" may mean return counselling."""
    if run.session.relay or run.position.flow in (MENU_FLOW, WELCOME_FLOW):
        return False  # talking with a counsellor, "back" is back to the chat (see relay)
    if not _typed_is(run, text, "typed_back"):
        return False
    actions.command(run, "/back")
    return True


def _typed_delete(run: Run, text: str) -> bool:
    """ "delete my data", «اطلاعاتمو پاک کنید»: a message of two or more words, all of them
    words of `typed_delete` and one of them of `typed_delete_verbs`, asks "really delete
    everything?" as /delete does (a yes still has to be pressed or typed); "my data" alone
    shows them (`typed_mydata`).
    Before, such a message went to the counsellor or asked to cancel the request."""
    ui = run.content.ui
    if len(text.split()) < 2 or not only_words(run, ui.get("typed_delete"), text):
        return _typed_mydata(run, text)  # one word ("bitte", "all") says too little
    verbs = ui.get("typed_delete_verbs")
    if verbs is None or not any(only_words(run, verbs, word) for word in text.split()):
        return _typed_mydata(run, text)  # "meine Daten": to see them, not to delete them
    actions.command(run, "/delete")
    return True


def _typed_mydata(run: Run, text: str) -> bool:
    """ "meine Daten", "my data?", «بياناتي»: the whole message one of `typed_mydata` shows
    what is stored, as /mydata does."""
    if not _typed_is(run, text, "typed_mydata"):
        return False
    actions.command(run, "/mydata")
    return True


def _says_wrong(run: Run, text: str) -> bool:
    """The whole message says "that is not right" (`typed_wrong`) or "back" (`typed_back`)."""
    return _typed_is(run, text, WRONG_KEY) or _typed_is(run, text, "typed_back")


def _typed_is(run: Run, text: str, key: str) -> bool:
    """The whole message is one of the words of the interface text `key`."""
    return _whole_message(text) in _typed_words(run, key)


def _whole_message(text: str) -> str:
    """`text` normalised without end punctuation, to compare a whole message with a list of
    words or names ("Назад!" -> "назад")."""
    return normalize(text).strip(" .!?")


def _typed_words(run: Run, key: str) -> frozenset[str]:
    """The normalised words of the interface text `key` ("zurück, zurückgehen, …") in German
    and in the person's language; built once per content and language."""

    def build() -> frozenset[str]:
        text = run.content.ui.get(key)
        if text is None:
            return frozenset()
        texts = {text.source, run.translate(text.source)}
        return frozenset(normalize(word) for t in texts for word in synonyms(t))

    return _MEMO.get(run.content, ("typed_words", key, run.language), build)


def _typed_cancel(run: Run, node: WaitingNode, text: str) -> bool:
    """ "cancel my request" typed while a request is open ("скасуй запит", "الغي الطلب"; the
    cancel button's label or the words of `button_cancel_request_also`, a few words at most)
    asks "really cancel WG-…?" as the /status button does; a longer message that mentions
    cancelling ("can I cancel my Jobcenter appointment?") goes to the counsellor."""
    ref = requests.open_request(run)
    if ref is None or len(text.split()) > _SHORT_ANSWER_WORDS:
        return False
    cancel = requests.CANCEL_PREFIX + ref
    offered = ((cancel, fill(run.ui("button_cancel_request"), ref=ref)),)
    index = _picker_index(run.content, run.position.flow, node.id, run.language, offered)
    if index.match(text).chosen != cancel:
        return False
    actions.choice(run, cancel)
    return True


def _answer_appointment(run: Run, node: WaitingNode, text: str) -> bool:
    """Typed yes / no / "another time" answers an appointment proposal while its buttons are
    the ones shown (after the proposal, or in /status), in every language: the buttons'
    labels, their numbers and the yes/no words of `knowledge/typed/answers.yaml`. An answer
    longer than a few words reaches the counsellor as well; anything else is left for them."""
    offered = tuple(run.session.offered)
    if not any(requests.is_appointment_answer(choice_id) for choice_id, _ in offered):
        return False
    index = _picker_index(run.content, run.position.flow, node.id, run.language, offered)
    chosen = index.match(text).chosen
    if chosen is None or not requests.is_appointment_answer(chosen):
        return False
    actions.choice(run, chosen)
    if len(text.split()) > _SHORT_ANSWER_WORDS:  # "yes, and may I bring my daughter?"
        requests.tell_request(run, requests.appointment_ref(chosen), text)
    return True


def _adopt_language(run: Run, text: str) -> None:
    """Before the language is confirmed, answer in the language the person writes."""
    understanding = run.content.understanding
    if run.session.language_confirmed or understanding is None or not text:
        return
    detected = run.understood(text, None).language
    if detected in run.content.languages:
        run.session.language = detected


def _start(run: Run, text: str) -> None:
    """A first message: the emergency answer comes first, then the welcome."""
    if text and run.content.understanding is not None:
        welcome = run.content.flows[WELCOME_FLOW]
        run.session.position = Position(WELCOME_FLOW, welcome.start)
        if _emergency(run, text, come_back_to=welcome.start, first=True):
            return
        run.session.position = None
        _remember_question(run, text)
    enter_flow(run, WELCOME_FLOW)


def _emergency(
    run: Run, text: str, come_back_to: str | None = None, *, first: bool = False
) -> bool:
    understanding = run.content.understanding
    if understanding is None:
        return False
    found = run.understood(text, run.language)
    kind = found.emergency
    if kind is None and found.check is not None and triage.can_ask(run):
        triage.ask(run, text, found.check, first=first)
        return True
    if kind is None or run.content.node(EMERGENCY_FLOW, kind) is None:
        return False
    run.emit(EmergencyShown(kind))
    run.session.answers[EMERGENCY_ANSWER] = kind
    run.session.answers[OWN_WORDS_ANSWER] = text
    requests.tell_open_request(run, text, kind)
    advance(run, GoFlow(EMERGENCY_FLOW, kind, come_back_to=come_back_to or run.position.node))
    return True


def _emergency_button(run: Run, text: str) -> bool:
    """The whole label of an offered button into the emergency flow ("Notfall", "اورژانس" at
    the menu) presses it: the emergency menu, not the one kind its word also names."""
    node = run.content.node(run.position.flow, run.position.node)
    if not isinstance(node, Ask) or _bare_number(text).isdigit():
        return False
    choice_id = _exact_choice(run, node, text)
    choice = next((c for c in node.choices if choice_id and choice_id.endswith(f".{c.id}")), None)
    if choice_id is None or choice is None or choice.goto is None:
        return False
    if choice.goto[0] != EMERGENCY_FLOW:
        return False
    actions.choice(run, choice_id)
    return True


def _small_talk(run: Run, text: str) -> bool:
    """A greeting is answered as such, never taken for a button (سلام ≠ سلامت).

    Thanks do not win here: "no, thanks" / «لا شكرا» answers the question; a thank-you that
    picks no button is answered later, by understanding.
    """
    understanding = run.content.understanding
    if understanding is None or _bare_number(text).isdigit():
        return False
    found = run.understood(text, run.language)
    if found.intent != "greeting" or found.area is not None:
        return False
    greeting = understanding.small_talk_words("greeting")
    rest = " ".join(w for w in tokenize(normalize(text)) if w not in greeting)
    position = run.position
    index = question_index(run.content, position.flow, position.node, run.language)
    if rest and (index.match(rest).chosen or _names_the_place(run, rest)):
        return False  # «مو ضروري هلأ» (not urgent now) answers the question; «هلا» is hello
    actions.prompt_again(run, run.ui("greeting_reply"))
    return True


def _names_the_place(run: Run, text: str) -> bool:
    """At the place question, `text` names a place of `knowledge/typed/places.yaml` in any
    script ("انا ساكن ببرنا" after «مرحبا»): the labels alone are Latin ("Pirna")."""
    node = run.content.node(run.position.flow, run.position.node)
    typed = run.content.typed
    return _asks_place(node) and typed is not None and bool(typed.places.find(text))


def _asks_place(node: Node | None) -> bool:
    """The question whose answer is the person's place (welcome, request)."""
    return isinstance(node, Ask) and node.save == PLACE_ANSWER


def _thanks_while_waiting(run: Run, text: str) -> bool:
    """ "дякую", "شكرا كتير" after sending, before a counsellor has taken the request: answered
    here and not passed on, so the counsellor's list holds no message that says nothing. Once
    a counsellor has taken it, or with a question or more words, it goes to the request."""
    ref = requests.open_request(run)
    if ref is None or not requests.unclaimed(run, ref) or run.content.understanding is None:
        return False
    if any(mark in text for mark in QUESTION_MARKS) or not _only_thanks(run, text):
        return False
    found = run.understood(text, run.language)
    if found.intent != "thanks" or found.area is not None or found.emergency is not None:
        return False
    actions.prompt_again(run, fill(run.ui("thanks_request_waiting"), ref=ref))
    return True


def _only_thanks(run: Run, text: str) -> bool:
    """Every word of `text` belongs to a thank-you of the small-talk lexicon (any language;
    emoji and smileys may stand beside): "дякую велике 🙏" is, "danke, Frist Freitag" or
    "شكرا بدي مترجم" is not."""
    understanding = run.content.understanding
    if understanding is None:
        return False
    thanks = understanding.small_talk_words("thanks")
    words = tokenize(normalize(text))
    return bool(words) and all(w in thanks or not any(c.isalnum() for c in w) for w in words)


def _asked_by_command(run: Run) -> bool:
    """The buttons shown are the /delete confirmation, the /language picker, the /status
    cancel buttons or /human's "add to WG-… / new request"."""
    prefixes = (
        actions.DELETE_YES,
        actions.DELETE_NO,
        requests.CANCEL_PREFIX,
        LANGUAGE_PREFIX,
        requests.ADD_PREFIX,
        requests.NEW_REQUEST,
    )
    return any(choice_id.startswith(prefixes) for choice_id, _ in run.session.offered)


def _picks_delivered_button(run: Run, node: WaitingNode, text: str) -> bool:
    """While talking with a counsellor, the exact number or label of buttons the office sent
    since (an appointment's yes / other time, "back to the chat") is a press, not words for
    the counsellor; so are a few words that clearly name "back to the chat" ("back"). A bare
    number never leaves the talk: it answers the counsellor ("how many children?" - "2")."""
    number = _bare_number(text).isdigit()
    choice_id = _exact_choice(run, node, text)
    if choice_id == requests.RELAY_END and number:
        choice_id = None
    if choice_id is None and not number and _names_relay_end(run, node, text):
        choice_id = requests.RELAY_END
    if choice_id is None:
        return False
    actions.choice(run, choice_id)
    return True


def _names_relay_end(run: Run, node: WaitingNode, text: str) -> bool:
    offered = tuple(run.session.offered)
    if len(text.split()) > _RELAY_END_WORDS or not any(
        choice_id == requests.RELAY_END for choice_id, _ in offered
    ):
        return False
    index = _picker_index(run.content, run.position.flow, node.id, run.language, offered)
    return index.match(text).chosen == requests.RELAY_END


def _press_exact(run: Run, node: WaitingNode, text: str) -> bool:
    choice_id = _exact_choice(run, node, text)
    if choice_id is None:
        return False
    actions.choice(run, choice_id)
    return True


def _press_label(run: Run, node: WaitingNode, text: str) -> bool:
    """The whole label of a button shown with a typed-answer question (their language or
    German) is a press, as at the end of a path. Its number is a press only where a bare
    number is no answer (a name, a text: "2" beside "1) Back 2) Main menu" is no name; at
    "how many children?" or a phone number it is the answer)."""
    buttons = node.buttons(run)
    number = _bare_number(text)
    text_question = isinstance(node, Input) and node.kind == "text"
    if text_question and number.isdigit() and 1 <= int(number) <= len(buttons):
        actions.choice(run, buttons[int(number) - 1].id)
        return True
    folded = strip_marks(text).strip().rstrip(".!").casefold()
    for button in buttons:
        german = run.content.ui.get(f"button_{button.id}")
        labels = (strip_marks(button.label), german.source if german else "")
        if any(folded == label.casefold() for label in labels if label):
            actions.choice(run, button.id)
            return True
    return False


def _exact_choice(run: Run, node: WaitingNode, text: str) -> str | None:
    """The button whose number or whole label (their language or German) `text` is."""
    offered = run.session.offered
    buttons: tuple[Choice, ...] = (
        tuple(Choice(i, label) for i, label in offered) if offered else node.buttons(run)
    )
    number = _bare_number(text)
    if number.isdigit() and 1 <= int(number) <= len(buttons):
        return buttons[int(number) - 1].id
    folded = strip_marks(text).strip().casefold()
    own = dict(node_options(run.content, run.position.flow, node.id, run.language))
    for button in buttons:
        labels = (strip_marks(button.label), *own.get(button.id, ()))
        if any(folded == label.casefold() for label in labels):
            return button.id
    return None


# --- matching a typed answer -------------------------------------------------------------


def _answer_picker(run: Run, node: WaitingNode, text: str) -> bool:
    """Buttons shown apart from the question (delete, /status, "did you mean"): answered?"""
    offered = tuple(run.session.offered)
    own = node_options(run.content, run.position.flow, node.id, run.language)
    own_ids = {choice_id for choice_id, _ in own}
    if not offered or tuple(choice_id for choice_id, _ in offered) == tuple(
        choice_id for choice_id, _ in own
    ):
        return False
    index = _picker_index(run.content, run.position.flow, node.id, run.language, offered)
    found = index.match(text)
    if found.chosen:
        actions.choice(run, found.chosen)
        return True
    if found.candidates:
        _did_you_mean(run, found.candidates, dict(offered))
        return True
    asks_own = any(
        answer_kind(i) and not requests.is_appointment_answer(i)
        for i, _ in offered
        if i not in own_ids
    )
    if asks_own and not _match_ids(run, node, text):
        # a yes/no question of its own (delete, appointment): ask it again, do not lose it
        run.say(run.ui("answer_not_understood"), tuple(Choice(i, label) for i, label in offered))
        return True
    return False


def _match_ids(run: Run, node: WaitingNode, text: str) -> tuple[str, ...]:
    found = question_index(run.content, run.position.flow, node.id, run.language).match(text)
    return (found.chosen,) if found.chosen else found.candidates


def _answer_question(run: Run, node: WaitingNode, text: str) -> bool:
    """Typed text that answers the current question picks its choice (or asks which one)."""
    ranged = _ranged_choice(run, node, text)
    if ranged is not None and not _named_otherwise(run, node, text, ranged):
        actions.choice(run, ranged)
        return True
    options = node_options(run.content, run.position.flow, node.id, run.language)
    if options:
        index = question_index(run.content, run.position.flow, node.id, run.language)
    else:
        options = _button_options(run, node)
        index = compile_index(run.content, options, run.language)
    found = index.match(text)
    from_words = _asks_place(node) and found.score < _WHOLE_LABEL
    if from_words:
        # "nicht Pirna", «پیرنا نیستم»: a denied place is asked again, never saved
        found = ChoiceMatch() if _denies(run, text) else (_place(run, options, text) or found)
    if found.chosen and _understood_otherwise(run, node, found, text):
        return False  # "Schulden" is not a typo of "Schule": the topic words decide
    if found.chosen and _place_with_more(run, node, text):
        _remember_question(run, text)  # "ich wohne in Pirna und habe Schulden": then debts
    if found.chosen and from_words:
        take_answer(run, found.chosen, _labels(run, node).get(found.chosen))  # "Verstanden: Pirna"
        return True
    if found.chosen:
        actions.choice(run, found.chosen)
        return True
    if found.candidates:
        _did_you_mean(run, found.candidates, _labels(run, node))
        return True
    return False


def _bare_number(text: str) -> str:
    """`text` in 0-9 digits without spaces and a closing ")" or "." ("٣)" -> "3"): a button's
    number when what is left is digits."""
    return western_digits(text).strip().rstrip(").")


def _ranged_choice(run: Run, node: WaitingNode, text: str) -> str | None:
    """The choice whose `between` holds the one number typed: "24 years", «عمري ٢٤ سنة» ->
    "younger than 27", "10" -> "6 to 18" where there are fewer buttons; a bare number that
    could be a button's number is the button's ("2" with three buttons)."""
    if not isinstance(node, Ask) or not any(choice.between for choice in node.choices):
        return None
    numbers = NUMBER.findall(western_digits(text))
    if len(numbers) != 1:
        return None
    value = float(numbers[0].replace(",", "."))
    if _bare_number(text).isdigit() and value <= len(node.choices):
        return None
    value += _side_of_number(run, text)
    hits = [c for c in node.choices if c.between and c.between[0] <= value <= c.between[1]]
    return f"{run.position.flow}.{node.id}.{hits[0].id}" if len(hits) == 1 else None


def _named_otherwise(run: Run, node: WaitingNode, text: str, ranged: str) -> bool:
    """The words name another choice outright ("9 Uhr abends": the evening, not 9 in the
    morning): then the words decide, not the number."""
    found = question_index(run.content, run.position.flow, node.id, run.language).match(text)
    return found.chosen not in (None, ranged) and found.score >= _WHOLE_LABEL


def _side_of_number(run: Run, text: str) -> float:
    """ "nach 14 Uhr" means later than 14, "vor 12" earlier than 12 (`AnswerWords.number_side`
    on the words before the first number)."""
    typed = run.content.typed
    if typed is None:
        return 0.0
    words = tokenize(normalize(text))
    at = next((i for i, word in enumerate(words) if word[:1].isdigit()), len(words))
    return typed.words.number_side(words[:at])


def _place_with_more(run: Run, node: WaitingNode, text: str) -> bool:
    """The welcome's place question answered in a sentence that may say more than the place
    (three words or more), with no topic kept from an earlier message."""
    return (
        _asks_place(node)
        and run.position.flow == WELCOME_FLOW
        and len(text.split()) >= _DESCRIBED_WORDS
        and PENDING_FLOW_ANSWER not in run.session.answers
    )


def _understood_otherwise(run: Run, node: WaitingNode, found: ChoiceMatch, text: str) -> bool:
    """At a question for the topic, a label matched only loosely (a letter off, some of its
    words) gives way to another life area that the topic words name."""
    if found.score >= _CLEAR_LABEL or found.chosen is None or not _asks_topic(node):
        return False
    if run.content.understanding is None:
        return False
    chosen_area = found.chosen.rsplit(".", 1)[-1]
    understood = run.understood(text, run.language)
    return understood.area is not None and understood.area != chosen_area


def _denies(run: Run, text: str) -> bool:
    """A negation word in the clause that names the place ("nicht Pirna", «پیرنا نیستم»), or
    anywhere when no clause names one; "Leuben, I have no health insurance" denies nothing."""
    typed = run.content.typed
    if typed is None:
        return False
    words = typed.words.for_language(run.language)
    clauses = [c for c in CLAUSE_BREAK.split(text) if c.strip()]
    naming = [c for c in clauses if typed.places.find(c)] or clauses
    return any(words.denies(word) for c in naming for word in tokenize(normalize(c)))


def _place(run: Run, options: Options, text: str) -> ChoiceMatch | None:
    """The place the words name (`knowledge/typed/places.yaml`); an empty match when a word
    is a common word listed there as no place ("leben" is not Leuben); None when no place
    is named (then the buttons' labels decide)."""
    typed = run.content.typed
    if typed is None:
        return None
    by_local = {choice_id.rsplit(".", 1)[-1]: choice_id for choice_id, _ in options}
    ids = tuple(by_local[c] for c in typed.places.find(text) if c in by_local)
    if not ids:
        return ChoiceMatch() if typed.places.says_no_place(text) else None
    return ChoiceMatch(ids[0]) if len(ids) == 1 else ChoiceMatch(candidates=ids)


def _did_you_mean(run: Run, candidates: tuple[str, ...], labels: dict[str, str]) -> None:
    choices = tuple(Choice(i, labels[i]) for i in candidates if i in labels)
    run.say(run.ui("did_you_mean"), choices)


def _labels(run: Run, node: WaitingNode) -> dict[str, str]:
    return {c.id: strip_marks(c.label) for c in node.buttons(run)}


def _picker_index(
    content: Content, flow: str, node_id: str, language: str, offered: tuple[tuple[str, str], ...]
) -> ChoiceIndex:
    """Buttons shown apart from the question; the last few hundred stay compiled."""
    pickers = _MEMO.get(content, ("pickers",), OrderedDict[tuple[object, ...], ChoiceIndex])
    key = (flow, node_id, language, offered)
    if key in pickers:
        pickers.move_to_end(key)
        return pickers[key]
    known = dict(node_options(content, flow, node_id, language))
    options = tuple(
        (choice_id, known.get(choice_id) or _picker_labels(content, language, choice_id, label))
        for choice_id, label in offered
    )
    pickers[key] = index = compile_index(content, options, language)
    if len(pickers) > _MAX_PICKERS:
        pickers.popitem(last=False)
    return index


def _synonyms_key(choice_id: str) -> str | None:
    """The interface text with the words people type instead of this button's label
    ("الغي" for "إلغاء"), translated like every text; None for buttons without."""
    if requests.asks_to_cancel(choice_id):
        return "button_cancel_request_also"
    if choice_id == requests.NEW_REQUEST:
        return "button_new_request_also"
    if choice_id == actions.STAY:
        return "button_stay_in_request_also"  # "no" to leaving the request for another topic
    return None


def _picker_labels(content: Content, language: str, choice_id: str, label: str) -> tuple[str, ...]:
    labels = [label]
    also = content.ui.get(_synonyms_key(choice_id) or "")
    if also is not None:
        labels.extend(synonyms(content.catalogs.translate(also.source, language)[0]))
    if choice_id.startswith(LANGUAGE_PREFIX):
        code = choice_id.removeprefix(LANGUAGE_PREFIX)
        labels.extend((code, native_name(code), *_language_names(code)))
    return tuple(labels)


@lru_cache(maxsize=64)
def _language_names(code: str) -> tuple[str, ...]:
    """A language's name in every language of the picker ("Arabisch", "Arabic", "عربی" …)."""
    names = []
    for other in (*LANGUAGES, code):
        try:
            names.append(Locale.parse(code).get_display_name(other) or code)
        except (UnknownLocaleError, ValueError):
            continue
    aliases = (*_OWN_ALIASES.get(code, ()), *_OTHER_ALIASES.get(code, ()))
    return tuple(dict.fromkeys((*names, *aliases)))


def _button_options(run: Run, node: Node) -> Options:
    if not isinstance(node, WaitingNode):
        return ()
    return tuple(
        (b.id, _picker_labels(run.content, run.language, b.id, strip_marks(b.label)))
        for b in node.buttons(run)
    )


# --- free text that is not an answer -------------------------------------------------------


def _understand(run: Run, node: WaitingNode, text: str) -> None:
    understanding = run.content.understanding
    if isinstance(node, Language) and understanding is not None and _language_of(run, text):
        return
    if not isinstance(node, Language) and _switch_language(run, text):
        return
    if understanding is None or isinstance(node, Language):
        actions.not_understood(run)
        return
    found = run.understood(text, run.language)
    if found.intent == OFFICE_INTENT and _show_office(run):
        return
    if found.area is None:
        key = {"greeting": "greeting_reply", "thanks": "thanks_reply"}.get(
            found.intent or "", "not_understood"
        )
        if key != "not_understood":
            actions.prompt_again(run, run.ui(key))
        elif not _open_named_flow(run, None, text) and not triage.not_in_danger_now(run):
            actions.not_understood(run)
        return
    # several topics: the top two are offered
    areas = [area for area, _ in found.candidates[:2]] if found.unsure else [found.area]
    if _asks_topic(node):
        _answer_topic(run, node, areas, text)
        return
    target = _flow_of(found.area)
    here = run.position.flow
    own_topic = here == actions.HANDOFF_FLOW and run.session.answers.get("topic") == found.area
    if target == here or run.content.flows[here].area == found.area or own_topic:
        if not triage.not_in_danger_now(run):
            actions.not_understood(run, "answer_not_understood")
    elif found.unsure or target not in run.content.flows:
        # "ich habe Schulden" at the place question: unsure between areas, but the words
        # clearly answer the first question of one flow (everyday), which opens
        if not _open_named_flow(run, None, text) and not triage.not_in_danger_now(run):
            actions.not_understood(run)
    elif here == actions.HANDOFF_FLOW:
        _offer_to_leave_request(run, target)
    elif not _open_named_flow(run, found.area, text):
        enter_flow(run, target)
        _note_own_words(run, text)  # the words that led here, for a request
        answer_first_question(run, text)


def _show_office(run: Run) -> bool:
    """Asked "Wo ist Ihr Büro?", «شو عنوانكم»: the office's address and hours (`OFFICE_FLOW`), not
    a counsellor request; never out of a request being filled in."""
    if OFFICE_FLOW not in run.content.flows or run.position.flow == actions.HANDOFF_FLOW:
        return False
    enter_flow(run, OFFICE_FLOW)
    return True


def _open_named_flow(run: Run, area: str | None, text: str) -> bool:
    """Words that clearly answer the first question of a flow other than the area's own
    ("Bezahlkarte", "ich habe Schulden"): that flow opens with the question answered. Never
    out of a counsellor request."""
    if run.session.position is not None and run.position.flow == actions.HANDOFF_FLOW:
        return False
    flow = flow_for_words(run.content, area, text, run.language, run)
    if flow is None or flow == run.position.flow:
        return False
    enter_flow(run, flow)
    _note_own_words(run, text)
    answer_first_question(run, text)
    return True


def _switch_language(run: Run, text: str) -> bool:
    """A language's name in that language typed alone outside a request ("по-русски", "عربي",
    "English"): the bot goes on in that language, as after /language. In a request such a name
    may answer a question (the interpreter's language), so it is not taken there; nor a name
    in another language ("немецкий", «الماني»: German, maybe the German course)."""
    if run.position.flow == actions.HANDOFF_FLOW:
        return False
    code = _languages_by_name(run.content).get(_whole_message(text))
    if code is None or code == run.language:
        return False
    actions.choice(run, LANGUAGE_PREFIX + code)
    return True


def _languages_by_name(content: Content) -> dict[str, str]:
    """Normalised name of a language in that language ("по-русски", "عربي", "english") ->
    language code, for the content's languages; built once per content."""

    def build() -> dict[str, str]:
        return {
            normalize(name): code
            for code in content.languages
            for name in (native_name(code), *_OWN_ALIASES.get(code, ()))
        }

    return _MEMO.get(content, ("languages_by_name",), build)


def _language_of(run: Run, text: str) -> bool:
    """A question typed at the welcome's language picker ("Добрий день, де можна знайти
    квартиру?"): its language is chosen, and its topic comes after the place question."""
    if run.position.flow != WELCOME_FLOW or len(text.split()) < _QUESTION_WORDS:
        return False
    language = run.understood(text, None).language
    if language not in run.content.languages:
        return False
    _remember_question(run, text)
    actions.choice(run, LANGUAGE_PREFIX + language)
    return True


def _remember_question(run: Run, text: str) -> None:
    """A first message that names a life area: the welcome leads to it instead of the menu,
    and the words are kept for a counsellor request ("where can I find a flat in Pirna?")."""
    found = run.understood(text, None)
    language = found.language or run.language
    area = None if found.unsure else found.area  # unsure: only a flow the words name
    named = flow_for_words(run.content, area, text, language, run)
    flow = named or (_flow_of(area) if area else "")
    if flow in run.content.flows:
        run.session.answers[PENDING_FLOW_ANSWER] = flow
        run.session.answers[OWN_WORDS_ANSWER] = text


def _note_own_words(run: Run, text: str) -> None:
    """Keep the words that led into a new flow, for a counsellor request. Words that only ask
    for a counsellor ("talk to someone", "با مشاور") keep what the person said before ("I got
    a letter from the Jobcenter", an emergency message): that is what the counsellor needs."""
    if len(text.split()) < _OWN_WORDS_MIN:  # "خونه", "Kita": a topic named, nothing told
        return
    answers = run.session.answers
    in_request = run.session.position is not None and run.position.flow == actions.HANDOFF_FLOW
    before = answers.get(OWN_WORDS_ANSWER)
    if not (in_request and before and not _only_asks_for_counsellor(run, before)):
        answers[OWN_WORDS_ANSWER] = text


def _only_asks_for_counsellor(run: Run, words: str) -> bool:
    """ "хочу поговорити з людиною": words whose only topic is talking to a counsellor; the
    problem typed at "what is it about?" then says more and takes their place."""
    return run.understood(words, run.language).area == "human"


def _flow_of(area: str) -> str:
    return actions.HANDOFF_FLOW if area == "human" else area


def _asks_topic(node: WaitingNode) -> bool:
    """The menu and "what is it about?": questions whose choices are the life areas."""
    if not isinstance(node, Ask):
        return False
    return sum(choice.id in LIFE_AREAS for choice in node.choices) >= _TOPIC_QUESTION_AREAS


def _answer_topic(run: Run, node: WaitingNode, areas: list[str], text: str) -> None:
    labels = _labels(run, node)
    base = f"{run.position.flow}.{node.id}."
    ids = [base + area for area in areas if base + area in labels]
    if len(areas) == 1 and _open_named_flow(run, areas[0], text):
        return
    if len(areas) == 1 and ids:
        actions.choice(run, ids[0])
        _note_own_words(run, text)  # "I got a letter from the Jobcenter" at the menu
        answer_first_question(run, text)  # "шукаю квартиру": housing, and what about it
    elif len(ids) > 1 and run.position.flow != MENU_FLOW:
        _did_you_mean(run, tuple(ids), labels)
    elif len(areas) > 1:
        _clarify(run, areas)
    else:
        target = _flow_of(areas[0])
        if target in run.content.flows and target != run.position.flow:
            enter_flow(run, target)
            answer_first_question(run, text)
        else:
            actions.not_understood(run, "answer_not_understood")


def _offer_to_leave_request(run: Run, target: str) -> None:
    """Inside a counsellor request a topic word asks first: leave the request, or stay?"""
    flow = run.content.flows[target]
    title = run.translate(flow.title.source) if flow.title else target
    run.say(
        fill(run.ui("leave_request"), topic=title),
        (
            Choice(actions.AREA_PREFIX + target, fill(run.ui("button_leave_request"), topic=title)),
            Choice(actions.STAY, run.ui("button_stay_in_request")),
        ),
    )


def _clarify(run: Run, areas: list[str]) -> None:
    flows = [run.content.flows.get(_flow_of(area)) for area in areas]
    choices = [
        Choice(
            actions.AREA_PREFIX + flow.id,
            run.translate(flow.title.source) if flow.title else flow.id,
        )
        for flow in flows
        if flow is not None
    ]
    run.say(run.ui("clarify"), (*choices, *run.global_choices("menu")))
