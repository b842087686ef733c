"""What `validate` does with missing and fuzzy translations (locales/policy.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.content.problems import ContentError, Problem, Severity
from bot.content.yamlsrc import LinedDict, load_yaml

POLICY_FILE = "policy.yaml"
_KEYS = ("missing_translation", "fuzzy_translation")
_SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class TranslationPolicy:
    """Severity of a text people see without a translation, and of a fuzzy translation."""

    missing_translation: Severity = "warning"
    fuzzy_translation: Severity = "warning"


LENIENT = TranslationPolicy()


def load_policy(locales_dir: Path) -> tuple[TranslationPolicy, list[Problem]]:
    """The policy of a content folder; without locales/policy.yaml both are warnings."""
    path = locales_dir / POLICY_FILE
    shown = f"locales/{POLICY_FILE}"
    if not path.is_file():
        return LENIENT, []
    try:
        raw = load_yaml(path, shown)
    except ContentError as exc:
        return LENIENT, exc.problems
    if not isinstance(raw, LinedDict):
        return LENIENT, [Problem(shown, 1, f"expected a mapping with {', '.join(_KEYS)}")]
    problems = []
    values: dict[str, Severity] = {}
    for key, value in raw.items():
        if key not in _KEYS:
            problems.append(
                Problem(
                    shown, raw.line_of(key), f"unknown key '{key}'; expected {', '.join(_KEYS)}"
                )
            )
        elif value not in _SEVERITIES:
            problems.append(
                Problem(shown, raw.line_of(key), f"'{key}' must be 'error' or 'warning'")
            )
        else:
            values[key] = value
    return TranslationPolicy(**values), problems
