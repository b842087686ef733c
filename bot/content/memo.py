"""What is worked out once per content (compiled pickers, paths through a flow, word lists)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar
from weakref import WeakKeyDictionary

if TYPE_CHECKING:  # the model imports the nodes, which use this memo
    from bot.content.model import Content

T = TypeVar("T")


class PerContent:
    """Values built once per `Content` and key; a reload drops them with the old content
    (weak keys). Each module keeps its own, so keys never collide."""

    def __init__(self) -> None:
        self._values: WeakKeyDictionary[Content, dict[tuple[object, ...], object]] = (
            WeakKeyDictionary()
        )

    def get(self, content: Content, key: tuple[object, ...], build: Callable[[], T]) -> T:
        """The value for `key` in `content`, from `build()` the first time."""
        values = self._values.get(content)
        if values is None:
            values = self._values[content] = {}
        if key not in values:
            values[key] = build()
        return values[key]  # type: ignore[return-value]
