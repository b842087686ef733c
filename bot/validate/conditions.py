"""Answer names and values used by `branch`, `summary` and `handoff` exist.

A `when: {place: [prohlsi]}` is never true, so the branch always takes `otherwise` — often
back to the question just answered. A summary field or a `forget` name that no question saves
shows nothing or forgets nothing. The answers a flow can test are those its questions save
(`ask` saves a choice id, `input` any typed value), those `set` stores, and the few the bot
sets itself (`language`, `topic`, `urgent`, `emergency`, …).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.content.model import Content
from bot.content.problems import Problem, suggestion
from bot.domain import AREA_IDS, EMERGENCY_KINDS
from bot.nodes.ask import Ask
from bot.nodes.branch import Branch
from bot.nodes.handoff import Handoff
from bot.nodes.input_node import Input
from bot.nodes.setvalues import SetValues
from bot.nodes.summary import Summary

# Language codes people (and ISO 639-2/3) use for the bot's languages.
_LANGUAGE_HINTS = {
    "ua": "uk",
    "ukr": "uk",
    "rus": "ru",
    "ara": "ar",
    "per": "fa",
    "fas": "fa",
    "pes": "fa",
    "prs": "fa",
    "ir": "fa",
    "eng": "en",
    "ger": "de",
    "deu": "de",
}


@dataclass
class Answer:
    """What an answer name can hold: these values, or anything typed (`values` None)."""

    values: dict[str, None] | None = field(default_factory=dict)
    labelled: bool = False  # a question with a label saves it: a summary can show it
    by_language: bool = False

    def add(self, values: Iterable[str]) -> None:
        if self.values is not None:
            self.values.update(dict.fromkeys(values))


def check_conditions(content: Content) -> list[Problem]:
    """Every `when`, summary `fields` and handoff `forget` name an answer that can exist."""
    if set(content.flow_files) - set(content.flows):
        return []  # a flow file could not be read: its answers are unknown (reported there)
    answers = known_answers(content)
    problems: list[Problem] = []
    for flow in content.flows.values():
        for node in flow.nodes.values():
            if isinstance(node, Branch):
                for case in node.cases:
                    for name, values in case.when:
                        problem = _when(answers, name, values)
                        if problem:
                            problems.append(Problem(flow.file, case.line, problem, node=node.id))
            elif isinstance(node, Summary):
                shown = sorted(n for n, a in answers.items() if a.labelled)
                problems += [
                    Problem(
                        flow.file,
                        node.line_of("fields"),
                        f"fields: '{name}' is not an answer a question saves"
                        f"{suggestion(name, shown)}, so the summary cannot show it — use the "
                        "'save:' name of a question (with a 'label:')",
                        node=node.id,
                    )
                    for name in node.fields
                    if not (name in answers and answers[name].labelled)
                ]
            elif isinstance(node, Handoff):
                problems += [
                    Problem(
                        flow.file,
                        node.line_of("forget"),
                        f"forget: '{name}' is not an answer any question saves"
                        f"{suggestion(name, list(answers))}, so nothing is forgotten — use the "
                        "'save:' name of a question",
                        node=node.id,
                    )
                    for name in node.forget
                    if name not in answers
                ]
    return problems


def known_answers(content: Content) -> dict[str, Answer]:
    """Every answer name the flows and the bot can set, with the values it can hold."""
    from bot.engine.moves import EMERGENCY_ANSWER, OWN_WORDS_ANSWER
    from bot.engine.triage import ANSWER as EMERGENCY_CHECK_ANSWER

    answers: dict[str, Answer] = {
        "language": Answer(dict.fromkeys(content.languages), by_language=True),
        "topic": Answer(dict.fromkeys(AREA_IDS)),  # entering a flow with an `area`
        "urgent": Answer({"yes": None}),  # a choice with `urgent: true`, an emergency
        EMERGENCY_ANSWER: Answer(dict.fromkeys(EMERGENCY_KINDS)),
        EMERGENCY_CHECK_ANSWER: Answer(dict.fromkeys(("yes", "no"))),
        OWN_WORDS_ANSWER: Answer(None),
    }
    for flow in content.flows.values():
        for node in flow.nodes.values():
            if isinstance(node, Ask):
                if node.save:
                    answer = answers.setdefault(node.save, Answer())
                    answer.add(c.id for c in node.choices)
                    answer.labelled |= node.label is not None
                for choice in node.choices:
                    for name, value in choice.values:
                        answers.setdefault(name, Answer()).add([value])
            elif isinstance(node, Input):
                answers[node.save] = Answer(None, labelled=True)
            elif isinstance(node, SetValues):
                for name, value in node.values:
                    answers.setdefault(name, Answer()).add([value])
    return answers


def _when(answers: dict[str, Answer], name: str, values: frozenset[str]) -> str | None:
    answer = answers.get(name)
    if answer is None:
        return (
            f"when: '{name}' is not an answer any question saves{suggestion(name, list(answers))}, "
            "so this case is never true — use the 'save:' name of a question, or 'language'"
        )
    if answer.values is None:
        return None
    known = list(answer.values)
    wrong = sorted(v for v in values if v not in answer.values)
    if not wrong:
        return None
    value = wrong[0]
    hint = suggestion(value, known)
    if not hint and answer.by_language and _LANGUAGE_HINTS.get(value.lower()) in known:
        hint = f" (did you mean '{_LANGUAGE_HINTS[value.lower()]}'?)"
    what = "a language of the bot" if answer.by_language else f"an answer of '{name}'"
    return (
        f"when: {{{name}: [{value}]}}: '{value}' is not {what}{hint}, so this case is never "
        f"true — the possible values are: {', '.join(known)}"
    )
