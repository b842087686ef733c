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
