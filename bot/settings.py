"""Deployment settings, read from the environment once at start."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
BUNDLED_CONTENT = PACKAGE_ROOT.parent


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one sentence naming the variable."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    config_file: Path | None
    content_dir: Path
    database_url_setting: str | None = None

    @property
    def database_url(self) -> str:
        """`WEGWEISER_DATABASE_URL`, else the embedded file in the data directory."""
        from bot.storage import default_url

        return self.database_url_setting or default_url(self.data_dir)


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    config = env.get("WEGWEISER_CONFIG") or None
    config_file = Path(config) if config else None
    if config_file is not None and not config_file.is_file():
        raise SettingsError(f"WEGWEISER_CONFIG points to {config_file}, which is not a file.")
    return Settings(
        data_dir=Path(env.get("WEGWEISER_DATA_DIR") or "./data"),
        config_file=config_file,
        content_dir=Path(env.get("WEGWEISER_CONTENT_DIR") or BUNDLED_CONTENT),
        database_url_setting=env.get("WEGWEISER_DATABASE_URL") or None,
    )
