"""Short request references like WG-7K3F, made of characters nobody confuses.

Four characters give 279,841 references; when a few random tries at one length all hit taken
references, the next length is used (up to eight characters), so finding a free reference
takes a bounded number of look-ups however full the space is, and references stay short for
as long as they can.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Awaitable, Callable

ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6
PREFIX = "WG-"
LENGTH = 4
LONGEST = 8
TRIES_PER_LENGTH = 8
PATTERN = re.compile(rf"\b{PREFIX}[{ALPHABET}]{{{LENGTH},{LONGEST}}}\b")


class NoFreeReference(RuntimeError):
    """Every try at every length was taken (practically impossible: 23^8 references)."""


def new_reference(length: int = LENGTH) -> str:
    """A random reference with `length` characters after `WG-`."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(length))


async def unused_reference(taken: Callable[[str], Awaitable[bool]]) -> str:
    """A reference `taken` says is free: at most TRIES_PER_LENGTH look-ups per length from
    LENGTH to LONGEST; raises NoFreeReference after that."""
    for length in range(LENGTH, LONGEST + 1):
        for _ in range(TRIES_PER_LENGTH):
            ref = new_reference(length)
            if not await taken(ref):
                return ref
    raise NoFreeReference(f"no free reference after {TRIES_PER_LENGTH} tries per length")


def find_reference(text: str) -> str | None:
    match = PATTERN.search(text.upper())
    return match.group(0) if match else None
