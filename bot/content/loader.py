"""Load a content folder (flows/, knowledge/, locales/) and check it completely."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.content.flows import parse_flow_file
from bot.content.knowledge import read_knowledge
from bot.content.model import LANGUAGES, Content, Flow
from bot.content.problems import ContentError, Problem
from bot.i18n.catalogs import DEFAULT_FALLBACK, load_catalogs
from bot.i18n.policy import TranslationPolicy, load_policy

if TYPE_CHECKING:
    from bot.engine.understanding import Understanding
    from bot.understand.typed_data import TypedData


def load_content(
    root: Path,
    *,
    fallback: tuple[str, ...] = DEFAULT_FALLBACK,
    with_understanding: bool = True,
    policy: TranslationPolicy | None = None,
    staff_checks: bool = False,
    cache_dir: Path | None = None,
) -> tuple[Content | None, list[Problem]]:
    """The content and every problem found; content is None when there is any error.

    `policy` overrides locales/policy.yaml (e.g. `translations update` must run while
    texts are still untranslated). `staff_checks` adds the slow advisory warnings meant for
    staff (labels that would capture a greeting); `python -m bot validate` asks for them, the
    bot's start does not (they never change what the bot does, and take seconds).
    `cache_dir` keeps the compiled understanding between starts (bot/understand/cache.py).
    """
    from bot.validate import check_content
    from bot.validate.sources import read_sources

    problems: list[Problem] = []
    flows = _read_flows(root / "flows", problems)
    knowledge = read_knowledge(root / "knowledge", "knowledge")
    problems.extend(knowledge.problems)
    sources, found = read_sources(root, knowledge.unreadable)  # .po lines, direction marks
    problems.extend(found)
    catalogs = load_catalogs(root / "locales", LANGUAGES, fallback)
    configured, policy_problems = load_policy(root / "locales")
    problems.extend(policy_problems)
    understanding = (
        _load_understanding(
            root / "knowledge", problems, required="emergency" in flows, cache_dir=cache_dir
        )
        if with_understanding
        else None
    )
    content = Content(
        flows=flows,
        knowledge=knowledge.entries,
        ui=knowledge.messages,
        offices=knowledge.offices,
        staff=knowledge.staff,
        catalogs=catalogs,
        understanding=understanding,
        flow_files=frozenset(p.stem for p in (root / "flows").glob("*.yaml")),
        typed=_load_typed(root / "knowledge", problems),
    )
    problems.extend(check_content(content, policy or configured, sources))
    if with_understanding and staff_checks:
        problems.extend(_smalltalk_labels(content))
    has_errors = any(p.severity == "error" for p in problems)
    return (None if has_errors else content), problems


def _smalltalk_labels(content: Content) -> list[Problem]:
    """Warnings for labels that look like a greeting or a thank-you (see bot/validate/smalltalk).

    The small-talk words come from the understanding already loaded (no second read)."""
    intents = getattr(content.understanding, "intents", None)
    if intents is None:
        return []
    from bot.validate.smalltalk import check_smalltalk_labels

    words = {
        intent: {
            language: [e.text for e in entries if e.language == language] for language in LANGUAGES
        }
        for intent, entries in intents.items()
    }
    return check_smalltalk_labels(content, words)


def load_content_or_raise(
    root: Path,
    *,
    fallback: tuple[str, ...] = DEFAULT_FALLBACK,
    with_understanding: bool = True,
    cache_dir: Path | None = None,
) -> Content:
    """The checked content, or ContentError listing its errors.

    With `cache_dir` the validated content and the compiled understanding are kept there
    between starts (bot/content/cache.py, bot/understand/cache.py).
    """

    def build() -> Content:
        content, problems = load_content(
            root, fallback=fallback, with_understanding=with_understanding, cache_dir=cache_dir
        )
        if content is None:
            raise ContentError([p for p in problems if p.severity == "error"])
        return content

    if cache_dir is None or not with_understanding:
        return build()
    from bot.content.cache import cached_content

    return cached_content(root, fallback, cache_dir, build)


def _read_flows(folder: Path, problems: list[Problem]) -> dict[str, Flow]:
    flows: dict[str, Flow] = {}
    if not folder.is_dir():
        problems.append(
            Problem(
                "flows",
                1,
                f"folder {folder} does not exist; point --content at a folder holding flows/",
            )
        )
        return flows
    for path in sorted(folder.glob("*.yaml")):
        flow, found = parse_flow_file(path, f"flows/{path.name}")
        problems.extend(found)
        if flow is not None:
            flows[flow.id] = flow
    for path in sorted(folder.glob("*.yml")):
        problems.append(
            Problem(f"flows/{path.name}", 1, "flow files must end in '.yaml'; rename it")
        )
    return flows


def _load_understanding(
    folder: Path, problems: list[Problem], required: bool, cache_dir: Path | None = None
) -> Understanding | None:
    """The understanding of typed text; content with an emergency flow cannot run without it:
    typed emergencies would go unnoticed, so its absence is an error, not a silent None."""
    missing = (
        f"emergency detection in typed messages would be off; restore {folder.name}/understanding"
    )
    if not (folder / "understanding").is_dir():
        if required:
            problems.append(Problem("knowledge/understanding", 1, f"folder missing: {missing}"))
        return None
    try:
        from bot.understand.cache import load_understander
    except ImportError as exc:
        if required:
            problems.append(
                Problem("knowledge/understanding", 1, f"cannot load ({exc}): {missing}")
            )
        return None
    try:
        return load_understander(folder, cache_dir)
    except ContentError as exc:
        problems.extend(exc.problems)
    except ValueError as exc:
        problems.append(Problem("knowledge/understanding", 1, str(exc)))
    return None


def _load_typed(folder: Path, problems: list[Problem]) -> TypedData | None:
    from bot.understand.typed_data import load_typed_data

    return load_typed_data(folder, problems)
