"""Moved to `bot.channels.port` (channel-neutral); kept so older imports still work."""

from bot.channels.port import AfterCommit, ConversationPort

__all__ = ["AfterCommit", "ConversationPort"]
