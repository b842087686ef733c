"""The content folder `validate` and `translations` work on: the one the bot runs on."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from bot.settings import SettingsError, load_settings


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


def add_content_option(parser: argparse.ArgumentParser) -> None:
    """`--content FOLDER`, defaulting to the folder the bot uses (see `content_folder`)."""
    parser.add_argument(
        "--content",
        type=Path,
        default=None,
        help="folder with flows/, knowledge/, locales/ (default: the folder the bot uses, "
        "WEGWEISER_CONTENT_DIR or else the bundled content)",
    )


def chosen_folder(given: Path | None) -> tuple[Path, str] | None:
    """`content_folder(given)`, or None after printing the settings error to stderr (the
    command then exits with 2)."""
    try:
        return content_folder(given)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
