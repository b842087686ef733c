"""Shared fixtures: a small content folder, the bundled content, storages."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from handoff_terminal import TerminalDesk

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.i18n.catalogs import DEFAULT_FALLBACK
from bot.settings import BUNDLED_CONTENT

# Every runtime of the test run (and the bots it starts as subprocesses) encrypts with this key.
os.environ.setdefault("WEGWEISER_DATA_KEY", "fE0bD4mCkO5UGzrmE1M1DRSd8mE7gqnk1tP8u6Ub4Xw=")
pytest_plugins = ["pg_fixtures"]  # a throw-away PostgreSQL cluster (tests/pg_fixtures.py)

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
CONTENT_FOLDERS = ("flows", "knowledge", "locales")


def _load_once_per_session() -> None:
    """Load each unchanged content folder once per test run, not once per test (content with
    lexicons takes seconds). The key holds every file's path and modification time, so a test
    that edits a copy of the content gets its edit, and content objects are never mutated."""
    from bot.content import holder, loader

    original = loader.load_content_or_raise
    memo: dict[tuple[object, ...], Content] = {}

    def cached(
        root: Path,
        *,
        fallback: tuple[str, ...] = DEFAULT_FALLBACK,
        with_understanding: bool = True,
        cache_dir: Path | None = None,
    ) -> Content:
        files = tuple(
            sorted(
                (str(p), p.stat().st_mtime_ns)
                for folder in CONTENT_FOLDERS
                for p in (Path(root) / folder).rglob("*")
                if p.is_file()
            )
        )
        key = (str(Path(root).resolve()), fallback, with_understanding, files)
        if key not in memo:
            memo[key] = original(
                root, fallback=fallback, with_understanding=with_understanding, cache_dir=cache_dir
            )
        return memo[key]

    cached.__wrapped__ = original  # type: ignore[attr-defined]  # tests of the on-disk cache
    loader.load_content_or_raise = cached  # type: ignore[assignment]
    holder.load_content_or_raise = cached  # type: ignore[assignment]


_load_once_per_session()


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


@pytest.fixture
async def desk(tmp_path: Path) -> AsyncIterator[TerminalDesk]:
    """The terminal chat with the counsellor side (`handoff_terminal.TerminalDesk`) on a fresh
    SQLite file; closed after the test."""
    made = TerminalDesk(tmp_path / "chat.sqlite3")
    yield made
    await made.close()
