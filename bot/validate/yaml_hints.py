"""YAML syntax errors explained for staff: the line that is wrong, and how to fix it.

PyYAML names what its parser expected ("expected <block end>, but found '?'"), often one line
after the real mistake. The common slips get a sentence with the fix; the rest keeps PyYAML's
words with a general hint.
"""

from __future__ import annotations

import yaml

PREFIX = "YAML syntax error: "
_GENERAL = " — check the indentation and that texts containing ':' are in quotes"


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(line, message) for a syntax error in `text`, the line 1-based."""
    lines = text.splitlines()
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column if mark else 0
    context_line = exc.context_mark.line + 1 if exc.context_mark else line

    def at(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    if "'\\t'" in problem:
        return line, (
            f"{PREFIX}this line contains a TAB character (column {column + 1}); YAML allows only "
            "spaces — replace the tab with spaces"
        )
    if problem == "could not find expected ':'" and exc.context_mark:
        return context_line, PREFIX + _missing_colon(at(context_line))
    if problem == "mapping values are not allowed here":
        return line, PREFIX + _second_colon(at(line), column)
    if problem.startswith("expected <block end>, but found"):
        if "'<scalar>'" in problem and at(line)[:column].rstrip().endswith(('"', "'")):
            return line, (
                f"{PREFIX}text continues after the closing quote — put the whole text in "
                'quotes; a double quote inside a text is written \\" (or use single quotes '
                "around a text that contains double quotes)"
            )
        return line, PREFIX + _indentation(lines, line, exc)
    if problem == "found unexpected end of stream" and "quoted scalar" in str(exc.context):
        return context_line, (
            f"{PREFIX}a quote opened in this line is never closed — add the closing quote at "
            "the end of the text"
        )
    return line, f"{PREFIX}{problem}{_GENERAL}"


def _indentation(lines: list[str], line: int, exc: yaml.MarkedYAMLError) -> str:
    start = exc.context_mark
    if start is not None and "collection" in str(exc.context):
        return (
            f"the indentation of this line does not match the list item above it (line "
            f"{start.line + 1}): the keys of a list item line up with the first key after "
            f"'- ', here {start.column + 2} spaces"
        )
    others = []
    above = _line_above(lines, line)
    if above:
        others.append(f"line {above} has {_spaces(_indent(lines[above - 1]))}")
    if start is not None and start.line + 1 != above:
        others.append(f"line {start.line + 1} has {_spaces(start.column)}")
    shown = f" ({', '.join(others)})" if others else ""
    here = _indent(lines[line - 1]) if 0 < line <= len(lines) else 0
    return (
        f"the indentation of this line ({_spaces(here)}) does not match the lines above{shown}"
        " — lines that belong together need the same number of spaces"
    )


def _line_above(lines: list[str], line: int) -> int | None:
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _indent(source: str) -> int:
    return len(source) - len(source.lstrip(" "))


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _missing_colon(source: str) -> str:
    stripped = source.strip()
    dash = "- " if stripped.startswith("- ") else ""
    body = stripped[len(dash) :]
    key, _, rest = body.partition(" ")
    if not key:
        return "a ':' is missing after a name — write 'name: value'"
    fixed = f"{dash}{key}: {rest}".rstrip()
    return f"the ':' after '{key}' is missing — write '{fixed}'"


def _second_colon(source: str, column: int) -> str:
    before = source[:column]
    if ": " not in before:
        return (
            "this line is indented further than the line above, so YAML reads it as more "
            "text of that line — indent it like the lines it belongs with"
        )
    key, _, value = source.strip().partition(": ")
    quoted = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"the text after '{key.lstrip('- ')}:' contains ': ' — put the text in quotes: "
        f'{key}: "{quoted}"'
    )
