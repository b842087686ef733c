"""Validated content kept between starts (the whole `Content`, beside the understanding cache).

Reading the flows, catalogs and knowledge and checking them all takes a few tenths of a second
at every start. A content folder that validated once gives the same `Content` until one of its
files or the bot's code changes, so the validated object is pickled into the cache folder,
keyed by a hash of every file under flows/, knowledge/ and locales/, of every `bot/**/*.py`
and of the settings that shape it (the language fallback). Only content without errors is
kept; a stale, damaged or unreadable copy is ignored and the content is read and checked from
source again (which fails the start as before when the source has errors). The same trust
rule as bot/understand/cache.py: only files the bot wrote itself into its private data
directory are unpickled.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

from bot.content.model import Content
from bot.understand.cache import read_cached, write_cached

CACHE_FILE = "content.pickle"
CONTENT_FOLDERS = ("flows", "knowledge", "locales")
_FORMAT = b"wegweiser-content-1"
_CODE_ROOT = Path(__file__).resolve().parent.parent


def content_key(root: Path, fallback: tuple[str, ...]) -> bytes:
    """Hash of every content file, of the bot's code and of the fallback languages."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode() + b"\0" + ",".join(fallback).encode())
    for base, pattern, label in (
        *((root / folder, "*", folder.encode()) for folder in CONTENT_FOLDERS),
        (_CODE_ROOT, "*.py", b"code"),
    ):
        for path in sorted(p for p in base.rglob(pattern) if p.is_file()):
            digest.update(label + b"\0" + str(path.relative_to(base)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def cached_content(
    root: Path, fallback: tuple[str, ...], cache_dir: Path, build: Callable[[], Content]
) -> Content:
    """The validated content of `root`: from `cache_dir` when current, else `build()` (which
    raises on content errors) and kept for the next start."""
    key = content_key(root, fallback)
    path = cache_dir / CACHE_FILE
    cached = read_cached(path, key)
    if isinstance(cached, Content):
        return cached
    content = build()
    write_cached(path, key, content)
    return content
