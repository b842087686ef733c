"""How the start commands (`python -m bot telegram`, `python -m bot serve`) end on a problem:
one sentence on stderr and an exit code."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.content.problems import ContentError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_SETTINGS = 2  # settings, content or a token an operator must fix


def fail(sentence: str, code: int) -> int:
    """Print `error: <sentence>` to stderr; returns `code` for `main` to return."""
    print(f"error: {sentence}", file=sys.stderr)
    return code


def content_failed(content_dir: Path, error: ContentError) -> int:
    """The start stopped because the content in `content_dir` has errors: say how many and
    where to see them; returns EXIT_BAD_SETTINGS."""
    return fail(
        f"The content in {content_dir} has {len(error.problems)} problem(s); "
        "`python -m bot validate` shows them.",
        EXIT_BAD_SETTINGS,
    )
