"""A person's conversation state: where they are, what they answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot import compact_json


@dataclass(frozen=True)
class Position:
    """A place in the content: a node of a flow, plus the return points of open subflows."""

    flow: str
    node: str
    stack: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RequestRef:
    """A counsellor request the person made, as they may see it with /status."""

    ref: str
    topic: str
    status: str


@dataclass
class Session:
    user: str
    language: str = "de"
    language_confirmed: bool = False
    position: Position | None = None
    answers: dict[str, str] = field(default_factory=dict)
    history: list[Position] = field(default_factory=list)
    requests: list[RequestRef] = field(default_factory=list)
    stopped: bool = False
    relay: str | None = None  # request ref whose counsellor the person is talking to
    # The buttons of the last message (id, label), so typed numbers and words match what was shown.
    offered: list[tuple[str, str]] = field(default_factory=list)
    # When the person last wrote (ISO time): WhatsApp may answer freely only within 24 hours.
    last_inbound: str | None = None

    def copy(self) -> Session:
        return Session(
            user=self.user,
            language=self.language,
            language_confirmed=self.language_confirmed,
            position=self.position,
            answers=dict(self.answers),
            history=list(self.history),
            requests=list(self.requests),
            stopped=self.stopped,
            relay=self.relay,
            offered=list(self.offered),
            last_inbound=self.last_inbound,
        )

    def to_json(self) -> str:
        """The session as compact JSON (built by hand: `dataclasses.asdict` deep-copies every
        value and cost a tenth of a turn)."""
        requests = [{"ref": r.ref, "topic": r.topic, "status": r.status} for r in self.requests]
        data = {
            "user": self.user,
            "language": self.language,
            "language_confirmed": self.language_confirmed,
            "position": _position_data(self.position),
            "answers": self.answers,
            "history": [_position_data(p) for p in self.history],
            "requests": requests,
            "stopped": self.stopped,
            "relay": self.relay,
            "offered": self.offered,
            "last_inbound": self.last_inbound,
        }
        return compact_json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Session:
        data: dict[str, Any] = compact_json.loads(text)
        return cls(
            user=data["user"],
            language=data.get("language", "de"),
            language_confirmed=bool(data.get("language_confirmed", False)),
            position=_position(data.get("position")),
            answers={str(k): str(v) for k, v in data.get("answers", {}).items()},
            history=[p for p in map(_position, data.get("history", [])) if p is not None],
            requests=[RequestRef(**r) for r in data.get("requests", [])],
            stopped=bool(data.get("stopped", False)),
            relay=data.get("relay"),
            offered=[(str(i), str(label)) for i, label in data.get("offered", [])],
            last_inbound=data.get("last_inbound"),
        )


def _position_data(position: Position | None) -> dict[str, Any] | None:
    if position is None:
        return None
    return {"flow": position.flow, "node": position.node, "stack": position.stack}


def _position(data: dict[str, Any] | None) -> Position | None:
    if not data:
        return None
    stack = tuple((str(f), str(n)) for f, n in data.get("stack", ()))
    return Position(flow=str(data["flow"]), node=str(data["node"]), stack=stack)
