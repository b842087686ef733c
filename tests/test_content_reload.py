"""A broken edit never replaces the running content."""

from __future__ import annotations

from pathlib import Path

from bot.content.holder import ContentHolder


def test_broken_reload_keeps_last_good_content(small_root: Path) -> None:
    holder = ContentHolder.load(small_root)
    good = holder.current
    housing = small_root / "flows" / "housing.yaml"
    housing.write_text(
        housing.read_text(encoding="utf-8").replace("next: where", "next: nowhere"),
        encoding="utf-8",
    )
    problems = holder.reload()
    assert problems and "nowhere" in str(problems[0])
    assert holder.current is good


def test_good_reload_replaces_content(small_root: Path) -> None:
    holder = ContentHolder.load(small_root)
    housing = small_root / "flows" / "housing.yaml"
    housing.write_text(
        housing.read_text(encoding="utf-8").replace("Wie wohnen Sie?", "Wo wohnen Sie jetzt?"),
        encoding="utf-8",
    )
    assert holder.reload() == []
    assert (
        holder.current.flows["housing"].nodes["situation"].question.source == "Wo wohnen Sie jetzt?"
    )  # type: ignore[attr-defined]


def test_a_deleted_file_that_was_not_the_newest_is_noticed(small_root: Path) -> None:
    """Staff moved an old knowledge file out: the running bot must reload (and say whether
    the content still holds), not go on as if nothing changed."""
    import os

    old = small_root / "knowledge" / "offices.yaml"
    os.utime(old, (1_000_000_000, 1_000_000_000))  # older than every other file
    holder = ContentHolder.load(small_root)
    reloads: list[int] = []
    holder.reload = lambda: reloads.append(1) or []  # type: ignore[method-assign]
    assert holder.reload_if_changed() == [] and reloads == []  # nothing changed yet
    old.rename(small_root / "offices.yaml.bak")
    holder.reload_if_changed()
    assert reloads == [1]
