"""Several webhook workers on PostgreSQL: `python -m bot.bench.workers [--people 100]`.

The real bot (`python -m bot telegram --webhook`, N subprocesses) behind a round-robin reverse
proxy (as nginx would be), against the fake Bot API on 127.0.0.1, which posts updates to the
proxy as Telegram posts to a webhook. The update stream is the one of `bot.bench.throughput`:
`--people` people arrive within one second and walk to a counsellor request, each waiting for
the answer to every action (about `--think` s reading time in between). Configurations, run
one after another in one run: SQLite in one process, PostgreSQL with 1, 2 and 4 workers (a
throw-away cluster unless `--postgres URL` names a server where databases may be created).

Printed per configuration: msgs/s (person actions answered per second, first action to last
answer), p50/p99 reply latency (from queueing an update at the fake server to the first message
the bot sent into that chat afterwards), answers wrong (empty, doubled or repeated answers) and
requests made. Figures are only comparable within one run on one machine.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.bench.crash import (
    CONFIG,
    BotProcess,
    FakeBotApi,
    ReadOnlyDatabase,
    answers_wrong,
    arrive,
    bot_environment,
    free_port,
    latencies,
    make_people,
)
from bot.bench.load_telegram import percentile
from bot.storage import DEFAULT_DATABASE_FILE
from bot.web import EmbeddedServer

TOKEN = "123:CRASH"


class RoundRobinProxy:
    """POST /telegram handed to the workers in turn, as a reverse proxy in front of them."""

    def __init__(self, ports: list[int]) -> None:
        self._targets = itertools.cycle(ports)
        self._client = httpx.AsyncClient(timeout=10.0)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/telegram", self._forward, methods=["POST"])])

    async def _forward(self, request: Request) -> Response:
        port = next(self._targets)
        headers = {k: v for k, v in request.headers.items() if k.lower().startswith("x-telegram")}
        try:
            answer = await self._client.post(
                f"http://127.0.0.1:{port}/telegram",
                content=await request.body(),
                headers={**headers, "content-type": "application/json"},
            )
        except httpx.HTTPError:
            return Response(status_code=502)  # Telegram posts it again
        return Response(status_code=answer.status_code)

    async def close(self) -> None:
        await self._client.aclose()


@dataclass
class Result:
    name: str
    updates: int
    seconds: float
    p50: float
    p99: float
    wrong: int
    requests: int
    people: int

    def line(self) -> str:
        return (
            f"| {self.name} | {self.updates / self.seconds:.1f} | {self.p50 * 1000:.0f} | "
            f"{self.p99 * 1000:.0f} | {self.wrong} | {self.requests}/{self.people} |"
        )


async def run_configuration(
    name: str, workers: int, database_url: str | None, args: argparse.Namespace
) -> Result:
    api = FakeBotApi(TOKEN)
    with tempfile.TemporaryDirectory(prefix="wegweiser-workers-") as folder:
        root = Path(folder)
        config = root / "config.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        data = root / "data"
        async with (
            api.serving() as base_url,
            _workers(api, base_url, root, config, data, workers, database_url),
        ):
            hook = asyncio.create_task(api.deliver_to_webhook(parallel=32))
            database = ReadOnlyDatabase(data / DEFAULT_DATABASE_FILE)
            rng = random.Random(args.seed)
            people = make_people(api, database, args, rng)
            for person in people:
                person.quiet = args.step_timeout / 4
            started = time.monotonic()
            await asyncio.gather(*(arrive(p, rng.uniform(0, 1.0)) for p in people))
            seconds = time.monotonic() - started
            hook.cancel()
            await asyncio.gather(hook, return_exceptions=True)
            database.close()
    lags = sorted(lag for p in people for lag in latencies(api, p))
    return Result(
        name,
        sum(len(p.actions) for p in people),
        seconds,
        percentile(lags, 0.5),
        percentile(lags, 0.99),
        sum(len(answers_wrong(api, p)) for p in people),
        sum(bool(p.reference) for p in people),
        len(people),
    )


@asynccontextmanager
async def _workers(
    api: FakeBotApi,
    base_url: str,
    root: Path,
    config: Path,
    data: Path,
    count: int,
    database_url: str | None,
) -> AsyncIterator[list[BotProcess]]:
    ports = [free_port() for _ in range(count)]
    proxy = RoundRobinProxy(ports)
    proxy_port = free_port()
    server = EmbeddedServer(proxy.app(), host="127.0.0.1", port=proxy_port)
    processes: list[BotProcess] = []
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(server.running())
        stack.push_async_callback(proxy.close)
        try:
            for n, port in enumerate(ports):
                env = bot_environment(base_url, data, config, port)
                env["TELEGRAM_WEBHOOK_URL"] = f"http://127.0.0.1:{proxy_port}/telegram"
                if database_url:
                    env["WEGWEISER_DATABASE_URL"] = database_url
                process = BotProcess(api, env, True, root / f"worker-{n}.log")
                processes.append(process)
                await process.start()
                await process.serving()
            yield processes
        finally:
            await asyncio.gather(*(p.stop() for p in processes))


async def fresh_database(server_url: str, name: str) -> str:
    import psycopg

    async with await psycopg.AsyncConnection.connect(server_url, autocommit=True) as connection:
        await connection.execute(f"DROP DATABASE IF EXISTS {name}")
        await connection.execute(f"CREATE DATABASE {name}")
    head, _, query = server_url.partition("?")
    return f"{head.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


async def run(args: argparse.Namespace) -> list[Result]:
    from bot.storage.pg_cluster import start_cluster

    cluster = None
    server = args.postgres
    if server is None:
        cluster = start_cluster()
        server = cluster.url()
    results: list[Result] = []
    try:
        for label, count in [("SQLite", 1), *(("PostgreSQL", n) for n in args.workers)]:
            url = None if label == "SQLite" else await fresh_database(server, f"bench_{count}")
            name = f"{label}, {count} {'process' if count == 1 else 'workers'}"
            result = await run_configuration(name, count, url, args)
            print(result.line(), flush=True)
            results.append(result)
    finally:
        if cluster is not None:
            cluster.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.workers",
        description="1, 2, 4 webhook workers on PostgreSQL beside SQLite in one process.",
    )
    parser.add_argument("--people", type=int, default=100, help="concurrent people (100)")
    parser.add_argument("--think", type=float, default=1.0, help="mean s between actions (1)")
    parser.add_argument("--step-timeout", type=float, default=60.0, help="wait for an answer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--postgres", help="postgresql://… server URL (default: throw-away)")
    args = parser.parse_args(argv)
    print(f"{args.people} people, {os.cpu_count()} CPU cores")
    print("| configuration | msgs/s | p50 ms | p99 ms | answers wrong | requests |")
    print("|---|---|---|---|---|---|")
    results = asyncio.run(run(args))
    return 0 if all(r.wrong == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
