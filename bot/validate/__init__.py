"""Checks on loaded content, in layers; each returns problems naming file and line."""

from __future__ import annotations

from bot.content.model import Content
from bot.content.problems import Problem
from bot.i18n.policy import LENIENT, TranslationPolicy
from bot.validate.conditions import check_conditions
from bot.validate.graph import check_graph
from bot.validate.knowledge import check_knowledge
from bot.validate.limits import check_limits
from bot.validate.names import check_names
from bot.validate.references import check_references
from bot.validate.required import check_required
from bot.validate.sources import Sources
from bot.validate.translations import check_placeholders, check_translations
from bot.validate.unfinished import check_unfinished


def check_content(
    content: Content, policy: TranslationPolicy = LENIENT, sources: Sources | None = None
) -> list[Problem]:
    """Every problem of loaded content; `policy` sets how missing/fuzzy translations count;
    `sources` (bot/validate/sources.py) adds what only the files show: .po lines, unread ids."""
    sources = sources or Sources()
    problems = check_required(content, sources.unread)
    problems += check_names(content)
    problems += check_references(content, sources.unread)
    problems += check_conditions(content)
    if not any(p.severity == "error" for p in problems):
        problems += check_graph(content)
    problems += check_knowledge(content)
    problems += check_limits(content)
    problems += check_translations(content, policy, sources)
    problems += check_placeholders(content, sources)
    problems += check_unfinished(content)
    return problems
