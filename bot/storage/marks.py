"""Which stored update the current task is handling, so that its turn marks it processed.

A channel sets the mark (`handling(channel, update_id)`) around the handling of one stored
update; the first unit that commits inside it writes "processed" in the same transaction as the
turn. If no unit ran (an ignored update), the channel marks it itself afterwards
(`Mark.consumed` tells). Context variables keep concurrent tasks apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
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
    mark, token = begin(channel, update_id)
    try:
        yield mark
    finally:
        end(token)


def begin(channel: str, update_id: str) -> tuple[Mark, Token[Mark | None]]:
    """As entering `handling`; give the token to `end` when the handling is over."""
    mark = Mark(channel, update_id)
    return mark, _current.set(mark)


def end(token: Token[Mark | None]) -> None:
    """As leaving `handling`."""
    _current.reset(token)


def take() -> Mark | None:
    """The mark of the update being handled, once: later calls in the block get None."""
    mark = _current.get()
    if mark is None or mark.consumed:
        return None
    return mark
