"""`python -m bot graph FLOW`: a Mermaid diagram of a flow, for staff and reviews."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.content.loader import load_content
from bot.content.model import Flow
from bot.nodes.ask import Ask
from bot.nodes.base import Node
from bot.settings import BUNDLED_CONTENT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot graph", description=__doc__)
    parser.add_argument("flow", help="flow id, e.g. housing")
    parser.add_argument("--content", type=Path, default=BUNDLED_CONTENT)
    args = parser.parse_args(argv)
    content, _ = load_content(args.content, with_understanding=False)
    if content is None or args.flow not in content.flows:
        known = ", ".join(sorted(content.flows)) if content else "none (run python -m bot validate)"
        print(f"no flow '{args.flow}'; flows: {known}")
        return 1
    print(mermaid(content.flows[args.flow]))
    return 0


def mermaid(flow: Flow) -> str:
    lines = ["flowchart TD"]
    for node in flow.nodes.values():
        lines.append(f'    {node.id}["{node.key}: {node.id}"]')
        lines.extend(_edges(node))
    return "\n".join(lines)


def _edges(node: Node) -> list[str]:
    if isinstance(node, Ask):
        return [
            _edge(node.id, c.next or f"flow_{c.goto[0] if c.goto else ''}", c.id)
            for c in node.choices
        ]
    edges = []
    for link in node.links():
        if link.kind == "node":
            edges.append(_edge(node.id, link.target))
        elif link.kind == "flow":
            edges.append(_edge(node.id, f"flow_{link.target}"))
    return edges


def _edge(source: str, target: str, label: str | None = None) -> str:
    return f"    {source} -->|{label}| {target}" if label else f"    {source} --> {target}"
