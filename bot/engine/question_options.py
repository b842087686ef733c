"""What a person may type for each choice of a question, and its compiled index, per content.

`node_options` lists every form of each choice (label, short label, description in the
person's language and German, staff synonyms `also`); `question_index` compiles them into a
`ChoiceIndex` once per content and language. A content reload drops both with the old content.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.content.memo import PerContent
from bot.content.model import Content
from bot.i18n.direction import strip_marks
from bot.nodes.ask import Ask, synonyms
from bot.nodes.base import Text
from bot.nodes.summary import Summary
from bot.understand.choices import NO_WORDS, ChoiceIndex, compile_options

Options = tuple[tuple[str, tuple[str, ...]], ...]  # (choice id, (forms a person may type, …))
_MEMO = PerContent()


def compile_index(content: Content, options: Options, language: str) -> ChoiceIndex:
    """`options` compiled with the content's yes/no and negation words for `language`."""
    words = content.typed.words if content.typed is not None else NO_WORDS
    return compile_options(options, words.for_language(language))


def question_index(content: Content, flow: str, node_id: str, language: str) -> ChoiceIndex:
    """The compiled choices of one question in one language, built once per content."""
    return _MEMO.get(
        content,
        ("index", flow, node_id, language),
        lambda: compile_index(content, node_options(content, flow, node_id, language), language),
    )


def node_options(content: Content, flow: str, node_id: str, language: str) -> Options:
    """Each choice of a question with everything a person may type for it (cached per content).

    The label, short label and description in the person's language and in German, and the
    staff synonyms (`also`) in both.
    """
    return _MEMO.get(
        content,
        ("options", flow, node_id, language),
        lambda: _node_options(content, flow, node_id, language),
    )


def _node_options(content: Content, flow: str, node_id: str, language: str) -> Options:
    node = content.node(flow, node_id)
    base = f"{flow}.{node_id}."

    def both(source: str) -> tuple[str, ...]:
        return (strip_marks(content.catalogs.translate(source, language)[0]), source)

    if isinstance(node, Summary):
        return (
            (base + "send", _forms(both(node.confirm.source), node.confirm_also, both)),
            (base + "change", _forms(both(node.change.source), node.change_also, both)),
        )
    if not isinstance(node, Ask):
        return ()
    options = []
    for choice in node.choices:
        labels: list[str] = [*both(choice.text.source)]
        for extra in (choice.short, choice.description):
            if extra:
                labels.extend(both(extra.source))
        options.append((base + choice.id, _forms(tuple(labels), choice.also, both)))
    return tuple(options)


def _forms(
    labels: tuple[str, ...], also: Text | None, both: Callable[[str], tuple[str, ...]]
) -> tuple[str, ...]:
    """`labels` and the single synonyms of `also` in both languages, each form once."""
    forms = list(labels)
    if also:
        for text in dict.fromkeys(both(also.source)):
            forms.extend(synonyms(text))
    return tuple(dict.fromkeys(forms))
