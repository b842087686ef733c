"""The content in use; a reload only replaces it when the new content validates."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.content.problems import ContentError, Problem
from bot.i18n.catalogs import DEFAULT_FALLBACK

log = logging.getLogger(__name__)


@dataclass
class ContentHolder:
    root: Path
    current: Content
    fallback: tuple[str, ...] = DEFAULT_FALLBACK
    cache_dir: Path | None = None
    _stamp: float = field(default=0.0)

    @classmethod
    def load(
        cls,
        root: Path,
        fallback: tuple[str, ...] = DEFAULT_FALLBACK,
        cache_dir: Path | None = None,
    ) -> ContentHolder:
        """`cache_dir`: where the compiled understanding is kept between starts (optional)."""
        content = load_content_or_raise(root, fallback=fallback, cache_dir=cache_dir)
        return cls(root, content, fallback, cache_dir, _stamp=_newest_change(root))

    def reload(self) -> list[Problem]:
        """Load again; on errors keep the running content and return the problems."""
        stamp = _newest_change(self.root)
        try:
            self.current = load_content_or_raise(
                self.root, fallback=self.fallback, cache_dir=self.cache_dir
            )
        except ContentError as exc:
            log.error(
                "content reload rejected, keeping the running content: %d error(s)",
                len(exc.problems),
            )
            for problem in exc.problems:
                log.error("%s", problem)
            self._stamp = stamp
            return exc.problems
        self._stamp = stamp
        log.info("content reloaded: %d flows", len(self.current.flows))
        return []

    def reload_if_changed(self) -> list[Problem]:
        return self.reload() if _newest_change(self.root) != self._stamp else []

    async def watch(self, interval: float = 10.0) -> None:
        """Pick up staff edits while the bot runs; a broken edit is logged and not taken."""
        while True:
            await asyncio.sleep(interval)
            try:
                self.reload_if_changed()
            except OSError as exc:
                log.error("content folder not readable: %s", type(exc).__name__)


def _newest_change(root: Path) -> float:
    stamps = [
        p.stat().st_mtime
        for d in ("flows", "knowledge", "locales")
        for p in (root / d).rglob("*")
        if p.is_file()
    ]
    return max(stamps, default=0.0)
