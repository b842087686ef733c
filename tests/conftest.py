"""Shared fixtures: a small content folder, the bundled content, storages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.settings import BUNDLED_CONTENT

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


@pytest.fixture
def small_root(tmp_path: Path) -> Path:
    """A copy of the small test content plus the bundled interface texts."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    shutil.copy(BUNDLED_CONTENT / "knowledge" / "ui.yaml", root / "knowledge" / "ui.yaml")
    shutil.copy(BUNDLED_CONTENT / "knowledge" / "staff.yaml", root / "knowledge" / "staff.yaml")
    return root


@pytest.fixture
def small(small_root: Path) -> Content:
    return load_content_or_raise(small_root, with_understanding=False)
