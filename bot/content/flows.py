"""Reading one flow file into a Flow, with every problem named by file and line."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.content.model import Flow
from bot.content.problems import ContentError, Problem, suggestion
from bot.content.yamlsrc import SAFE_LOADER, LinedDict, load_yaml
from bot.domain import AREA_IDS
from bot.nodes import IMPLICIT_NEXT, NODE_TYPES, Node
from bot.nodes.base import ID_PATTERN, NodeParser, Text
from bot.validate.switches import node_switches

FLOW_KEYS = {"flow", "area", "title", "start", "nodes"}


def parse_flow_file(path: Path, shown_as: str) -> tuple[Flow | None, list[Problem]]:
    duplicates = _duplicate_node_ids(path, shown_as)
    if duplicates:
        return None, duplicates
    try:
        raw = load_yaml(path, shown_as)
    except ContentError as exc:
        return None, exc.problems
    if not isinstance(raw, LinedDict):
        return None, [Problem(shown_as, 1, "a flow file must be a mapping with 'flow' and 'nodes'")]
    return _parse_flow(raw, path.stem, shown_as)


def _parse_flow(raw: LinedDict, stem: str, file: str) -> tuple[Flow | None, list[Problem]]:
    problems: list[Problem] = []
    for key in raw:
        if key not in FLOW_KEYS:
            problems.append(
                Problem(file, raw.line_of(key), f"unknown key '{key}'{suggestion(key, FLOW_KEYS)}")
            )
    flow_id = raw.get("flow")
    if flow_id != stem:
        problems.append(
            Problem(
                file,
                raw.line_of("flow"),
                f"'flow' is {flow_id!r} but must equal the file name '{stem}'",
            )
        )
    area = raw.get("area")
    if area is not None and area not in AREA_IDS:
        hint = suggestion(str(area), AREA_IDS)
        problems.append(
            Problem(
                file,
                raw.line_of("area"),
                f"area '{area}' is not a life area; expected one of {', '.join(AREA_IDS)}{hint}",
            )
        )
        area = None
    title = raw.get("title")
    title_text = Text(str(title).strip(), raw.line_of("title")) if title else None
    nodes_raw = raw.get("nodes")
    if not isinstance(nodes_raw, LinedDict) or not nodes_raw:
        problems.append(
            Problem(
                file,
                raw.line_of("nodes"),
                "'nodes' must be a mapping of node id -> node with at least one node",
            )
        )
        return None, problems
    nodes = _parse_nodes(nodes_raw, file, problems)
    start = raw.get("start", next(iter(nodes_raw)))
    if start not in nodes_raw:
        problems.append(
            Problem(
                file,
                raw.line_of("start"),
                f"start node '{start}' is not a node of this flow{suggestion(str(start), list(nodes_raw))}",
            )
        )
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Flow(
        id=stem,
        file=file,
        line=raw.line,
        start=str(start),
        nodes=nodes,
        area=area,
        title=title_text,
    ), problems


def _parse_nodes(nodes_raw: LinedDict, file: str, problems: list[Problem]) -> dict[str, Node]:
    ids = list(nodes_raw)
    nodes: dict[str, Node] = {}
    for index, node_id in enumerate(ids):
        line = nodes_raw.line_of(node_id)
        if not ID_PATTERN.match(node_id):
            problems.append(
                Problem(
                    file,
                    line,
                    f"node id '{node_id}' must be plain lower-case ASCII words joined by '_'",
                    node=node_id,
                )
            )
            continue
        body = nodes_raw[node_id]
        if not isinstance(body, LinedDict):
            problems.append(
                Problem(file, line, "a node must be a mapping like 'say: Text'", node=node_id)
            )
            continue
        kind = _node_kind(body, file, node_id, problems)
        if kind is None:
            continue
        implicit = ids[index + 1] if kind.key in IMPLICIT_NEXT and index + 1 < len(ids) else None
        parser = NodeParser(file, node_id, body, implicit)
        node = kind.parse(parser)  # type: ignore[attr-defined]
        if node is not None:
            object.__setattr__(node, "line", line)
            object.__setattr__(node, "key_lines", tuple(body.key_lines.items()))
        parser.check_unknown_keys({kind.key})
        parser.problems.extend(node_switches(body, file, node_id))
        problems.extend(parser.problems)
        if node is not None and not any(p.severity == "error" for p in parser.problems):
            nodes[node_id] = node
    return nodes


def _node_kind(
    body: LinedDict, file: str, node_id: str, problems: list[Problem]
) -> type[Node] | None:
    kinds = [key for key in body if key in NODE_TYPES]
    if len(kinds) == 1:
        return NODE_TYPES[kinds[0]]
    if kinds:
        problems.append(
            Problem(
                file,
                body.line,
                f"has several types ({', '.join(kinds)}); a node has exactly one",
                node=node_id,
            )
        )
        return None
    first = next(iter(body), "")
    hint = suggestion(first, set(NODE_TYPES))
    expected = ", ".join(NODE_TYPES)
    problems.append(
        Problem(
            file, body.line, f"has no node type{hint}; expected one of: {expected}", node=node_id
        )
    )
    return None


def _duplicate_node_ids(path: Path, shown_as: str) -> list[Problem]:
    """Node ids defined twice, reported as such (YAML would keep only the last)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError):
        return []  # reported by the full parse
    if not isinstance(root, yaml.MappingNode):
        return []
    nodes = next((v for k, v in root.value if getattr(k, "value", None) == "nodes"), None)
    if not isinstance(nodes, yaml.MappingNode):
        return []
    seen: dict[str, int] = {}
    problems = []
    for key, _ in nodes.value:
        line = key.start_mark.line + 1
        if key.value in seen:
            message = f"node id '{key.value}' is defined twice (first at line {seen[key.value]}); node ids must be unique — rename one"
            problems.append(Problem(shown_as, line, message, node=str(key.value)))
        seen.setdefault(key.value, line)
    return problems
