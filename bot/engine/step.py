"""The engine's entry point: one inbound message in, one turn out. Pure: no I/O."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from bot.content.model import Content
from bot.engine import actions, triage, typed
from bot.engine.first_answer import TAKEN_MARK, answer_first_question
from bot.engine.moves import MENU_FLOW, OWN_WORDS_ANSWER, WELCOME_FLOW, enter_flow, reenter
from bot.engine.run import Run
from bot.events import Event
from bot.i18n.direction import strip_marks
from bot.i18n.languages import supported
from bot.i18n.placeholders import fill
from bot.messages import Inbound, Reply
from bot.session import Position, Session
from bot.understand.normalize import remembered

# What Telegram and WhatsApp carry in one message: nothing a person sends there is cut. A
# longer text (the terminal) is cut, and the person is told from where on it did not arrive.
MAX_TEXT = 4096
_SHOWN_START = 40  # characters of the part that did not arrive, to say where it begins


@dataclass(frozen=True)
class Turn:
    session: Session
    replies: tuple[Reply, ...]
    events: tuple[Event, ...]


def step(content: Content, session: Session, inbound: Inbound) -> Turn:
    """One turn: what `inbound` (a press, a command, typed text or media) does to a copy of
    `session` with `content`. Returns the new session, the replies in order and the events
    (requests, deletions) for the conversation to store in one transaction; `session` itself
    is not changed. Raises only on a bug (the conversation then answers with an apology)."""
    with remembered():
        return _step(content, session, inbound)


def _step(content: Content, session: Session, inbound: Inbound) -> Turn:
    run = Run(content, session.copy())
    _adopt_language_hint(run, inbound)
    _repair_position(run)
    was = run.session.position
    taken = run.session.answers.pop(TAKEN_MARK, None) is not None  # only for the next message
    text = clean_text(inbound.text or "")
    if lost := cut_off(inbound.text or ""):
        run.say(fill(run.ui("text_cut"), limit=str(MAX_TEXT), start=lost[:_SHOWN_START]))
    if inbound.kind != "text" and (inbound.kind == "edited" or not text):
        actions.unsupported(run, inbound.kind, inbound.message_ref)
    elif inbound.kind != "text":  # a caption is text: read it first, then pass the media on
        typed.caption(run, text, inbound.kind, inbound.message_ref)
    elif inbound.choice and triage.handles(inbound.choice):
        triage.choose(run, inbound.choice)
    elif inbound.choice:
        triage.forget(run)
        actions.choice(run, inbound.choice)
    elif text.startswith("/"):
        triage.forget(run)
        actions.command(run, text)
    else:
        typed.handle(run, text, after_taken=taken)
    _answer_pending_question(run, was)
    _remember_offered(run)
    return Turn(run.session, tuple(run.replies), tuple(run.events))


def resume(content: Content, session: Session) -> Turn:
    """Show a returning person where they left off (after a restart of the chat)."""
    run = Run(content, session.copy())
    _repair_position(run)
    if run.session.position is None:
        enter_flow(run, WELCOME_FLOW)
    else:
        run.say(run.ui("welcome_back"))
        reenter(run)
    _remember_offered(run)
    return Turn(run.session, tuple(run.replies), ())


def _remember_offered(run: Run) -> None:
    shown = next((r.choices for r in reversed(run.replies) if r.choices), None)
    if shown is not None:
        run.session.offered = [(c.id, strip_marks(c.label)) for c in shown]


def clean_text(raw: str) -> str:
    """Drop control characters (keeping line breaks) and cap the length."""
    return _without_controls(raw)[:MAX_TEXT]


def cut_off(raw: str) -> str:
    """The part of a text that `clean_text` leaves out ('' when it keeps it all)."""
    return _without_controls(raw)[MAX_TEXT:].strip()


def _without_controls(raw: str) -> str:
    kept = "".join(
        ch for ch in raw[: MAX_TEXT * 2] if ch == "\n" or unicodedata.category(ch) != "Cc"
    )
    return kept.strip()


def _answer_pending_question(run: Run, was: Position | None) -> None:
    """A first message that named a topic ("Добрий день, де можна знайти квартиру?") leads,
    after language and place, into that topic: its words may answer the topic's first
    question as well."""
    words = run.session.answers.get(OWN_WORDS_ANSWER)
    now = run.session.position
    if words and was is not None and was.flow == WELCOME_FLOW and now and now.flow != was.flow:
        answer_first_question(run, words)


def _adopt_language_hint(run: Run, inbound: Inbound) -> None:
    hint = supported(inbound.locale_hint, run.content.languages)
    if hint and not run.session.language_confirmed:
        run.session.language = hint


def _repair_position(run: Run) -> None:
    """A position whose node vanished after a content change restarts at the menu."""
    position = run.session.position
    if position is None or run.content.node(position.flow, position.node) is not None:
        return
    run.session.position = Position(MENU_FLOW, run.content.flows[MENU_FLOW].start)
    run.session.history = []
    run.say(run.ui("content_changed"))
