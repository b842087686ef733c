"""Commands and buttons that work in every state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.engine import requests
from bot.engine.answers import describe_answers
from bot.engine.moves import MENU_FLOW, WELCOME_FLOW, advance, enter_flow, reenter
from bot.engine.run import Run
from bot.events import ConversationStopped, DataDeletionRequested, DataShown
from bot.i18n.direction import mark_rtl
from bot.i18n.placeholders import fill
from bot.messages import Choice
from bot.nodes.base import Go, WaitingNode
from bot.nodes.handoff import Handoff
from bot.nodes.language import LANGUAGE_PREFIX, Language, language_choices
from bot.session import Session

HANDOFF_FLOW = "handoff"
AREA_PREFIX = "area."
DELETE_YES, DELETE_NO = "delete.yes", "delete.no"
STAY = "stay"  # "stay in the request": shows the current question again
# How many typed messages in a row were not understood (a private answer, never summarised).
MISSES = "_not_understood"
_WAY_OUT_FROM = 2  # from the second "not understood" in a row on, the menu and a counsellor


def command(run: Run, text: str) -> None:
    name = text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(text) > 1 else ""
    handler = COMMANDS.get(name)
    # A command leaves the direct talk with a counsellor (what is typed later still reaches
    # the open request, see typed.handle), so the buttons it shows can be chosen by number.
    run.session.relay = None
    run.session.answers.pop(MISSES, None)
    if handler is None:
        prompt_again(run, run.ui("unknown_command"))
        return
    handler(run)


def choice(run: Run, choice_id: str) -> None:
    run.session.answers.pop(MISSES, None)
    if requests.asks_to_cancel(choice_id):
        _ask_to_cancel(run, choice_id)
    elif requests.handles(choice_id):
        acknowledge(run, requests.choose(run, choice_id))
    elif choice_id == requests.NEW_REQUEST:
        _ensure_started(run)
        enter_flow(run, HANDOFF_FLOW)
    elif choice_id in COMMANDS:
        COMMANDS[choice_id](run)
    elif choice_id.startswith(LANGUAGE_PREFIX):
        _choose_language(run, choice_id.removeprefix(LANGUAGE_PREFIX))
    elif (
        choice_id.startswith(AREA_PREFIX)
        and choice_id.removeprefix(AREA_PREFIX) in run.content.flows
    ):
        enter_flow(run, choice_id.removeprefix(AREA_PREFIX))
    elif choice_id in (DELETE_YES, DELETE_NO):
        _delete(run, confirmed=choice_id == DELETE_YES)
    elif choice_id == STAY:
        reenter_or_start(run)
    else:
        _node_choice(run, choice_id)


def unsupported(run: Run, kind: str, message_ref: str | None = None) -> None:
    """Media go to the counsellor of an open request; otherwise: what the bot can read."""
    if (
        message_ref
        and kind != "edited"
        and (shown := requests.forward_media(run, kind, message_ref))
    ):
        acknowledge(run, shown)
        return
    key = "edited_message" if kind == "edited" else "unsupported_message"
    prompt_again(run, run.ui(key))


def start(run: Run) -> None:
    run.session.position = None
    run.session.answers = {}
    run.session.history = []
    run.session.stopped = False
    enter_flow(run, WELCOME_FLOW)


def menu(run: Run) -> None:
    _ensure_started(run)
    enter_flow(run, MENU_FLOW)


def human(run: Run) -> None:
    _ensure_started(run)
    offer = requests.offer_for_open_request(run)
    if offer is not None:
        run.say(*offer)
        return
    enter_flow(run, HANDOFF_FLOW)


def back(run: Run) -> None:
    if run.session.position is None or not run.session.history:
        prompt_again(run, run.ui("back_none"))
        return
    *rest, previous = run.session.history
    run.session.history = rest
    run.session.position = previous
    node = run.content.node(previous.flow, previous.node)
    if not isinstance(node, WaitingNode):
        prompt_again(run, run.ui("back_none"))
        return
    saved = getattr(node, "save", None)
    if isinstance(saved, str):
        run.session.answers.pop(saved, None)  # undone: asked again, not kept for a request
    node.prompt(run)


def language(run: Run) -> None:
    run.say(run.ui("language_prompt"), language_choices(run.content.languages, run.language))


def help_(run: Run) -> None:
    prompt_again(run, run.ui("help"))


def stop(run: Run) -> None:
    """/stop: the conversation ends. A request being filled in and not sent is dropped with
    its answers (phone, name …): what the `forget` list of its flow's handoff node names."""
    if run.session.position is not None and run.position.flow == HANDOFF_FLOW:
        for node in run.content.flows[HANDOFF_FLOW].nodes.values():
            for name in node.forget if isinstance(node, Handoff) else ():
                run.session.answers.pop(name, None)
    run.session.stopped = True
    run.emit(ConversationStopped())
    run.say(run.ui("stopped"), run.global_choices("start"))


def my_data(run: Run) -> None:
    """The session's answers here; the host adds each request with what it holds (DataShown)."""
    shown = describe_answers(run.content, run.session.answers, run.language)
    lines = [(label, value) for label, value in shown if value.strip()]  # no "Topic: " alone
    if run.session.requests:
        run.emit(DataShown())
    if not lines and not run.session.requests:
        prompt_again(run, run.ui("mydata_empty"))
        return
    footer = run.ui("mydata_footer")
    if not lines:
        prompt_again(run, footer)
        return
    listing = "\n".join(f"• {label}: {value}" for label, value in lines)
    prompt_again(run, f"{run.ui('mydata_header')}\n{listing}\n\n{footer}")


def delete(run: Run) -> None:
    choices = (
        Choice(DELETE_YES, run.ui("button_delete_yes")),
        Choice(DELETE_NO, run.ui("button_delete_no")),
    )
    open_refs = [r.ref for r in run.session.requests if r.status in requests.OPEN_STATUSES]
    text = run.ui("delete_confirm")
    if open_refs:
        text = fill(run.ui("delete_open_requests"), refs=", ".join(open_refs)) + "\n\n" + text
    run.say(text, choices)


def status(run: Run) -> None:
    listing = requests.status_listing(run)
    if listing is None:
        prompt_again(run, run.ui("status_none"))
        return
    text, cancel_buttons = listing
    run.say(text, (*cancel_buttons, *run.global_choices("menu")))


COMMANDS: dict[str, Callable[[Run], None]] = {
    "start": start,
    "menu": menu,
    "human": human,
    "back": back,
    "language": language,
    "help": help_,
    "stop": stop,
    "mydata": my_data,
    "delete": delete,
    "status": status,
}


def _ask_to_cancel(run: Run, choice_id: str) -> None:
    question = requests.cancel_question(run, choice_id)
    if question is None:
        acknowledge(run, run.ui("request_not_open"))
        return
    run.say(*question)


def _delete(run: Run, *, confirmed: bool) -> None:
    if not confirmed:
        prompt_again(run, run.ui("delete_kept"))
        return
    run.emit(DataDeletionRequested())
    refs = [r.ref for r in run.session.requests]
    fresh = Session(user=run.session.user, language=run.language, language_confirmed=True)
    run.session = fresh
    text = fill(run.ui("deleted_requests"), refs=", ".join(refs)) if refs else run.ui("deleted")
    run.say(text, run.global_choices("start"))


def _choose_language(run: Run, language: str) -> None:
    if language not in run.content.languages:
        prompt_again(run, run.ui("stale_button"))
        return
    run.session.language = language
    run.session.language_confirmed = True
    node = _current_node(run)
    if isinstance(node, Language):
        advance(run, Go(node.next))
    elif node is None:
        enter_flow(run, WELCOME_FLOW)
    else:
        prompt_again(run, run.ui("language_changed"))


def _node_choice(run: Run, choice_id: str) -> None:
    flow, _, rest = choice_id.partition(".")
    node_id, _, local = rest.partition(".")
    position = run.session.position
    node = _current_node(run)
    if position and hasattr(node, "choose") and (flow, node_id) == (position.flow, position.node):
        move = node.choose(run, local)  # type: ignore[union-attr]
        if move is not None:
            advance(run, move)
            return
    prompt_again(run, run.ui("stale_button"))


def _current_node(run: Run):
    position = run.session.position
    return run.content.node(position.flow, position.node) if position else None


def _ensure_started(run: Run) -> None:
    run.session.stopped = False


def reenter_or_start(run: Run) -> None:
    if _current_node(run) is None:
        enter_flow(run, WELCOME_FLOW)
    else:
        reenter(run)


def acknowledge(run: Run, text: str) -> None:
    """Say what just happened to a request, and only that: a closed path is not told again.

    At the end of a flow (after sending a request, say) repeating the end text would contradict
    the news ("cancelled" followed by "we passed your request on"), so the next sensible choices
    come instead; in the middle of a flow the current question follows.
    """
    node = _current_node(run)
    if node is not None and not node.ends_path():
        prompt_again(run, text) if text else reenter(run)
        return
    if not text:
        enter_flow(run, MENU_FLOW)
        return
    run.say(text, run.global_choices("menu", "status"))


def not_understood(run: Run, key: str = "not_understood") -> None:
    """Say `key` with the current question; from the second time in a row on, the main menu
    and a counsellor are offered beside it, so that nobody is stuck repeating themselves."""
    misses = int(run.session.answers.get(MISSES, "0") or 0) + 1
    prompt_again(run, run.ui(key))
    run.session.answers[MISSES] = str(misses)
    if misses < _WAY_OUT_FROM or not run.replies or isinstance(_current_node(run), Language):
        return
    last = run.replies[-1]
    shown = {c.id for c in last.choices}
    way_out = tuple(
        Choice(c.id, mark_rtl(c.label) if last.rtl else c.label)
        for c in run.global_choices("menu", "human")
        if c.id not in shown and not (c.id == "menu" and run.position.flow == MENU_FLOW)
    )
    if way_out:
        run.replies[-1] = replace(last, choices=(*last.choices, *way_out))


def prompt_again(run: Run, prefix: str) -> None:
    """Say `prefix` together with the current question, so there is always a way on."""
    node = _current_node(run)
    if node is None:
        run.say(prefix)
        enter_flow(run, WELCOME_FLOW)
        return
    if not isinstance(node, WaitingNode):
        run.say(prefix)
        reenter(run)
        return
    node.prompt(run, prefix)
