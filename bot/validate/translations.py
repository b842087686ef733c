"""Texts not yet translated or only fuzzily translated, per language."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.content.model import Content
from bot.content.problems import Problem
from bot.content.texts import content_texts
from bot.i18n.catalogs import SOURCE_LANGUAGE
from bot.i18n.placeholders import PLACEHOLDER, placeholders
from bot.i18n.policy import LENIENT, TranslationPolicy
from bot.validate.sources import Sources


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


def check_translations(
    content: Content, policy: TranslationPolicy = LENIENT, sources: Sources | None = None
) -> list[Problem]:
    """A problem per text with a missing or fuzzy translation, at the severity of `policy`;
    each names the .po file and line to fix when the text is in the catalog (`sources`)."""
    sources = sources or Sources()

    def fill_in(languages: list[str], source: str) -> str:
        stale = {lang: content.catalogs.stale_numbers(source, lang) for lang in languages}
        by_change: dict[str, list[str]] = {}
        for lang, changed in stale.items():
            if changed:
                by_change.setdefault(changed, []).append(sources.where(lang, source))
        notes = [
            f"the German text's numbers changed ({changed}); the old translation is not shown "
            f"until it is updated: {', '.join(places)}"
            for changed, places in by_change.items()
        ]
        rest = [lang for lang in languages if not stale[lang]]
        return "; ".join(notes + ([_fill_in(rest, source)] if rest else []))

    def _fill_in(languages: list[str], source: str) -> str:
        places = {
            lang: sources.po[lang].where(source) if lang in sources.po else None
            for lang in languages
        }
        known = [place for place in places.values() if place]
        update = "run 'python -m bot translations update' and fill in locales/<lang>/LC_MESSAGES/messages.po"
        if not known:
            return update
        unknown = [lang for lang, place in places.items() if not place]
        return f"fill in {', '.join(known)}" + (
            f"; for {', '.join(unknown)} {update}" if unknown else ""
        )

    def check(languages: list[str], source: str) -> str:
        return f"check {', '.join(sources.where(lang, source) for lang in languages)}"

    return _report(
        content,
        missing_translations(content),
        policy.missing_translation,
        "text not translated into {languages}: '{text}' — {fix}",
        fill_in,
    ) + _report(
        content,
        fuzzy_translations(content),
        policy.fuzzy_translation,
        "fuzzy translation into {languages} (the German text changed; people see the previous translation until a translator checks it and removes the 'fuzzy' flag): '{text}' — {fix}",
        check,
    )


def _report(
    content: Content,
    per_language: dict[str, list[str]],
    severity: str,
    template: str,
    fix: Callable[[list[str], str], str],
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
        message = template.format(
            languages=", ".join(languages), text=_short(source), fix=fix(languages, source)
        )
        problems.append(
            Problem(
                located.file,
                located.text.line,
                message,
                "error" if severity == "error" else "warning",
                located.node,
            )
        )
    return problems


def _short(text: str) -> str:
    line = text.splitlines()[0]
    return line if len(line) <= 50 else line[:47] + "..."


_BRACED = re.compile(r"\{[^{}]*\}")  # what a translator wrote in braces, shown in the message


def check_placeholders(content: Content, sources: Sources | None = None) -> list[Problem]:
    """A translation must keep every {placeholder} of its source, or the bot shows '{ref}'."""
    sources = sources or Sources()
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
            translated = content.catalogs.translate(source, language)[0]
            if placeholders(translated) != expected:
                want = ", ".join("{" + p + "}" for p in sorted(expected))
                has = ", ".join(sorted(set(_BRACED.findall(translated)))) or "none"
                problems.append(
                    Problem(
                        located.file,
                        located.text.line,
                        f"[{language}] translation of '{_short(source)}' must contain exactly {want} (it has {has}); fix it in {sources.where(language, source)}",
                        node=located.node,
                    )
                )
    return problems
