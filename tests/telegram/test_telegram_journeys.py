"""End to end through the PTB Application with the real conversation and the bundled content:
/start -> language button -> a life area -> a typed question -> a counsellor request, in
Ukrainian, Arabic and Farsi. Updates are real update JSON, processed one by one in process."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import feed, make_channel

from bot.bench.fake_bot_api import JSON, FakeBotApi
from bot.bench.journey import Journey, button_for, has_keyboard, written_in
from bot.bench.simulated_user import SimulatedUser
from bot.conversation import Conversation


@pytest.mark.parametrize("language", ["uk", "ar", "fa"])
async def test_a_person_is_served_in_their_script_from_start_to_counsellor(
    api: FakeBotApi, real_conversation: Conversation, language: str
) -> None:
    channel = make_channel(api, real_conversation)
    async with channel.application:

        async def deliver(update: JSON) -> None:
            await feed(channel.application, {**update, "update_id": api.next_update_id()})

        user = SimulatedUser(api, 5000, language, deliver=deliver, quiet=0)
        journey = await Journey(user, language).run()

    assert journey.problems == []
    names = [step.name for step in journey.steps]
    assert names[:2] == ["start", "language"]
    assert names[-3:] == ["area", "question", "human"]
    assert all(step.messages for step in journey.steps)
    start, chosen = journey.steps[0], journey.steps[1]
    assert has_keyboard(start.messages[-1]) and has_keyboard(chosen.messages[-1])
    assert api.unanswered_callbacks() == set()
    presses = len(api.calls_of("answerCallbackQuery"))
    assert presses == names.count("language") + names.count("hop") + names.count("area")
    assert len(api.calls_of("editMessageText")) == presses


@pytest.mark.parametrize(
    ("content", "language"),
    [
        ({"voice": {"file_id": "v", "file_unique_id": "v", "duration": 2}}, "uk"),
        ({"location": {"latitude": 50.96, "longitude": 13.94}}, "ar"),
        ({"text": "ok", "edited": True}, "fa"),
    ],
)
async def test_what_the_bot_cannot_read_is_answered_in_the_chosen_language(
    api: FakeBotApi, real_conversation: Conversation, content: dict[str, Any], language: str
) -> None:
    channel = make_channel(api, real_conversation)
    async with channel.application:

        async def deliver(update: JSON) -> None:
            await feed(channel.application, {**update, "update_id": api.next_update_id()})

        user = SimulatedUser(api, 5001, language, deliver=deliver, quiet=0)
        await user.send("/start")
        picker = await user.collect(has_keyboard)
        await user.press(button_for(picker[-1], language) or "")
        await user.collect(has_keyboard)
        await user.send(**content)
        answers = await user.collect(has_keyboard)

    assert answers
    assert all(written_in(message["text"], language) for message in answers)
