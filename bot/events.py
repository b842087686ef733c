"""Events the pure engine emits; the conversation host applies them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AnswerSaved:
    name: str
    value: str


@dataclass(frozen=True)
class HandoffRequested:
    """The person asked for a counsellor; `answers` are the collected answers by name."""

    topic: str
    answers: dict[str, str] = field(default_factory=dict)
    language: str = "de"
    urgent: bool = False


@dataclass(frozen=True)
class EmergencyShown:
    kind: str


@dataclass(frozen=True)
class DataDeletionRequested:
    """The person confirmed that all their stored data shall be deleted."""


@dataclass(frozen=True)
class DataShown:
    """The person asked what is stored about them; the host adds their requests to the answer."""


@dataclass(frozen=True)
class ConversationStopped:
    pass


@dataclass(frozen=True)
class RequestCancelled:
    ref: str


@dataclass(frozen=True)
class AppointmentAnswered:
    ref: str
    accepted: bool


@dataclass(frozen=True)
class RelayToCounsellor:
    """Text the person wrote for the counsellor of an open request; `emergency`: the kind of
    emergency the words were recognised as ("threat"), shown to the counsellor first."""

    ref: str
    text: str
    emergency: str | None = None


@dataclass(frozen=True)
class MediaToCounsellor:
    """A voice message, photo or document the person sent during an open request."""

    ref: str
    kind: str
    message_ref: str


Event = (
    AnswerSaved
    | HandoffRequested
    | EmergencyShown
    | DataDeletionRequested
    | DataShown
    | ConversationStopped
    | RequestCancelled
    | AppointmentAnswered
    | RelayToCounsellor
    | MediaToCounsellor
)
