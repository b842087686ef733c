"""Catalogs: extraction finds exactly what the bot shows; updates keep translators' work."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.cli.translations import main as translations_main
from bot.content.loader import load_content_or_raise
from bot.content.texts import content_texts
from bot.i18n.catalogs import po_path
from bot.i18n.extract import extract_content
from bot.settings import BUNDLED_CONTENT


def load(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def test_babel_extractor_finds_every_text_the_bot_shows() -> None:
    content = load_content_or_raise(BUNDLED_CONTENT, with_understanding=False)
    expected = {located.text.source for located in content_texts(content)}
    found: set[str] = set()
    for path in [*BUNDLED_CONTENT.glob("flows/*.yaml"), *BUNDLED_CONTENT.glob("knowledge/*.yaml")]:
        with path.open("rb") as handle:
            found |= {message for _, _, message, _ in extract_content(handle, None, None, {})}
    assert found == expected


def test_update_adds_new_texts_and_keeps_translations_and_comments(small_root: Path) -> None:
    uk = po_path(small_root / "locales", "uk")
    catalog = load(uk, "uk")
    catalog["Wo wohnen Sie?"].user_comments = [
        "machine-assisted translation, needs native-speaker review"
    ]
    with uk.open("wb") as handle:
        write_po(handle, catalog)
    housing = small_root / "flows" / "housing.yaml"
    housing.write_text(
        housing.read_text(encoding="utf-8").replace("Alles Gute!", "Alles Gute und bis bald!"),
        encoding="utf-8",
    )
    assert translations_main(["update", "--content", str(small_root)]) == 0
    updated = load(uk, "uk")
    assert updated["Wo wohnen Sie?"].string == "Де ви живете?"
    assert updated["Wo wohnen Sie?"].user_comments == [
        "machine-assisted translation, needs native-speaker review"
    ]
    assert updated["Alles Gute und bis bald!"].string == ""  # new, waiting for a translator
    assert (small_root / "locales" / "fa" / "LC_MESSAGES" / "messages.po").is_file()


def test_bundled_catalogs_are_complete_and_marked_for_review() -> None:
    for language in ("en", "uk", "ru", "ar", "fa"):
        catalog = load(po_path(BUNDLED_CONTENT / "locales", language), language)
        messages = [m for m in catalog if m.id]
        assert all(m.string for m in messages), language
        assert all(not m.fuzzy for m in messages), language
        assert all(m.user_comments for m in messages), language


def test_fresh_copy_without_compiled_catalogs_still_translates(tmp_path: Path) -> None:
    root = tmp_path / "content"
    for folder in ("flows", "knowledge", "locales"):
        shutil.copytree(
            BUNDLED_CONTENT / folder, root / folder, ignore=shutil.ignore_patterns("*.mo")
        )
    content = load_content_or_raise(root, with_understanding=False)
    assert content.catalogs.translate("Wo wohnen Sie?", "uk")[1] == "uk"
