"""Translations read straight from the .po files, with a fallback chain."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

DOMAIN = "messages"
SOURCE_LANGUAGE = "de"
DEFAULT_FALLBACK = ("en", "de")


@dataclass(frozen=True)
class Catalogs:
    """Translated texts per language, keyed by the German source text.

    Read from .po rather than compiled .mo files so that a fresh clone works without a
    build step and a missing translation is visible instead of silently empty.
    """

    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    fallback: tuple[str, ...] = DEFAULT_FALLBACK

    def translate(self, source: str, language: str) -> tuple[str, str]:
        """The text in `language`, else along the fallback chain; with the language used."""
        for candidate in self.chain(language):
            if candidate == SOURCE_LANGUAGE:
                return source, SOURCE_LANGUAGE
            found = self.messages.get(candidate, {}).get(source)
            if found:
                return found, candidate
        return source, SOURCE_LANGUAGE

    def chain(self, language: str) -> tuple[str, ...]:
        order = [language, *self.fallback, SOURCE_LANGUAGE]
        return tuple(dict.fromkeys(order))

    def has(self, source: str, language: str) -> bool:
        return language == SOURCE_LANGUAGE or bool(self.messages.get(language, {}).get(source))


def po_path(locales_dir: Path, language: str) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalogs(
    locales_dir: Path, languages: Iterable[str], fallback: tuple[str, ...] = DEFAULT_FALLBACK
) -> Catalogs:
    messages: dict[str, dict[str, str]] = {}
    for language in languages:
        path = po_path(locales_dir, language)
        if language == SOURCE_LANGUAGE or not path.is_file():
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        messages[language] = {
            str(message.id): str(message.string)
            for message in catalog
            if message.id
            and isinstance(message.string, str)
            and message.string
            and not message.fuzzy
        }
    return Catalogs(messages=messages, fallback=fallback)
