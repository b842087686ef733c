"""Short request references like WG-7K3F, made of characters nobody confuses."""

from __future__ import annotations

import re
import secrets

ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6
PREFIX = "WG-"
LENGTH = 4
PATTERN = re.compile(rf"\b{PREFIX}[{ALPHABET}]{{{LENGTH}}}\b")


def new_reference() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def find_reference(text: str) -> str | None:
    match = PATTERN.search(text.upper())
    return match.group(0) if match else None
