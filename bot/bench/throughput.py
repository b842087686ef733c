"""Throughput of the full Telegram path: `python -m bot.bench.throughput [--people 100]`.

The real bot (`python -m bot telegram`, a subprocess, polling) against the fake Bot API on
127.0.0.1, as in `bot.bench.crash` but without kills: `--people` people (default 100) start
within one second and walk to a counsellor request at once, each waiting for the answer to
every action before the next (about `--think` s reading time in between, so that the flood
guard, 8 messages in 5 s, stays out of it). Printed, in one line:
- msgs/s: person actions (updates) answered per second, first action to last answer;
- p50/p99 reply latency: from queueing an update at the fake server to the first message the
  bot sent into that chat afterwards;
- Bot API calls/s: every call but getUpdates (PTB's rate limiter allows 30/s in all);
- replies before commit: the share of messages sent to a person for which, at the moment the
  fake server receives the sendMessage, the bot's database (read with a separate read-only
  SQLite connection, so only committed data) holds no outbox row of kind `reply` for that
  person whose payload contains the text (payloads are emptied only once sent). Must be 0.
The run fails (exit code 1) if any reply came before its commit, or anybody was left unanswered.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.bench.crash import (
    FakeBotApi,
    Person,
    ReadOnlyDatabase,
    answers_wrong,
    bench_key,
    bot_against_fake,
    latencies,
    make_people,
)
from bot.bench.load_telegram import percentile
from bot.i18n.direction import strip_marks

BUTTONS_ONLY_TEXT = "⬇️"


class CommitCheck:
    """Counts the messages to people that have no committed `reply` outbox row behind them."""

    def __init__(self, database: ReadOnlyDatabase) -> None:
        self.database = database
        self.sent = 0
        self.uncommitted = 0
        self._cipher: Any = None

    def opened(self, payload: str) -> dict[str, object]:
        """The row's payload, decrypted (the bot seals outbox payloads with its data key)."""
        from bot.crypto.keys import load_cipher
        from bot.crypto.sealed import open_payload

        if self._cipher is None:
            self._cipher = load_cipher({"WEGWEISER_DATA_KEY": bench_key()})
        return open_payload(self._cipher, payload)

    def __call__(self, chat_id: int, text: str) -> None:
        if chat_id < 0:
            return  # a counsellor group
        self.sent += 1
        rows = self.database.query(
            "SELECT payload FROM outbox WHERE kind = 'reply' AND target = ?",
            (f"telegram:{chat_id}",),
        )
        shown = strip_marks(text).strip()
        for (payload,) in rows:
            for reply in self.opened(payload).get("replies", []):
                written = strip_marks(str(reply.get("text", ""))).strip()
                if shown in written or (shown == BUTTONS_ONLY_TEXT and not written):
                    return
        self.uncommitted += 1


async def run(args: argparse.Namespace) -> bool:
    api = FakeBotApi("123:CRASH")
    with tempfile.TemporaryDirectory(prefix="wegweiser-throughput-") as folder:
        async with bot_against_fake(api, Path(folder), webhook=False) as (_, database):
            check = CommitCheck(ReadOnlyDatabase(database.path))
            api.on_send = check
            rng = random.Random(args.seed)
            people = make_people(api, database, args, rng)
            for person in people:  # replies queue behind Telegram's 30 messages/s
                person.quiet = args.step_timeout / 4
            started = time.monotonic()
            await asyncio.gather(*(_arrive(p, rng.uniform(0, 1.0)) for p in people))
            seconds = time.monotonic() - started
            calls = sum(started <= call.at and call.method != "getUpdates" for call in api.calls)
            api.on_send = None
            check.database.close()
    actions = sum(len(p.actions) for p in people)
    lags = sorted(lag for p in people for lag in latencies(api, p))
    wrong = [w for p in people for w in answers_wrong(api, p)]
    share = check.uncommitted / check.sent if check.sent else 0.0
    print(
        f"Telegram full path, {len(people)} concurrent people: {actions} updates in "
        f"{seconds:.1f} s = {actions / seconds:.1f} msgs/s; reply latency "
        f"p50 {percentile(lags, 0.5) * 1000:.0f} ms, p99 {percentile(lags, 0.99) * 1000:.0f} ms; "
        f"replies before commit {check.uncommitted}/{check.sent} = {share:.3f}; "
        f"answered wrongly {len(wrong)}, requests {sum(bool(p.reference) for p in people)}; "
        f"Bot API calls {calls / seconds:.1f}/s"
    )
    return check.uncommitted == 0 and not wrong


async def _arrive(person: Person, delay: float) -> None:
    await asyncio.sleep(delay)
    await person.run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.throughput",
        description="Many people at once on the full Telegram path; replies checked against "
        "committed outbox rows.",
    )
    parser.add_argument("--people", type=int, default=100, help="concurrent people (100)")
    parser.add_argument("--think", type=float, default=1.0, help="mean s between actions (1)")
    parser.add_argument("--step-timeout", type=float, default=60.0, help="wait for an answer")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    return 0 if asyncio.run(run(args)) else 1


if __name__ == "__main__":
    sys.exit(main())
