"""In-memory storage for unit tests; keeps sessions as JSON like the real one."""

from __future__ import annotations

from bot.session import Session


class MemoryStorage:
    def __init__(self) -> None:
        self.sessions: dict[str, str] = {}

    async def load_session(self, user: str) -> Session | None:
        data = self.sessions.get(user)
        return Session.from_json(data) if data else None

    async def save_session(self, session: Session) -> None:
        self.sessions[session.user] = session.to_json()

    async def delete_user(self, user: str) -> None:
        self.sessions.pop(user, None)

    async def close(self) -> None:
        return None
