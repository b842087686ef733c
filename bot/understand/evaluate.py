"""Accuracy of the understanding on a labelled set.

Usage: python -m bot.understand.evaluate [FILE] [--knowledge DIR]

FILE is a TSV with a header and the columns text, language, area, emergency (area and
emergency may be empty); default: tests/understand/labelled.tsv. Prints area accuracy per
language and per area, emergency recall, false alarms, check questions and every miss.

Area accuracy counts messages without an expected emergency, and emergency messages whose
area is labelled. An emergency counts as found when any kind is detected; the kind is
reported separately. An emergency is caught when it gets the emergency answer at once
(certain) or the check question ("are you in danger right now?"); `certain` counts the
first. On other messages, `false alarms` counts certain emergencies and `check questions`
counts check questions. `area right or offered` also counts a message about several topics
whose area is one of the two the bot offers when it is unsure ("which of these?").
"""

from __future__ import annotations

import argparse
import csv
import pathlib
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.understand.understander import Understander, Understood

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_KNOWLEDGE = REPO_ROOT / "knowledge"
DEFAULT_LABELLED = REPO_ROOT / "tests" / "understand" / "labelled.tsv"
OFFERED = 2  # areas the bot offers when unsure


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    area: str | None
    emergency: str | None
    line: int


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{100 * self.rate:5.1f}% ({self.right}/{self.total})"


@dataclass
class Report:
    area: Tally = field(default_factory=Tally)
    area_offered: Tally = field(default_factory=Tally)
    area_by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    area_by_area: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    language: Tally = field(default_factory=Tally)
    recall: Tally = field(default_factory=Tally)
    certain: Tally = field(default_factory=Tally)
    checks: Tally = field(default_factory=Tally)
    recall_by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    kind: Tally = field(default_factory=Tally)
    false_alarms: Tally = field(default_factory=Tally)
    alarms_by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)


def read_examples(path: pathlib.Path) -> list[Example]:
    """Rows of a labelled TSV file (header: text, language, area, emergency)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    examples = []
    for line, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        cells = [*row, "", "", ""][:4]
        text, language, area, emergency = (cell.strip() for cell in cells)
        examples.append(Example(text, language, area or None, emergency or None, line))
    return examples


def evaluate(understander: Understander, examples: Iterable[Example]) -> Report:
    """Compare what is understood with the labels."""
    report = Report()
    for example in examples:
        result = understander.understand(example.text)
        _score(report, example, result)
    return report


def _score(report: Report, example: Example, result: Understood) -> None:
    label = f"{example.line}: [{example.language}] {example.text!r}"
    report.language.add(result.language == example.language)
    if example.emergency is None or example.area is not None:
        ok = result.area == example.area
        offered = result.unsure and example.area in [a for a, _ in result.candidates[:OFFERED]]
        report.area.add(ok)
        report.area_offered.add(ok or offered)
        report.area_by_language[example.language].add(ok)
        report.area_by_area[example.area or "(none)"].add(ok)
        if not ok:
            report.misses.append(
                f"area {label}: expected {example.area}, got {result.area} {_candidates(result)}"
            )
    if example.emergency is not None:
        kind = result.emergency or result.check
        report.recall.add(kind is not None)
        report.certain.add(result.emergency is not None)
        report.recall_by_language[example.language].add(kind is not None)
        report.kind.add(kind == example.emergency)
        if kind != example.emergency:
            how = "check " if result.check else ""
            report.misses.append(
                f"emergency {label}: expected {example.emergency}, got {how}{kind}"
            )
    else:
        alarm = result.emergency is not None
        report.false_alarms.add(alarm)
        report.checks.add(result.check is not None)
        report.alarms_by_language[example.language].add(alarm)
        if alarm:
            report.misses.append(f"false alarm {label}: got {result.emergency}")
        elif result.check:
            report.misses.append(f"check question {label}: got check {result.check}")


def _candidates(result: Understood) -> str:
    return " ".join(f"{area}={score}" for area, score in result.candidates)


def format_report(report: Report) -> str:
    lines = [
        f"area accuracy        {report.area}",
        f"  right or offered   {report.area_offered}  (unsure: one of the top two offered)",
        f"emergency recall     {report.recall}  (answer or check question)",
        f"  answered at once   {report.certain}",
        f"emergency kind right {report.kind}",
        f"false alarms         {report.false_alarms}  (certain, on other messages)",
        f"check questions      {report.checks}  (on other messages)",
        f"language detected    {report.language}",
        "",
        "per language         area              emergency recall   false alarms",
    ]
    for language in sorted(set(report.area_by_language) | set(report.recall_by_language)):
        lines.append(
            f"  {language:<18} {report.area_by_language[language]!s:<17} "
            f"{report.recall_by_language[language]!s:<18} {report.alarms_by_language[language]}"
        )
    lines += ["", "per area"]
    for area in sorted(report.area_by_area):
        lines.append(f"  {area:<18} {report.area_by_area[area]}")
    lines += ["", f"misses ({len(report.misses)})"]
    lines += [f"  {miss}" for miss in report.misses]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.understand.evaluate")
    parser.add_argument("file", nargs="?", type=pathlib.Path, default=DEFAULT_LABELLED)
    parser.add_argument("--knowledge", type=pathlib.Path, default=DEFAULT_KNOWLEDGE)
    args = parser.parse_args(argv)
    understander = Understander.load(args.knowledge)
    report = evaluate(understander, read_examples(args.file))
    print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
