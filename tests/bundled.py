"""A writable copy of the bundled content, for tests that change a file and load it again."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.settings import BUNDLED_CONTENT

CONTENT_FOLDERS = ("flows", "knowledge", "locales")


def copy_bundled(target: Path) -> Path:
    """Copy the bundled flows, knowledge and locales into `target` (a new folder); returns it."""
    for folder in CONTENT_FOLDERS:
        shutil.copytree(BUNDLED_CONTENT / folder, target / folder)
    return target
