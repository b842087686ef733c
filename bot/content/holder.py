"""The content in use; a reload only replaces it when the new content validates."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.last_good import available, keep_quietly
from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.content.problems import ContentError, Problem
from bot.content.stamp import ContentStamp, content_stamp
from bot.i18n.catalogs import DEFAULT_FALLBACK

log = logging.getLogger(__name__)


@dataclass
class ContentHolder:
    root: Path
    current: Content
    fallback: tuple[str, ...] = DEFAULT_FALLBACK
    cache_dir: Path | None = None
    last_good: Path | None = None
    _stamp: ContentStamp = field(default=())

    @classmethod
    def load(
        cls,
        root: Path,
        fallback: tuple[str, ...] = DEFAULT_FALLBACK,
        cache_dir: Path | None = None,
        last_good: Path | None = None,
    ) -> ContentHolder:
        """`cache_dir`: where the compiled understanding is kept between starts (optional).
        `last_good`: where the last content without errors is kept (`bot.content.last_good`):
        clean content is copied there; content with errors is replaced by that copy, each
        problem logged, and the folder `root` still watched for the fix. Raises
        `ContentError` when the content has errors and no good copy exists (or `last_good`
        is None)."""
        stamp = content_stamp(root)
        try:
            content = load_content_or_raise(root, fallback=fallback, cache_dir=cache_dir)
        except ContentError as error:
            if last_good is None or not available(last_good):
                raise
            content = load_content_or_raise(last_good, fallback=fallback, cache_dir=cache_dir)
            _log_problems(
                f"content in {root} has errors; started with the last good content kept in "
                f"{last_good}",
                error.problems,
            )
            return cls(root, content, fallback, cache_dir, last_good, _stamp=stamp)
        if last_good is not None:
            keep_quietly(root, last_good, stamp)
        return cls(root, content, fallback, cache_dir, last_good, _stamp=stamp)

    def reload(self) -> list[Problem]:
        """Load again; on errors keep the running content and return the problems."""
        stamp = content_stamp(self.root)
        try:
            self.current = load_content_or_raise(
                self.root, fallback=self.fallback, cache_dir=self.cache_dir
            )
        except ContentError as exc:
            _log_problems("content reload rejected, keeping the running content", exc.problems)
            self._stamp = stamp
            return exc.problems
        self._stamp = stamp
        log.info("content reloaded: %d flows", len(self.current.flows))
        if self.last_good is not None:
            keep_quietly(self.root, self.last_good, stamp)
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


def _log_problems(what: str, problems: list[Problem]) -> None:
    """One line saying what happened and how many errors, then each problem (file, line, fix;
    content files hold no personal data)."""
    log.error("%s: %d error(s)", what, len(problems))
    for problem in problems:
        log.error("%s", problem)
