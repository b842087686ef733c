"""The handlers, fed with real update JSON through the PTB Application and a fake Bot API."""

from __future__ import annotations

import logging

import pytest
from conftest import ScriptedConversation, feed, make_channel, question
from telegram import Update

from bot.bench.fake_bot_api import ApiError, FakeBotApi
from bot.bench.simulated_user import button_data
from bot.channels.telegram.app import TelegramChannel, set_command_menus
from bot.messages import Choice, Inbound, Reply

CHAT = 4242


async def test_text_is_forwarded_with_locale_and_answered_in_html(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    conversation.answer = lambda inbound: [Reply("a < b & c > d"), question("Frage?", "x", "y")]

    await feed(channel.application, api.message_update(CHAT, "Hallo", language_code="uk-UA"))

    assert conversation.inbounds == [Inbound(f"telegram:{CHAT}", text="Hallo", locale_hint="uk-UA")]
    sends = api.calls_of("sendMessage")
    assert [call.params["text"] for call in sends] == ["a &lt; b &amp; c &gt; d", "Frage?"]
    assert all(call.params["parse_mode"] == "HTML" for call in sends)
    first, second = api.bot_messages(CHAT)
    assert first["text"] == "a < b & c > d"
    assert "reply_markup" not in first
    assert button_data(second) == ["x", "y"]


async def test_commands_arrive_as_text_without_the_bot_name(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    await feed(channel.application, api.message_update(CHAT, "/start"))
    await feed(channel.application, api.message_update(CHAT, "/help@wegweiser_test_bot"))
    await feed(channel.application, api.message_update(CHAT, "/unknown abc"))

    assert [i.text for i in conversation.inbounds] == ["/start", "/help", "/unknown abc"]


async def test_button_press_is_answered_forwarded_and_the_question_edited(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    conversation.answer = lambda inbound: [question("Wo wohnen Sie?", "dresden", "pirna")]
    await feed(channel.application, api.message_update(CHAT, "/start"))
    asked = api.bot_messages(CHAT)[-1]

    press = api.callback_update(CHAT, "pirna", asked["message_id"], language_code="ar")
    await feed(channel.application, press)

    assert conversation.inbounds[-1] == Inbound(
        f"telegram:{CHAT}", choice="pirna", locale_hint="ar"
    )
    assert api.unanswered_callbacks() == set()
    edited = api.message(CHAT, asked["message_id"])
    assert edited["text"] == "Wo wohnen Sie?\n\n✅ Label pirna"
    assert "reply_markup" not in edited
    assert len(api.bot_messages(CHAT)) == 2  # the question, then the answer to the press


async def test_stale_press_is_answered_and_forwarded_without_edit(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    conversation.answer = lambda inbound: [question("Frage?", "a", "b")]
    await feed(channel.application, api.message_update(CHAT, "/start"))
    asked = api.bot_messages(CHAT)[-1]
    await feed(channel.application, api.callback_update(CHAT, "a", asked["message_id"]))
    edits = len(api.calls_of("editMessageText"))

    # The same (now removed) button pressed again from an old client view.
    await feed(channel.application, api.callback_update(CHAT, "a", asked["message_id"]))

    assert api.unanswered_callbacks() == set()
    assert len(api.calls_of("editMessageText")) == edits
    assert [i.choice for i in conversation.inbounds[1:]] == ["a", "a"]


async def test_press_without_data_is_answered_and_forwarded_as_other(
    api: FakeBotApi,
    conversation: ScriptedConversation,
    channel: TelegramChannel,
    caplog: pytest.LogCaptureFixture,
) -> None:
    conversation.answer = lambda inbound: [question("Frage?", "a")]
    await feed(channel.application, api.message_update(CHAT, "/start"))
    asked = api.bot_messages(CHAT)[-1]

    with caplog.at_level(logging.WARNING):
        await feed(channel.application, api.callback_update(CHAT, None, asked["message_id"]))

    assert api.unanswered_callbacks() == set()
    assert conversation.inbounds[-1].kind == "other"
    assert "without callback data" in caplog.text


async def test_press_is_answered_even_when_the_conversation_fails(
    api: FakeBotApi,
    conversation: ScriptedConversation,
    channel: TelegramChannel,
    caplog: pytest.LogCaptureFixture,
) -> None:
    conversation.answer = lambda inbound: [question("Geheime Frage?", "a")]
    await feed(channel.application, api.message_update(CHAT, "/start"))
    asked = api.bot_messages(CHAT)[-1]

    def broken(inbound: Inbound) -> list[Reply]:
        raise RuntimeError("secret detail of Geheime Frage")

    conversation.answer = broken
    with caplog.at_level(logging.DEBUG):
        await feed(channel.application, api.callback_update(CHAT, "a", asked["message_id"]))

    assert api.unanswered_callbacks() == set()
    # PTB logs whole requests at DEBUG (the CLI keeps `telegram` at INFO); ours never.
    logged = "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.INFO or record.name.startswith("bot.")
    )
    assert "RuntimeError" in logged
    assert "Geheime" not in logged
    assert str(CHAT) not in logged


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ({"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}}, "voice"),
        ({"audio": {"file_id": "a", "file_unique_id": "a", "duration": 3}}, "voice"),
        ({"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]}, "photo"),
        (
            {
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                }
            },
            "sticker",
        ),
        ({"location": {"latitude": 50.96, "longitude": 13.94}}, "location"),
        ({"contact": {"phone_number": "+49 151 0000000", "first_name": "A"}}, "contact"),
        ({"document": {"file_id": "d", "file_unique_id": "d"}}, "document"),
        (
            {
                "video": {
                    "file_id": "v",
                    "file_unique_id": "v",
                    "width": 1,
                    "height": 1,
                    "duration": 1,
                }
            },
            "video",
        ),
        ({"dice": {"emoji": "🎲", "value": 3}}, "other"),
    ],
)
async def test_non_text_messages_become_their_kind(
    api: FakeBotApi,
    conversation: ScriptedConversation,
    channel: TelegramChannel,
    content: dict[str, object],
    kind: str,
) -> None:
    update = api.message_update(CHAT, **content)
    await feed(channel.application, update)

    reference = f"{CHAT}:{update['message']['message_id']}"
    assert conversation.inbounds == [Inbound(f"telegram:{CHAT}", kind=kind, message_ref=reference)]
    assert api.bot_messages(CHAT)[-1]["text"] == f"echo {kind}"


async def test_edited_message_becomes_kind_edited(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    await feed(channel.application, api.message_update(CHAT, "korrigiert", edited=True))

    assert conversation.inbounds == [Inbound(f"telegram:{CHAT}", kind="edited")]


async def test_service_messages_in_private_chats_are_ignored(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    await feed(
        channel.application,
        api.message_update(
            CHAT,
            pinned_message={"message_id": 1, "date": 0, "chat": {"id": CHAT, "type": "private"}},
        ),
    )

    assert conversation.inbounds == []


@pytest.mark.parametrize("chat_type", ["group", "supergroup"])
async def test_unknown_group_gets_the_notice_in_german_and_is_left(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel, chat_type: str
) -> None:
    group = -100555

    await feed(channel.application, api.message_update(group, "Hallo Bot", chat_type=chat_type))
    await feed(channel.application, api.message_update(group, "noch da?", chat_type=chat_type))

    assert conversation.inbounds == []
    assert [m["text"] for m in api.bot_messages(group)] == ["group_not_supported [de]"]
    assert api.left_chats == [group]


async def test_channel_posts_get_the_notice_and_the_channel_is_left(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    update = api.message_update(-100777, "Post", chat_type="channel")
    await feed(channel.application, {"channel_post": update["message"]})

    assert api.left_chats == [-100777]


async def test_counsellor_groups_are_kept_and_handed_to_the_hook(
    api: FakeBotApi, conversation: ScriptedConversation
) -> None:
    group = -100999
    seen: list[int] = []

    async def hook(update: object) -> None:
        seen.append(group)

    channel = make_channel(api, conversation, counsellor_groups=[group], counsellor_hook=hook)
    async with channel.application:
        await feed(
            channel.application, api.message_update(group, "Fall 12", chat_type="supergroup")
        )

    assert seen == [group]
    assert api.left_chats == []
    assert api.bot_messages(group) == []
    assert conversation.inbounds == []


async def test_long_replies_are_split_and_the_keyboard_goes_last(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    paragraph = "Wort " * 500
    long_text = "\n\n".join([paragraph.strip()] * 4)
    conversation.answer = lambda inbound: [Reply(long_text, choices=(Choice("ok", "OK"),))]

    await feed(channel.application, api.message_update(CHAT, "lang"))

    messages = api.bot_messages(CHAT)
    # Two paragraphs do not fit into 4096 characters, so each goes alone.
    assert [m["text"] for m in messages] == [paragraph.strip()] * 4
    assert all("reply_markup" not in m for m in messages[:-1])
    assert button_data(messages[-1]) == ["ok"]


async def test_command_menus_are_set_per_language_and_by_default(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    await set_command_menus(channel.application.bot, conversation)

    assert set(api.commands) == {None, "de", "en", "uk", "ru", "ar", "fa"}
    assert api.commands["fa"] == [
        {"command": "start", "description": "start (fa)"},
        {"command": "help", "description": "help (fa)"},
    ]
    assert api.commands[None][0]["description"] == "start (en)"


async def test_a_retry_after_answer_is_waited_out_and_retried(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    api.fail_next("sendMessage", ApiError(429, "Too Many Requests: retry after 1", retry_after=1))

    await feed(channel.application, api.message_update(CHAT, "Hallo"))

    assert len(api.calls_of("sendMessage")) == 2
    assert [m["text"] for m in api.bot_messages(CHAT)] == ["echo text"]


async def _group_press(api: FakeBotApi, group: int) -> dict[str, object]:
    """A press on a message the bot posted into a group."""
    status, body = await api.call("sendMessage", {"chat_id": group, "text": "Anfrage WG-7K3F"})
    assert status == 200
    return api.callback_update(group, "claim:WG-7K3F", body["result"]["message_id"])


async def test_presses_in_counsellor_groups_are_the_hooks_to_answer(
    api: FakeBotApi, conversation: ScriptedConversation
) -> None:
    group = -100999

    async def hook(update: Update) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer("Übernommen")

    channel = make_channel(api, conversation, counsellor_groups=[group], counsellor_hook=hook)
    async with channel.application:
        await feed(channel.application, await _group_press(api, group))

    (answer,) = api.calls_of("answerCallbackQuery")
    assert answer.params["text"] == "Übernommen"
    assert api.unanswered_callbacks() == set()
    assert conversation.inbounds == []


async def test_a_failing_counsellor_hook_still_gets_the_press_answered(
    api: FakeBotApi, conversation: ScriptedConversation
) -> None:
    group = -100999

    async def hook(update: Update) -> None:
        raise RuntimeError("broken")

    channel = make_channel(api, conversation, counsellor_groups=[group], counsellor_hook=hook)
    async with channel.application:
        await feed(channel.application, await _group_press(api, group))

    assert api.unanswered_callbacks() == set()


async def test_presses_in_other_groups_are_answered_and_ignored(
    api: FakeBotApi, conversation: ScriptedConversation, channel: TelegramChannel
) -> None:
    await feed(channel.application, await _group_press(api, -100444))

    assert api.unanswered_callbacks() == set()
    assert conversation.inbounds == []
