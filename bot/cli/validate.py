"""`python -m bot validate`: check content; exit 1 on errors, 0 with warnings."""

from __future__ import annotations

import argparse
import io
import sys
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from bot.cli.content_folder import add_content_option, chosen_folder
from bot.content.loader import load_content
from bot.content.model import LANGUAGES, Content
from bot.content.problems import Problem
from bot.content.texts import content_texts
from bot.validate.knowledge import EXAMPLE_DATA
from bot.validate.translations import fuzzy_translations, missing_translations

# A file with one of these could not be read at all: shown first, other errors may follow from it.
UNREADABLE = (
    "YAML syntax error",
    "YAML error",
    "is not UTF-8",
    "malformed line",
    "a double quote inside the text",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot validate", description=__doc__)
    add_content_option(parser)
    parser.add_argument(
        "--quiet-translations", action="store_true", help="do not list each untranslated text"
    )
    parser.add_argument(
        "--examples",
        action="store_true",
        help="list each knowledge entry still marked 'status: example' (else one line sums them up)",
    )
    args = parser.parse_args(argv)
    chosen = chosen_folder(args.content)
    if chosen is None:
        return 2
    root, origin = chosen
    print(f"checking the content in {root} ({origin})")
    content, problems = load_quietly(root, staff_checks=True)
    shown = [p for p in problems if not (args.quiet_translations and "not translated" in p.message)]
    examples = [p for p in shown if EXAMPLE_DATA in p.message]
    if not args.examples:
        shown = [p for p in shown if EXAMPLE_DATA not in p.message]
    for problem in sorted(shown, key=order):
        print(problem, file=sys.stdout)
    if examples and not args.examples:
        print(examples_line(examples))
    if content is not None:
        print(translation_table(content))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    flows = len(content.flows) if content else len(list((root / "flows").glob("*.yaml")))
    hidden = f" ({len(examples)} of them example data)" if examples and not args.examples else ""
    print(f"{errors} error(s), {warnings} warning(s){hidden}; {flows} flows checked in {root}")
    return 1 if errors else 0


def load_quietly(root: Path, **options: Any) -> tuple[Content | None, list[Problem]]:
    """`load_content`, without the .po reader's own `WARNING: Problem on line …` lines when a
    problem already names the .po file and line (they name no file); any other output stays."""
    captured = io.StringIO()
    with redirect_stdout(captured):
        content, problems = load_content(root, **options)
    named = any(p.file.endswith(".po") and p.severity == "error" for p in problems)
    for line in captured.getvalue().splitlines():
        if not (named and line.startswith("WARNING:")):
            print(line)
    return content, problems


def examples_line(examples: list[Problem]) -> str:
    """One line for the knowledge entries still marked as example data, so that they do not
    hide the warnings about a change just made."""
    files = len({p.file for p in examples})
    entries = f"{len(examples)} knowledge {'entry' if len(examples) == 1 else 'entries'}"
    where = f"{files} {'file' if files == 1 else 'files'}"
    verb = "is" if len(examples) == 1 else "are"
    return (
        f"note: {entries} in {where} {verb} still example data ('status: example'); "
        "staff confirm each and remove the line — list them with --examples"
    )


def translation_table(content: Content) -> str:
    total = len({loc.text.source for loc in content_texts(content)})
    missing = missing_translations(content)
    fuzzy = fuzzy_translations(content)
    rows = ["language  translated  fuzzy  missing", "--------  ----------  -----  -------"]
    for language in LANGUAGES:
        gap = len(missing.get(language, ()))
        unsure = len(fuzzy.get(language, ()))
        rows.append(f"{language:<8}  {total - gap:>10}  {unsure:>5}  {gap:>7}")
    return "\n".join(rows)


def order(problem: Problem) -> tuple[int, int, str, int]:
    """Errors before warnings; files that could not be read first, since later errors may
    only follow from them; then by file and line."""
    unreadable = (
        problem.message.startswith(UNREADABLE) or "appears twice in the same" in problem.message
    )
    return (
        0 if problem.severity == "error" else 1,
        0 if unreadable else 1,
        problem.file,
        problem.line,
    )
