"""What may appear in logs: a stable pseudonym instead of a user reference, never text."""

from __future__ import annotations

import hashlib


def pseudonym(user: str) -> str:
    return hashlib.sha256(user.encode()).hexdigest()[:12]
