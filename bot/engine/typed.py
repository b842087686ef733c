"""Typed text: emergencies first, then the current question, then understanding."""

from __future__ import annotations

from bot.engine import actions, requests
from bot.engine.moves import WELCOME_FLOW, advance, enter_flow
from bot.engine.run import Run
from bot.events import EmergencyShown
from bot.i18n.languages import native_name
from bot.messages import Choice
from bot.nodes.base import GoFlow, Node, WaitingNode
from bot.nodes.input_node import Input
from bot.nodes.input_types import western_digits
from bot.nodes.language import LANGUAGE_PREFIX, Language
from bot.session import Position

EMERGENCY_FLOW = "emergency"


def handle(run: Run, text: str) -> None:
    if run.session.position is None or run.session.stopped:
        run.session.stopped = False
        _start(run, text)
        return
    if not text:
        actions.prompt_again(run, run.ui("not_understood"))
        return
    if _emergency(run, text) or requests.relay(run, text):
        return
    node = run.content.node(run.position.flow, run.position.node)
    assert isinstance(node, WaitingNode), "a person always stands at a node that waits"
    if isinstance(node, Input):
        advance(run, node.typed(run, text))
        return
    if _small_talk(run, text):
        return
    choice_id = _match_choice(run, node, text)
    if choice_id is not None:
        actions.choice(run, choice_id)
        return
    _understand(run, text)


def _start(run: Run, text: str) -> None:
    """A first message: the emergency answer comes first, then the welcome."""
    if text and run.content.understanding is not None:
        welcome = run.content.flows[WELCOME_FLOW]
        run.session.position = Position(WELCOME_FLOW, welcome.start)
        if _emergency(run, text, come_back_to=welcome.start):
            return
        run.session.position = None
    enter_flow(run, WELCOME_FLOW)


def _emergency(run: Run, text: str, come_back_to: str | None = None) -> bool:
    understanding = run.content.understanding
    if understanding is None:
        return False
    kind = understanding.understand(text, run.language).emergency
    if kind is None or run.content.node(EMERGENCY_FLOW, kind) is None:
        return False
    run.emit(EmergencyShown(kind))
    advance(run, GoFlow(EMERGENCY_FLOW, kind, come_back_to=come_back_to or run.position.node))
    return True


def _small_talk(run: Run, text: str) -> bool:
    """A greeting is answered as such, never taken for a button (سلام ≠ سلامت).

    Thanks do not win here: "no, thanks" / «لا شكرا» answers the question; a thank-you that
    picks no button is answered later, by understanding.
    """
    understanding = run.content.understanding
    if understanding is None or western_digits(text).strip().rstrip(").").isdigit():
        return False
    found = understanding.understand(text, run.language)
    if found.intent != "greeting" or found.area is not None:
        return False
    actions.prompt_again(run, run.ui("greeting_reply"))
    return True


def _match_choice(run: Run, node: WaitingNode, text: str) -> str | None:
    """The button the text means: among those last shown (a picker, /status), else the node's."""
    offered = run.session.offered
    buttons: tuple[Choice, ...] = (
        tuple(Choice(i, label) for i, label in offered) if offered else node.buttons(run)
    )
    number = western_digits(text).strip().rstrip(").")
    if number.isdigit() and 1 <= int(number) <= len(buttons):
        return buttons[int(number) - 1].id
    options = _options(run, node, buttons)
    folded = text.casefold()
    for choice_id, labels in options:
        if any(folded == label.casefold() for label in labels):
            return choice_id
    understanding = run.content.understanding
    return understanding.match_choice(text, options) if understanding else None


def _options(run: Run, node: Node, buttons: tuple[Choice, ...]) -> list[tuple[str, list[str]]]:
    """Each button with the labels a person might type: their language, German, short forms."""
    from bot.i18n.direction import strip_marks

    german = _german_labels(run, node)
    options = []
    for button in buttons:
        labels = [strip_marks(button.label)]
        if button.short:
            labels.append(strip_marks(button.short))
        labels.extend(german.get(button.id, ()))
        if button.id.startswith(LANGUAGE_PREFIX):
            code = button.id.removeprefix(LANGUAGE_PREFIX)
            labels.extend((code, native_name(code)))
        options.append((button.id, labels))
    return options


def _german_labels(run: Run, node: Node) -> dict[str, tuple[str, ...]]:
    from bot.nodes.ask import Ask
    from bot.nodes.summary import Summary

    base = f"{run.position.flow}.{node.id}."
    if isinstance(node, Summary):
        return {base + "send": (node.confirm.source,), base + "change": (node.change.source,)}
    if not isinstance(node, Ask):
        return {}
    return {base + c.id: tuple(t.source for t in (c.text, c.short) if t) for c in node.choices}


def _understand(run: Run, text: str) -> None:
    understanding = run.content.understanding
    node = run.content.node(run.position.flow, run.position.node)
    if understanding is None or isinstance(node, Language):
        actions.prompt_again(run, run.ui("not_understood"))
        return
    found = understanding.understand(text, run.language)
    if found.area is None:
        key = {"greeting": "greeting_reply", "thanks": "thanks_reply"}.get(
            found.intent or "", "not_understood"
        )
        actions.prompt_again(run, run.ui(key))
        return
    if found.unsure and len(found.candidates) > 1:
        _clarify(run, [area for area, _ in found.candidates[:3]])
        return
    target = actions.HANDOFF_FLOW if found.area == "human" else found.area
    if target in run.content.flows:
        enter_flow(run, target)
    else:
        actions.prompt_again(run, run.ui("not_understood"))


def _clarify(run: Run, areas: list[str]) -> None:
    flows = [
        run.content.flows.get(actions.HANDOFF_FLOW if area == "human" else area) for area in areas
    ]
    choices = [
        Choice(
            actions.AREA_PREFIX + flow.id,
            run.translate(flow.title.source) if flow.title else flow.id,
        )
        for flow in flows
        if flow is not None
    ]
    run.say(run.ui("clarify"), (*choices, *run.global_choices("menu")))
