"""The content folder `validate` and `translations` work on: the one the bot runs on."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from bot.settings import load_settings


def content_folder(
    given: Path | None, environ: Mapping[str, str] | None = None
) -> tuple[Path, str]:
    """`--content` when given, else the bot's own setting (`WEGWEISER_CONTENT_DIR`, else the
    bundled content), with a few words saying where it came from. Raises SettingsError."""
    if given is not None:
        return given, "--content"
    env = dict(os.environ if environ is None else environ)
    settings = load_settings(env)
    if env.get("WEGWEISER_CONTENT_DIR"):
        return settings.content_dir, "WEGWEISER_CONTENT_DIR, as the bot uses it"
    return settings.content_dir, "the bundled content, as the bot uses it"
