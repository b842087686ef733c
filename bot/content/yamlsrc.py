"""YAML reading that keeps line numbers and rejects duplicate keys."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode

from bot.content.problems import ContentError, Problem


class LinedDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LinedList(list[Any]):
    line: int = 0


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first_line: int) -> None:
        self.key, self.line, self.first_line = key, line, first_line


class _LinedLoader(yaml.SafeLoader):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LinedDict:  # type: ignore[override]
        self.flatten_mapping(node)
        result = LinedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key_text = str(key)
            line = key_node.start_mark.line + 1
            if key_text in result.key_lines:
                raise _DuplicateKey(key_text, line, result.key_lines[key_text])
            result.key_lines[key_text] = line
            result[key_text] = self.construct_object(value_node, deep=True)
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LinedList:  # type: ignore[override]
        result = LinedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        return result


_LinedLoader.add_constructor("tag:yaml.org,2002:map", _LinedLoader.construct_mapping)
_LinedLoader.add_constructor("tag:yaml.org,2002:seq", _LinedLoader.construct_sequence)
# Dates stay text (staff write 2026-11-25 and mean the text), and only true/false are
# booleans: YAML 1.1 would turn a choice id `yes`, `no`, `on` or `off` into a boolean.
_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_LinedLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LinedLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(path: Path, shown_as: str) -> Any:
    """Parse one YAML file; raise ContentError naming `shown_as:line` on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            [Problem(shown_as, 1, f"is not UTF-8 text ({exc.reason}); save it as UTF-8")]
        ) from None
    try:
        return yaml.load(text, Loader=_LinedLoader)
    except _DuplicateKey as dup:
        message = (
            f"key '{dup.key}' appears twice in the same mapping (first at line {dup.first_line}); "
            "YAML would silently keep only the last one — remove or rename one of them"
        )
        raise ContentError([Problem(shown_as, dup.line, message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        hint = " — check the indentation and that texts containing ':' are in quotes"
        raise ContentError([Problem(shown_as, line, f"YAML syntax error: {what}{hint}")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(shown_as, 1, f"YAML error: {exc}")]) from None
