"""Meta's webhook payloads to channel-neutral events. Translation only, no decisions.

A POST from Meta carries `entry[].changes[].value` objects with `messages` (and `contacts`),
`statuses` or `errors`. Each message and each status becomes one `Event`, stored on its own in
the inbox under its own id, so a redelivered message id is recognised whatever else the
redelivery carries.

People are keyed by WhatsApp's business-scoped user id (BSUID, `from_user_id` on a message,
`user_id` on its contact, `recipient_user_id` on a status) where the payload has one, else by
the phone number (`from`, `wa_id`): `whatsapp:US.13491208655302741918` or `whatsapp:4915…`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.messages import Inbound

CHANNEL = "whatsapp"
JSON = dict[str, Any]
STEP_SEPARATOR = "|"

# WhatsApp message types the bot cannot read, as the neutral kinds of `Inbound`.
_KINDS = {
    "image": "photo",
    "audio": "voice",
    "video": "video",
    "document": "document",
    "sticker": "sticker",
    "location": "location",
    "contacts": "contact",
}
MEDIA_KINDS = frozenset({"image", "audio", "video", "document"})


class PayloadError(ValueError):
    """The body is JSON but not a WhatsApp webhook payload."""


@dataclass(frozen=True)
class Event:
    """One stored thing from a webhook: `kind` is `message`, `status` or `identity`."""

    kind: str
    id: str  # the inbox key: message id, or status:<message id>:<status>
    data: JSON


def user_ref(identifier: str) -> str:
    return f"{CHANNEL}:{identifier}"


def recipient_of(user: str) -> tuple[str, str]:
    """The Graph API field and value that address `user`: a BSUID (`US.123…`, it has a dot)
    goes into `recipient`, a phone number into `to`."""
    channel, _, identifier = user.partition(":")
    if channel != CHANNEL or not identifier:
        raise ValueError("not a WhatsApp user reference")
    return ("recipient", identifier) if "." in identifier else ("to", identifier)


def events(payload: object) -> list[Event]:
    """The messages, statuses and identity changes in one webhook body, in order."""
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account":
        raise PayloadError("not a whatsapp_business_account webhook")
    found: list[Event] = []
    for entry in _list(payload.get("entry")):
        for change in _list(_dict(entry).get("changes")):
            value = _dict(_dict(change).get("value"))
            contacts = [_dict(c) for c in _list(value.get("contacts"))]
            for message in _list(value.get("messages")):
                found.append(_message_event(_dict(message), contacts))
            for status in _list(value.get("statuses")):
                status = _dict(status)
                key = f"status:{_str(status, 'id')}:{_str(status, 'status')}"
                found.append(Event("status", key, status))
    return found


def _message_event(message: JSON, contacts: list[JSON]) -> Event:
    message_id = _str(message, "id")
    sender = _str(message, "from", required=False)
    contact = next(
        (
            c
            for c in contacts
            if c.get("wa_id") == sender or c.get("user_id") == message.get("from_user_id")
        ),
        contacts[0] if contacts else {},
    )
    bsuid = message.get("from_user_id") or contact.get("user_id")
    identifier = str(bsuid or sender or "")
    if not identifier:
        raise PayloadError("message without sender")
    data = {"user": user_ref(identifier), "message": message}
    if message.get("type") == "system":
        return Event("identity", message_id, data)
    return Event("message", message_id, data)


def inbound(data: JSON) -> Inbound | None:
    """The `Inbound` for a stored message event; None for kinds that need no answer
    (reactions, or a message already deleted by the person)."""
    user, message = str(data["user"]), _dict(data["message"])
    kind = str(message.get("type", ""))
    if kind == "text":
        return Inbound(user, text=str(_dict(message.get("text")).get("body", "")))
    if kind == "interactive":
        reply = _interactive_reply(_dict(message.get("interactive")))
        return Inbound(user, choice=reply) if reply else Inbound(user, kind="other")
    if kind == "button":  # a quick-reply button of a template
        payload = _dict(message.get("button")).get("payload")
        return Inbound(user, choice=str(payload)) if payload else Inbound(user, kind="other")
    if kind == "reaction":
        return None
    if kind in _KINDS:
        part = _dict(message.get(kind))
        caption = part.get("caption")
        reference = None
        if kind in MEDIA_KINDS and part.get("id"):
            reference = f"{CHANNEL}:{part['id']}:{_KINDS[kind]}"
        return Inbound(
            user,
            text=str(caption) if caption else None,
            kind=_KINDS[kind],
            message_ref=reference,
        )
    return Inbound(user, kind="other")


def identity_change(data: JSON) -> tuple[str, str] | None:
    """(old reference, new reference) of a system message: the person's BSUID changed
    (`user_changed_user_id`) or, for a person known only by phone, their number changed."""
    user, message = str(data["user"]), _dict(data["message"])
    system = _dict(message.get("system"))
    kind = system.get("type")
    if kind == "user_changed_user_id":
        new = system.get("new_user_id") or system.get("user_id")
    elif kind in ("user_changed_number", "customer_changed_number"):
        if "." in user.partition(":")[2]:
            return None  # keyed by BSUID: a new number does not change the reference
        new = system.get("new_wa_id") or system.get("wa_id")
    else:
        return None
    if not new or user_ref(str(new)) == user:
        return None
    return user, user_ref(str(new))


def split_step(button_id: str) -> tuple[str | None, str]:
    """(`step token`, `choice id`) of a button id `token|choice`; no token: (None, id)."""
    token, separator, choice = button_id.partition(STEP_SEPARATOR)
    return (token, choice) if separator else (None, button_id)


def _interactive_reply(interactive: JSON) -> str | None:
    for kind in ("button_reply", "list_reply"):
        reply = interactive.get(kind)
        if isinstance(reply, dict) and isinstance(reply.get("id"), str):
            return str(reply["id"])
    return None


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise PayloadError("expected a list")
    return value


def _dict(value: object) -> JSON:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PayloadError("expected an object")
    return value


def _str(data: JSON, key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if isinstance(value, str) and value:
        return value
    if required:
        raise PayloadError(f"{key} is not a string")
    return ""
