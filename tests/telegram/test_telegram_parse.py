"""Raw update JSON to PTB's Update: a press keeps only the pressed button of its keyboard."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from conftest import ScriptedConversation, question
from telegram import Bot

from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.telegram.app import TelegramChannel
from bot.channels.telegram.parse import parse_update, slim_press
from bot.channels.telegram.render import pressed_label

CHAT = 4343
BOT = Bot("123:X")


def press(data: Any, rows: Any) -> dict[str, Any]:
    message = {
        "message_id": 7,
        "date": 0,
        "chat": {"id": CHAT, "type": "private"},
        "text": "Wo wohnen Sie?",
        "reply_markup": {"inline_keyboard": rows},
    }
    query = {"id": "cb1", "from": {"id": CHAT, "is_bot": False, "first_name": "P"}}
    query.update(chat_instance="ci", message=message)
    if data is not None:
        query["data"] = data
    return {"update_id": 1, "callback_query": query}


def keyboard(*rows: tuple[str, ...]) -> list[list[dict[str, str]]]:
    return [[{"text": f"Label {d}", "callback_data": d} for d in row] for row in rows]


def test_a_press_keeps_only_the_pressed_button_and_the_raw_json_is_untouched() -> None:
    raw = press("pirna", keyboard(("dresden", "pirna"), ("leuben",), ("menu",)))
    before = copy.deepcopy(raw)

    update = parse_update(raw, BOT)

    assert raw == before
    query = update.callback_query
    assert query is not None and query.message is not None
    markup = query.message.reply_markup  # type: ignore[union-attr]
    assert [[b.callback_data for b in row] for row in markup.inline_keyboard] == [["pirna"]]
    assert pressed_label(markup, "pirna") == "Label pirna"
    assert query.message.text == "Wo wohnen Sie?"  # type: ignore[union-attr]
    assert query.data == "pirna" and query.id == "cb1"


def test_a_button_no_longer_on_the_keyboard_leaves_it_empty() -> None:
    update = parse_update(press("gone", keyboard(("dresden", "pirna"))), BOT)

    markup = update.callback_query.message.reply_markup  # type: ignore[union-attr]
    assert markup.inline_keyboard == ()
    assert pressed_label(markup, "gone") is None  # a stale press: no edit, as before


def test_a_press_without_data_keeps_no_button() -> None:
    rows = [[{"text": "Website", "url": "https://example.org"}]]
    slim = slim_press(press(None, rows))
    assert slim["callback_query"]["message"]["reply_markup"]["inline_keyboard"] == []


@pytest.mark.parametrize(
    "update",
    [
        {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}},
        {"update_id": 1, "callback_query": "not an object"},
        {"update_id": 1, "callback_query": {"id": "cb", "data": "x"}},  # no message
        press("x", "not rows"),
        press("x", [["not a list of rows"], "x"]),
        {"update_id": 1, "callback_query": {"id": "cb", "message": {"reply_markup": []}}},
    ],
)
def test_other_updates_and_odd_shapes_are_handed_on_as_they_are(update: dict[str, Any]) -> None:
    assert slim_press(update) is update


async def test_the_pressed_question_is_still_edited_to_show_the_answer(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    conversation.answer = lambda inbound: [question("Wo wohnen Sie?", "dresden", "pirna", "x")]
    application = channel.application
    start = {"update_id": 1, **api.message_update(CHAT, "/start")}
    await application.process_update(parse_update(start, application.bot))
    asked = api.bot_messages(CHAT)[-1]

    pressed = api.callback_update(CHAT, "pirna", asked["message_id"])
    await application.process_update(parse_update({"update_id": 2, **pressed}, application.bot))

    edited = api.message(CHAT, asked["message_id"])
    assert edited["text"] == "Wo wohnen Sie?\n\n✅ Label pirna"
    assert "reply_markup" not in edited
