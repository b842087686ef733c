"""Fault run of the real bot: `python -m bot.bench.faults [--people 20]`.

The real bot (`python -m bot telegram`, polling) against the fake Bot API on 127.0.0.1, as in
`bot.bench.crash` but never killed; instead the fake server misbehaves as Telegram can. Three
rounds, each with `--people` fresh people walking to a counsellor request:
1. calm: no faults, for comparison;
2. 429: meanwhile every sendMessage into one more person's chat is refused with 429
   (`retry_after` 5 s) until the others are done; that person then finishes too;
3. faults: the first attempt of each message to a person fails with 502 (10 %) or hangs past
   the bot's read timeout and is then refused (5 %; the message does not arrive); the first
   attempt of each group message fails with 502 (30 %) or hangs (15 %; the first two group
   messages of the round: one 502, one hang); the group of the Pirna
   office has been upgraded to a supergroup (every call for it is refused with
   `migrate_to_chat_id`); and one Dresden request post is deleted after a counsellor claimed
   it, before the counsellor asks the person a question with `/frage` and the person answers.
Printed: lost (references a person was told that reached no group, chat or migrated; updates
never answered; the person's answer to `/frage` that never reached the group), doubled
(references posted twice; updates answered twice, as counted by `bot.bench.crash`), and the
reply latency of the other people in rounds 1 and 2 (p50, p95, max), whose maximum one chat's
429 must not raise by a second or more (anybody paused for that chat counts). Exit code 1 when anything was lost or doubled or the others
were slowed down. Everything waits at most `--settle` s for the outbox to catch up.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from bot.bench import crash
from bot.bench.crash import Person, ReadOnlyDatabase, answers_wrong, latencies
from bot.bench.fake_bot_api import JSON, ApiError, FakeBotApi
from bot.bench.load_telegram import percentile
from bot.handoff.reference import find_reference

DRESDEN, PIRNA, RETURN = -1001, -1002, -1003
PIRNA_NOW = -1009002  # the supergroup the Pirna group was upgraded to
COUNSELLOR = 41
CONFIG = f"""
offices:
  dresden: {{telegram_group: {DRESDEN}, notify: full, forum: false, counsellors: [{COUNSELLOR}]}}
  pirna: {{telegram_group: {PIRNA}, notify: full, forum: false, counsellors: [42]}}
  return_ssoe: {{telegram_group: {RETURN}, notify: full, forum: true, counsellors: [43]}}
"""
RETRY_AFTER = 5
HANG = 7.0  # seconds a hanging call takes: longer than the bot's read timeout (5 s)
ALLOWED_DELAY = 1.0
QUESTION = "Haben Sie die Kündigung schriftlich?"
ANSWER = "Ja, ich habe sie schriftlich."


@dataclass
class Faults:
    """The fault rules of the fake server, switched on and off per round."""

    rng: random.Random
    victim: int | None = None  # chat whose messages get 429
    flaky: bool = False  # 5xx and hanging calls on first attempts
    seen: set[tuple[int, str]] = field(default_factory=set)
    given: Counter[str] = field(default_factory=Counter)

    async def rule(self, method: str, params: JSON) -> ApiError | None:
        chat = _chat(params)
        if chat == PIRNA:
            self.given["migrated group"] += 1
            return ApiError(
                HTTPStatus.BAD_REQUEST,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=PIRNA_NOW,
            )
        if method != "sendMessage" or chat is None:
            return None
        if chat == self.victim:
            self.given["429 for one chat"] += 1
            return ApiError(
                HTTPStatus.TOO_MANY_REQUESTS,
                f"Too Many Requests: retry after {RETRY_AFTER}",
                retry_after=RETRY_AFTER,
            )
        first = (chat, str(params.get("text")))
        if not self.flaky or first in self.seen:
            return None
        self.seen.add(first)
        where = "reply" if chat > 0 else "group post"
        groups = sum(chat < 0 for chat, _ in self.seen)
        draw = self.rng.random() if chat > 0 or groups > 2 else (0.0, 0.35, 0.9)[groups - 1]
        failing, hanging = (0.10, 0.15) if chat > 0 else (0.30, 0.45)
        if draw < failing:
            self.given[f"5xx on a {where}"] += 1
            return ApiError(HTTPStatus.BAD_GATEWAY, "Bad Gateway")
        if draw < hanging:
            self.given[f"timeout on a {where}"] += 1
            await asyncio.sleep(HANG)
            return ApiError(HTTPStatus.GATEWAY_TIMEOUT, "Gateway Timeout")
        return None


def _chat(params: JSON) -> int | None:
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None


@dataclass
class Round:
    name: str
    people: list[Person]
    seconds: float

    def latencies(self, api: FakeBotApi) -> list[float]:
        return sorted(lag for person in self.people for lag in latencies(api, person))


def people_for(
    api: FakeBotApi, database: ReadOnlyDatabase, first: int, count: int, rng: random.Random
) -> list[Person]:
    return [
        Person(
            api,
            database,
            first + n,
            crash.LANGUAGES[n % len(crash.LANGUAGES)],
            rng.choice(crash.PLACES),
            rng.choice(crash.TOPICS),
            60.0,
            (0.8, 1.6),
            random.Random(rng.random()),
            quiet=15.0,  # parts of an answer may be held up by the faults: wait for buttons
        )
        for n in range(count)
    ]


async def walk(name: str, people: list[Person]) -> Round:
    started = time.monotonic()
    await asyncio.gather(*(_arrive(p, n * 0.2) for n, p in enumerate(people)))
    return Round(name, people, time.monotonic() - started)


async def _arrive(person: Person, delay: float) -> None:
    await asyncio.sleep(delay)
    await person.run()


GROUP_WAIT = 150.0  # seconds: a backlog of one group's posts at 20 a minute


async def deleted_post(api: FakeBotApi, person: Person) -> bool:
    """A counsellor claims the person's request, the post is deleted, the counsellor asks with
    /frage, the person answers: True when the answer reached the group. A step that does not
    happen in time is printed."""
    await person.run()
    reference = person.reference
    if reference is None:
        print("    deleted post: the person got no reference")
        return False
    step = "the request post with its claim button"
    try:
        post = await _group_message(api, DRESDEN, reference, "Übernehmen")
        api.push(api.callback_update(DRESDEN, _claim(post), post["message_id"], user_id=COUNSELLOR))
        step = "the claim"
        await api.wait_for(DRESDEN, lambda ms: _claimed(ms, post["message_id"]), 30)
        api.deleted.add((DRESDEN, post["message_id"]))
        command = f"/frage {reference} {QUESTION}"
        api.push(api.message_update(DRESDEN, command, chat_type="group", user_id=COUNSELLOR))
        step = "the question reaching the person"
        await api.wait_for(person.chat_id, lambda ms: QUESTION in str(ms), 30)
        api.push(api.message_update(person.chat_id, ANSWER, language_code=person.language))
        step = "the answer reaching the group"
        # group posts are paced to 20 a minute: the other requests' posts may come first
        await api.wait_for(DRESDEN, lambda ms: ANSWER in str(ms), GROUP_WAIT)
    except TimeoutError:
        print(f"    deleted post: no {step} in time")
        return False
    return True


async def _group_message(api: FakeBotApi, chat: int, reference: str, label: str) -> JSON:
    def found(messages: list[JSON]) -> bool:
        return any(reference in m.get("text", "") and label in str(m) for m in messages)

    messages = await api.wait_for(chat, found, 60)
    return next(m for m in messages if reference in m.get("text", "") and label in str(m))


def _claimed(messages: list[JSON], message_id: int) -> bool:
    """Whether the post `message_id` no longer offers "Übernehmen" (other posts may)."""
    return not any(m["message_id"] == message_id and "Übernehmen" in str(m) for m in messages)


def _claim(post: JSON) -> str:
    rows = post["reply_markup"]["inline_keyboard"]
    return next(b["callback_data"] for row in rows for b in row if "claim" in b["callback_data"])


async def run(args: argparse.Namespace) -> bool:
    rng = random.Random(args.seed)
    api = FakeBotApi(crash.TOKEN)
    faults = Faults(random.Random(rng.random()))
    api.rules.append(faults.rule)
    with tempfile.TemporaryDirectory(prefix="wegweiser-faults-") as folder:
        async with crash.bot_against_fake(api, Path(folder), False, CONFIG) as (_, db):
            calm = await walk("calm", people_for(api, db, 800_000, args.people, rng))
            victim = people_for(api, db, 810_000, 1, rng)[0]
            faults.victim = victim.chat_id
            victim_walk = asyncio.create_task(victim.run())
            limited = await walk("429", people_for(api, db, 820_000, args.people, rng))
            faults.victim = None
            await victim_walk
            faults.flaky = True
            deleting = people_for(api, db, 830_000, 1, rng)[0]
            deleting.place = "leuben"
            answer_task = asyncio.create_task(deleted_post(api, deleting))
            faulty = await walk("faults", people_for(api, db, 840_000, args.people, rng))
            try:
                answered = await answer_task
            except TimeoutError:
                answered = False
            faults.flaky = False
            everybody = [*calm.people, victim, *limited.people, deleting, *faulty.people]
            await _settle(api, everybody, args.settle)
    return report(api, faults, [calm, limited, faulty], everybody, answered, args.transcripts)


def _posts(api: FakeBotApi) -> Counter[str]:
    title = crash.summary_title()
    posts: Counter[str] = Counter()
    for chat in (DRESDEN, PIRNA, PIRNA_NOW, RETURN):
        for message in api.bot_messages(chat):
            reference = find_reference(message.get("text", ""))
            if reference and f"{title} {reference}" in message.get("text", ""):
                posts[reference] += 1
    return posts


async def _settle(api: FakeBotApi, people: list[Person], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        told = {p.reference for p in people if p.reference}
        if told <= set(_posts(api)):
            return
        await asyncio.sleep(0.5)


def report(
    api: FakeBotApi,
    faults: Faults,
    rounds: list[Round],
    people: list[Person],
    answered: bool,
    transcripts: bool = False,
) -> bool:
    posts = _posts(api)
    told = {p.reference for p in people if p.reference}
    wrong = [w for p in people for w in answers_wrong(api, p)]
    unanswered = [w for w in wrong if w[2] == "not answered"]
    missing = sorted(told - set(posts))
    lost = len(missing) + len(unanswered) + (0 if answered else 1)
    doubled = sum(n > 1 for n in posts.values()) + len(wrong) - len(unanswered)
    migrated = sum(
        1 for ref in told if any(ref in m.get("text", "") for m in api.bot_messages(PIRNA_NOW))
    )
    print("Fault run: the real `python -m bot telegram` against a misbehaving fake Bot API")
    print("  faults given: " + ", ".join(f"{k} {v}" for k, v in sorted(faults.given.items())))
    print(f"  {len(people)} people, {len(told)} requests; lost {lost}, doubled {doubled}")
    print(f"    references told but in no group: {len(missing)} {missing[:5]}")
    print(
        f"    updates never answered: {len(unanswered)}; answered twice: {len(wrong) - len(unanswered)}"
    )
    print(f"    references posted twice: {sum(n > 1 for n in posts.values())}")
    print(f"    requests that reached the migrated group's new chat: {migrated}")
    print(f"    answer to /frage after the request post was deleted reached the group: {answered}")
    calm, limited = rounds[0].latencies(api), rounds[1].latencies(api)
    for name, lags in (("calm", calm), ("one chat 429", limited)):
        print(
            f"  others' reply latency, {name:<12}: p50 {percentile(lags, 0.5) * 1000:5.0f} ms  "
            f"p95 {percentile(lags, 0.95) * 1000:5.0f} ms  max {max(lags, default=0) * 1000:5.0f} ms"
        )
    slowed = max(limited, default=0) - max(calm, default=0)
    print(f"  delay of the others by one chat's 429 (max): {slowed * 1000:.0f} ms")
    for line in [*(f"    {c} action {n}: {why}" for c, n, why in wrong[:10])]:
        print(line)
    for person in people:
        if person.stuck:
            print(f"    stuck: chat {person.chat_id}: {person.stuck}")
        if transcripts and (person.stuck or answers_wrong(api, person)):
            print(f"=== chat {person.chat_id}")
            print("\n".join(person.transcript([])))
    passed = lost == 0 and doubled == 0 and slowed < ALLOWED_DELAY
    print("  result:", "PASS" if passed else "FAIL")
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.faults",
        description="The real bot against a Bot API that fails as Telegram can.",
    )
    parser.add_argument("--people", type=int, default=20, help="people per round (20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--settle", type=float, default=60.0, help="wait for the outbox, s")
    parser.add_argument("--transcripts", action="store_true", help="print chats gone wrong")
    args = parser.parse_args(argv)
    return 0 if asyncio.run(run(args)) else 1


if __name__ == "__main__":
    sys.exit(main())
