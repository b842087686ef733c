"""Emergency detection never switches off silently: no understanding data, no start."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.holder import ContentHolder
from bot.content.problems import ContentError
from tests.bundled import copy_bundled


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_bundled(tmp_path / "content")


def test_the_bot_does_not_start_without_its_understanding_data(root: Path) -> None:
    shutil.rmtree(root / "knowledge" / "understanding")
    with pytest.raises(ContentError) as caught:
        ContentHolder.load(root)
    assert "emergency detection" in str(caught.value)


def test_the_bot_does_not_start_with_broken_understanding_data(root: Path) -> None:
    (root / "knowledge" / "understanding" / "emergency-fire.yaml").write_text(
        "emergency: fire\npriority: two\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        ContentHolder.load(root)
    assert "emergency-fire.yaml" in str(caught.value)


def test_a_reload_without_understanding_data_keeps_the_last_good_content(root: Path) -> None:
    holder = ContentHolder.load(root)
    running = holder.current
    shutil.rmtree(root / "knowledge" / "understanding")
    problems = holder.reload()
    assert any("emergency detection" in problem.message for problem in problems)
    assert holder.current is running
    assert holder.current.understanding is not None
    found = holder.current.understanding.understand("my husband hits me")
    assert found.emergency == "violence"
