"""Button labels that would capture a greeting or a thank-you typed at their question.

People greet and thank the bot. A label that looks like «سلام» ("hello") — for example
«سلامت» ("health") — would open a topic when the person only says hello. Each label in each
language is compared with the small-talk words of that language with the matcher the engine uses
for typed button labels: would the word, typed alone, pick this label?
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from bot.content.model import Content, Flow
from bot.content.problems import Problem
from bot.i18n.direction import strip_marks
from bot.nodes.ask import Ask
from bot.nodes.base import Text
from bot.understand.choices import match_choice


def check_smalltalk_labels(
    content: Content, words: Mapping[str, Mapping[str, Sequence[str]]]
) -> list[Problem]:
    """`words`: intent -> language -> small-talk words (greetings, thanks)."""
    problems = []
    seen: set[tuple[str, str, str]] = set()
    for flow, node, choice_id, label in _labels(content):
        for language in content.languages:
            shown = strip_marks(content.catalogs.translate(label.source, language)[0])
            for intent, by_language in words.items():
                for word in by_language.get(language, ()):
                    if (shown, language, word) in seen or not shown.strip():
                        continue
                    if match_choice(word, [(choice_id, [shown])]) == choice_id:
                        seen.add((shown, language, word))
                        problems.append(
                            Problem(
                                flow.file,
                                label.line,
                                f"choice '{choice_id}': [{language}] label '{shown}' would capture "
                                f"the {intent} '{word}' typed at this question — choose a label "
                                "that differs more from everyday words",
                                "warning",
                                node.id,
                            )
                        )
    return problems


def _labels(content: Content) -> Iterator[tuple[Flow, Ask, str, Text]]:
    for flow in content.flows.values():
        for node in flow.nodes.values():
            if isinstance(node, Ask):
                for choice in node.choices:
                    for label in (choice.text, choice.short):
                        if label is not None:
                            yield flow, node, choice.id, label
