"""Crash test of the real bot: `python -m bot.bench.crash [--mode polling|webhook]`.

The fake Bot API (`bot.bench.fake_bot_api`) runs in this process on 127.0.0.1; the real bot
runs as a subprocess, `python -m bot telegram` (`--webhook` in webhook mode), pointed at it
with TELEGRAM_API_URL, with a fresh WEGWEISER_DATA_DIR and a WEGWEISER_CONFIG whose offices have
counsellor groups (one of them a forum). In polling mode the bot long-polls getUpdates; in
webhook mode the fake server posts each update to the bot's webhook URL with the secret header
and posts it again (after 0.5 s) until it is answered 200, as Telegram does.

`--people` simulated people (default 50) each walk /start -> language -> place -> topic -> ...
-> counsellor request (consent, topic, contact, ..., "send") until the bot tells them a `WG-`
reference. They behave like Telegram clients: they see only what the bot sent into their chat,
wait for the answer to each action (up to `--step-timeout` s, bot restarts included: until a
message with buttons, or 1.2 s without another message), read whatever else arrived while they
were thinking (an answer cut off by a kill is read on once the bot serves again), then press a
button of the newest message that has buttons, or type `-` where only "back"/"menu" are offered
(the name question) or where nothing that came since its last action has buttons (an answer
still coming in, part by part: with 50 people the bot's overall limit of 30 messages a second,
Telegram's, can space the parts of a long answer about a second apart). Meanwhile the bot is
killed with SIGKILL `--kills` times (default 20), each
time a random 0.3-3 s after it started serving again (first getUpdates, or setWebhook), and
restarted at once. After the last kill it runs undisturbed until everybody is done and every
reference has had `--settle` s to reach its group, then it is stopped with SIGTERM.

The four counts (each must be 0 apart from the repeats "in flight at a kill", the at-least-once
delivery the README's durability table names: the result is FAIL and the exit code 1
otherwise):
- `reference not in group`: references (`WG-XXXX`) that appeared in a message to a person and
  in no counsellor-group message containing the summary title ("Neue Anfrage") and it.
- `posted twice`: references with more than one such summary message in the groups. As below,
  a repeat whose first copy went out less than 1 s before a kill is marked "in flight at a kill".
- `rewound`: people whose conversation state, read from the bot's database with a read-only
  SQLite connection (committed data only) right after they saw each answer and once more after
  the bot stopped, is behind what they were shown: it is gone, or the buttons it remembers as
  offered (`offered`) are those of an earlier message than the last one with buttons they
  received. This is what a turn lost after its answer was sent looks like.
- `answered twice or not at all`: person actions (updates) whose answer, i.e. the messages the
  bot sent into the chat after the update and before the person's next one (for the last one:
  until the end), is empty, contains the same message (text and buttons) twice, or repeats a
  message of the previous action's answer (unless the same text was typed or the same button
  pressed twice in a row, which rightly gets the same answer twice, also when each answer
  comes one action late; those are printed among the figures not counted). Repeats whose
  first copy went out less than 1 s before a kill are shown separately ("in flight at a
  kill"): the Bot API cannot tell whether a send cut off by a crash arrived, so at-least-once
  delivery repeats it; they are in the count, and the result names them.
Also printed, not counted: forum topics per reference beyond one, button presses answered
twice (Telegram refuses the second answer) or never, and unexpected exits of the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import itertools
import os
import random
import signal
import socket
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.bench.fake_bot_api import JSON, FakeBotApi
from bot.bench.load_telegram import percentile
from bot.bench.simulated_user import button_data
from bot.crypto.keys import new_key
from bot.handoff.reference import find_reference
from bot.settings import BUNDLED_CONTENT
from bot.storage import DEFAULT_DATABASE_FILE

TOKEN = "123:CRASH"
SECRET = "crash-bench-secret"
GROUPS = {"dresden": -1001, "pirna": -1002, "return_ssoe": -1003}
CONFIG = f"""
offices:
  dresden: {{telegram_group: {GROUPS["dresden"]}, notify: full, forum: false, counsellors: [41]}}
  pirna: {{telegram_group: {GROUPS["pirna"]}, notify: full, forum: true, counsellors: [42]}}
  return_ssoe: {{telegram_group: {GROUPS["return_ssoe"]}, notify: full, counsellors: [43]}}
"""
LANGUAGES = ("de", "en", "uk", "ru", "ar", "fa")
PLACES = ("prohlis", "leuben", "pirna", "ssoe")
TOPICS = ("housing", "health", "school", "benefits", "work", "residence")
# Buttons a person never presses on their way to a request.
AVOID = (".no", ".elsewhere", ".dresden_other", ".back", ".menu", ".restart", ".change")
NAVIGATION = frozenset({"back", "menu", "human"})  # beside a question that wants typing
MAX_STEPS = 40
FIRST_PERSON = 700_000
QUIET = 1.2  # an answer without buttons is complete after this long without another message
GLANCE = 0.3  # after a message with buttons, what else arrives this soon is read with it
UPTIME = (0.3, 3.0)  # seconds the bot serves before a kill
NAVIGATION = {"back", "menu"}  # buttons every free-text question offers
IN_FLIGHT = 1.0  # a message sent this shortly before a kill may be sent again (at least once)
IN_FLIGHT_MARK = "(in flight at a kill)"
AGAIN = "the same answer to the same input again"  # not counted (see `answer_checks`)


def summary_title() -> str:
    staff = yaml.safe_load((BUNDLED_CONTENT / "knowledge" / "staff.yaml").read_text("utf-8"))
    return str(staff["staff_messages"]["summary_title"])


def message_key(message: JSON) -> tuple[str, tuple[str, ...]]:
    return message.get("text", ""), tuple(button_data(message))


# --- the database, read-only ------------------------------------------------------------------


class ReadOnlyDatabase:
    """The bot's SQLite file, read with a read-only connection: only committed data."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and self.path.exists():
            uri = f"file:{self.path}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, timeout=10)
        return self._connection

    def query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        connection = self._connect()
        if connection is None:
            return []
        try:
            return connection.execute(sql, params).fetchall()
        except sqlite3.OperationalError:  # e.g. the bot is creating the file right now
            self.close()
            return []

    def offered(self, chat_id: int) -> list[str] | None:
        """The buttons the person's stored session remembers as offered; None: no session."""
        import json

        rows = self.query("SELECT data FROM sessions WHERE user = ?", (f"telegram:{chat_id}",))
        if not rows:
            return None
        return [str(choice[0]) for choice in json.loads(rows[0][0]).get("offered", [])]

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


# --- the bot process --------------------------------------------------------------------------


class BotProcess:
    """`python -m bot telegram` as a subprocess that can be killed and started again."""

    def __init__(self, api: FakeBotApi, env: dict[str, str], webhook: bool, log: Path) -> None:
        self.api, self.env, self.webhook, self.log = api, env, webhook, log
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0
        self.kills = 0
        self.unexpected_exits = 0
        self._calls_at_start = 0
        self.events: list[tuple[float, str]] = []  # (monotonic time, "start" or "kill")
        self.served_at = 0.0  # monotonic time the running process was first seen serving

    @property
    def kill_times(self) -> list[float]:
        return [at for at, what in self.events if what == "bot killed"]

    async def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "bot",
            "telegram",
            *(["--webhook"] if self.webhook else []),
        ]
        self._calls_at_start = len(self.api.calls)
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                *command, env=self.env, stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log
            )
        self.starts += 1
        self.events.append((time.monotonic(), f"bot started (pid {self.process.pid})"))

    async def serving(self, timeout: float = 60.0) -> None:
        """Until the new process serves: its first getUpdates, or its setWebhook."""
        method = "setWebhook" if self.webhook else "getUpdates"
        async with asyncio.timeout(timeout):
            while not any(c.method == method for c in self.api.calls[self._calls_at_start :]):
                await self._check_alive()
                await asyncio.sleep(0.02)
        self.served_at = max(self.served_at, time.monotonic())

    def restarting(self) -> bool:
        """Whether the bot was killed and serves again for less than `QUIET` s (or not yet):
        an answer cut off by the kill may still be completed, so a person keeps reading."""
        kills = self.kill_times
        return bool(kills) and (
            self.served_at < kills[-1] or time.monotonic() - self.served_at < QUIET
        )

    async def _check_alive(self) -> None:
        if self.process is not None and self.process.returncode is not None:
            self.unexpected_exits += 1
            await self.start()

    async def kill(self) -> None:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        self.kills += 1
        self.events.append((time.monotonic(), "bot killed"))

    async def stop(self, timeout: float = 20.0) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(timeout):
                await self.process.wait()
        except TimeoutError:
            self.process.send_signal(signal.SIGKILL)
            await self.process.wait()


# --- people -----------------------------------------------------------------------------------


@dataclass
class Action:
    """One update a person sent."""

    sent_at: float
    what: str
    callback_id: str | None = None
    update_id: int | None = None


@dataclass
class Person:
    """A Telegram client of one person: sees only what the bot sent into the chat."""

    api: FakeBotApi
    database: ReadOnlyDatabase
    chat_id: int
    language: str
    place: str
    topic: str
    step_timeout: float
    think: tuple[float, float]
    rng: random.Random
    actions: list[Action] = field(default_factory=list)
    reference: str | None = None
    stuck: str | None = None
    restarting: Callable[[], bool] = lambda: False  # the bot is coming back from a kill
    rewound_at: list[int] = field(default_factory=list)  # action numbers whose check failed
    seen: int = 0
    keyboards: list[list[str]] = field(default_factory=list)  # with buttons, as they came
    quiet: float = QUIET  # an answer without buttons is complete after this long without more

    @property
    def wishes(self) -> tuple[str, ...]:
        return (
            f"lang.{self.language}",
            f".{self.place}",
            f".{self.topic}",
            ".counsellor",
            ".yes",
            ".send",
        )

    async def run(self) -> None:
        try:
            answer = await self._act("/start", self._send("/start"))
            for _ in range(MAX_STEPS):
                if self.reference is not None:
                    return
                await asyncio.sleep(self.rng.uniform(*self.think))
                answer += self._late()
                last = next((m for m in reversed(answer) if button_data(m)), answer[-1])
                buttons = button_data(last)
                if buttons and not set(buttons) <= NAVIGATION:
                    choice = self._choose(buttons)
                    answer = await self._act(choice, self._press(choice, last))
                else:
                    answer = await self._act("-", self._send("-"))
            self.stuck = f"no reference after {MAX_STEPS} steps"
        except TimeoutError:
            self.stuck = f"no answer within {self.step_timeout:.0f} s"

    def _late(self) -> list[JSON]:
        """Messages that came after the answer was read, while the person was thinking."""
        late = copy.deepcopy(self.api.bot_messages(self.chat_id)[self.seen :])
        self.seen += len(late)
        for message in late:
            self.reference = self.reference or find_reference(message.get("text", ""))
            if button_data(message):
                self.keyboards.append(button_data(message))
        return late

    def _choose(self, buttons: list[str]) -> str:
        for wish in self.wishes:
            found = [b for b in buttons if b.endswith(wish)]
            if found:
                return found[0]
        allowed = [b for b in buttons if not b.endswith(AVOID)]
        return (allowed or buttons)[0]

    def transcript(self, events: list[tuple[float, str]]) -> list[str]:
        """Actions, the bot's messages and its starts and kills in time order."""
        api = self.api
        lines = [(a.sent_at, f">> {a.what} (update {a.update_id})") for a in self.actions]
        lines += [(at, f"-- {what}") for at, what in events]
        ids = {a.callback_id for a in self.actions}
        lines += [
            (c.at, f"   answerCallbackQuery {c.params.get('callback_query_id')}")
            for c in api.calls_of("answerCallbackQuery")
            if c.params.get("callback_query_id") in ids
        ]
        for message in api.bot_messages(self.chat_id):
            at = api.sent_at[(self.chat_id, message["message_id"])]
            text = message.get("text", "").replace("\n", " ")[:60]
            lines.append((at, f"<< {text!r} {button_data(message)}"))
        return [f"{at:.2f} {line}" for at, line in sorted(lines)]

    def _send(self, text: str) -> Callable[[], Action]:
        def act() -> Action:
            update = self.api.message_update(self.chat_id, text, language_code=self.language)
            update_id = self.api.push(update)
            return Action(time.monotonic(), text, None, update_id)

        return act

    def _press(self, data: str, message: JSON) -> Callable[[], Action]:
        def act() -> Action:
            update = self.api.callback_update(
                self.chat_id, data, message["message_id"], language_code=self.language
            )
            update_id = self.api.push(update)
            return Action(time.monotonic(), data, update["callback_query"]["id"], update_id)

        return act

    async def _act(self, what: str, act: Callable[[], Action]) -> list[JSON]:
        self.actions.append(act())
        answer = await self._answer()
        for message in answer:
            self.reference = self.reference or find_reference(message.get("text", ""))
            if button_data(message):
                self.keyboards.append(button_data(message))
        self.check_state()
        return answer

    async def _answer(self) -> list[JSON]:
        """The answer: new messages until one with buttons, or a quiet spell; then whatever
        else arrives within a moment (a person reads the whole chat before acting)."""
        api, chat = self.api, self.chat_id
        deadline = time.monotonic() + self.step_timeout
        await api.wait_for(chat, lambda ms: len(ms) > self.seen, self.step_timeout)
        while True:
            count = len(api.bot_messages(chat))
            quiet = GLANCE if button_data(api.bot_messages(chat)[-1]) else self.quiet
            try:
                await api.wait_for(chat, lambda ms, count=count: len(ms) > count, quiet)
            except TimeoutError:
                if self.restarting() and time.monotonic() < deadline:
                    continue  # a kill cut the answer off: its rest comes after the restart
                break
        new = copy.deepcopy(api.bot_messages(chat)[self.seen :])
        self.seen += len(new)
        return new

    def check_state(self) -> None:
        """The stored conversation must not be behind what the person was last shown: it must
        exist, and the buttons it remembers as offered must not be those of an earlier
        question than the last one the person received. Only "back"/"menu" (free-text
        questions such as the name and the note) name no question: such a match may as well be
        a later question the person has not seen yet, so it is not counted."""
        offered = self.database.offered(self.chat_id)
        last = self.keyboards[-1] if self.keyboards else None
        ambiguous = offered is not None and set(offered) <= NAVIGATION
        if offered is None or (offered != last and offered in self.keyboards and not ambiguous):
            self.rewound_at.append(len(self.actions))


# --- counting ---------------------------------------------------------------------------------


@dataclass
class Counts:
    not_in_group: list[str]
    posted_twice: list[str]
    rewound: list[int]
    answered_wrongly: list[tuple[int, int, str]]  # chat, action number, why
    extra_topics: int
    callbacks_answered_twice: int
    callbacks_never_answered: int
    same_answer_again: int = 0  # the same input twice in a row, answered the same: right

    @property
    def failed(self) -> bool:
        """Anything lost, rewound or repeated, apart from the repeats of a message in flight at a
        kill (at least once: the Bot API cannot tell whether a send cut off by a crash arrived).
        """
        return bool(
            self.not_in_group
            or [ref for ref in self.posted_twice if IN_FLIGHT_MARK not in ref]
            or self.rewound
            or [why for _, _, why in self.answered_wrongly if IN_FLIGHT_MARK not in why]
        )

    @property
    def in_flight(self) -> int:
        """Repeats whose first copy went out less than `IN_FLIGHT` s before a kill."""
        posts = sum(IN_FLIGHT_MARK in ref for ref in self.posted_twice)
        return posts + sum(IN_FLIGHT_MARK in why for _, _, why in self.answered_wrongly)


def count(api: FakeBotApi, people: list[Person], kills: list[float] = ()) -> Counts:
    title = summary_title()
    posts: Counter[str] = Counter()
    first_post: dict[str, float] = {}
    for group in GROUPS.values():
        for message in api.bot_messages(group):
            text = message.get("text", "")
            reference = find_reference(text)
            if reference and f"{title} {reference}" in text:
                posts[reference] += 1
                at = api.sent_at[(group, message["message_id"])]
                first_post[reference] = min(at, first_post.get(reference, at))
    told = {person.reference for person in people if person.reference}
    for person in people:
        for message in api.bot_messages(person.chat_id):
            reference = find_reference(message.get("text", ""))
            if reference:
                told.add(reference)
    topics: Counter[str] = Counter(
        find_reference(str(topic["name"])) or "" for group in api.topics.values() for topic in group
    )
    answered = Counter(
        str(c.params.get("callback_query_id")) for c in api.calls_of("answerCallbackQuery")
    )
    pressed = [a.callback_id for p in people for a in p.actions if a.callback_id]
    checks = [found for person in people for found in answer_checks(api, person, kills)]
    return Counts(
        not_in_group=sorted(told - set(posts)),
        posted_twice=sorted(
            ref + (f" {IN_FLIGHT_MARK}" if in_flight(first_post[ref], kills) else "")
            for ref, n in posts.items()
            if n > 1
        ),
        rewound=[person.chat_id for person in people if person.rewound_at],
        answered_wrongly=[found for found in checks if found[2] != AGAIN],
        extra_topics=sum(n - 1 for n in topics.values() if n > 1),
        callbacks_answered_twice=sum(answered[c] > 1 for c in pressed),
        callbacks_never_answered=sum(answered[c] == 0 for c in pressed),
        same_answer_again=sum(why == AGAIN for _, _, why in checks),
    )


def in_flight(sent_at: float, kills: Sequence[float]) -> bool:
    """Whether a message sent at `sent_at` (fake-server clock, s) went out less than
    `IN_FLIGHT` s before one of the `kills`: the bot may have died before recording it."""
    return any(0 <= kill - sent_at < IN_FLIGHT for kill in kills)


def answers_wrong(
    api: FakeBotApi, person: Person, kills: list[float] = ()
) -> list[tuple[int, int, str]]:
    """The counted findings of `answer_checks`: (chat, action number, why)."""
    return [found for found in answer_checks(api, person, kills) if found[2] != AGAIN]


def answer_checks(
    api: FakeBotApi, person: Person, kills: list[float] = ()
) -> list[tuple[int, int, str]]:
    """Actions whose answer (messages sent between it and the next action) is empty, holds a
    message twice, or repeats a message of the previous action's answer. When the same text
    was typed or the same button pressed twice in a row, the same answer twice is right ("not
    understood", "this button belongs to an earlier question"): such a repeat of the previous
    answer is listed as `AGAIN`, not counted (see `_same_input_again`). A repeat whose first
    copy went out less than `IN_FLIGHT` s before one of the `kills` is marked "(in flight at
    a kill)"."""
    messages = api.bot_messages(person.chat_id)
    times = [api.sent_at[(person.chat_id, m["message_id"])] for m in messages]
    found: list[tuple[int, int, str]] = []
    previous: dict[tuple[str, tuple[str, ...]], float] = {}
    for number, action in enumerate(person.actions):
        end = (
            person.actions[number + 1].sent_at if number + 1 < len(person.actions) else float("inf")
        )
        answer = [
            (m, at) for m, at in zip(messages, times, strict=True) if action.sent_at <= at < end
        ]
        again = _same_input_again(person.actions, number)
        firsts: dict[tuple[str, tuple[str, ...]], float] = {}
        repeated: float | None = None
        same_again = False
        for message, at in answer:
            key = message_key(message)
            if key not in firsts and key in previous and again:
                same_again = True
            first = firsts.get(key, None if again else previous.get(key))
            if first is not None and repeated is None:
                repeated = first
            firsts.setdefault(key, at)
        if not answer:
            found.append((person.chat_id, number, "not answered"))
        elif repeated is not None:
            why = "answered twice" + (f" {IN_FLIGHT_MARK}" if in_flight(repeated, kills) else "")
            found.append((person.chat_id, number, why))
        elif same_again:
            found.append((person.chat_id, number, AGAIN))
        previous = firsts
    return found


def _same_input_again(actions: Sequence[Action], number: int) -> bool:
    """Whether the answers in the windows of actions `number - 1` and `number` may rightly be
    the same: the action is the one before it again, or the action before it was the one
    before that again. The second case is an answer one action late: a person who acts on an
    answer still coming in (it saw no buttons yet) gets the answer to that action only in
    the window of the next one, so "-" typed twice shows its two "not understood" one window
    later each."""
    whats = [a.what for a in actions[max(0, number - 2) : number + 1]]
    return any(first == second for first, second in itertools.pairwise(whats))


def group_transcript(api: FakeBotApi, reference: str, events: list[tuple[float, str]]) -> list[str]:
    """The group messages and forum topics naming `reference`, with the bot's starts and kills."""
    lines = [(at, f"-- {what}") for at, what in events]
    for call in api.calls:
        if call.method in ("sendMessage", "createForumTopic", "editMessageText"):
            text = str(call.params.get("text") or call.params.get("name") or "")
            if reference in text:
                lines.append((call.at, f"{call.method} chat {call.params.get('chat_id')}"))
    return [f"{at:.2f} {line}" for at, line in sorted(lines)]


def latencies(api: FakeBotApi, person: Person) -> list[float]:
    """Seconds from each action to the first message the bot sent into the chat after it."""
    times = sorted(
        api.sent_at[(person.chat_id, m["message_id"])] for m in api.bot_messages(person.chat_id)
    )
    found = []
    for action in person.actions:
        after = next((t for t in times if t >= action.sent_at), None)
        if after is not None:
            found.append(after - action.sent_at)
    return found


# --- the run ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


RUN_KEY = new_key()  # one data key for every restart of the bot in this run


def bench_key() -> str:
    """The data key of the bots a bench starts (the configured one, else this run's)."""
    return os.environ.get("WEGWEISER_DATA_KEY") or RUN_KEY


def bot_environment(base_url: str, data: Path, config: Path, port: int | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "WEGWEISER_"))
    }
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": base_url,
        "WEGWEISER_DATA_DIR": str(data),
        "WEGWEISER_CONFIG": str(config),
        "WEGWEISER_LOG_LEVEL": "WARNING",
        "WEGWEISER_DATA_KEY": bench_key(),
        "PYTHONUNBUFFERED": "1",
    }
    if port is not None:
        env |= {
            "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "WEGWEISER_LISTEN": f"127.0.0.1:{port}",
        }
    return env


@asynccontextmanager
async def bot_against_fake(
    api: FakeBotApi, folder: Path, webhook: bool, offices: str = CONFIG
) -> AsyncIterator[tuple[BotProcess, ReadOnlyDatabase]]:
    """The fake Bot API served on 127.0.0.1 (posting to the webhook in webhook mode) and the
    real bot started against it; the bot is stopped with SIGTERM on leaving."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.yaml"
    config.write_text(offices, encoding="utf-8")
    data = folder / "data"
    async with api.serving() as base_url:
        env = bot_environment(base_url, data, config, free_port() if webhook else None)
        bot = BotProcess(api, env, webhook, folder / "bot.log")
        hook = asyncio.create_task(api.deliver_to_webhook()) if webhook else None
        database = ReadOnlyDatabase(data / DEFAULT_DATABASE_FILE)
        try:
            await bot.start()
            await bot.serving()
            yield bot, database
        finally:
            await bot.stop()
            if hook is not None:
                hook.cancel()
                await asyncio.gather(hook, return_exceptions=True)
            database.close()


def make_people(
    api: FakeBotApi, database: ReadOnlyDatabase, args: argparse.Namespace, rng: random.Random
) -> list[Person]:
    return [
        Person(
            api,
            database,
            FIRST_PERSON + n,
            LANGUAGES[n % len(LANGUAGES)],
            rng.choice(PLACES),
            rng.choice(TOPICS),
            args.step_timeout,
            (args.think * 0.5, args.think * 1.5),
            random.Random(rng.random()),
        )
        for n in range(args.people)
    ]


async def arrive(person: Person, delay: float) -> None:
    await asyncio.sleep(delay)
    await person.run()


async def kill_repeatedly(bot: BotProcess, kills: int, rng: random.Random) -> None:
    for _ in range(kills):
        await bot.serving()
        await asyncio.sleep(rng.uniform(*UPTIME))
        await bot.kill()
        await bot.start()
    await bot.serving()


async def settle(api: FakeBotApi, people: list[Person], seconds: float) -> None:
    """Give every reference a person was told `seconds` to reach its group."""
    title = summary_title()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        posted = "".join(m.get("text", "") for g in GROUPS.values() for m in api.bot_messages(g))
        told = {p.reference for p in people if p.reference}
        if all(f"{title} {ref}" in posted for ref in told):
            return
        await asyncio.sleep(0.2)


async def run(args: argparse.Namespace) -> tuple[Counts, list[Person], BotProcess, float]:
    rng = random.Random(args.seed)
    api = FakeBotApi(TOKEN)
    with tempfile.TemporaryDirectory(prefix="wegweiser-crash-") as temporary:
        folder = args.folder or temporary
        async with bot_against_fake(api, Path(folder), args.mode == "webhook") as (bot, db):
            people = make_people(api, db, args, rng)
            for person in people:
                person.restarting = bot.restarting
            started = time.monotonic()
            arrival = args.arrival if args.arrival is not None else args.kills * 3.0
            walks = asyncio.gather(*(arrive(p, rng.uniform(0, arrival)) for p in people))
            await kill_repeatedly(bot, args.kills, rng)
            await walks
            walked = time.monotonic() - started
            await settle(api, people, args.settle)
            settled = time.monotonic() - started - walked
            if args.transcripts:
                print(f"people done after {walked:.1f} s, group posts {settled:.1f} s later")
            seconds = time.monotonic() - started
        for person in people:  # once more, after the bot has stopped
            person.check_state()
        db.close()
        if args.transcripts:
            for person in people:
                if person.rewound_at or answer_checks(api, person, bot.kill_times):
                    print(f"=== chat {person.chat_id}, checks failed after {person.rewound_at}")
                    print("\n".join(person.transcript(bot.events)))
            for reference in count(api, people, bot.kill_times).posted_twice:
                print(f"=== group messages and topics of {reference}")
                print("\n".join(group_transcript(api, reference, bot.events)))
        if args.keep_log:
            print((Path(folder) / "bot.log").read_text("utf-8", errors="replace")[-5000:])
    return count(api, people, bot.kill_times), people, bot, seconds


def report(
    args: argparse.Namespace, counts: Counts, people: list[Person], bot: BotProcess, seconds: float
) -> None:
    actions = sum(len(p.actions) for p in people)
    requests = sum(p.reference is not None for p in people)
    print(f"Crash test ({args.mode}): the real `python -m bot telegram` against a fake Bot API")
    print(
        f"  {len(people)} people, {actions} actions, {requests} requests confirmed with a "
        f"reference; {bot.kills} kills (SIGKILL), {bot.starts} starts, {seconds:.0f} s"
    )
    lags = sorted(lag for person in people for lag in latencies(bot.api, person))
    print(
        f"  reply latency p50 {percentile(lags, 0.5):.2f} s, p99 {percentile(lags, 0.99):.1f} s, "
        f"max {max(lags, default=0):.1f} s (bot restarts included)"
    )
    print(
        f"  requests whose reference reached a person but not the group: {len(counts.not_in_group)}"
    )
    print(
        f"  requests posted twice:                                      {len(counts.posted_twice)}"
    )
    print(f"  conversations rewound before the last answered message:     {len(counts.rewound)}")
    print(
        f"  updates answered twice or not at all:                       {len(counts.answered_wrongly)}"
    )
    flying = sum(IN_FLIGHT_MARK in why for _, _, why in counts.answered_wrongly)
    flying_posts = sum(IN_FLIGHT_MARK in ref for ref in counts.posted_twice)
    if flying or flying_posts:
        print(
            f"    of these, the first copy sent less than {IN_FLIGHT:.0f} s before a kill "
            f"(at-least-once delivery): posted twice {flying_posts}, answered twice {flying}"
        )
    print(
        f"  (not counted: extra forum topics {counts.extra_topics}, button presses answered "
        f"twice {counts.callbacks_answered_twice} / never {counts.callbacks_never_answered}, "
        f"the same input twice in a row answered the same {counts.same_answer_again}, "
        f"unexpected exits {bot.unexpected_exits}, people stuck "
        f"{sum(p.stuck is not None for p in people)})"
    )
    for line in [
        *(f"    not in group: {r}" for r in counts.not_in_group[:5]),
        *(f"    posted twice: {r}" for r in counts.posted_twice[:5]),
        *(f"    rewound: chat {c}" for c in counts.rewound[:5]),
        *(f"    chat {c} action {n}: {why}" for c, n, why in counts.answered_wrongly[:10]),
        *(f"    stuck: chat {p.chat_id}: {p.stuck}" for p in people if p.stuck),
    ][:20]:
        print(line)
    if counts.failed:
        print("  result: FAIL")
    elif counts.in_flight:
        print(
            f"  result: PASS (apart from {counts.in_flight} at-least-once repeats of a message in "
            "flight at a kill)"
        )
    else:
        print("  result: PASS")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.crash",
        description="Kill the real bot again and again under load; count what got lost.",
    )
    parser.add_argument("--mode", choices=("polling", "webhook"), default="polling")
    parser.add_argument("--people", type=int, default=50, help="simulated people (50)")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs of the bot (20)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--think", type=float, default=1.0, help="mean s between actions (1)")
    parser.add_argument(
        "--arrival", type=float, default=None, help="people arrive within this many s (3 x kills)"
    )
    parser.add_argument("--step-timeout", type=float, default=90.0, help="wait for an answer")
    parser.add_argument(
        "--settle", type=float, default=90.0, help="wait for group posts, s (20 a minute a group)"
    )
    parser.add_argument(
        "--transcripts", action="store_true", help="print the chats of people counted"
    )
    parser.add_argument("--folder", type=Path, help="keep data and log here (a new folder)")
    parser.add_argument("--keep-log", action="store_true", help="print the end of the bot log")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    counts, people, bot, seconds = asyncio.run(run(args))
    report(args, counts, people, bot, seconds)
    return 1 if counts.failed else 0


if __name__ == "__main__":
    sys.exit(main())
