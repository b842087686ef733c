"""Which nodes of a flow lead to which: one walk for the validator and the engine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def reachable(starts: Iterable[str], following: Mapping[str, Iterable[str]]) -> set[str]:
    """Every node reached from `starts` along `following` (node id -> the ids it leads to),
    `starts` included."""
    found: set[str] = set()
    todo = list(starts)
    while todo:
        node_id = todo.pop()
        if node_id not in found:
            found.add(node_id)
            todo.extend(following.get(node_id, ()))
    return found


def leading_to(targets: Iterable[str], following: Mapping[str, Iterable[str]]) -> set[str]:
    """Every node from which some path reaches one of `targets` (the targets included)."""
    before: dict[str, set[str]] = {node_id: set() for node_id in following}
    for node_id, successors in following.items():
        for successor in successors:
            before.setdefault(successor, set()).add(node_id)
    return reachable(targets, before)
