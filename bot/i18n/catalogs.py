"""Translations read straight from the .po files, with a fallback chain."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from bot.i18n.placeholders import placeholders

DOMAIN = "messages"
SOURCE_LANGUAGE = "de"
DEFAULT_FALLBACK = ("en", "de")


@dataclass(frozen=True)
class Catalogs:
    """Translated texts per language, keyed by the German source text.

    Read from .po rather than compiled .mo files so that a fresh clone works without a
    build step and a missing translation is visible instead of silently empty. A fuzzy
    translation (the German text changed since it was translated; the translator has not
    confirmed it yet) is used: the previous translation in the person's language is closer
    to the truth than a German text they cannot read. `fuzzy` lists those per language.
    """

    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    fallback: tuple[str, ...] = DEFAULT_FALLBACK
    fuzzy: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # language -> its fallback chain, built once per language (a turn translates dozens of texts)
    _chains: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

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
        """`language`, then the fallback languages, then German; each once."""
        chain = self._chains.get(language)
        if chain is None:
            chain = tuple(dict.fromkeys([language, *self.fallback, SOURCE_LANGUAGE]))
            self._chains[language] = chain
        return chain

    def has(self, source: str, language: str) -> bool:
        """A translation exists (confirmed or fuzzy)."""
        return language == SOURCE_LANGUAGE or bool(self.messages.get(language, {}).get(source))

    def is_fuzzy(self, source: str, language: str) -> bool:
        """The translation shown is one a translator still has to confirm."""
        return source in self.fuzzy.get(language, frozenset())


def po_path(locales_dir: Path, language: str) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalogs(
    locales_dir: Path, languages: Iterable[str], fallback: tuple[str, ...] = DEFAULT_FALLBACK
) -> Catalogs:
    messages: dict[str, dict[str, str]] = {}
    fuzzy: dict[str, frozenset[str]] = {}
    for language in languages:
        path = po_path(locales_dir, language)
        if language == SOURCE_LANGUAGE or not path.is_file():
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        usable = [m for m in catalog if m.id and _usable(m)]
        messages[language] = {str(m.id): str(m.string) for m in usable}
        fuzzy[language] = frozenset(str(m.id) for m in usable if m.fuzzy)
    return Catalogs(messages=messages, fallback=fallback, fuzzy=fuzzy)


def _usable(message: Message) -> bool:
    """A filled translation; a fuzzy one only if it keeps the {placeholders} of the new text."""
    if not isinstance(message.string, str) or not message.string:
        return False
    if not message.fuzzy:
        return True
    return placeholders(str(message.id)) == placeholders(message.string)
