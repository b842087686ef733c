"""Every link points to something that exists."""

from __future__ import annotations

from collections.abc import Mapping

from bot.content.model import Content, Flow
from bot.content.problems import Problem, suggestion
from bot.nodes.base import Link, Node


def check_references(content: Content, unread: Mapping[str, str] | None = None) -> list[Problem]:
    """`unread`: ids written in files that could not be read; links to them are not reported
    (the file's syntax error is the problem to fix, not a dozen links that follow from it)."""
    problems: list[Problem] = []
    for flow in content.flows.values():
        for node in flow.nodes.values():
            problems += [
                p for link in node.links() if (p := _check(content, flow, node, link, unread or {}))
            ]
    return problems


def _check(
    content: Content, flow: Flow, node: Node, link: Link, unread: Mapping[str, str]
) -> Problem | None:
    if link.kind == "node" and link.target not in flow.nodes:
        hint = suggestion(link.target, list(flow.nodes))
        return Problem(
            flow.file,
            link.line,
            f"next '{link.target}' is not a node of this flow{hint}",
            node=node.id,
        )
    if link.kind == "knowledge" and link.target in unread:
        return None  # its file has a syntax error, reported there
    if link.kind == "knowledge" and link.target not in content.knowledge:
        hint = suggestion(link.target, list(content.knowledge))
        return Problem(
            flow.file,
            link.line,
            f"knowledge entry '{link.target}' does not exist in knowledge/{hint}",
            node=node.id,
        )
    if link.kind == "flow":
        target = content.flows.get(link.target)
        if target is None and link.target in content.flow_files:
            return None  # the flow's own file is broken; that is reported there
        if target is None:
            hint = suggestion(link.target, list(content.flows))
            return Problem(
                flow.file,
                link.line,
                f"goto '{link.target}': there is no flow of that name in flows/{hint}",
                node=node.id,
            )
        if link.node and link.node not in target.nodes:
            hint = suggestion(link.node, list(target.nodes))
            return Problem(
                flow.file,
                link.line,
                f"goto '{link.target}.{link.node}': flow '{link.target}' has no node '{link.node}'{hint}",
                node=node.id,
            )
    return None
