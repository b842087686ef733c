"""`python -m bot validate`: check content; exit 1 on errors, 0 with warnings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.content.loader import load_content
from bot.content.model import LANGUAGES, Content
from bot.content.problems import Problem
from bot.content.texts import content_texts
from bot.settings import BUNDLED_CONTENT
from bot.validate.translations import fuzzy_translations, missing_translations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot validate", description=__doc__)
    parser.add_argument(
        "--content",
        type=Path,
        default=BUNDLED_CONTENT,
        help="folder with flows/, knowledge/, locales/",
    )
    parser.add_argument(
        "--quiet-translations", action="store_true", help="do not list each untranslated text"
    )
    args = parser.parse_args(argv)
    content, problems = load_content(args.content, staff_checks=True)
    shown = [p for p in problems if not (args.quiet_translations and "not translated" in p.message)]
    for problem in sorted(shown, key=_order):
        print(problem, file=sys.stdout)
    if content is not None:
        print(translation_table(content))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    flows = len(content.flows) if content else 0
    print(f"{errors} error(s), {warnings} warning(s); {flows} flows checked")
    return 1 if errors else 0


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


def _order(problem: Problem) -> tuple[int, str, int]:
    return (0 if problem.severity == "error" else 1, problem.file, problem.line)
