"""Saved answers described with their labels, in any language (German for counsellors)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from bot.content.model import Content
from bot.nodes.ask import Ask
from bot.nodes.base import Text
from bot.nodes.input_node import Input


@dataclass(frozen=True)
class AnswerInfo:
    """What a saved answer means: its label, its choices, and whether it is the person's own words."""

    label: Text
    choices: dict[str, Text] = field(default_factory=dict)
    free_text: bool = False


def describe_answers(
    content: Content, answers: dict[str, str], language: str
) -> list[tuple[str, str]]:
    """(label, value) for each answer a question saved, in the order the flows ask them."""
    translate = content.catalogs.translate
    result = []
    for name, info in answer_index(content).items():
        if name not in answers:
            continue
        value = answers[name]
        # A value set by the flow rather than chosen (topic 'emergency') has an interface text.
        shown = info.choices.get(value) or content.ui.get(f"{name}_{value}")
        result.append(
            (
                translate(info.label.source, language)[0],
                translate(shown.source, language)[0] if shown else value,
            )
        )
    return result


@cache
def answer_index(content: Content) -> dict[str, AnswerInfo]:
    """Answer name -> label and choices, from every ask and input node (content is immutable)."""
    index: dict[str, AnswerInfo] = {}
    for flow in content.flows.values():
        for node in flow.nodes.values():
            if isinstance(node, Ask) and node.save and node.label:
                info = index.setdefault(node.save, AnswerInfo(node.label))
                info.choices.update({c.id: c.text for c in node.choices})
            elif isinstance(node, Input):
                index.setdefault(node.save, AnswerInfo(node.label, free_text=node.kind == "text"))
    return index
