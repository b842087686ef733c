"""Answers the path no longer passes: keep only what a flow needs.

A person who chose "call", typed a phone number, went back and chose "chat" must not have that
number sent: the flow now goes round the phone question. Whenever a node moves on inside its
flow (an answer, a branch), the answers saved only behind its other ways out are dropped, and
so are those behind the ways not taken by the branches ahead that the saved answers already
decide ("phone only for a call" is decided by the contact wish, however many questions come
in between). A summary's "change something" is a way back, not a way out, so sending a request
drops nothing; the questions before the node are never behind it (a place question returns to
its check). Answers the way taken still reads (a branch's conditions) or saves are kept, and
so are those the questions before the node save (the contact wish chosen before a late "is it
safe to call?" stays when a call is safe, although "chat only" would have set it too).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.memo import PerContent
from bot.content.model import Content, Flow
from bot.content.reach import reachable
from bot.engine.run import Run
from bot.nodes.ask import Ask
from bot.nodes.base import Node
from bot.nodes.branch import Branch
from bot.nodes.input_node import Input
from bot.nodes.setvalues import SetValues
from bot.nodes.summary import Summary


@dataclass(frozen=True)
class _Graph:
    """A flow's links inside the flow without the ways back, and what its nodes save."""

    flow: Flow
    forward: dict[str, frozenset[str]]

    def reach(self, start: set[str]) -> set[str]:
        return reachable(start, self.forward)

    def saves(self, nodes: set[str]) -> set[str]:
        return {name for node_id in nodes for name in _saved_by(self.flow.nodes[node_id])}

    def reads(self, nodes: set[str]) -> set[str]:
        return {name for node_id in nodes for name in _read_by(self.flow.nodes[node_id])}


_MEMO = PerContent()


def forget_bypassed(run: Run, node_id: str, target: str) -> None:
    """`node_id` moves on to `target` in the current flow: drop what only the other ways save,
    and what the branches ahead, decided by the answers saved so far, go round."""
    flow = run.position.flow
    for name in bypassed(run.content, flow, node_id, target):
        run.session.answers.pop(name, None)
    facts = {**run.session.answers, "language": run.language}
    for branch_id in _decided_ahead(run.content, flow, node_id, target):
        branch = run.content.flows[flow].nodes[branch_id]
        assert isinstance(branch, Branch)
        for name in bypassed(run.content, flow, branch_id, branch.target(facts)):
            run.session.answers.pop(name, None)


def bypassed(content: Content, flow_id: str, node_id: str, target: str) -> frozenset[str]:
    """The answers saved only behind the ways out of `node_id` other than `target`."""
    return _MEMO.get(
        content,
        ("bypassed", flow_id, node_id, target),
        lambda: _bypassed(_graph(content, flow_id), node_id, target),
    )


def _bypassed(graph: _Graph, node_id: str, target: str) -> frozenset[str]:
    ways = graph.forward.get(node_id, frozenset())
    if target not in ways or len(ways) < 2:
        return frozenset()  # a way back (a summary's "change something"), or the only way
    kept = graph.reach({target})
    before = {other for other in graph.flow.nodes if node_id in graph.reach({other})}
    behind = graph.reach(set(ways - {target})) - kept - before
    # what the questions before already saved is the person's own earlier answer: a way not
    # taken that would also set it ("chat only" sets the contact wish) does not take it away
    still_needed = graph.saves(kept) | graph.reads(kept | {node_id}) | graph.saves(before)
    return frozenset(graph.saves(behind) - still_needed)


def _decided_ahead(content: Content, flow_id: str, node_id: str, target: str) -> tuple[str, ...]:
    """The branches after `target` whose conditions no node on the way to them can change."""

    def build() -> tuple[str, ...]:
        graph = _graph(content, flow_id)
        if target not in graph.forward.get(node_id, frozenset()):
            return ()
        ahead = graph.reach({target})
        decided = []
        for branch_id in sorted(ahead):
            branch = graph.flow.nodes[branch_id]
            if not isinstance(branch, Branch):
                continue
            on_the_way = {
                other for other in ahead if other != branch_id and branch_id in graph.reach({other})
            }
            if not graph.saves(on_the_way) & _read_by(branch):
                decided.append(branch_id)
        return tuple(decided)

    return _MEMO.get(content, ("decided", flow_id, node_id, target), build)


def _graph(content: Content, flow_id: str) -> _Graph:
    return _MEMO.get(content, ("graph", flow_id), lambda: _forward_graph(content.flows[flow_id]))


def _forward_graph(flow: Flow) -> _Graph:
    """The flow's links inside the flow, without a summary's "change something" (a way back
    to questions already answered, not a way on)."""
    forward: dict[str, frozenset[str]] = {}
    for node_id, node in flow.nodes.items():
        back = {node.change_to} if isinstance(node, Summary) else set()
        forward[node_id] = frozenset(
            link.target
            for link in node.links()
            if link.kind == "node" and link.target in flow.nodes and link.target not in back
        )
    return _Graph(flow, forward)


def _saved_by(node: Node) -> set[str]:
    if isinstance(node, Ask):
        names = {node.save} if node.save else set()
        names.update(name for choice in node.choices for name, _ in choice.values)
        return names
    if isinstance(node, Input):
        return {node.save}
    if isinstance(node, SetValues):
        return {name for name, _ in node.values}
    return set()


def _read_by(node: Node) -> set[str]:
    if isinstance(node, Branch):
        return {name for case in node.cases for name, _ in case.when}
    return set()
