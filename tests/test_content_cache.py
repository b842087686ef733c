"""Validated content kept between starts: used while current, read again when anything changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import loader
from bot.content.cache import CACHE_FILE, content_key
from bot.content.problems import ContentError
from bot.i18n.catalogs import DEFAULT_FALLBACK, po_path
from bot.understand.cache import read_cached
from tests.bundled import copy_bundled

# the real loader, not the once-per-test-run memo of tests/conftest.py
load_content_or_raise = getattr(
    loader.load_content_or_raise, "__wrapped__", loader.load_content_or_raise
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_bundled(tmp_path / "content")


def _translate_health(root: Path, farsi: str) -> None:
    path = po_path(root / "locales", "fa")
    text = path.read_text(encoding="utf-8")
    old = 'msgid "Gesundheit"\nmsgstr "بهداشت و درمان"'
    assert old in text
    path.write_text(text.replace(old, f'msgid "Gesundheit"\nmsgstr "{farsi}"'), encoding="utf-8")


def test_a_second_start_takes_the_checked_content_from_the_cache(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_content_or_raise(root, cache_dir=cache)
    assert (cache / CACHE_FILE).is_file()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("read from source although the cache is current")

    monkeypatch.setattr(loader, "load_content", refuse)
    second = load_content_or_raise(root, cache_dir=cache)
    assert sorted(second.flows) == sorted(first.flows)
    assert second.understanding is not None
    assert second.understanding.understand("my husband hits me").emergency == "violence"


def test_an_edited_translation_is_read_again(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_content_or_raise(root, cache_dir=cache)
    _translate_health(root, "سلامتی و درمان")
    content = load_content_or_raise(root, cache_dir=cache)
    assert content.catalogs.translate("Gesundheit", "fa")[0] == "سلامتی و درمان"
    assert (cache / CACHE_FILE).read_bytes().startswith(content_key(root, DEFAULT_FALLBACK))


def test_a_damaged_cache_file_is_read_again_from_source(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_content_or_raise(root, cache_dir=cache)
    path = cache / CACHE_FILE
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    content = load_content_or_raise(root, cache_dir=cache)
    assert "emergency" in content.flows
    rewritten = read_cached(path, content_key(root, DEFAULT_FALLBACK))
    assert rewritten is not None and sorted(rewritten.flows) == sorted(content.flows)  # type: ignore[attr-defined]


def test_a_broken_flow_stops_the_start_even_with_a_cache(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_content_or_raise(root, cache_dir=cache)
    flow = root / "flows" / "housing.yaml"
    flow.write_text(flow.read_text(encoding="utf-8") + "\n  broken: [\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content_or_raise(root, cache_dir=cache)
    assert "flows/housing.yaml" in str(caught.value)
