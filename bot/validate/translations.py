"""Texts not yet translated or only fuzzily translated, per language."""

from __future__ import annotations

from bot.content.model import Content
from bot.content.problems import Problem
from bot.content.texts import content_texts
from bot.i18n.catalogs import SOURCE_LANGUAGE
from bot.i18n.placeholders import PLACEHOLDER, placeholders
from bot.i18n.policy import LENIENT, TranslationPolicy


def missing_translations(content: Content) -> dict[str, list[str]]:
    sources = list(dict.fromkeys(loc.text.source for loc in content_texts(content)))
    return {
        language: [s for s in sources if not content.catalogs.has(s, language)]
        for language in content.languages
        if language != SOURCE_LANGUAGE
    }


def fuzzy_translations(content: Content) -> dict[str, list[str]]:
    """Per language: texts shown with a translation a translator has not confirmed yet."""
    sources = list(dict.fromkeys(loc.text.source for loc in content_texts(content)))
    return {
        language: [s for s in sources if content.catalogs.is_fuzzy(s, language)]
        for language in content.languages
        if language != SOURCE_LANGUAGE
    }


def check_translations(content: Content, policy: TranslationPolicy = LENIENT) -> list[Problem]:
    """A problem per text with a missing or fuzzy translation, at the severity of `policy`."""
    return _report(
        content,
        missing_translations(content),
        policy.missing_translation,
        "text not translated into {languages}: '{text}' — run 'python -m bot translations update' and fill in locales/<lang>/LC_MESSAGES/messages.po",
    ) + _report(
        content,
        fuzzy_translations(content),
        policy.fuzzy_translation,
        "fuzzy translation into {languages} (the German text changed; people see the previous translation until a translator checks it and removes the 'fuzzy' flag): '{text}'",
    )


def _report(
    content: Content, per_language: dict[str, list[str]], severity: str, template: str
) -> list[Problem]:
    missing = {lang: set(texts) for lang, texts in per_language.items()}
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
                template.format(languages=", ".join(languages), text=_short(source)),
                "error" if severity == "error" else "warning",
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
