"""Language names for the picker, from Babel's locale data."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError


@cache
def native_name(language: str) -> str:
    try:
        name = Locale.parse(language).get_display_name(language) or language
    except (UnknownLocaleError, ValueError):
        return language
    return name[:1].upper() + name[1:]


def supported(language: str | None, languages: tuple[str, ...]) -> str | None:
    """The supported language a hint like 'uk-UA' or 'pt_BR' stands for, if any."""
    if not language:
        return None
    base = language.replace("_", "-").split("-")[0].lower()
    return base if base in languages else None
