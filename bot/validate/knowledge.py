"""Knowledge facts staff must confirm, and emergency numbers with a check date."""

from __future__ import annotations

from bot.content.model import Content
from bot.content.problems import Problem
from bot.domain import LIFE_AREAS, PLACES

# Part of every "still example data" warning (`python -m bot validate` sums these up).
EXAMPLE_DATA = "is example data"


def check_knowledge(content: Content) -> list[Problem]:
    problems = []
    for entry in content.knowledge.values():
        if entry.status == "example":
            problems.append(
                Problem(
                    entry.file,
                    entry.line,
                    f"entry '{entry.id}' {EXAMPLE_DATA}; staff must confirm it and remove 'status: example'",
                    "warning",
                )
            )
        if entry.kind == "emergency" and not entry.verified_on:
            problems.append(
                Problem(
                    entry.file,
                    entry.line,
                    f"emergency entry '{entry.id}' needs 'verified_on: YYYY-MM-DD' (the day its numbers were last checked)",
                )
            )
    for office in content.offices.values():
        if office.status == "example":
            problems.append(
                Problem(
                    office.file,
                    office.line,
                    f"office '{office.id}' holds example data (address, hours, phone); staff must confirm it",
                    "warning",
                )
            )
        problems += [
            Problem(
                office.file,
                office.line,
                f"office '{office.id}': place '{place}' is not known; expected one of {', '.join(PLACES)}",
            )
            for place in office.places
            if place not in PLACES
        ]
        problems += [
            Problem(
                office.file,
                office.line,
                f"office '{office.id}': topic '{topic}' is not a life area; expected one of {', '.join(LIFE_AREAS)}",
            )
            for topic in office.topics
            if topic not in LIFE_AREAS
        ]
    return problems
