"""Which stored update the current task is handling, so that its turn marks it processed.

A channel sets the mark (`handling(channel, update_id)`) around the handling of one stored
update; the first unit that commits inside it writes "processed" in the same transaction as the
turn. If no unit ran (an ignored update), the channel marks it itself afterwards
(`Mark.consumed` tells). Context variables keep concurrent tasks apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Mark:
    """One update being handled; `consumed` once a unit has written it as processed."""

    channel: str
    update_id: str
    consumed: bool = False


_current: ContextVar[Mark | None] = ContextVar("wegweiser_update_mark", default=None)


@contextmanager
def handling(channel: str, update_id: str) -> Iterator[Mark]:
    """Within this block, the first storage unit also marks the update as processed."""
    mark = Mark(channel, update_id)
    token = _current.set(mark)
    try:
        yield mark
    finally:
        _current.reset(token)


def take() -> Mark | None:
    """The mark of the update being handled, once: later calls in the block get None."""
    mark = _current.get()
    if mark is None or mark.consumed:
        return None
    return mark
