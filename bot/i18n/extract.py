"""Babel extractor for flow and knowledge YAML, so `pybabel extract` works on the content.

Registered as the `wegweiser` extraction method; use it in a babel mapping file:
    [wegweiser: flows/**.yaml]
    [wegweiser: knowledge/*.yaml]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from bot.content.yamlsrc import LinedDict, LinedList, load_yaml

TEXT_KEYS = frozenset(
    {
        "ask",
        "say",
        "input",
        "language",
        "end",
        "text",
        "short",
        "description",
        "label",
        "retry",
        "title",
    }
)
Extracted = tuple[int, str | None, str, list[str]]


def extract_content(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Extracted]:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".yaml") as copy:
        copy.write(fileobj.read())
        copy.flush()
        tree = load_yaml(Path(copy.name), getattr(fileobj, "name", "content"))
    yield from _walk(tree, in_messages=False)


def _walk(value: Any, *, in_messages: bool) -> Iterator[Extracted]:
    if isinstance(value, LinedDict):
        for key, item in value.items():
            line = value.line_of(key)
            if isinstance(item, str) and (in_messages or key in TEXT_KEYS) and item.strip():
                yield line, None, item.strip(), [f"id: {key}"]
            else:
                yield from _walk(item, in_messages=key == "messages")
    elif isinstance(value, LinedList):
        for item in value:
            yield from _walk(item, in_messages=False)
