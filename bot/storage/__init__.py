"""Where sessions and requests are kept: a small protocol with SQLite and memory twins."""

from bot.storage.base import Storage
from bot.storage.memory import MemoryStorage
from bot.storage.sqlite import SqliteStorage

__all__ = ["MemoryStorage", "SqliteStorage", "Storage"]
