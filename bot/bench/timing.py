"""Helpers shared by the in-process micro-benchmarks (understanding, typed-answer matching)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence


def pin_to_one_core() -> None:
    """Run on one processor so that figures compare across runs (where the OS allows it)."""
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` (0–1) of `values` lie (nearest rank, rounded down)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
