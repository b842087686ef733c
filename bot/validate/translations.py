"""Texts not yet translated, per language."""

from __future__ import annotations

from bot.content.model import Content
from bot.content.problems import Problem
from bot.content.texts import content_texts
from bot.i18n.catalogs import SOURCE_LANGUAGE
from bot.i18n.placeholders import PLACEHOLDER, placeholders


def missing_translations(content: Content) -> dict[str, list[str]]:
    sources = list(dict.fromkeys(loc.text.source for loc in content_texts(content)))
    return {
        language: [s for s in sources if not content.catalogs.has(s, language)]
        for language in content.languages
        if language != SOURCE_LANGUAGE
    }


def check_translations(content: Content) -> list[Problem]:
    missing = {lang: set(texts) for lang, texts in missing_translations(content).items()}
    problems = []
    reported: set[str] = set()
    for located in content_texts(content):
        source = located.text.source
        languages = [lang for lang, texts in missing.items() if source in texts]
        if not languages or source in reported:
            continue
        reported.add(source)
        problems.append(
            Problem(
                located.file,
                located.text.line,
                f"text not translated into {', '.join(languages)}: '{_short(source)}' — run 'python -m bot translations update' and fill in locales/<lang>/LC_MESSAGES/messages.po",
                "warning",
                located.node,
            )
        )
    return problems


def _short(text: str) -> str:
    line = text.splitlines()[0]
    return line if len(line) <= 50 else line[:47] + "..."


def check_placeholders(content: Content) -> list[Problem]:
    """A translation must keep every {placeholder} of its source, or the bot shows '{ref}'."""
    problems = []
    seen: set[str] = set()
    for located in content_texts(content):
        source = located.text.source
        expected = placeholders(source)
        if source in seen or not PLACEHOLDER.search(source):
            continue
        seen.add(source)
        for language in content.languages:
            if not content.catalogs.has(source, language) or language == SOURCE_LANGUAGE:
                continue
            found = placeholders(content.catalogs.translate(source, language)[0])
            if found != expected:
                want = ", ".join("{" + p + "}" for p in sorted(expected))
                problems.append(
                    Problem(
                        located.file,
                        located.text.line,
                        f"[{language}] translation of '{_short(source)}' must contain exactly {want}; fix it in locales/{language}/LC_MESSAGES/messages.po",
                        node=located.node,
                    )
                )
    return problems
