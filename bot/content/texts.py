"""Every translatable text of the content, with where it stands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.content.model import Content
from bot.nodes.base import Text


@dataclass(frozen=True)
class Located:
    text: Text
    file: str
    node: str | None = None


def content_texts(content: Content) -> Iterator[Located]:
    for flow in content.flows.values():
        if flow.title:
            yield Located(flow.title, flow.file)
        for node in flow.nodes.values():
            for text in node.texts():
                yield Located(text, flow.file, node.id)
    for entry in content.knowledge.values():
        for entry_text in (entry.title, entry.text):
            if entry_text:
                yield Located(entry_text, entry.file, entry.id)
    for key, text in content.ui.items():
        yield Located(text, "knowledge/ui.yaml", key)
