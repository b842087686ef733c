"""Every node can be reached, leads somewhere, no loop runs without a question, and nobody
is trapped where no way leads out of the flow."""

from __future__ import annotations

from bot.content.model import Content, Flow
from bot.content.problems import Problem
from bot.content.reach import leading_to, reachable
from bot.domain import EMERGENCY_KINDS


def check_graph(content: Content) -> list[Problem]:
    entries = _entry_points(content)
    problems: list[Problem] = []
    for flow in content.flows.values():
        problems += _unreachable(flow, entries.get(flow.id, set()))
        problems += _dead_ends(flow)
        problems += _silent_loops(flow)
        problems += _traps(flow)
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
    following = {n.id: [s for s in n.successors() if s in flow.nodes] for n in flow.nodes.values()}
    seen = reachable((s for s in starts if s in flow.nodes), following)
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


def _traps(flow: Flow) -> list[Problem]:
    """Questions from which every answer leads back among themselves, never to an `end`, a
    `goto` to another flow, a `return` or a `handoff`: people would answer forever."""
    exits = {n.id for n in flow.nodes.values() if n.ends_path() or n.key == "handoff"}
    following = {n.id: {s for s in n.successors() if s in flow.nodes} for n in flow.nodes.values()}
    leads_out = leading_to(exits, following)
    stuck = [node_id for node_id in flow.nodes if node_id not in leads_out]
    reach = {node_id: reachable(following[node_id], following) for node_id in stuck}
    problems = []
    reported: set[frozenset[str]] = set()
    for node_id in stuck:  # file order: the first node of each trap names it
        group = frozenset(reach[node_id])
        trapped = node_id in group and all(node_id in reach[other] for other in group)
        waits = any(flow.nodes[other].waits for other in group)
        if not trapped or not waits or group in reported:
            continue  # a dead end or a loop without a question is reported as such
        reported.add(group)
        names = ", ".join(f"'{other}'" for other in flow.nodes if other in group)
        where = f"back to {names}" if len(group) == 1 else f"only among {names}"
        problems.append(
            Problem(
                flow.file,
                flow.nodes[node_id].line,
                f"people can never leave here: every answer leads {where}, never to an 'end', "
                "a 'goto', a 'return' or a 'handoff' — let one choice lead out (e.g. 'goto: menu')",
                node=node_id,
            )
        )
    return problems
