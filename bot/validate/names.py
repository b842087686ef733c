"""Flow names must not collide with the engine's own button namespaces."""

from __future__ import annotations

from bot.content.model import Content
from bot.content.problems import Problem


def reserved_flow_names() -> frozenset[str]:
    """The first part of every button id the engine makes itself (lang.de, cancel.WG-…)."""
    from bot.engine.actions import AREA_PREFIX, DELETE_NO, DELETE_YES
    from bot.engine.requests import APPOINTMENT_NO, APPOINTMENT_YES, CANCEL_PREFIX, RELAY_END
    from bot.handoff.group import ACTION_PREFIX
    from bot.nodes.language import LANGUAGE_PREFIX

    ids = (
        AREA_PREFIX,
        DELETE_NO,
        DELETE_YES,
        APPOINTMENT_NO,
        APPOINTMENT_YES,
        CANCEL_PREFIX,
        RELAY_END,
        ACTION_PREFIX,
        LANGUAGE_PREFIX,
    )
    return frozenset(button.split(".", 1)[0] for button in ids)


def check_names(content: Content) -> list[Problem]:
    """A flow named like an engine namespace would have its buttons taken by the engine."""
    reserved = reserved_flow_names()
    return [
        Problem(
            flow.file,
            1,
            f"the flow name '{flow.id}' is reserved for the bot's own buttons "
            f"({', '.join(sorted(reserved))}); rename the file and its 'flow:' "
            f"(e.g. '{flow.id}_info')",
        )
        for flow in content.flows.values()
        if flow.id in reserved
    ]
