"""Raw update JSON to what `Application.process_update` gets, without parsing what nobody reads.

A person's text message or button press in their private chat becomes a small record read
straight from the JSON (`private_update`); any other update becomes PTB's `Update`.

A button press PTB parses carries the whole pressed message, keyboard included: for a
question with eight answers that is some forty objects PTB builds (each attribute set through
its frozen-object check), a quarter of the CPU of parsing the press. Of that keyboard only the
pressed button is ever read (`render.pressed_label`, for the "question ✅ answer" edit), so the
copy handed to PTB keeps only that button. The raw JSON itself is not changed: the inbox stores
it whole.
"""

from __future__ import annotations

from typing import Any

from telegram import Bot, Update

from bot.channels.telegram.private_update import PrivateUpdate, read_private

JSON = dict[str, Any]
Incoming = Update | PrivateUpdate


def parse_update(data: JSON, bot: Bot) -> Incoming:
    """For `data` (one update as the Bot API sends it): a `PrivateText` or `PrivatePress` if it
    is one, else `Update.de_json` of it with the pressed message's keyboard cut down to the
    pressed button. Raises what `Update.de_json` raises for JSON that is not an update."""
    return read_private(data) or Update.de_json(slim_press(data), bot)


def slim_press(data: JSON) -> JSON:
    """`data`, or for a button press a shallow copy whose pressed message's inline keyboard
    holds only the button with the pressed callback data (no button: an empty keyboard). Any
    other update, or a press whose parts are not shaped as the Bot API documents them, is
    returned as it is (PTB then parses or refuses it as usual)."""
    query = data.get("callback_query")
    message = query.get("message") if isinstance(query, dict) else None
    markup = message.get("reply_markup") if isinstance(message, dict) else None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        return data
    assert isinstance(query, dict) and isinstance(message, dict) and isinstance(markup, dict)
    pressed = query.get("data")
    kept = [
        [button]
        for row in rows
        for button in row
        if isinstance(pressed, str)
        and isinstance(button, dict)
        and button.get("callback_data") == pressed
    ][:1]
    slim_message = {**message, "reply_markup": {**markup, "inline_keyboard": kept}}
    return {**data, "callback_query": {**query, "message": slim_message}}
