"""What tells one state of a content folder from another (for reloads and the kept copy)."""

from __future__ import annotations

from pathlib import Path

CONTENT_FOLDERS = ("flows", "knowledge", "locales")

ContentStamp = tuple[tuple[str, int, int], ...]


def content_stamp(root: Path) -> ContentStamp:
    """Every content file's path (relative to `root`), size and modification time (ns),
    sorted, so that an edit, a new file, a deleted or a renamed file all count as a change
    (the newest time alone missed a deleted file that was not the newest). Raises OSError
    when the folder cannot be read."""
    entries = []
    for folder in CONTENT_FOLDERS:
        for path in (root / folder).rglob("*"):
            if path.is_file():
                stat = path.stat()
                entries.append((str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))
