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

ContentStamp = tuple[tuple[str, int, int], ...]


@dataclass
class ContentHolder:
    root: Path
    current: Content
    fallback: tuple[str, ...] = DEFAULT_FALLBACK
    cache_dir: Path | None = None
    _stamp: ContentStamp = field(default=())

    @classmethod
    def load(
        cls,
        root: Path,
        fallback: tuple[str, ...] = DEFAULT_FALLBACK,
        cache_dir: Path | None = None,
    ) -> ContentHolder:
        """`cache_dir`: where the compiled understanding is kept between starts (optional)."""
        content = load_content_or_raise(root, fallback=fallback, cache_dir=cache_dir)
        return cls(root, content, fallback, cache_dir, _stamp=content_stamp(root))

    def reload(self) -> list[Problem]:
        """Load again; on errors keep the running content and return the problems."""
        stamp = content_stamp(self.root)
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
        return self.reload() if content_stamp(self.root) != self._stamp else []

    async def watch(self, interval: float = 10.0) -> None:
        """Pick up staff edits while the bot runs; a broken edit is logged and not taken."""
        while True:
            await asyncio.sleep(interval)
            try:
                self.reload_if_changed()
            except OSError as exc:
                log.error("content folder not readable: %s", type(exc).__name__)


def content_stamp(root: Path) -> ContentStamp:
    """What a reload compares: every content file's path, size and modification time (ns),
    sorted, so that an edit, a new file, a deleted or a renamed file all count as a change
    (the newest time alone missed a deleted file that was not the newest). Raises OSError
    when the folder cannot be read."""
    entries = []
    for folder in ("flows", "knowledge", "locales"):
        for path in (root / folder).rglob("*"):
            if path.is_file():
                stat = path.stat()
                entries.append((str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))
