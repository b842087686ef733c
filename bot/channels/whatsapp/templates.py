"""The approved utility template sent outside the 24-hour window (from WEGWEISER_CONFIG).

```yaml
whatsapp:
  reply_template: counselling_reply     # the template's name in WhatsApp Manager
  languages: {de: de, en: en, uk: uk, ru: ru, ar: ar, fa: fa}   # our language -> its code
```
The template says, in the person's language, that the counselling office has replied and asks
them to tap or write to read it; the held message follows when they do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.problems import ContentError
from bot.content.yamlsrc import load_yaml
from bot.settings import SettingsError

DEFAULT_TEMPLATE = "counselling_reply"


@dataclass(frozen=True)
class ReplyTemplate:
    name: str = DEFAULT_TEMPLATE
    languages: dict[str, str] = field(default_factory=dict)
    fallback: str = "de"

    def body(self, language: str) -> dict[str, Any]:
        """The message body of the template in `language` (or the fallback's code)."""
        code = self.languages.get(language) or self.languages.get(self.fallback) or language
        return {"type": "template", "template": {"name": self.name, "language": {"code": code}}}


def load_reply_template(path: Path | None) -> ReplyTemplate:
    """The `whatsapp:` section of the deployment config, or the default template name with
    our own language codes."""
    if path is None:
        return ReplyTemplate()
    try:
        raw = load_yaml(path, str(path)) or {}
    except ContentError as error:
        raise SettingsError(f"WEGWEISER_CONFIG: {error}") from None
    section = raw.get("whatsapp") if isinstance(raw, dict) else None
    if section is None:
        return ReplyTemplate()
    if not isinstance(section, dict):
        raise SettingsError(f"WEGWEISER_CONFIG: {path}: 'whatsapp' must be a mapping")
    languages = section.get("languages") or {}
    if not isinstance(languages, dict):
        raise SettingsError(
            f"WEGWEISER_CONFIG: {path}: whatsapp.languages must map languages to template codes"
        )
    return ReplyTemplate(
        name=str(section.get("reply_template", DEFAULT_TEMPLATE)),
        languages={str(k): str(v) for k, v in languages.items()},
    )
