"""The compiled understanding kept between starts: used when current, rebuilt when not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.holder import ContentHolder
from bot.content.problems import ContentError
from bot.settings import BUNDLED_CONTENT
from bot.understand import Understander
from bot.understand.cache import CACHE_FILE, cache_key, load_understander
from tests.bundled import copy_bundled

NEW_WORD = "Zwergenhöhlenmiete"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(BUNDLED_CONTENT / "knowledge" / "understanding", copy / "understanding")
    return copy


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(knowledge_dir: Path) -> Understander:
        raise AssertionError("compiled from source although the cache is current")

    monkeypatch.setattr(Understander, "load", classmethod(lambda cls, d: refuse(d)))


def _add_housing_word(knowledge: Path) -> None:
    path = knowledge / "understanding" / "area-housing.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  any:\n", f"  any:\n    - {NEW_WORD}\n", 1), encoding="utf-8")


def test_a_second_start_takes_the_understanding_from_the_cache(
    knowledge: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "data" / "cache"
    first = load_understander(knowledge, cache)
    assert (cache / CACHE_FILE).is_file()
    _no_compiling(monkeypatch)
    second = load_understander(knowledge, cache)
    assert second.understand("my husband hits me").emergency == "violence"
    assert second.understand("Meine Wohnung ist gekündigt") == first.understand(
        "Meine Wohnung ist gekündigt"
    )


def test_a_changed_word_list_is_compiled_again_with_the_change(
    knowledge: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    before = load_understander(knowledge, cache)
    assert before.understand(NEW_WORD).area is None
    _add_housing_word(knowledge)
    after = load_understander(knowledge, cache)
    assert after.understand(NEW_WORD).area == "housing"
    assert (cache / CACHE_FILE).read_bytes().startswith(cache_key(knowledge))


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "not-an-understander"],
)
def test_a_corrupt_cache_file_is_rebuilt_not_trusted(
    knowledge: Path, tmp_path: Path, damage: str
) -> None:
    import pickle

    cache = tmp_path / "cache"
    load_understander(knowledge, cache)
    path = cache / CACHE_FILE
    data = path.read_bytes()
    key = cache_key(knowledge)
    broken = {
        "garbage": b"\x00\xff" * 100,
        "truncated": data[: len(key) + 1000],
        "not-an-understander": key + pickle.dumps({"not": "an understander"}),
    }[damage]
    path.write_bytes(broken)
    understander = load_understander(knowledge, cache)
    assert understander.understand("my husband hits me").emergency == "violence"
    assert path.read_bytes() == data  # rewritten whole


def test_the_bot_still_starts_when_the_cache_folder_cannot_be_written(
    knowledge: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    understander = load_understander(knowledge, blocker / "cache")
    assert understander.understand("my husband hits me").emergency == "violence"
    assert not (blocker / "cache").exists()


def test_a_broken_word_list_stops_the_start_even_with_a_cache(tmp_path: Path) -> None:
    root = copy_bundled(tmp_path / "content")
    cache = tmp_path / "cache"
    holder = ContentHolder.load(root, cache_dir=cache)
    assert holder.current.understanding is not None
    assert (cache / CACHE_FILE).is_file()
    (root / "knowledge" / "understanding" / "emergency-fire.yaml").write_text(
        "emergency: fire\npriority: two\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        ContentHolder.load(root, cache_dir=cache)
    assert "emergency-fire.yaml" in str(caught.value)
