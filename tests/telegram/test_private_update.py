"""A private text or press read from the JSON: the same fields, the same Bot API calls and the
same conversation input as through PTB's `Update`; everything else is still PTB's to parse."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from conftest import ScriptedConversation, make_channel, question
from telegram import Update

from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.telegram.convert import (
    callback_inbound,
    message_inbound,
    press_inbound,
    text_inbound,
)
from bot.channels.telegram.ordering import chat_key
from bot.channels.telegram.parse import parse_update
from bot.channels.telegram.private_update import PrivatePress, PrivateText, read_private
from bot.channels.telegram.redact import describe_update
from bot.messages import Reply

CHAT = 5151
JSON = dict[str, Any]


def text_update(text: str = "Wo finde ich eine Wohnung?", **message: Any) -> JSON:
    body = {
        "message_id": 9,
        "date": 1_796_000_000,
        "chat": {"id": CHAT, "type": "private", "first_name": "P"},
        "from": {"id": CHAT, "is_bot": False, "first_name": "P", "language_code": "uk"},
        "text": text,
        **message,
    }
    return {"update_id": 3, "message": body}


def press_update(data: str | None = "welcome.place.pirna", **message: Any) -> JSON:
    body = {
        "message_id": 8,
        "date": 1_796_000_000,
        "chat": {"id": CHAT, "type": "private", "first_name": "P"},
        "from": {"id": 123, "is_bot": True, "first_name": "Wegweiser"},
        "text": "Wo wohnen Sie?",
        "reply_markup": {
            "inline_keyboard": [
                [{"text": "Pirna", "callback_data": "welcome.place.pirna"}],
                [{"text": "Dresden", "callback_data": "welcome.place.dresden"}],
            ]
        },
        **message,
    }
    query = {
        "id": "cb7",
        "from": {"id": CHAT, "is_bot": False, "first_name": "P", "language_code": "fa"},
        "chat_instance": "ci",
        "message": body,
    }
    if data is not None:
        query["data"] = data
    return {"update_id": 4, "callback_query": query}


def test_a_private_text_is_read_with_what_the_conversation_needs() -> None:
    raw = text_update("/start@WegweiserBot")
    before = copy.deepcopy(raw)

    read = read_private(raw)

    assert raw == before
    assert read == PrivateText(3, CHAT, 9, "/start@WegweiserBot", "uk")


def test_a_private_press_is_read_with_the_question_and_the_pressed_label() -> None:
    read = read_private(press_update())

    assert read == PrivatePress(
        4, CHAT, "cb7", "welcome.place.pirna", "fa", 8, "Wo wohnen Sie?", "Pirna"
    )
    gone = read_private(press_update("welcome.place.leuben"))
    assert isinstance(gone, PrivatePress) and gone.label is None  # a stale keyboard: no edit


def group(update: JSON, kind: str) -> JSON:
    update = copy.deepcopy(update)
    body = update.get("message") or update["callback_query"]["message"]
    body["chat"] = {"id": -100, "type": kind, "title": "Team"}
    return update


def without_text(update: JSON) -> JSON:
    update = copy.deepcopy(update)
    body = update.get("message") or update["callback_query"]["message"]
    del body["text"]
    return update


@pytest.mark.parametrize(
    "update",
    [
        group(text_update(), "group"),
        group(text_update(), "supergroup"),
        group(press_update(), "group"),
        {"update_id": 3, "edited_message": text_update()["message"]},
        without_text(text_update(voice={"file_id": "v", "file_unique_id": "u", "duration": 2})),
        {**text_update(), "update_id": True},
        {**text_update(), "extra": 1},
        press_update(None),  # no callback data
        press_update(date=0),  # a message Telegram no longer shows
        without_text(press_update()),  # a message without text (a photo with a caption)
        press_update(reply_markup={"inline_keyboard": "rows"}),
        press_update(
            reply_markup={
                "inline_keyboard": [[{"text": 5, "callback_data": "welcome.place.pirna"}]]
            }
        ),
    ],
    ids=[
        "group-text",
        "supergroup-text",
        "group-press",
        "edited",
        "voice",
        "bool-update-id",
        "unknown-part",
        "press-without-data",
        "inaccessible-message",
        "press-on-a-message-without-text",
        "keyboard-not-rows",
        "label-not-text",
    ],
)
def test_anything_else_is_left_to_ptb(update: JSON) -> None:
    assert read_private(update) is None
    assert read_private({"update_id": 1, "message": {"chat": "x"}}) is None


def test_a_text_or_press_gives_the_conversation_the_same_inbound_both_ways() -> None:
    for raw in (text_update(), text_update("/human@WegweiserBot now"), text_update("٢")):
        read = read_private(raw)
        assert isinstance(read, PrivateText)
        assert text_inbound(read.chat_id, read.text, read.language_code) == message_inbound(
            Update.de_json(raw, None)
        )
    read = read_private(press_update())
    assert isinstance(read, PrivatePress)
    assert press_inbound(read.chat_id, read.data, read.language_code) == callback_inbound(
        Update.de_json(press_update(), None)
    )


def test_ordering_and_logs_know_the_records() -> None:
    text, press = read_private(text_update()), read_private(press_update())
    assert chat_key(text) == chat_key(press) == CHAT
    assert describe_update(text).startswith("update=3 chat=")
    assert "Wo" not in describe_update(press) and str(CHAT) not in describe_update(press)


async def walk(parse: Any, api: FakeBotApi, chat: int) -> list[tuple[str, JSON]]:
    """/start, a press on the question it answers, a typed text: the Bot API calls made."""
    conversation = ScriptedConversation()
    conversation.answer = lambda inbound: (
        [question("Wo wohnen Sie?", "pirna", "dresden")]
        if inbound.choice is None
        else [Reply(f"chose {inbound.choice} ({inbound.locale_hint})")]
    )
    channel = make_channel(api, conversation)
    application = channel.application
    async with application:
        start = {"update_id": 1, **api.message_update(chat, "/start", language_code="ar")}
        await application.process_update(parse(start, application.bot))
        asked = api.bot_messages(chat)[-1]
        pressed = api.callback_update(chat, "pirna", asked["message_id"], language_code="ar")
        await application.process_update(parse({"update_id": 2, **pressed}, application.bot))
        typed = {"update_id": 3, **api.message_update(chat, "Pirna bitte", language_code="ar")}
        await application.process_update(parse(typed, application.bot))
    assert [type(parse(u, None)).__name__ for u in (start, typed)] == (
        ["PrivateText"] * 2 if parse is parse_update else ["Update"] * 2
    )
    calls = [(c.method, dict(c.params)) for c in api.calls if c.method != "getMe"]
    for _, params in calls:
        params.pop("callback_query_id", None)
        params.pop("message_id", None)
    assert conversation.inbounds and all(i.locale_hint == "ar" for i in conversation.inbounds)
    return calls


async def test_the_bot_makes_the_same_calls_whether_ptb_parses_or_the_json_is_read() -> None:
    read = await walk(parse_update, FakeBotApi(), CHAT)
    parsed = await walk(Update.de_json, FakeBotApi(), CHAT)

    assert read == parsed
    methods = [method for method, _ in read]
    assert methods.count("answerCallbackQuery") == 1
    assert methods.count("editMessageText") == 1  # "Wo wohnen Sie? ✅ Label pirna"
    edited = next(params for method, params in read if method == "editMessageText")
    assert edited["text"] == "Wo wohnen Sie?\n\n✅ Label pirna"


async def test_a_question_too_long_to_show_the_answer_only_loses_its_keyboard(
    api: FakeBotApi, conversation: ScriptedConversation
) -> None:
    long_question = "Frage" * 818  # 4,090 characters: one message, no room for "✅ Label a"
    conversation.answer = lambda inbound: [question(long_question, "a", "b")]
    channel = make_channel(api, conversation)
    async with channel.application as application:
        start = {"update_id": 1, **api.message_update(CHAT, "/start")}
        await application.process_update(parse_update(start, application.bot))
        asked = api.bot_messages(CHAT)[-1]
        pressed = {"update_id": 2, **api.callback_update(CHAT, "a", asked["message_id"])}
        update = parse_update(pressed, application.bot)
        assert isinstance(update, PrivatePress)
        await application.process_update(update)

    removed = api.calls_of("editMessageReplyMarkup")
    assert len(removed) == 1 and "reply_markup" not in api.message(CHAT, asked["message_id"])
    assert not api.calls_of("editMessageText")
