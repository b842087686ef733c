"""Line-by-line check of .po files, so a slip never becomes a silently mangled text.

Babel's reader skips or misreads a line like `msgstr Hallo` (no quotes) without a word; the
person then sees German or half a sentence. Every line must be empty, a comment, a keyword
with a quoted text, or a quoted continuation.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.content.problems import Problem

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\b(.*)$")
_TEXT = re.compile(rf"^\s*{_QUOTED}\s*$")


def check_po_syntax(path: Path, shown_as: str) -> list[Problem]:
    """Every malformed line of one .po file, as file:line problems with the fix."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        return [Problem(shown_as, 1, f"is not UTF-8 text ({exc.reason}); save it as UTF-8")]
    problems = []
    for number, raw in enumerate(lines, start=1):
        message = _line_problem(raw.strip())
        if message:
            problems.append(Problem(shown_as, number, message))
    return problems


def _line_problem(line: str) -> str | None:
    if not line or line.startswith("#") or _TEXT.match(line):
        return None
    keyword = _KEYWORD.match(line)
    if keyword is None:
        return (
            f"malformed line '{_short(line)}': expected a comment (#), msgid \"…\", "
            'msgstr "…" or a continued "…" text — put the text in double quotes'
        )
    name, rest = keyword.groups()
    if _TEXT.match(rest):
        return None
    return (
        f"malformed line '{_short(line)}': after {name} the text must be in double quotes, "
        f'e.g. {name} "{_short(rest.strip().strip(chr(34)))}"'
    )


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
