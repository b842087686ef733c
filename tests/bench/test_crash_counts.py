"""How the crash run counts answers: what a person sent, against what came back, and when."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bot.bench.crash import AGAIN, Action, Counts, Person, answer_checks, answers_wrong

CHAT = 700011


@dataclass
class Chat:
    """The part of the fake Bot API that `answers_wrong` reads: one chat's messages and when
    each was sent (fake-server clock, s)."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    sent_at: dict[tuple[int, int], float] = field(default_factory=dict)

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        return self.messages

    def say(self, at: float, text: str, *buttons: str) -> None:
        message: dict[str, Any] = {"message_id": len(self.messages) + 1, "text": text}
        if buttons:
            rows = [[{"text": b, "callback_data": b}] for b in buttons]
            message["reply_markup"] = {"inline_keyboard": rows}
        self.messages.append(message)
        self.sent_at[(CHAT, message["message_id"])] = at


def person(chat: Chat, *actions: tuple[float, str]) -> Person:
    walker = Person(
        chat,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        CHAT,
        "de",
        "dresden",
        "housing",
        10.0,
        (0.1, 0.2),
        random.Random(1),
    )
    walker.actions = [Action(at, what) for at, what in actions]
    return walker


def test_the_same_text_typed_twice_may_get_the_same_answer_twice() -> None:
    chat = Chat()
    chat.say(1.1, "Sorry, I did not understand.")
    chat.say(2.1, "Sorry, I did not understand.")
    walker = person(chat, (1.0, "-"), (2.0, "-"))

    assert answers_wrong(chat, walker) == []  # type: ignore[arg-type]
    assert answer_checks(chat, walker) == [(CHAT, 1, AGAIN)]  # type: ignore[arg-type]


def test_two_dashes_answered_one_action_late_are_the_same_answer_again() -> None:
    """As in a webhook crash run (chat 700043): "-" typed twice on a long answer still coming
    in; each "not understood" arrives in the window of the action after it."""
    chat = Chat()
    chat.say(1.5, "What to bring")
    chat.say(2.1, "How would you like to continue?", "more.counsellor", "more.menu")
    chat.say(2.5, "Sorry, I did not understand.")
    chat.say(3.1, "Sorry, I did not understand.")
    chat.say(4.1, "So that someone can help you ...", "consent.yes", "consent.no")
    walker = person(chat, (1.0, "-"), (2.0, "-"), (3.0, "more.counsellor"), (4.0, "consent.yes"))

    assert answers_wrong(chat, walker) == []  # type: ignore[arg-type]
    assert answer_checks(chat, walker) == [(CHAT, 2, AGAIN)]  # type: ignore[arg-type]


def test_a_repeat_after_different_inputs_counts_also_one_action_later() -> None:
    chat = Chat()
    chat.say(1.1, "Where do you live?", "dresden", "pirna")
    chat.say(2.1, "What do you need help with?", "housing", "school")
    chat.say(3.1, "What do you need help with?", "housing", "school")
    walker = person(chat, (1.0, "lang.de"), (2.0, "place.pirna"), (3.0, "topic.school"))

    assert answers_wrong(chat, walker) == [(CHAT, 2, "answered twice")]  # type: ignore[arg-type]


def test_a_different_action_answered_with_the_previous_answer_counts() -> None:
    chat = Chat()
    chat.say(1.1, "Where do you live?", "dresden", "pirna")
    chat.say(2.1, "Where do you live?", "dresden", "pirna")
    walker = person(chat, (1.0, "lang.de"), (2.0, "place.pirna"))

    assert answers_wrong(chat, walker) == [(CHAT, 1, "answered twice")]  # type: ignore[arg-type]


def test_a_message_twice_in_one_answer_counts_even_for_the_same_input_again() -> None:
    chat = Chat()
    chat.say(1.1, "Sorry, I did not understand.")
    chat.say(2.1, "Sorry, I did not understand.")
    chat.say(2.2, "Sorry, I did not understand.")
    walker = person(chat, (1.0, "-"), (2.0, "-"))

    assert answers_wrong(chat, walker) == [(CHAT, 1, "answered twice")]  # type: ignore[arg-type]


def test_a_repeat_sent_just_before_a_kill_is_marked_in_flight_and_silence_counts() -> None:
    chat = Chat()
    chat.say(1.1, "Where do you live?", "dresden", "pirna")
    chat.say(2.1, "Where do you live?", "dresden", "pirna")
    walker = person(chat, (1.0, "lang.de"), (2.0, "place.pirna"), (3.0, "topic.housing"))

    counted = answers_wrong(chat, walker, kills=[1.5])  # type: ignore[arg-type]

    assert counted == [
        (CHAT, 1, "answered twice (in flight at a kill)"),
        (CHAT, 2, "not answered"),
    ]


def counts(posted_twice: list[str], answered: list[tuple[int, int, str]]) -> Counts:
    return Counts([], posted_twice, [], answered, 0, 0, 0)


def test_only_repeats_in_flight_at_a_kill_pass_and_are_counted_apart() -> None:
    flying = counts(
        ["WG-AB12 (in flight at a kill)"], [(CHAT, 3, "answered twice (in flight at a kill)")]
    )
    assert not flying.failed and flying.in_flight == 2

    assert counts(["WG-AB12"], []).failed
    assert counts([], [(CHAT, 3, "answered twice")]).failed
    assert counts([], [(CHAT, 3, "not answered")]).failed
    assert Counts(["WG-CD34"], [], [], [], 0, 0, 0).failed  # told, never reached the group
    assert Counts([], [], [CHAT], [], 0, 0, 0).failed  # rewound
