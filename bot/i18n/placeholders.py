"""Filling {placeholders} in translated texts without ever failing on a translator's slip."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, **params: str) -> str:
    try:
        return text.format_map(_Keep(params))
    except (ValueError, IndexError):  # a stray brace in a translation
        return PLACEHOLDER.sub(lambda m: params.get(m.group(1), m.group(0)), text)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))
