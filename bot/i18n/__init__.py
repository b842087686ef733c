"""Translations: gettext catalogs, extraction, language names and text direction."""
