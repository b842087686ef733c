"""A fuzzy translation whose numbers differ from the new German text is not shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.cli.translations import main as translations_main
from bot.content.loader import load_content
from bot.i18n.catalogs import load_catalogs, po_path
from bot.i18n.numbers import changed_numbers
from tests.bundled import copy_bundled

OLD = "Hilfetelefon Gewalt an Männern: 0800 123 99 00 – Montag bis Donnerstag 8–20 Uhr"
NEW = OLD.replace("8–20 Uhr", "9–21 Uhr")
SAME = OLD.replace("Montag bis Donnerstag", "montags bis donnerstags")


def edited(tmp_path: Path, old: str, new: str) -> Path:
    root = copy_bundled(tmp_path / "content")
    emergency = root / "knowledge" / "emergency.yaml"
    text = emergency.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    emergency.write_text(text.replace(old, new), encoding="utf-8")
    assert translations_main(["update", "--content", str(root)]) == 0
    return root


LANGUAGES = ["en", "uk", "ru", "ar", "fa"]


def texts_with(root: Path, part: str) -> list[str]:
    """The German texts (msgids) that contain `part`."""
    with po_path(root / "locales", "fa").open("rb") as handle:
        return [str(m.id) for m in read_po(handle) if m.id and part in str(m.id)]


def test_changed_numbers_fall_back_and_validate_names_the_po_line(tmp_path: Path) -> None:
    root = edited(tmp_path, OLD, NEW)
    catalogs = load_catalogs(root / "locales", ["de", *LANGUAGES])
    texts = texts_with(root, NEW)
    assert len(texts) == 2  # the text is in two emergency answers
    for language in LANGUAGES:
        for text in texts:
            assert catalogs.stale_numbers(text, language) == "8, 20 → 9, 21", language
            assert not catalogs.has(text, language)
            shown, used = catalogs.translate(text, language)
            assert used == "de" and shown == text  # en is stale too: down the chain to German
    farsi = po_path(root / "locales", "fa").read_text(encoding="utf-8")
    assert "#, fuzzy" in farsi  # the old translation stays in the file for the translator

    content, problems = load_content(root, with_understanding=False)
    assert content is None  # locales/policy.yaml: a text without translation is an error
    report = "\n".join(str(p) for p in problems)
    assert any(
        "the German text's numbers changed (8, 20 → 9, 21); the old translation is not shown "
        "until it is updated: locales/en/LC_MESSAGES/messages.po:"
        in str(p)
        and "locales/fa/LC_MESSAGES/messages.po:" in str(p)
        for p in problems
        if p.severity == "error"
    ), report


def test_same_numbers_keep_the_fuzzy_translation(tmp_path: Path) -> None:
    root = edited(tmp_path, OLD, SAME)
    catalogs = load_catalogs(root / "locales", ["de", *LANGUAGES])
    texts = texts_with(root, SAME)
    assert len(texts) == 2
    for language, text in [(lang, text) for lang in LANGUAGES for text in texts]:
        assert catalogs.is_fuzzy(text, language) and catalogs.stale_numbers(text, language) is None
        shown, used = catalogs.translate(text, language)
        assert used == language and shown != text  # also en, whose '8 a.m.' is not '8 Uhr'


@pytest.mark.parametrize(
    ("translation", "source", "changed"),
    [
        ("دوشنبه ۱۴–۱۶", "Montag 15–17 Uhr", "14, 16 → 15, 17"),
        ("الاثنين ١٤-١٦", "Montag 14–16 Uhr", None),
        ("16-14", "14–16", None),
    ],
)
def test_numbers_in_any_script(translation: str, source: str, changed: str | None) -> None:
    assert changed_numbers(translation, source) == changed


def test_without_the_previous_german_text_the_translation_is_compared(tmp_path: Path) -> None:
    root = edited(tmp_path, OLD, NEW)
    farsi = po_path(root / "locales", "fa")
    lines = farsi.read_text(encoding="utf-8").splitlines(keepends=True)
    farsi.write_text("".join(x for x in lines if not x.startswith("#|")), encoding="utf-8")
    catalogs = load_catalogs(root / "locales", ["de", "fa"])
    for text in texts_with(root, NEW):
        assert catalogs.stale_numbers(text, "fa") == "8, 20 → 9, 21"
        assert catalogs.translate(text, "fa")[1] == "de"
