"""Accuracy thresholds on the labelled sets (see bot/understand/evaluate.py)."""

from __future__ import annotations

import pathlib

import pytest

from bot import domain
from bot.understand import Understander
from bot.understand.evaluate import Report, evaluate, format_report, read_examples

HERE = pathlib.Path(__file__).parent
LANGUAGES = set(domain.LANGUAGES)
KINDS = set(domain.EMERGENCY_KINDS)
AREAS = set(domain.AREA_IDS)


# blind-*.tsv were written before the lexicons were read (red-team rounds), each balanced
# over the six languages with about a quarter emergencies and many figurative negatives;
# blind-4 and blind-5 add Arabizi, Finglish, Dari and Surzhyk writers, implicit emergencies
# and past or third-party events. blind-6 is mostly emergencies typed in panic: very short,
# typos, transliterated, no punctuation. blind-7 (229 messages) and blind-8-long (46 long,
# indirect, mixed-language and voice-to-text messages) were written for the two-step triage
# before the lexicons were read; their first, untuned figures are in the README. blind-9 (34
# messages) was written after they were known, and measured once before tuning on it.
# blind-10-long (75 long, indirect, mixed-language and voice-to-text messages) was written
# before the lexicons were read again, measured once (README), then tuned on.
# blind-12-forms (192 messages, 2 Dec 2026) was written blind for inflected forms (Arabic
# possessives and accusatives, Farsi ezafe, Slavic cases, German compounds); first figures
# before tuning: area 94.5 %, recall 100 %, emergency kind 89.7 %, false alarms 0 %.
LABELLED_SETS = [
    "labelled.tsv",
    "labelled-more.tsv",
    "blind-1.tsv",
    "blind-2.tsv",
    "blind-3.tsv",
    "blind-4.tsv",
    "blind-5.tsv",
    "blind-6.tsv",
    "blind-7.tsv",
    "blind-8-long.tsv",
    "blind-9.tsv",
    "blind-10-long.tsv",
    "blind-12-forms.tsv",
]
MIN_PER_LANGUAGE = 10
# The long set is smaller: fewer, longer messages.
MIN_SIZE = {"blind-8-long.tsv": (40, 7), "blind-9.tsv": (30, 5), "blind-10-long.tsv": (60, 8)}


@pytest.fixture(scope="module", params=LABELLED_SETS)
def report(request: pytest.FixtureRequest, understander: Understander) -> Report:
    return evaluate(understander, read_examples(HERE / request.param))


def test_labelled_set_is_well_formed() -> None:
    examples = read_examples(HERE / "labelled.tsv")
    assert len(examples) >= 300
    for language in LANGUAGES:
        assert sum(e.language == language for e in examples) >= 45, language
    assert {e.emergency for e in examples if e.emergency} == KINDS
    for example in examples:
        assert example.language in LANGUAGES, example
        assert example.area is None or example.area in AREAS, example


@pytest.mark.parametrize("name", LABELLED_SETS[2:])
def test_blind_set_is_well_formed(name: str) -> None:
    examples = read_examples(HERE / name)
    size, per_language = MIN_SIZE.get(name, (140, 20))
    assert len(examples) >= size
    for language in LANGUAGES:
        assert sum(e.language == language for e in examples) >= per_language, language
    assert {e.emergency for e in examples if e.emergency} == KINDS
    for example in examples:
        assert example.language in LANGUAGES, example
        assert example.area is None or example.area in AREAS, example


def test_area_accuracy(report: Report) -> None:
    """Topic right (also in long messages, where the story comes before the need), and
    counting the two the bot offers when unsure."""
    assert report.area.rate >= 0.95, format_report(report)
    assert report.area_offered.rate >= 0.95, format_report(report)


def test_area_accuracy_per_language(report: Report) -> None:
    for language, tally in report.area_by_language.items():
        if tally.total >= MIN_PER_LANGUAGE:  # one miss in four messages says little
            assert tally.rate >= 0.85, (language, format_report(report))


def test_every_emergency_gets_the_answer_or_the_check_question(report: Report) -> None:
    assert report.recall.rate == 1.0, format_report(report)


def test_false_alarms(report: Report) -> None:
    assert report.false_alarms.rate <= 0.01, format_report(report)


def test_check_questions_on_other_messages(report: Report) -> None:
    assert report.checks.rate <= 0.03, format_report(report)


def test_language_detection(report: Report) -> None:
    assert report.language.rate >= 0.9, format_report(report)
