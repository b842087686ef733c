"""`Reply` objects to WhatsApp Cloud API message bodies, within WhatsApp's limits.

WhatsApp silently drops an interactive message whose labels are too long (the request
"succeeds", the person sees nothing), so every limit is kept here:
- up to 3 choices: reply buttons (title ≤ 20 characters);
- 4 to 10: a list (button ≤ 20, row title ≤ 24, description ≤ 72, ≤ 10 rows);
- more: 9 rows and a "More…" row that shows the next page;
- interactive body ≤ 1,024 characters, header and footer ≤ 60; text ≤ 4,096, split at
  paragraphs; formatting as WhatsApp writes it (`*bold*`), never HTML.
Labels are the choice's short label where it has one (the flow's `short`), and its description
goes under the row title. Every button id carries the step token of its question
(`token|choice`), so a tap on an old message can be recognised.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.channels.split import split_text
from bot.i18n.direction import RLM
from bot.messages import Choice, Reply

TEXT_LIMIT = 4096
BODY_LIMIT = 1024
HEADER_LIMIT = 60
BUTTON_TITLE = 20
ROW_TITLE = 24
ROW_DESCRIPTION = 72
MAX_BUTTONS = 3
MAX_ROWS = 10
MORE = "~more"
ELLIPSIS = "…"
BUTTONS_ONLY_TEXT = "⬇️"
_BOLD = re.compile(r"\*\*(.+?)\*\*|<b>(.+?)</b>", re.S)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")

JSON = dict[str, Any]


@dataclass(frozen=True)
class Words:
    """The words the renderer adds, in the person's language (from the catalogs)."""

    list_button: str  # opens the list, e.g. "Auswählen"
    more: str  # the row that shows the next page, e.g. "Mehr …"


def step_token(choices: Sequence[Choice] | Sequence[tuple[str, str]]) -> str:
    """A short token naming one question's set of buttons."""
    ids = [c.id if isinstance(c, Choice) else c[0] for c in choices]
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:6]


def render(reply: Reply, words: Words, page: int = 0) -> list[JSON]:
    """The message bodies (`type` and its object) for one reply; the choices go with the
    last part of the text."""
    text = whatsapp_text(reply.text.strip())
    if not reply.choices:
        return [_text(part) for part in split_text(text, TEXT_LIMIT)] if text else []
    parts = split_text(text, TEXT_LIMIT) if text else []
    leading, last = parts[:-1], parts[-1] if parts else BUTTONS_ONLY_TEXT
    if len(last) > BODY_LIMIT:  # the body of an interactive message is shorter
        pieces = split_text(last, BODY_LIMIT)
        leading, last = [*leading, "\n\n".join(pieces[:-1])], pieces[-1]
        leading = [p for chunk in leading for p in split_text(chunk, TEXT_LIMIT)]
    if reply.rtl and not last.startswith(RLM):
        last = RLM + last
    return [*(_text(part) for part in leading), interactive(last, reply.choices, words, page)]


def interactive(body: str, choices: Sequence[Choice], words: Words, page: int = 0) -> JSON:
    """Buttons for up to three choices (with titles that fit), a paged list otherwise."""
    token = step_token(choices)
    if len(choices) <= MAX_BUTTONS and all(len(label(c)) <= BUTTON_TITLE for c in choices):
        buttons = [
            {"type": "reply", "reply": {"id": _id(token, c.id), "title": label(c)}} for c in choices
        ]
        return {
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": {"text": body},
                "action": {"buttons": buttons},
            },
        }
    rows = [_row(token, c) for c in choices]
    if len(rows) > MAX_ROWS:
        per_page = MAX_ROWS - 1
        pages = [rows[i : i + per_page] for i in range(0, len(rows), per_page)]
        page = min(max(page, 0), len(pages) - 1)
        rows = pages[page]
        following = page + 1 if page + 1 < len(pages) else 0
        rows = [
            *rows,
            {"id": _id(token, f"{MORE}.{following}"), "title": cut(words.more, ROW_TITLE)},
        ]
    return {
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": body},
            "action": {
                "button": cut(words.list_button, BUTTON_TITLE),
                "sections": [{"rows": rows}],
            },
        },
    }


def more_page(choice_id: str) -> int | None:
    """The page a "More…" row asks for, or None for any other choice."""
    if not choice_id.startswith(MORE + "."):
        return None
    number = choice_id.removeprefix(MORE + ".")
    return int(number) if number.isdigit() else 0


def label(choice: Choice) -> str:
    """What a button shows: the short label where there is one."""
    return (choice.short or choice.label).strip()


def cut(text: str, limit: int) -> str:
    """`text`, shortened with "…" when over `limit` (only for words the validator cannot
    see, such as language names; flow labels over the limit are validation errors)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def whatsapp_text(text: str) -> str:
    """WhatsApp's formatting: `**bold**` and `<b>bold</b>` become `*bold*`, other tags go."""
    text = _BOLD.sub(lambda m: f"*{m.group(1) or m.group(2)}*", text)
    return _TAG.sub("", text)


def _row(token: str, choice: Choice) -> JSON:
    row: JSON = {"id": _id(token, choice.id), "title": cut(label(choice), ROW_TITLE)}
    description = choice.description or (choice.label if choice.short else None)
    if description and description.strip() != row["title"]:
        row["description"] = cut(description.strip(), ROW_DESCRIPTION)
    return row


def _id(token: str, choice_id: str) -> str:
    return f"{token}|{choice_id}"


def _text(body: str) -> JSON:
    return {"type": "text", "text": {"body": body, "preview_url": False}}
