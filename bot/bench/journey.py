"""A short conversation a person has with the bot, checked step by step.

/start -> the language button -> (the first choice of any question on the way) -> a life
area -> a typed question -> a counsellor request (/human). Each step checks that the bot
answered in the person's script; content may change, so no exact texts are compared.
"""

from __future__ import annotations

import asyncio
import random
import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.bench.simulated_user import JSON, SimulatedUser, button_data, button_labels

SCRIPTS = {
    "de": "LATIN",
    "en": "LATIN",
    "uk": "CYRILLIC",
    "ru": "CYRILLIC",
    "ar": "ARABIC",
    "fa": "ARABIC",
}
PERSIAN_LETTERS = frozenset("پچژگکی")
RTL_MARK = "\u200f"
TYPED_QUESTIONS = {
    "de": "Wo finde ich eine Wohnung?",
    "en": "Where can I find a flat?",
    "uk": "Де я можу знайти житло?",
    "ru": "Где мне найти жильё?",
    "ar": "أين يمكنني أن أجد سكنًا؟",
    "fa": "کجا می‌توانم خانه پیدا کنم؟",
}
AREA = "housing"
Done = Callable[[JSON], bool]
MAX_HOPS = 4  # questions answered with their first choice on the way to the life areas


def script_share(text: str, script: str) -> float:
    """The share of letters in `text` that belong to `script` (LATIN, CYRILLIC, ARABIC)."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    inside = sum(unicodedata.name(char, "").startswith(script) for char in letters)
    return inside / len(letters)


def written_in(text: str, language: str) -> bool:
    """Mostly in the language's script; Farsi and Arabic told apart by Persian letters."""
    if script_share(text, SCRIPTS[language]) < 0.5:
        return False
    persian = any(char in PERSIAN_LETTERS for char in text)
    if language == "fa":
        return persian
    return not persian if language == "ar" else True


def id_names(data: str, name: str) -> bool:
    """`lang.uk`, `lang:uk`, `uk` name `uk`; `ukraine` does not."""
    return re.search(rf"(^|[^a-z]){re.escape(name)}$", data) is not None


def button_for(message: JSON, name: str) -> str | None:
    return next((data for data in button_data(message) if id_names(data, name)), None)


def has_keyboard(message: JSON) -> bool:
    return bool(button_data(message))


@dataclass
class Step:
    name: str
    sent_at: float
    messages: list[JSON]
    first_reply_at: float | None

    @property
    def latency(self) -> float | None:
        return None if self.first_reply_at is None else self.first_reply_at - self.sent_at


@dataclass
class Journey:
    user: SimulatedUser
    language: str
    timeout: float = 10.0
    think: float = 0.0  # seconds a person reads before the next action, on average
    steps: list[Step] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._pace = random.Random(self.user.chat_id)  # reading times vary, reproducibly

    async def run(self) -> Journey:
        """Walk the whole conversation; problems are collected, not raised."""
        try:
            await self._walk()
        except (TimeoutError, LookupError) as error:
            received = len(self.user.api.bot_messages(self.user.chat_id))
            self._problem(
                f"stuck after {len(self.steps)} steps ({received} bot messages): "
                f"{type(error).__name__} {error}"
            )
        return self

    async def _walk(self) -> None:
        picker = await self._step(
            "start", lambda: self.user.send("/start"), self._language_shown, must=True
        )
        language_button = button_for(picker[-1], self.language)
        if language_button is None:
            raise LookupError(f"no button for {self.language}")
        question = await self._press("language", language_button, must=True)
        for _ in range(MAX_HOPS):
            area = button_for(question[-1], AREA) if question else None
            if area is not None:
                await self._press("area", area)
                break
            if not question or not has_keyboard(question[-1]):
                raise LookupError(f"no keyboard on the way to {AREA}")
            question = await self._press("hop", button_data(question[-1])[0], must=True)
        else:
            raise LookupError(f"no {AREA} button within {MAX_HOPS} questions")
        typed = TYPED_QUESTIONS[self.language]
        await self._step("question", lambda: self.user.send(typed), has_keyboard)
        await self._step("human", lambda: self.user.send("/human"), has_keyboard)

    def _language_shown(self, message: JSON) -> bool:
        return button_for(message, self.language) is not None

    async def _press(self, name: str, data: str, *, must: bool = False) -> list[JSON]:
        asked = self.user.message_with_button(data)
        label = button_labels(asked or {}).get(data, "")
        messages = await self._step(name, lambda: self.user.press(data), has_keyboard, must=must)
        if asked is not None:
            self._check_answered(
                self.user.api.message(self.user.chat_id, asked["message_id"]), label
            )
        return messages

    async def _step(
        self, name: str, act: Callable[[], Awaitable[float]], done: Done, *, must: bool = False
    ) -> list[JSON]:
        """Act, then take the reply: up to a message `done` accepts (required with `must`)."""
        if self.steps and self.think:
            await asyncio.sleep(self.think * self._pace.uniform(0.5, 1.5))
        if self.user.unseen():
            self._problem(f"{name}: {len(self.user.unseen())} message(s) arrived out of turn")
        sent_at = await act()
        messages = await self.user.collect(done, self.timeout, must=must)
        api, chat = self.user.api, self.user.chat_id
        first = api.sent_at.get((chat, messages[0]["message_id"])) if messages else None
        self.steps.append(Step(name, sent_at, messages, first))
        for message in messages:
            self._check_script(name, message)
        return messages

    def _check_script(self, name: str, message: JSON) -> None:
        text = message.get("text", "")
        if not written_in(text, self.language):
            self._problem(f"{name}: a reply is not in {self.language} script")
        if SCRIPTS[self.language] == "ARABIC" and RTL_MARK not in text:
            self._problem(f"{name}: a right-to-left reply carries no direction mark")

    def _check_answered(self, question: JSON, label: str) -> None:
        if "reply_markup" in question:
            self._problem("a pressed question kept its keyboard")
        if not question.get("text", "").endswith(f"✅ {label}"):
            self._problem("a pressed question does not show the chosen answer")

    def _problem(self, text: str) -> None:
        self.problems.append(f"{self.language} chat {self.user.chat_id}: {text}")
