"""`python -m bot translations update|report`: keep the .po catalogs in step with the content."""

from __future__ import annotations

import argparse
import io
import re
import sys
from difflib import get_close_matches
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import normalize, read_po, unescape, write_po

from bot.cli.content_folder import add_content_option, chosen_folder
from bot.cli.validate import load_quietly, order, translation_table
from bot.content.loader import load_content
from bot.content.model import LANGUAGES, Content
from bot.content.texts import content_texts
from bot.i18n.catalogs import DOMAIN, SOURCE_LANGUAGE, po_path
from bot.i18n.policy import LENIENT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot translations", description=__doc__)
    parser.add_argument("action", choices=("update", "report"))
    add_content_option(parser)
    args = parser.parse_args(argv)
    chosen = chosen_folder(args.content)
    if chosen is None:
        return 2
    root, origin = chosen
    print(f"catalogs of the content in {root} ({origin})")
    content, problems = load_quietly(root, with_understanding=False, policy=LENIENT)
    if content is None:
        for problem in sorted(problems, key=order):
            if problem.severity == "error":
                print(problem)
        print(f"fix the errors above first (python -m bot validate --content {root})")
        return 1
    if args.action == "update":
        for language in LANGUAGES:
            if language != SOURCE_LANGUAGE:
                path = update_catalog(content, root / "locales", language)
                print(f"updated {path}")
        content, _ = load_content(root, with_understanding=False, policy=LENIENT)
        assert content is not None, "updating catalogs never breaks the content"
    print(translation_table(content))
    return 0


def template(content: Content) -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="Wegweiser", locale=SOURCE_LANGUAGE)
    for located in content_texts(content):
        comment = f"node: {located.node}" if located.node else ""
        existing = catalog.get(located.text.source)
        if existing is not None:
            if (located.file, None) not in existing.locations:
                existing.locations.append((located.file, None))
            continue
        catalog.add(
            located.text.source,
            locations=[(located.file, None)],
            auto_comments=[comment] if comment else [],
        )
    return catalog


def update_catalog(content: Content, locales: Path, language: str) -> Path:
    """Bring one catalog in step with the content, keeping every translator's work.

    New texts get an empty translation. A text whose German was edited keeps its previous
    translation as a *fuzzy* entry (with the old German as `#| msgid`): the bot shows it
    until a translator confirms it, and `validate` lists it. Entries follow the content's
    order and carry file names without line numbers, so a diff shows only what changed.
    """
    path = po_path(locales, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    else:
        catalog = Catalog(domain=DOMAIN, project="Wegweiser", locale=language)
    previous = {m.id: found for m in catalog if m.id and (found := _take_previous(m))}
    catalog.update(
        template(content),
        update_header_comment=False,
        no_fuzzy_matching=True,
        update_creation_date=False,
    )
    _carry_over_edited(catalog)
    for message in catalog:
        if message.id in previous and message.fuzzy and not message.previous_id:
            message.previous_id = previous[message.id]
    catalog.obsolete.clear()
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=WIDTH,
        sort_output=False,
        include_lineno=False,
        ignore_obsolete=True,
    )
    path.write_text(_with_previous(buffer.getvalue().decode("utf-8"), catalog), encoding="utf-8")
    return path


WIDTH = 100
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _with_previous(text: str, catalog: Catalog) -> str:
    """Add `#| msgid` lines (the German text a fuzzy translation was made for) in the form
    gettext, Poedit and Weblate read: one quoted piece per line, never a piece split."""
    for message in catalog:
        if not (message.id and message.fuzzy and message.previous_id):
            continue
        block = f"msgid {normalize(str(message.id), width=WIDTH)}\nmsgstr"
        old = normalize(message.previous_id[0], width=WIDTH).split("\n")
        lines = [f"#| msgid {old[0]}", *(f"#| {line}" for line in old[1:])]
        text = text.replace(block, "\n".join(lines) + "\n" + block, 1)
    return text


def _take_previous(message: Message) -> list[str]:
    """The `#| msgid` of a fuzzy entry, which Babel's reader leaves among the user comments."""
    marked = [c for c in message.user_comments if c.startswith("|")]
    if not marked:
        return []
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    pieces = _QUOTED.findall(" ".join(marked))
    return ["".join(unescape(piece) for piece in pieces)]


def _carry_over_edited(catalog: Catalog) -> None:
    """Give each new, untranslated text the translation of the removed text it was edited from."""
    removed: dict[str, Message] = {
        str(m.id): m for m in catalog.obsolete.values() if isinstance(m.string, str) and m.string
    }
    for message in catalog:
        if not message.id or message.string or not removed:
            continue
        match = get_close_matches(str(message.id), list(removed), n=1, cutoff=0.6)
        if not match:
            continue
        old = removed.pop(match[0])
        message.string = old.string
        message.user_comments = list(old.user_comments)
        message.flags.add("fuzzy")
        message.previous_id = [match[0]]


if __name__ == "__main__":
    sys.exit(main())
