"""Every node can be reached, leads somewhere, and no loop runs without a question."""

from __future__ import annotations

from bot.content.model import Content, Flow
from bot.content.problems import Problem
from bot.domain import EMERGENCY_KINDS


def check_graph(content: Content) -> list[Problem]:
    entries = _entry_points(content)
    problems: list[Problem] = []
    for flow in content.flows.values():
        problems += _unreachable(flow, entries.get(flow.id, set()))
        problems += _dead_ends(flow)
        problems += _silent_loops(flow)
    return problems


def _entry_points(content: Content) -> dict[str, set[str]]:
    entries: dict[str, set[str]] = {flow.id: {flow.start} for flow in content.flows.values()}
    if "emergency" in entries:
        entries["emergency"].update(
            kind for kind in EMERGENCY_KINDS if kind in content.flows["emergency"].nodes
        )
    for flow in content.flows.values():
        for node in flow.nodes.values():
            for link in node.links():
                if link.kind == "flow" and link.node:
                    entries.setdefault(link.target, set()).add(link.node)
    return entries


def _unreachable(flow: Flow, starts: set[str]) -> list[Problem]:
    seen: set[str] = set()
    todo = [s for s in starts if s in flow.nodes]
    while todo:
        node_id = todo.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        todo.extend(n for n in flow.nodes[node_id].successors() if n in flow.nodes)
    return [
        Problem(
            flow.file,
            node.line,
            "cannot be reached from the start of the flow; link to it with 'next' or remove it",
            node=node.id,
        )
        for node in flow.nodes.values()
        if node.id not in seen
    ]


def _dead_ends(flow: Flow) -> list[Problem]:
    return [
        Problem(
            flow.file,
            node.line,
            "leads nowhere; add 'next', a 'goto', or end the flow with an 'end' node",
            node=node.id,
        )
        for node in flow.nodes.values()
        if not any(True for _ in node.successors()) and not node.ends_path()
    ]


def _silent_loops(flow: Flow) -> list[Problem]:
    """Cycles made only of nodes that do not wait would spin forever."""
    problems = []
    for start in flow.nodes.values():
        if start.waits:
            continue
        stack, seen = [start.id], set()
        while stack:
            node_id = stack.pop()
            for nxt in flow.nodes[node_id].successors():
                target = flow.nodes.get(nxt)
                if target is None or target.waits or nxt in seen:
                    continue
                if nxt == start.id:
                    message = "is part of a loop without any question, the bot would go round forever; add an 'ask' in the loop"
                    problems.append(Problem(flow.file, start.line, message, node=start.id))
                    stack = []
                    break
                seen.add(nxt)
                stack.append(nxt)
    return problems
