"""The pure conversation engine: content + session + inbound -> turn."""

from bot.engine.step import Turn, resume, step

__all__ = ["Turn", "resume", "step"]
