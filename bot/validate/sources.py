"""What only the files on disk show: the .po line of each translation, invisible direction
characters by line, and the ids in files that could not be read at all."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.problems import Problem
from bot.domain import LANGUAGES
from bot.i18n.catalogs import SOURCE_LANGUAGE, po_path
from bot.validate.bidi import check_yaml_bidi
from bot.validate.pofiles import PoFile, read_po_file

_KEY = re.compile(r"^[\s-]*([a-z][a-z0-9_]*)\s*:", re.MULTILINE)


@dataclass(frozen=True)
class Sources:
    po: Mapping[str, PoFile] = field(default_factory=dict)  # language -> its catalog's lines
    # id -> file: ids written in a file that could not be read; a link to one of them is not
    # reported as missing (the file's syntax error is the one problem to fix)
    unread: Mapping[str, str] = field(default_factory=dict)

    def po_file(self, language: str) -> str:
        found = self.po.get(language)
        return found.shown if found else f"locales/{language}/LC_MESSAGES/messages.po"

    def where(self, language: str, msgid: str) -> str:
        """The .po file and line of the translation of `msgid`, or the file alone."""
        found = self.po.get(language)
        return (found.where(msgid) if found else None) or self.po_file(language)


def read_sources(root: Path, unreadable: Iterable[Path] = ()) -> tuple[Sources, list[Problem]]:
    """The .po files and YAML texts of the content folder `root`, with their problems."""
    problems: list[Problem] = []
    po: dict[str, PoFile] = {}
    for language in LANGUAGES:
        path = po_path(root / "locales", language)
        if language != SOURCE_LANGUAGE and path.is_file():
            shown = f"locales/{language}/LC_MESSAGES/{path.name}"
            po[language], found = read_po_file(path, shown)
            problems += found
    for folder in ("flows", "knowledge"):
        for path in sorted((root / folder).glob("*.yaml")):
            problems += check_yaml_bidi(path, f"{folder}/{path.name}")
    unread: dict[str, str] = {}
    for path in unreadable:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for key in _KEY.findall(text):
            unread.setdefault(key, f"{path.parent.name}/{path.name}")
    return Sources(po, unread), problems
