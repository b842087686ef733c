"""Private files: the data directory 0700, the database file 0600 (SQLite creates its WAL and
shared-memory files with the database file's permissions, so they are private too)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = stat.S_IRWXU  # 0700
FILE_MODE = stat.S_IRUSR | stat.S_IWUSR  # 0600


def private_database(url: str) -> None:
    """Before the backend opens `url`: make its folder and file private (also on an existing
    installation whose files were made world-readable). Other URLs are left alone."""
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return
    path = Path(url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if not _shared(path.parent):  # never /tmp: a database there is private by its own mode
        os.chmod(path.parent, DIR_MODE)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    for made in path.parent.glob(path.name + "*"):
        os.chmod(made, FILE_MODE)


def _shared(folder: Path) -> bool:
    """A folder everybody writes to (sticky or world-writable, like /tmp): making it 0700
    would break every other user and program on the machine."""
    mode = folder.stat().st_mode
    return bool(mode & stat.S_ISVTX or mode & stat.S_IWOTH)
