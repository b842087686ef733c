"""The one composition root: conversation, storage, counsellor groups and outbox for any set of
channels, all behind one web app (`/healthz`, `/telegram`, `/whatsapp`).

`serve` opens the runtime (content, storage, conversation, handoff), starts every configured
channel of `bot.channels.registry`, routes the outbox through one `RoutingDeliverer` (a
person's messages to their channel, request posts to the counsellor groups on Telegram), mounts
every channel's routes in `bot.web` and runs until `stop` is set.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any

from starlette.routing import Route

from bot import heap
from bot.channels.registry import CHANNELS
from bot.clock import Clock
from bot.desk.app import desk_of_runtime
from bot.handoff.delivery import Deliverer, DeliveryError
from bot.routing import NO_CHANNEL_RETRY, MediaSource, PersonChannel, RoutingDeliverer
from bot.runtime import Runtime, open_runtime
from bot.settings import Settings, SettingsError
from bot.web import EmbeddedServer, create_web_app

log = logging.getLogger(__name__)
DEFAULT_LISTEN = "127.0.0.1:8080"


@dataclass
class Core:
    """What every channel is built on: one runtime, the environment, the clock."""

    runtime: Runtime
    settings: Settings
    environ: Mapping[str, str]
    clock: Clock
    stop: asyncio.Event = field(default_factory=asyncio.Event)  # set when the service stops


@dataclass
class StartedChannel:
    """A running channel: its web routes, how to reach its people, its background jobs."""

    name: str
    routes: list[Route] = field(default_factory=list)
    person: PersonChannel | None = None
    groups: Deliverer | None = None  # the counsellor groups' side (Telegram)
    media: MediaSource | None = None
    jobs: list[Callable[[], Coroutine[Any, Any, None]]] = field(default_factory=list)
    ready: Callable[[], bool] | None = None
    after_listen: Callable[[], Awaitable[None]] | None = None  # e.g. register the webhook
    close: Callable[[], Awaitable[None]] | None = None
    # Several workers share one database: stored updates are claimed there, and replies left
    # by a crash are not all resent by every worker at its start.
    shared: bool = False


def channel_modules(environ: Mapping[str, str]) -> list[ModuleType]:
    """The registered channels whose settings are present in `environ`."""
    modules = [import_module(path) for path in CHANNELS.values()]
    return [module for module in modules if module.configured(environ)]


def listen_address(environ: Mapping[str, str]) -> tuple[str, int]:
    value = environ.get("WEGWEISER_LISTEN", "").strip() or DEFAULT_LISTEN
    host, _, port = value.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise SettingsError(
            f"WEGWEISER_LISTEN must be host:port such as {DEFAULT_LISTEN}, but is {value!r}."
        )
    return host, int(port)


def router(started: list[StartedChannel]) -> RoutingDeliverer:
    """One deliverer for the outbox: groups through the channel that has them. Without
    Telegram, requests wait in the outbox (retried hourly) until a counsellor channel runs."""
    groups = next((c.groups for c in started if c.groups is not None), None)
    if groups is None:
        log.warning(
            "no counsellor groups: TELEGRAM_BOT_TOKEN is not set, requests wait in the outbox"
        )
        groups = NoGroups()
    people = {c.name: c.person for c in started if c.person is not None}
    media = {c.name: c.media for c in started if c.media is not None}
    return RoutingDeliverer(groups, people, media)


class NoGroups:
    """The counsellor side when no Telegram bot runs: every group item waits."""

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        async def wait(*args: Any, **kwargs: Any) -> Any:
            raise DeliveryError("no counsellor channel is running", NO_CHANNEL_RETRY)

        return wait


@dataclass
class Served:
    """The running service (for tests): the runtime, the channels, the bound port."""

    runtime: Runtime
    channels: list[StartedChannel]
    port: int


async def serve(
    settings: Settings,
    stop: asyncio.Event,
    *,
    environ: Mapping[str, str] | None = None,
    clock: Clock | None = None,
    on_started: Callable[[Served], Awaitable[None]] | None = None,
    outbox_interval: float = 1.0,
    web: bool = True,
) -> None:
    """Run every configured channel in one web app on WEGWEISER_LISTEN until `stop`.
    `web=False` (Telegram polling alone, `python -m bot telegram`) opens no port."""
    env = os.environ if environ is None else environ
    host, port = listen_address(env)
    modules = channel_modules(env)
    if not modules:
        raise SettingsError(
            "No channel is configured: set TELEGRAM_BOT_TOKEN and/or the WHATSAPP_* variables."
        )
    runtime = await open_runtime(settings, clock=clock, keep_last_good=True)
    core = Core(runtime, settings, env, runtime.handoff.clock, stop)
    started: list[StartedChannel] = []
    tasks: list[asyncio.Task[None]] = []
    try:
        for module in modules:
            started.append(await module.start(core))
        deliverer = router(started)
        outbox = runtime.start_outbox(deliverer)
        replies = runtime.deliver_replies_through(deliverer)
        replies.recover_at_start = not any(channel.shared for channel in started)
        jobs = [
            outbox.run_forever(outbox_interval),
            replies.run_forever(outbox_interval),
            runtime.content.watch(),
            runtime.purge_daily(),
            *(job() for channel in started for job in channel.jobs),
        ]
        tasks = [asyncio.create_task(job) for job in jobs]
        log.info("start-up objects kept out of the garbage collector: %d", heap.freeze_loaded())
        app = create_web_app(
            routes=[route for channel in started for route in channel.routes],
            ready=[c.ready for c in started if c.ready is not None],
            extra_routes=desk_of_runtime(runtime, settings.data_dir),  # /desk with an account
        )
        async with _listening(app, host, port, web) as bound:
            for channel in started:
                if channel.after_listen is not None:
                    await channel.after_listen()
            if on_started is not None:
                await on_started(Served(runtime, started, bound))
            await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for channel in reversed(started):
            if channel.close is not None:
                await channel.close()
        await runtime.close()


@asynccontextmanager
async def _listening(app: Any, host: str, port: int, web: bool) -> AsyncIterator[int]:
    """Serve `app` while the block runs (yields the bound port), or nothing without `web`."""
    if not web:
        yield 0
        return
    async with EmbeddedServer(app, host=host, port=port).running() as server:
        yield server.port
