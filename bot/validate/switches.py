"""Switches (`urgent`, `optional`, `outreach`) hold exactly true or false.

The bot acts only on the boolean true: `urgent: ja` or `urgent: "true"` would silently mean
"not urgent". These are checked while the file is read, where the line of the key is known.
"""

from __future__ import annotations

from bot.content.problems import Problem
from bot.content.yamlsrc import LinedDict

NODE_SWITCHES = ("optional",)
CHOICE_SWITCHES = ("urgent",)
OFFICE_SWITCHES = ("outreach",)


def node_switches(body: LinedDict, file: str, node_id: str) -> list[Problem]:
    """Switches of one flow node and of its choices."""
    problems = switches(body, NODE_SWITCHES, file, node_id)
    for choice in body.get("choices") or ():
        if isinstance(choice, LinedDict):
            problems += switches(choice, CHOICE_SWITCHES, file, node_id)
    return problems


def switches(
    mapping: LinedDict, keys: tuple[str, ...], file: str, node: str | None = None
) -> list[Problem]:
    """A problem for each of `keys` in `mapping` whose value is not true or false."""
    return [
        Problem(file, mapping.line_of(key), _message(key, mapping[key]), node=node)
        for key in keys
        if key in mapping and not isinstance(mapping[key], bool)
    ]


def _message(key: str, value: object) -> str:
    if value is None:
        written = f"'{key}:' has no value"
    elif isinstance(value, str) and value.lower() in ("true", "false"):
        written = f"'{key}: \"{value}\"' is a text in quotes, not a switch"
    else:
        written = f"'{key}: {value}' is not a switch"
    return (
        f"{written}; the bot only acts on true — write '{key}: true' or '{key}: false' "
        "(without quotes)"
    )
