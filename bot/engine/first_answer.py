"""Words that led into a topic may already answer its first question.

"шукаю квартиру в Пірні" typed at the menu opens housing, whose first question is "where do
you live now?"; the same words answer it ("I am looking for a flat"). The bot then takes that
choice as if it had been pressed, says in one line what it understood (and that /back undoes
it) and goes on, instead of asking what the person has just said. The same holds for a first
message that named a topic before the language and place were asked.

Only a clear match counts: the whole label, short label or a staff synonym (`also`) of one
choice found in the words (`ChoiceIndex` score ≥ `CLEAR_MATCH`, no rival); anything less and
the question is asked as before. Never for a counsellor request (its answers are the
person's own, never guessed) or for a question whose choices only lead to other topics.
`python -m bot.bench.first_answer` lists what the labelled and blind sets would answer.
"""

from __future__ import annotations

from bot.content.model import Content
from bot.engine import actions
from bot.engine.question_options import question_index
from bot.engine.run import Run
from bot.i18n.direction import strip_marks
from bot.i18n.placeholders import fill
from bot.nodes.ask import Ask

CLEAR_MATCH = 95.0  # a label, short label or synonym found whole in the typed words
TAKEN_KEY = "typed_choice_taken"  # interface text: "I understood: {answer} …"


def clear_choice(content: Content, flow: str, text: str, language: str) -> str | None:
    """The id of the choice of `flow`'s first question that `text` clearly names, or None
    (also for the counsellor request, a flow that does not start with a question, or one
    whose choices only lead into other flows)."""
    if flow == actions.HANDOFF_FLOW or flow not in content.flows:
        return None
    start = content.flows[flow].start
    node = content.node(flow, start)
    if not isinstance(node, Ask) or all(choice.goto for choice in node.choices):
        return None
    found = question_index(content, flow, start, language).match(text)
    if found.chosen is None or found.score < CLEAR_MATCH:
        return None
    return found.chosen


def answer_first_question(run: Run, text: str) -> bool:
    """When the person stands at the first question of a flow and `text` clearly answers it:
    the question's prompt (the last reply) gives way to one line naming the answer, and the
    choice is made as if pressed. Returns whether it was answered."""
    position = run.session.position
    if position is None or position.node != run.content.flows[position.flow].start:
        return False
    chosen = clear_choice(run.content, position.flow, text, run.language)
    node = run.content.node(position.flow, position.node)
    if chosen is None or not isinstance(node, Ask):
        return False
    labels = {choice.id: strip_marks(choice.label) for choice in node.buttons(run)}
    if chosen not in labels:
        return False
    if run.replies and {choice.id for choice in run.replies[-1].choices} == set(labels):
        run.replies.pop()
    run.say(fill(run.ui(TAKEN_KEY), answer=labels[chosen]))
    actions.choice(run, chosen)
    return True
