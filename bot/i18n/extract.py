"""Babel extractor for flow and knowledge YAML, so `pybabel extract` works on the content.

Registered as the `wegweiser` extraction method (see babel.cfg). It reads files with the same
parsers the bot uses, so it finds exactly the texts the bot shows and translates.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from bot.content.flows import parse_flow_file
from bot.content.knowledge import Knowledge, read_knowledge_file
from bot.nodes.base import Text

Extracted = tuple[int, str | None, str, list[str]]


def extract_content(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Extracted]:
    name = Path(getattr(fileobj, "name", "content.yaml"))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / name.name
        copy.write_bytes(fileobj.read())
        if name.parent.name == "flows":
            yield from _flow_texts(copy, str(name))
        else:
            yield from _knowledge_texts(copy, str(name))


def _flow_texts(path: Path, shown: str) -> Iterator[Extracted]:
    flow, _ = parse_flow_file(path, shown)
    if flow is None:
        return
    if flow.title:
        yield _entry(flow.title, "flow title")
    for node in flow.nodes.values():
        for text in node.texts():
            yield _entry(text, f"node: {node.id}")


def _knowledge_texts(path: Path, shown: str) -> Iterator[Extracted]:
    found = Knowledge()
    read_knowledge_file(path, shown, found)
    for entry in found.entries.values():
        for text in (entry.title, entry.text):
            if text:
                yield _entry(text, f"entry: {entry.id}")
    for key, text in found.messages.items():
        yield _entry(text, f"message: {key}")


def _entry(text: Text, comment: str) -> Extracted:
    return text.line, None, text.source, [comment]
