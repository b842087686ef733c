"""Walking the content: apply a node's move until a node waits for the person."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.bypassed import forget_bypassed
from bot.engine.run import Run
from bot.events import HandoffRequested
from bot.nodes.base import Go, GoFlow, Move, Return, Wait
from bot.session import Position

MENU_FLOW = "menu"
EMERGENCY_FLOW = "emergency"
HANDOFF_FLOW = "handoff"
# Answers that only live on the way into a request: the kind of emergency shown (only while in
# the emergency or handoff flow) and the person's own words that led there (until the menu).
EMERGENCY_ANSWER = "emergency"
OWN_WORDS_ANSWER = "own_words"
WELCOME_FLOW = "welcome"
# The flow a first question named ("where can I find a flat?" before the language and place
# were chosen): the welcome goes on to it instead of the menu.
PENDING_FLOW_ANSWER = "pending_flow"
MAX_MOVES = 200
MAX_STACK = 10
MAX_HISTORY = 30


def advance(run: Run, move: Move) -> None:
    """Follow moves from the current position until a node waits."""
    origin = run.session.position
    events_before = len(run.events)
    for _ in range(MAX_MOVES):
        if isinstance(move, Wait):
            if any(isinstance(e, HandoffRequested) for e in run.events[events_before:]):
                run.session.history = []  # a sent request cannot be sent again by going back
            else:
                _remember(run, origin)
            _forget_lead_in(run)
            return
        if isinstance(move, Go):
            forget_bypassed(run, run.position.node, move.node)  # "chat" after "call": no phone
        run.session.position = _target(run, move)
        node = run.content.node(run.position.flow, run.position.node)
        assert node is not None, "validated content has no dangling links"
        move = node.enter(run)
    # Validated content cannot loop without waiting; this guards content loaded without checks.
    run.say(run.ui("error_loop"))
    enter_flow(run, MENU_FLOW)


def enter_flow(run: Run, flow: str, node: str | None = None) -> None:
    if run.session.position is None:
        run.session.position = Position(flow, node or run.content.flows[flow].start)
        node_obj = run.content.node(flow, run.position.node)
        assert node_obj is not None
        advance(run, node_obj.enter(run))
        return
    advance(run, GoFlow(flow, node))


def reenter(run: Run) -> None:
    """Run the current node again (shows the current question again)."""
    node = run.content.node(run.position.flow, run.position.node)
    assert node is not None
    advance(run, node.enter(run))


def _target(run: Run, move: Move) -> Position:
    here = run.position
    if isinstance(move, Go):
        return replace(here, node=move.node)
    if isinstance(move, GoFlow):
        return _into_flow(run, here, move)
    assert isinstance(move, Return)
    if here.stack:
        flow, node = here.stack[-1]
        return Position(flow, node, here.stack[:-1])
    return Position(MENU_FLOW, run.content.flows[MENU_FLOW].start)


def _into_flow(run: Run, here: Position, move: GoFlow) -> Position:
    flow = run.content.flows[move.flow]
    if flow.area:
        run.session.answers["topic"] = flow.area
    if move.flow == MENU_FLOW:
        pending = run.session.answers.pop(PENDING_FLOW_ANSWER, "")
        if here.flow == WELCOME_FLOW and pending in run.content.flows and not move.node:
            asked = run.content.flows[pending]
            if asked.area:
                run.session.answers["topic"] = asked.area
            return Position(pending, asked.start)
        return Position(MENU_FLOW, move.node or flow.start)
    stack = here.stack
    if move.come_back_to:
        stack = (*stack, (here.flow, move.come_back_to))[-MAX_STACK:]
    return Position(move.flow, move.node or flow.start, stack)


def _remember(run: Run, origin: Position | None) -> None:
    if origin is not None and origin != run.session.position:
        run.session.history = [*run.session.history, origin][-MAX_HISTORY:]


def _forget_lead_in(run: Run) -> None:
    flow = run.position.flow
    if flow not in (EMERGENCY_FLOW, HANDOFF_FLOW):
        run.session.answers.pop(EMERGENCY_ANSWER, None)
    if flow == MENU_FLOW:
        run.session.answers.pop(OWN_WORDS_ANSWER, None)
