"""Reading knowledge files: entries, interface messages and offices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.model import Entry, Office
from bot.content.problems import ContentError, Problem, suggestion
from bot.content.yamlsrc import LinedDict, load_yaml
from bot.nodes.base import ID_PATTERN, Text
from bot.validate.switches import OFFICE_SWITCHES, switches

SECTIONS = {"entries", "messages", "offices", "staff_messages"}
_SINGULAR = {
    "entries": "entry",
    "messages": "message",
    "offices": "office",
    "staff_messages": "staff message",
}
ENTRY_KEYS = {"title", "text", "status", "verified_on", "kind", "source"}
OFFICE_KEYS = {
    "name",
    "places",
    "topics",
    "outreach",
    "status",
    "address",
    "hours",
    "phone",
    "email",
    "note",
    "source",
    "verified_on",
}


@dataclass
class Knowledge:
    entries: dict[str, Entry] = field(default_factory=dict)
    messages: dict[str, Text] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    staff: dict[str, Text] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)  # files with a syntax error


def read_knowledge(folder: Path, shown_prefix: str) -> Knowledge:
    found = Knowledge()
    for path in sorted(folder.glob("*.yaml")):
        read_knowledge_file(path, f"{shown_prefix}/{path.name}", found)
    return found


def read_knowledge_file(path: Path, shown: str, found: Knowledge) -> None:
    """Add one file's entries, messages and offices to `found`."""
    try:
        raw = load_yaml(path, shown)
    except ContentError as exc:
        found.problems.extend(exc.problems)
        found.unreadable.append(path)
        return
    if not isinstance(raw, LinedDict):
        sections = ", ".join(sorted(SECTIONS))
        found.problems.append(Problem(shown, 1, f"expected a mapping with one of: {sections}"))
        return
    _read_sections(raw, shown, found)


def _read_sections(raw: LinedDict, file: str, found: Knowledge) -> None:
    for section, body in raw.items():
        line = raw.line_of(section)
        if section not in SECTIONS:
            found.problems.append(
                Problem(file, line, f"unknown section '{section}'{suggestion(section, SECTIONS)}")
            )
            continue
        if not isinstance(body, LinedDict):
            found.problems.append(
                Problem(file, line, f"'{section}' must be a mapping of id -> item")
            )
            continue
        for item_id, item in body.items():
            item_line = body.line_of(item_id)
            if _duplicate(found, section, item_id, file, item_line):
                continue
            if section in ("messages", "staff_messages"):
                _read_message(
                    item_id,
                    item,
                    file,
                    item_line,
                    found.messages if section == "messages" else found.staff,
                    found,
                )
            elif not isinstance(item, LinedDict):
                found.problems.append(Problem(file, item_line, f"'{item_id}' must be a mapping"))
            elif section == "entries":
                _read_entry(item_id, item, file, found)
            else:
                _read_office(item_id, item, file, found)


def _duplicate(found: Knowledge, section: str, item_id: str, file: str, line: int) -> bool:
    sections: dict[str, Mapping[str, object]] = {
        "entries": found.entries,
        "messages": found.messages,
        "offices": found.offices,
        "staff_messages": found.staff,
    }
    existing = sections[section]
    if not ID_PATTERN.match(str(item_id)):
        found.problems.append(
            Problem(
                file, line, f"id '{item_id}' must be plain lower-case ASCII words joined by '_'"
            )
        )
        return True
    if item_id in existing:
        other = existing[item_id]
        where = other.file if hasattr(other, "file") else "another file"
        found.problems.append(
            Problem(
                file,
                line,
                f"{_SINGULAR[section]} id '{item_id}' is defined twice (also in {where}); rename one",
            )
        )
        return True
    return False


def _read_message(
    item_id: str, item: object, file: str, line: int, into: dict[str, Text], found: Knowledge
) -> None:
    if not isinstance(item, str) or not item.strip():
        found.problems.append(Problem(file, line, f"message '{item_id}' must be a German text"))
        return
    into[item_id] = Text(item.strip(), line)


def _read_entry(item_id: str, item: LinedDict, file: str, found: Knowledge) -> None:
    for key in item:
        if key not in ENTRY_KEYS:
            found.problems.append(
                Problem(
                    file,
                    item.line_of(key),
                    f"entry '{item_id}': unknown key '{key}'{suggestion(key, ENTRY_KEYS)}",
                )
            )
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        found.problems.append(
            Problem(file, item.line, f"entry '{item_id}' needs 'text' (a German text)")
        )
        return
    title = item.get("title")
    found.entries[item_id] = Entry(
        id=item_id,
        file=file,
        line=item.line,
        text=Text(text.strip(), item.line_of("text")),
        title=Text(str(title).strip(), item.line_of("title")) if title else None,
        status=_optional(item.get("status")),
        verified_on=_optional(item.get("verified_on")),
        kind=_optional(item.get("kind")),
    )


def _read_office(item_id: str, item: LinedDict, file: str, found: Knowledge) -> None:
    for key in item:
        if key not in OFFICE_KEYS:
            found.problems.append(
                Problem(
                    file,
                    item.line_of(key),
                    f"office '{item_id}': unknown key '{key}'{suggestion(key, OFFICE_KEYS)}",
                )
            )
    found.problems.extend(switches(item, OFFICE_SWITCHES, file))
    name, places, topics = item.get("name"), item.get("places"), item.get("topics")
    if not isinstance(name, str) or not isinstance(places, list) or not isinstance(topics, list):
        found.problems.append(
            Problem(
                file,
                item.line,
                f"office '{item_id}' needs 'name', 'places: [...]' and 'topics: [...]'",
            )
        )
        return
    details = {
        k: str(item[k]) for k in ("address", "hours", "phone", "email", "note") if item.get(k)
    }
    found.offices[item_id] = Office(
        id=item_id,
        file=file,
        line=item.line,
        name=name,
        places=tuple(str(p) for p in places),
        topics=tuple(str(t) for t in topics),
        outreach=item.get("outreach") is True,
        status=_optional(item.get("status")),
        details=details,
    )


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
