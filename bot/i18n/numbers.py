"""The numbers in a text (times, phone numbers, amounts), to catch a fuzzy translation that
still shows the numbers of the previous German text."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from babel.messages.pofile import unescape

_DIGITS = re.compile(r"\d+")  # any script: Persian ۱۴ and Arabic ١٤ as well as 14


def numbers(text: str) -> list[str]:
    """The digit sequences of `text` in order, in Western digits: '۱۴–۱۶ Uhr' -> ['14', '16']."""
    return ["".join(str(unicodedata.decimal(d)) for d in run) for run in _DIGITS.findall(text)]


def changed_numbers(old: str, new: str) -> str | None:
    """None if both texts have the same numbers (in any order); else what changed,
    as '14, 16 → 15, 17' (the numbers only one of them has)."""
    before, after = Counter(numbers(old)), Counter(numbers(new))
    if before == after:
        return None
    gone = [n for n in numbers(old) if (before - after)[n]]
    added = [n for n in numbers(new) if (after - before)[n]]
    return f"{', '.join(dict.fromkeys(gone)) or '–'} → {', '.join(dict.fromkeys(added)) or '–'}"


def previous_ids(path: Path) -> dict[str, str]:
    """msgid -> its previous German text, from the '#| msgid' lines that
    'translations update' writes above a fuzzy entry (babel's reader skips them)."""
    found: dict[str, str] = {}
    previous: list[str] | None = None
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#| msgid "):
            previous, current = [unescape(line[len("#| msgid ") :])], None
        elif line.startswith('#| "') and previous is not None and current is None:
            previous.append(unescape(line[3:]))
        elif line.startswith("msgid ") and previous is not None:
            current = [unescape(line[len("msgid ") :])]
        elif line.startswith('"') and current is not None:
            current.append(unescape(line))
        elif line.startswith("msgstr") or not line:
            if previous is not None and current is not None:
                found["".join(current)] = "".join(previous)
            if line.startswith("msgstr") or current is not None:
                previous = current = None
    return found
