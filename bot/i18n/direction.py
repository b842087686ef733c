"""Right-to-left marking so Arabic and Farsi render correctly on every client."""

from __future__ import annotations

import re

RLM = "\u200f"
LRI = "\u2066"
PDI = "\u2069"

# Left-to-right runs: phone numbers, dates, times, references (WG-7K3F), Latin words.
_LTR_CHAR = "0-9A-Za-zÀ-ÖØ-öø-ÿ"
# An e-mail or web address is one run: "asyl@caritas-dresden.de" split at "@" shows reversed.
_LTR_RUN = re.compile(rf"[+/]?[{_LTR_CHAR}](?:[{_LTR_CHAR} .:/@_\-]*[{_LTR_CHAR}])?")


def mark_rtl(text: str) -> str:
    """Start each paragraph right-to-left and keep number runs left-to-right inside it."""
    return "\n".join(_mark_line(line) for line in text.split("\n"))


def _mark_line(line: str) -> str:
    if not line.strip():
        return line
    isolated = _LTR_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", line)
    return RLM + isolated


def strip_marks(text: str) -> str:
    """The text without the marks this module adds (for tests and comparisons)."""
    return text.replace(RLM, "").replace(LRI, "").replace(PDI, "")
