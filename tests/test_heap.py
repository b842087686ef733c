"""bot.heap: start-up objects frozen, the young generation collected less often."""

import gc
from collections.abc import Iterator

import pytest

from bot import heap


@pytest.fixture
def restored() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


@pytest.mark.usefixtures("restored")
def test_serving_collects_the_young_generation_less_often() -> None:
    gc.set_threshold(700, 10, 10)
    frozen = heap.freeze_loaded()
    assert frozen == gc.get_freeze_count() > 0
    assert gc.get_threshold() == (heap.YOUNG_THRESHOLD, 10, 10)  # the older two as they were
