"""A broken edit left in the content folder does not stop the next start: the bot runs on the
last content that loaded cleanly, says why, and takes the fix once staff make it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.content.holder import ContentHolder
from bot.content.last_good import keep
from bot.content.problems import ContentError


def _break(root: Path) -> None:
    housing = root / "flows" / "housing.yaml"
    housing.write_text(
        housing.read_text(encoding="utf-8").replace("next: where", "next: nowhere"),
        encoding="utf-8",
    )


def _retitle(root: Path, title: str) -> None:
    housing = root / "flows" / "housing.yaml"
    housing.write_text(
        housing.read_text(encoding="utf-8").replace("Wie wohnen Sie?", title), encoding="utf-8"
    )


def _texts(holder: ContentHolder) -> str:
    return repr(holder.current.flows)


def test_a_start_with_a_broken_edit_runs_on_the_last_good_content(
    small_root: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    kept = tmp_path / "data" / "content-last-good"
    good = ContentHolder.load(small_root, last_good=kept)
    assert (kept / "flows" / "housing.yaml").is_file()
    _break(small_root)
    caplog.set_level(logging.ERROR)
    restarted = ContentHolder.load(small_root, last_good=kept)  # the next start
    assert _texts(restarted) == _texts(good)
    logged = caplog.text
    assert "started with the last good content" in logged
    assert "housing.yaml" in logged and "nowhere" in logged  # file, line and what is wrong
    assert restarted.root == small_root  # still watching the staff's folder
    _texts_before = _texts(restarted)
    good_source = (small_root / "flows" / "housing.yaml").read_text(encoding="utf-8")
    (small_root / "flows" / "housing.yaml").write_text(
        good_source.replace("next: nowhere", "next: where").replace(
            "Wie wohnen Sie?", "Wie wohnen Sie jetzt?"
        ),
        encoding="utf-8",
    )
    assert restarted.reload_if_changed() == []  # the fix is taken
    assert _texts(restarted) != _texts_before and "Wie wohnen Sie jetzt?" in _texts(restarted)
    assert "Wie wohnen Sie jetzt?" in (kept / "flows" / "housing.yaml").read_text(
        encoding="utf-8"
    )  # and kept for the start after


def test_without_a_kept_copy_a_broken_start_still_stops(small_root: Path, tmp_path: Path) -> None:
    _break(small_root)
    with pytest.raises(ContentError):
        ContentHolder.load(small_root, last_good=tmp_path / "never-kept")
    with pytest.raises(ContentError):
        ContentHolder.load(small_root)  # the terminal chat: staff see their error at once


def test_a_rejected_reload_does_not_replace_the_kept_copy(small_root: Path, tmp_path: Path) -> None:
    kept = tmp_path / "content-last-good"
    holder = ContentHolder.load(small_root, last_good=kept)
    _break(small_root)
    assert holder.reload() != []
    assert "next: nowhere" not in (kept / "flows" / "housing.yaml").read_text(encoding="utf-8")


def test_the_copy_is_written_only_when_the_content_changed(
    small_root: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "content-last-good"
    assert keep(small_root, kept) is True
    assert keep(small_root, kept) is False  # same files: nothing copied at start
    _retitle(small_root, "Wo wohnen Sie?")
    assert keep(small_root, kept) is True
    assert not kept.with_name(kept.name + ".new").exists()
    assert not kept.with_name(kept.name + ".old").exists()


async def test_the_long_running_bot_starts_on_the_kept_copy(
    small_root: Path, tmp_path: Path
) -> None:
    """`python -m bot telegram` and `serve` open the runtime with `keep_last_good`."""
    from bot.runtime import open_runtime
    from bot.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", config_file=None, content_dir=small_root)
    first = await open_runtime(settings, keep_last_good=True)
    await first.close()
    _break(small_root)
    second = await open_runtime(settings, keep_last_good=True)
    try:
        assert second.content.current.flows
    finally:
        await second.close()
    with pytest.raises(ContentError):
        await open_runtime(settings)  # the terminal chat shows the error instead
