"""Invisible direction characters that are opened and never closed.

An embedding, override or isolate (U+202A–U+202E, U+2066–U+2068) forces the direction of
everything after it until its closing character (U+202C, U+2069) or the end of the line: a
phone number or the rest of a sentence then shows backwards. They slip in when text is copied
from a word processor or a website, and nobody sees them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bot.content.problems import Problem

EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO, closed by PDF
ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI, closed by PDI
PDF, PDI = "\u202c", "\u2069"
OPENERS = EMBEDDINGS | ISOLATES
FIX = "remove the invisible direction character"
_ANY_OPENER = re.compile("[\u202a\u202b\u202d\u202e\u2066\u2067\u2068]")


def unclosed(text: str) -> list[int]:
    """Positions in `text` of direction characters still open at the end of their line."""
    if _ANY_OPENER.search(text) is None:
        return []
    found: list[int] = []
    stack: list[int] = []
    for index, char in enumerate(text):
        if char in OPENERS:
            stack.append(index)
        elif char == PDF:
            if stack and text[stack[-1]] in EMBEDDINGS:
                stack.pop()
        elif char == PDI:
            if any(text[i] in ISOLATES for i in stack):
                while text[stack.pop()] not in ISOLATES:
                    pass
        elif char in "\n\r\u2029\x85":  # a new paragraph closes everything
            found += stack
            stack = []
    return found + stack


def describe(char: str) -> str:
    """'U+202B RIGHT-TO-LEFT EMBEDDING'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'direction character')}"


def message(char: str) -> str:
    return (
        f"an invisible direction character ({describe(char)}) is never closed, so the rest of "
        f"the line shows in a forced direction — {FIX}"
    )


def check_yaml_bidi(path: Path, shown: str) -> list[Problem]:
    """Unclosed direction characters in one YAML file, by line (a text's line is its paragraph)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # reported when the file is read
    if _ANY_OPENER.search(text) is None:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for position in unclosed(line)[:1]:
            problems.append(Problem(shown, number, message(line[position])))
    return problems
