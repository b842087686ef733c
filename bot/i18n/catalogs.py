"""Translations read straight from the .po files, with a fallback chain."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from bot.i18n.numbers import changed_numbers, previous_ids
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
    Not when its numbers differ from the new German text (office hours, a phone number):
    wrong numbers are worse than a fallback language, so such a translation is left out like
    a missing one; `stale` keeps, per language, what changed ('14, 16 → 15, 17') for validate.
    """

    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    fallback: tuple[str, ...] = DEFAULT_FALLBACK
    fuzzy: Mapping[str, frozenset[str]] = field(default_factory=dict)
    stale: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
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

    def stale_numbers(self, source: str, language: str) -> str | None:
        """What changed ('14, 16 → 15, 17') when a fuzzy translation is not shown because
        the German text's numbers changed; else None."""
        return self.stale.get(language, {}).get(source)


def po_path(locales_dir: Path, language: str) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalogs(
    locales_dir: Path, languages: Iterable[str], fallback: tuple[str, ...] = DEFAULT_FALLBACK
) -> Catalogs:
    messages: dict[str, dict[str, str]] = {}
    fuzzy: dict[str, frozenset[str]] = {}
    stale: dict[str, dict[str, str]] = {}
    for language in languages:
        path = po_path(locales_dir, language)
        if language == SOURCE_LANGUAGE or not path.is_file():
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        previous = previous_ids(path) if any(m.fuzzy for m in catalog if m.id) else {}
        usable = [m for m in catalog if m.id and _usable(m, previous)]
        messages[language] = {str(m.id): str(m.string) for m in usable}
        fuzzy[language] = frozenset(str(m.id) for m in usable if m.fuzzy)
        stale[language] = {
            str(m.id): changed
            for m in catalog
            if m.id and m.fuzzy and isinstance(m.string, str) and m.string
            if (changed := _changed_numbers(m, previous))
        }
    return Catalogs(messages=messages, fallback=fallback, fuzzy=fuzzy, stale=stale)


def _usable(message: Message, previous: Mapping[str, str]) -> bool:
    """A filled translation; a fuzzy one only if it keeps the {placeholders} and the numbers
    of the new text."""
    if not isinstance(message.string, str) or not message.string:
        return False
    if not message.fuzzy:
        return True
    return placeholders(str(message.id)) == placeholders(message.string) and not _changed_numbers(
        message, previous
    )


def _changed_numbers(message: Message, previous: Mapping[str, str]) -> str | None:
    """How the numbers of a fuzzy entry's German text changed: from its previous German text
    ('#| msgid') when the file has it, else from its translation. The previous German text
    is the better witness: an English '8 p.m.' for '20 Uhr' is not a changed number."""
    source = str(message.id)
    return changed_numbers(previous.get(source, str(message.string)), source)
