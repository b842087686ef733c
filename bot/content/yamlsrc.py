"""YAML reading that keeps line numbers and rejects duplicate keys and YAML 1.1 traps.

Staff write YAML by hand; YAML 1.1 (PyYAML's default) silently turns some of what they write
into something else: `yes`/`on` into true, the time `9:30` into the number 570, the phone
number `0351234` into an octal number. Here only `true`/`false` are booleans and only plain
decimal numbers are numbers; everything else is the text as written. Where YAML 1.1 and other
YAML readers would disagree, the file is refused with file, line and the fix (quotes, or
`true`/`false` for a switch), so every tool reads the file the same way.
"""

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


# Keys whose value is a switch: only true/false are accepted there.
BOOLEAN_KEYS = frozenset({"urgent", "optional", "outreach", "forum", "return"})
_YAML11_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")
_YAML11_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_YAML11_OCTAL = re.compile(r"^[-+]?0[0-7_]+$")


def yaml11_trap(value: str) -> str | None:
    """What YAML 1.1 would wrongly make of a plain scalar, as a sentence with the fix; else None."""
    if _YAML11_BASE60.match(value):
        number = yaml.safe_load(value)
        return (
            f"{value} is read by YAML 1.1 as the number {number} (base 60), not as the text "
            f'"{value}" — write it in quotes: "{value}"'
        )
    if _YAML11_OCTAL.match(value) and value.strip("+-0_"):
        number = yaml.safe_load(value)
        return (
            f"{value} has a leading zero and is read by YAML 1.1 as the octal number {number} — "
            f'write it in quotes: "{value}"'
        )
    return None


# libyaml's parser when PyYAML was built with it (several times faster; the same nodes, marks
# and resolvers), else PyYAML's pure-Python one.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Lined(yaml.constructor.SafeConstructor):
    """Construction that keeps lines and finds YAML 1.1 traps, for either parser."""

    traps: list[Problem]
    shown_as: str = ""

    def construct_scalar(self, node: yaml.ScalarNode) -> str:  # type: ignore[override]
        value = super().construct_scalar(node)
        # a plain scalar's style is None from PyYAML's parser and '' from libyaml's
        if not node.style and node.tag == "tag:yaml.org,2002:str" and isinstance(value, str):
            trap = yaml11_trap(value)
            if trap is not None:
                self.traps.append(Problem(self.shown_as, node.start_mark.line + 1, trap))
        return value

    def _check_switch(self, key: str, value_node: yaml.Node, value: Any) -> None:
        """`urgent: yes` / `forum: on`: a switch written the YAML 1.1 way is refused."""
        plain = isinstance(value_node, yaml.ScalarNode) and not value_node.style
        if key not in BOOLEAN_KEYS or not plain or not _YAML11_BOOL.match(str(value)):
            return
        meant = "true" if str(value).lower() in ("yes", "on", "y") else "false"
        message = (
            f"'{key}: {value}' is {meant} for YAML 1.1 but the text \"{value}\" for other "
            f"YAML readers — write '{key}: {meant}'"
        )
        self.traps.append(Problem(self.shown_as, value_node.start_mark.line + 1, message))

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
            self._check_switch(key_text, value_node, result[key_text])
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LinedList:  # type: ignore[override]
        result = LinedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        return result


class _LinedLoader(_Lined, SAFE_LOADER):  # type: ignore[misc,valid-type]
    """The fast reader (libyaml when present)."""


class _LinedPyLoader(_Lined, yaml.SafeLoader):
    """PyYAML's own parser: its syntax error messages are the ones staff are shown."""


_Lined.add_constructor("tag:yaml.org,2002:map", _Lined.construct_mapping)  # type: ignore[type-var]
_Lined.add_constructor("tag:yaml.org,2002:seq", _Lined.construct_sequence)  # type: ignore[type-var]
# Dates stay text (staff write 2026-11-25 and mean the text), and only true/false are
# booleans: YAML 1.1 would turn a choice id `yes`, `no`, `on` or `off` into a boolean.
# Numbers are plain decimals only: no base-60 (9:30), octal (0351234), hex or binary.
_DROPPED = {
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
for _loader in (_LinedLoader, _LinedPyLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag not in _DROPPED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
    )
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
        list("-+.0123456789"),
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
        return _parse(_LinedLoader, text, shown_as)
    except ContentError:
        if _LinedLoader is _LinedPyLoader:
            raise
    # Read again with PyYAML's own parser: the file, line and wording staff are shown.
    return _parse(_LinedPyLoader, text, shown_as)


def _parse(kind: type[_Lined], text: str, shown_as: str) -> Any:
    loader = kind(text)  # type: ignore[call-arg]
    loader.traps, loader.shown_as = [], shown_as
    try:
        data = loader.get_single_data()
    except _DuplicateKey as dup:
        message = (
            f"key '{dup.key}' appears twice in the same mapping (first at line {dup.first_line}); "
            "YAML would silently keep only the last one — remove or rename one of them"
        )
        raise ContentError([Problem(shown_as, dup.line, message)]) from None
    except yaml.MarkedYAMLError as exc:
        from bot.validate.yaml_hints import explain  # the sentence with the fix, for staff

        line, message = explain(exc, text)
        raise ContentError([Problem(shown_as, line, message)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(shown_as, 1, f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()  # type: ignore[attr-defined]  # a loader class mixes _Lined in
    if loader.traps:
        raise ContentError(loader.traps)
    return data
