"""The compiled understanding kept on disk, so that a start does not compile the lexicons again.

Compiling `knowledge/understanding/*.yaml` takes seconds; loading the compiled objects takes
tens of milliseconds. The cache file is keyed by a hash of every file under the understanding
folder, of the source of `bot/understand/*.py` and of the Python version: a changed word list or
a changed matcher gives a different key and the understanding is compiled again. A cache file
that is stale, truncated, corrupt or unreadable is never trusted: it is ignored and rebuilt.
When the cache folder cannot be written the bot still starts (it just compiles every time).

The file is a pickle. Unpickling runs code named in the file, so only a file the bot wrote
itself is read: it lives in the bot's private data directory (created 0700, the file 0600),
the same trust as the database beside it. Never point the cache at a folder others can write.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from bot.understand.understander import Understander

log = logging.getLogger(__name__)

CACHE_FILE = "understanding.pickle"
_FORMAT = b"wegweiser-understanding-1"
_CODE_DIR = Path(__file__).resolve().parent


def load_understander(knowledge_dir: Path, cache_dir: Path | None) -> Understander:
    """The understanding of `knowledge_dir`, from `cache_dir` when a current copy is there.

    Without `cache_dir`, or when the copy is missing, stale or unreadable, the lexicons are
    compiled from source (raising as `Understander.load` does when the source is broken) and
    the result is written for the next start.
    """
    if cache_dir is None:
        return Understander.load(knowledge_dir)
    key = cache_key(knowledge_dir)
    path = cache_dir / CACHE_FILE
    cached = _read(path, key)
    if cached is not None:
        return cached
    understander = Understander.load(knowledge_dir)
    _write(path, key, understander)
    return understander


def cache_key(knowledge_dir: Path) -> bytes:
    """Hash of everything the compiled understanding depends on."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(sys.version.encode())
    folder = knowledge_dir / "understanding"
    for base, label in ((folder, b"content"), (_CODE_DIR, b"code")):
        files = base.rglob("*") if label == b"content" else base.glob("*.py")
        for path in sorted(p for p in files if p.is_file()):
            digest.update(label + b"\0" + str(path.relative_to(base)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def _read(path: Path, key: bytes) -> Understander | None:
    loaded = read_cached(path, key)
    return loaded if isinstance(loaded, Understander) else None


def read_cached(path: Path, key: bytes) -> object | None:
    """The object pickled in `path` after `key`; None when missing, stale or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(key):
        return None
    gc.disable()  # tens of thousands of small objects: collecting meanwhile triples the time
    try:
        loaded = pickle.loads(data[len(key) :])
    except Exception as exc:  # any damage means: compile from source instead
        log.warning("cache %s unreadable (%s); building again", path.name, type(exc).__name__)
        return None
    finally:
        gc.enable()
    return loaded


def _write(path: Path, key: bytes, understander: Understander) -> None:
    write_cached(path, key, understander)


def write_cached(path: Path, key: bytes, value: object) -> None:
    """Write `key` and the pickled `value` to `path` atomically; a failure is only logged."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(key)
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception as exc:  # a full disk or an unpicklable object: start without the cache
        log.warning(
            "cache %s not written (%s); next start builds again", path.name, type(exc).__name__
        )
