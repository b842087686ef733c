"""Saved answers described with their labels, in any language (German for counsellors)."""

from __future__ import annotations

from bot.content.model import Content
from bot.nodes.ask import Ask
from bot.nodes.base import Text
from bot.nodes.input_node import Input


def describe_answers(
    content: Content, answers: dict[str, str], language: str
) -> list[tuple[str, str]]:
    """(label, value) for each answer a question saved, in the order the flows ask them."""
    result = []
    for name, (label, choices) in answer_index(content).items():
        if name not in answers:
            continue
        value = answers[name]
        shown = choices.get(value)
        translate = content.catalogs.translate
        result.append(
            (
                translate(label.source, language)[0],
                translate(shown.source, language)[0] if shown else value,
            )
        )
    return result


def answer_index(content: Content) -> dict[str, tuple[Text, dict[str, Text]]]:
    """Answer name -> (label, choice id -> choice text), from every ask and input node."""
    index: dict[str, tuple[Text, dict[str, Text]]] = {}
    for flow in content.flows.values():
        for node in flow.nodes.values():
            if isinstance(node, Ask) and node.save and node.label:
                _, known = index.setdefault(node.save, (node.label, {}))
                known.update({c.id: c.text for c in node.choices})
            elif isinstance(node, Input):
                index.setdefault(node.save, (node.label, {}))
    return index
