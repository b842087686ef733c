"""Words that led into a topic may already answer its first question.

"шукаю квартиру в Пірні" typed at the menu opens housing, whose first question is "where do
you live now?"; the same words answer it ("I am looking for a flat"). The bot then takes that
choice as if it had been pressed, says in one line what it understood (and that /back undoes
it) and goes on, instead of asking what the person has just said. The same holds for a first
message that named a topic before the language and place were asked.

Words that name no life area ("Was ist die Bezahlkarte?") or whose area's own flow does not
know them ("ich habe Schulden": benefits, but debts are a choice of the everyday flow) open
the one flow whose first question they clearly answer (`flow_for_words`), instead of "not
understood" or the wrong question.

Only a clear match counts: the whole label, short label or a staff synonym (`also`) of one
choice found in the words (`ChoiceIndex` score ≥ `CLEAR_MATCH`, no rival); anything less and
the question is asked as before. Never for a counsellor request (its answers are the
person's own, never guessed) or for a question whose choices only lead to other topics.
`python -m bot.bench.first_answer` lists what the labelled and blind sets would answer.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from bot.content.memo import PerContent
from bot.content.model import Content
from bot.engine import actions
from bot.engine.question_options import question_index
from bot.engine.run import Run
from bot.i18n.direction import strip_marks
from bot.i18n.placeholders import fill
from bot.nodes.ask import Ask
from bot.understand.choices import ChoiceIndex
from bot.understand.normalize import normalize
from bot.understand.tokens import tokenize

CLEAR_MATCH = 95.0  # a label, short label or synonym found whole in the typed words
_BEFORE = 3  # a negation this many words before a word of the option turns it around
_AFTER = 2  # … or this many after ("долгов нет", "Duldung ندارم")
_MIN_INSIDE = 3  # letters a word needs to count when inside another ("بالكامب" / "كامب")
_CLOSE = 85.0  # rapidfuzz ratio at which a typed word is the option's word with a typo
TAKEN_KEY = "typed_choice_taken"  # interface text: "I understood: {answer} …"
# Set for one turn after an answer was taken: "stimmt nicht", "غلط" then goes back (step.py)
TAKEN_MARK = "_taken_from_words"
WRONG_KEY = "typed_wrong"  # interface text: the words people type for "that is not right"
_NOT_TOPICS = frozenset({actions.HANDOFF_FLOW, "menu", "welcome", "emergency"})
_MEMO = PerContent()


def clear_choice(content: Content, flow: str, text: str, language: str) -> str | None:
    """The id of the choice of `flow`'s first question that `text` clearly names, or None
    (also for the counsellor request, a flow that does not start with a question, or one
    whose choices only lead into other flows)."""
    if flow == actions.HANDOFF_FLOW or flow not in content.flows:
        return None
    start = content.flows[flow].start
    node = content.node(flow, start)
    if not isinstance(node, Ask) or not node.from_words or all(c.goto for c in node.choices):
        return None
    index = question_index(content, flow, start, language)
    if index.words.mentions_unknown(tokenize(normalize(text))):
        return None  # "(والله) ما بعرف" (I don't know) names no topic, not even its "don't know"
    found = index.match(text)
    if found.chosen is None or found.score < CLEAR_MATCH:
        return None
    if _negated(index, found.chosen, text):
        return None  # "ما بدور على بيت", "долгов нет", "دنبال خونه نمیگردم": asked, not guessed
    return found.chosen


def turn_clear_choice(run: Run, flow: str, text: str, language: str) -> str | None:
    """`clear_choice` worked out once per turn (a message that opens a topic asks it up to
    three times: which flow, then the answer, then the first question)."""
    return run.once(
        ("clear_choice", flow, text, language),
        lambda: clear_choice(run.content, flow, text, language),
    )


def flow_for_words(
    content: Content, area: str | None, text: str, language: str, run: Run | None = None
) -> str | None:
    """The flow that words about `area` (None: no life area understood) should open because
    they clearly answer its first question, when that is not the area's own flow: another
    flow of the same area ("Schulden": everyday, not benefits), or, with no area, the one
    topic flow of all whose first question they answer ("Bezahlkarte"). None otherwise (also
    when two flows would fit: then nothing is guessed). With `run`, what is worked out is
    kept for the rest of that turn."""

    def clear(flow: str) -> str | None:
        if run is None:
            return clear_choice(content, flow, text, language)
        return turn_clear_choice(run, flow, text, language)

    flows = _topic_flows(content)
    if area is not None:
        if area in flows and clear(area):
            return None  # the area's own flow answers it
        flows = tuple(f for f in flows if f != area and content.flows[f].area == area)
    answered = [flow for flow in flows if clear(flow)]
    return answered[0] if len(answered) == 1 else None


def _topic_flows(content: Content) -> tuple[str, ...]:
    """Flows of a life area that start with a question of their own (not the request)."""

    def build() -> tuple[str, ...]:
        return tuple(
            flow_id
            for flow_id, flow in content.flows.items()
            if flow.area
            and flow_id not in _NOT_TOPICS
            and isinstance(content.node(flow_id, flow.start), Ask)
        )

    return _MEMO.get(content, ("topic_flows",), build)


def answer_first_question(run: Run, text: str) -> bool:
    """When the person stands at the first question of a flow and `text` clearly answers it:
    the question's prompt (the last reply) gives way to one line naming the answer, and the
    choice is made as if pressed. Returns whether it was answered."""
    position = run.session.position
    if position is None or position.node != run.content.flows[position.flow].start:
        return False
    chosen = turn_clear_choice(run, position.flow, text, run.language)
    node = run.content.node(position.flow, position.node)
    if chosen is None or not isinstance(node, Ask):
        return False
    labels = {choice.id: strip_marks(choice.label) for choice in node.buttons(run)}
    if chosen not in labels:
        return False
    if run.replies and {choice.id for choice in run.replies[-1].choices} == set(labels):
        run.replies.pop()
    take_answer(run, chosen, labels[chosen])
    return True


def take_answer(run: Run, chosen: str, label: str | None) -> None:
    """An answer read from the person's words, not its button: one line names it
    ("Verstanden: … /back", when `label` is known), the choice is made as if pressed, and
    "stimmt nicht" right after goes back to the question (`TAKEN_MARK`)."""
    if label:
        run.say(fill(run.ui(TAKEN_KEY), answer=label))
    actions.choice(run, chosen)
    run.session.answers[TAKEN_MARK] = chosen


def _negated(index: ChoiceIndex, chosen: str, text: str) -> bool:
    """Every word of the chosen option in `text` has a negation close to it: up to three
    words before ("ما عدت ساكن بالكامب"), two after ("долгов нет"); a glued negation
    standing alone (Arabic "ما") counts. A negated form of the option that the words contain
    ("no bank account") is no negation of it. With no word of the option found, any
    negation counts (nothing is guessed)."""
    typed = tokenize(normalize(text))
    words = index.words
    negations = [i for i, w in enumerate(typed) if words.denies(w)]
    if not negations:
        return False
    forms = index.forms[index.ids.index(chosen)]
    joined = f" {' '.join(typed)} "
    if any(form.negated and f" {form.text} " in joined for form in forms):
        return False
    option_words = {w for form in forms for w in form.content}
    used = [i for i, w in enumerate(typed) if any(_same_word(w, o) for o in option_words)]
    # every word of the option is denied ("ما بدور على بيت"); one said plainly keeps it
    # ("I need a lawyer but have no money": the lawyer is not denied)
    return all(any(-_AFTER <= u - n <= _BEFORE for n in negations) for u in used)


def _same_word(typed: str, known: str) -> bool:
    if min(len(typed), len(known)) >= _MIN_INSIDE and (known in typed or typed in known):
        return True  # "بالكامب" / "كامب", "Wohnungen" / "wohnung"
    return fuzz.ratio(typed, known) >= _CLOSE
