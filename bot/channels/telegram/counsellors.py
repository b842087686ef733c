"""Moved to `bot.counsellors.telegram_group`; kept so older imports still work."""

from bot.counsellors.telegram_group import CounsellorDesk

__all__ = ["CounsellorDesk"]
