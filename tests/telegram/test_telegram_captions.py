"""A photo, document or video with a caption reaches the conversation with the caption as text."""

from __future__ import annotations

import pytest
from conftest import ScriptedConversation, feed

from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.telegram.app import TelegramChannel
from bot.messages import Inbound

CHAT = 4343
CAPTION = "My husband is beating me, help"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ({"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]}, "photo"),
        ({"document": {"file_id": "d", "file_unique_id": "d"}}, "document"),
        ({"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}}, "voice"),
    ],
)
async def test_caption_is_the_text_of_a_media_message(
    api: FakeBotApi,
    conversation: ScriptedConversation,
    channel: TelegramChannel,
    content: dict[str, object],
    kind: str,
) -> None:
    update = api.message_update(CHAT, caption=CAPTION, **content)
    await feed(channel.application, update)

    reference = f"{CHAT}:{update['message']['message_id']}"
    assert conversation.inbounds == [
        Inbound(f"telegram:{CHAT}", text=CAPTION, kind=kind, message_ref=reference)
    ]
