"""A worker process for the multi-worker tests: `python inbox_probe.py DATABASE_URL`.

It runs the real `InboxWorker` on channel `probe`. Each update's turn is one storage unit that
appends the update's number to its chat's session (`answers["seen"]`) and notes which process
handled it; the same unit marks the update processed. An update whose payload names a `hold`
file prints `mid-turn N PID` and waits inside its turn until that file exists (a test kills the
worker there). Prints `ready PID` once it claims; stops on SIGTERM.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from bot.session import Session
from bot.storage import open_storage
from bot.storage.records import InboxEntry
from bot.workers import InboxWorker


async def main(url: str) -> None:
    storage = await open_storage(url)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)

    async def turn(entry: InboxEntry) -> None:
        data = json.loads(entry.payload)
        async with storage.unit():
            session = await storage.load_session(entry.chat) or Session(entry.chat)
            if "hold" in data:
                print(f"mid-turn {data['n']} {os.getpid()}", flush=True)
                while not Path(data["hold"]).exists():
                    await asyncio.sleep(0.05)
            seen = session.answers.get("seen", "")
            session.answers["seen"] = f"{seen} {data['n']}".strip()
            session.answers[f"by:{data['n']}"] = str(os.getpid())
            await storage.save_session(session)

    worker = InboxWorker(storage, "probe", turn, concurrency=8)
    print(f"ready {os.getpid()}", flush=True)
    try:
        await worker.run(stop)
    finally:
        await storage.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
