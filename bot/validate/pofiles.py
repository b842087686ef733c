""".po files read line by line: where each translation stands, and what a translator broke.

Babel reads a catalog forgivingly: a `msgid` without `msgstr` or a quoted line after a comment
is skipped with a `WARNING` on the terminal that names no file, and a translation is known only
by its German text. Here every entry keeps its file and line, so a problem found in a
translation names the place a translator opens (`locales/fa/LC_MESSAGES/messages.po:5598`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import unescape

from bot.content.problems import Problem
from bot.i18n.posyntax import check_po_syntax
from bot.validate.bidi import message, unclosed

_QUOTED = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\b\s*(.*)$")
_TEXT = re.compile(rf"^{_QUOTED}$")
_INNER_QUOTE = re.compile(r'(?<!\\)"')


@dataclass
class _Text:
    """One msgid or msgstr: its pieces with the line each stands on."""

    line: int
    pieces: list[tuple[int, str]] = field(default_factory=list)

    @property
    def value(self) -> str:
        return "".join(piece for _, piece in self.pieces)

    def line_at(self, position: int) -> int:
        for line, piece in self.pieces:
            if position < len(piece):
                return line
            position -= len(piece)
        return self.line


@dataclass
class _Entry:
    msgid: _Text
    context: bool = False
    msgstr: list[_Text] = field(default_factory=list)


@dataclass(frozen=True)
class PoFile:
    """One catalog: the line of the msgstr of each German text."""

    shown: str
    msgstr_lines: dict[str, int]

    def where(self, msgid: str) -> str | None:
        """'locales/fa/LC_MESSAGES/messages.po:5598', or None when the text is not in it."""
        line = self.msgstr_lines.get(msgid)
        return f"{self.shown}:{line}" if line else None


def read_po_file(path: Path, shown: str) -> tuple[PoFile, list[Problem]]:
    """The catalog's lines and every problem a translator must fix in it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return PoFile(shown, {}), check_po_syntax(path, shown)  # names the encoding problem
    problems: list[Problem] = []
    entries, malformed = _entries(lines, shown, problems)
    if malformed:  # the line-by-line check names each malformed line and its fix
        problems[:0] = [_with_quote_fix(p, lines) for p in check_po_syntax(path, shown)]
    seen: dict[str, int] = {}
    msgstr_lines: dict[str, int] = {}
    for entry in entries:
        msgid = entry.msgid.value
        if msgid and not entry.context:
            if msgid in seen:
                problems.append(
                    Problem(
                        shown,
                        entry.msgid.line,
                        f"this German text has a second entry (first at line {seen[msgid]}); "
                        "only one translation can be used — delete one of the two entries",
                    )
                )
            seen.setdefault(msgid, entry.msgid.line)
            if entry.msgstr:
                msgstr_lines.setdefault(msgid, entry.msgstr[0].line)
        for text in entry.msgstr:
            problems += [
                Problem(shown, text.line_at(position), message(text.value[position]))
                for position in unclosed(text.value)[:1]
            ]
    return PoFile(shown, msgstr_lines), problems


def _entries(lines: list[str], shown: str, problems: list[Problem]) -> tuple[list[_Entry], bool]:
    """The entries of a catalog, and whether any line is malformed."""
    entries: list[_Entry] = []
    malformed = False
    current: _Entry | None = None
    target: _Text | None = None  # where a quoted continuation line goes

    def finish() -> None:
        nonlocal current, target
        if current is not None and not current.msgstr:
            problems.append(
                Problem(
                    shown,
                    current.msgid.line,
                    'this msgid has no msgstr, so the entry is skipped — add a line msgstr "…" '
                    '(the translation, or "" for none yet) right below it',
                )
            )
        elif current is not None:
            entries.append(current)
        current = target = None

    context = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if current is not None:
                finish()
            context = False
            continue
        keyword = _KEYWORD.match(line)
        if keyword is None:
            if _TEXT.match(line):
                if target is None:
                    problems.append(
                        Problem(
                            shown,
                            number,
                            "a quoted text line that belongs to no msgid or msgstr — join it to "
                            "the msgid or msgstr above it (no comment or other line in between)",
                        )
                    )
                else:
                    target.pieces.append((number, unescape(line)))
            else:
                malformed = True
            continue
        name, quoted = keyword.groups()
        # a malformed text (reported by check_po_syntax) still ends the msgid or msgstr line
        well_formed = _TEXT.match(quoted) is not None
        malformed |= not well_formed
        text = _Text(number, [(number, unescape(quoted))] if well_formed else [])
        if name == "msgctxt":
            if current is not None:
                finish()
            context, target = True, text
        elif name == "msgid":
            if current is not None:
                finish()
            current, target = _Entry(text, context=context), text
            context = False
        elif name == "msgid_plural":
            target = text
        elif current is None:
            problems.append(
                Problem(
                    shown,
                    number,
                    f"{name} without a msgid above it — add the msgid with the German text, "
                    "or delete this line",
                )
            )
            target = None
        else:
            current.msgstr.append(text)
            target = text
    if current is not None:
        finish()
    return entries, malformed


def _with_quote_fix(problem: Problem, lines: list[str]) -> Problem:
    """A line like `msgstr "Er sagt "Hallo""` gets the fix with the inner quotes escaped."""
    line = lines[problem.line - 1].strip() if 0 < problem.line <= len(lines) else ""
    keyword, _, rest = line.partition(" ") if line.startswith("msg") else ("", "", line)
    rest = rest.strip()
    if len(rest) < 2 or not (rest.startswith('"') and rest.endswith('"')):
        return problem
    inner = rest[1:-1]
    first = _INNER_QUOTE.search(inner)
    if first is None:
        return problem
    fixed = _INNER_QUOTE.sub(lambda _: '\\"', inner)
    start = max(0, first.start() - 25)
    shown = (
        ("…" if start else "")
        + fixed[start : start + 60]
        + ("…" if len(fixed) > start + 60 else "")
    )
    example = f'{keyword} "{shown}"'.strip()
    return Problem(
        problem.file,
        problem.line,
        'a double quote inside the text ends it too early — write each " inside a text as '
        f'\\", e.g. {example}',
        problem.severity,
    )
