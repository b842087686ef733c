"""`python -m bot translations update|report`: keep the .po catalogs in step with the content."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.cli.validate import translation_table
from bot.content.loader import load_content
from bot.content.model import LANGUAGES, Content
from bot.content.texts import content_texts
from bot.i18n.catalogs import DOMAIN, SOURCE_LANGUAGE, po_path
from bot.settings import BUNDLED_CONTENT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot translations", description=__doc__)
    parser.add_argument("action", choices=("update", "report"))
    parser.add_argument("--content", type=Path, default=BUNDLED_CONTENT)
    args = parser.parse_args(argv)
    content, problems = load_content(args.content, with_understanding=False)
    if content is None:
        for problem in problems:
            if problem.severity == "error":
                print(problem)
        print("fix the errors above first (python -m bot validate)")
        return 1
    if args.action == "update":
        for language in LANGUAGES:
            if language != SOURCE_LANGUAGE:
                path = update_catalog(content, args.content / "locales", language)
                print(f"updated {path}")
    print(translation_table(content))
    return 0


def template(content: Content) -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="Wegweiser", locale=SOURCE_LANGUAGE)
    for located in content_texts(content):
        comment = f"node: {located.node}" if located.node else ""
        existing = catalog.get(located.text.source)
        if existing is not None:
            existing.locations.append((located.file, located.text.line))
            continue
        catalog.add(
            located.text.source,
            locations=[(located.file, located.text.line)],
            auto_comments=[comment] if comment else [],
        )
    return catalog


def update_catalog(content: Content, locales: Path, language: str) -> Path:
    path = po_path(locales, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    else:
        catalog = Catalog(domain=DOMAIN, project="Wegweiser", locale=language)
    catalog.update(template(content), update_header_comment=False, no_fuzzy_matching=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, include_previous=False)
    return path


if __name__ == "__main__":
    sys.exit(main())
