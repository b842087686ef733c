"""The fixed ids of the service that code, content and tests share (see shared/DOMAIN.md)."""

from __future__ import annotations

LIFE_AREAS = ("housing", "health", "school", "benefits", "work", "residence", "return")
HUMAN = "human"  # the person wants to talk to a counsellor
AREA_IDS = (*LIFE_AREAS, HUMAN)
EMERGENCY_KINDS = (
    "violence",
    "threat",
    "suicide",
    "sexual_violence",
    "child",
    "medical",
    "fire",
    "shelter",
    "pregnancy",
)
LANGUAGES = ("de", "en", "uk", "ru", "ar", "fa")
RTL_LANGUAGES = frozenset({"ar", "fa"})
PLACES = ("prohlis", "leuben", "dresden_other", "pirna", "ssoe", "elsewhere")
