"""The last content that loaded without errors, kept on disk for the next start.

A staff edit that breaks the content is rejected while the bot runs (`ContentHolder.reload`),
but the broken file stays in the content folder. Without a copy of the last good content the
next start (a reboot at night) would stop the bot for everybody. So every content that loads
cleanly is copied to `<data dir>/content-last-good/` (flows/, knowledge/, locales/, the files'
times kept), and a start whose content has errors runs on that copy instead, logging each
problem with file, line and fix. The copy is replaced as a whole (written beside it, then
renamed), so a crash mid-copy leaves the previous copy intact.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from bot.content.stamp import CONTENT_FOLDERS, ContentStamp, content_stamp

log = logging.getLogger(__name__)

LAST_GOOD_FOLDER = "content-last-good"


def keep(root: Path, into: Path, stamp: ContentStamp | None = None) -> bool:
    """Copy the content folders of `root` to `into` unless `into` already holds the same files
    (same relative paths, sizes and modification times). `stamp`: `root`'s stamp if the
    caller has it. Returns whether it copied. Raises OSError when the copy cannot be written
    (the caller logs it; the bot runs on)."""
    if into.is_dir() and content_stamp(into) == (stamp or content_stamp(root)):
        return False
    fresh = into.with_name(into.name + ".new")
    old = into.with_name(into.name + ".old")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    fresh.mkdir(parents=True)
    for folder in CONTENT_FOLDERS:
        if (root / folder).is_dir():
            shutil.copytree(root / folder, fresh / folder)  # copy2: times kept
    if into.exists():
        into.rename(old)
    fresh.rename(into)
    if old.exists():
        shutil.rmtree(old)
    return True


def keep_quietly(root: Path, into: Path, stamp: ContentStamp | None = None) -> None:
    """`keep`, logging (without content) instead of raising when the disk refuses."""
    try:
        if keep(root, into, stamp):
            log.info("last good content kept in %s", into)
    except OSError as error:
        log.error("last good content not kept in %s: %s", into, type(error).__name__)


def available(into: Path) -> bool:
    """Whether a kept copy exists at `into`."""
    return (into / "flows").is_dir()
