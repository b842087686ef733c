"""The storage seam; nothing outside bot/storage/sqlite.py knows it is SQLite."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol

from bot.session import Session


class Storage(Protocol):
    def unit(self) -> AbstractAsyncContextManager[None]:
        """Writes inside are committed together, or not at all."""

    async def load_session(self, user: str) -> Session | None: ...

    async def save_session(self, session: Session) -> None:
        """Store the session durably (one commit)."""

    async def delete_user(self, user: str) -> None:
        """Remove everything stored about the person."""

    async def close(self) -> None: ...
