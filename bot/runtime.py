"""Assembling the running bot: content, storage, conversation, handoff and outbox."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from cryptography.fernet import MultiFernet

from bot.clock import Clock, SystemClock
from bot.content.holder import ContentHolder
from bot.content.last_good import LAST_GOOD_FOLDER
from bot.conversation import Conversation
from bot.crypto import SealedStorage, load_cipher
from bot.crypto.files import private_database
from bot.crypto.keys import log_key
from bot.deploy import DeployConfig, load_deploy_config
from bot.flood import FloodGuard
from bot.handoff.delivery import Deliverer
from bot.handoff.outbox import OutboxWorker
from bot.handoff.service import HandoffService
from bot.handoff.store import RequestStore
from bot.locks import KeyedLocks
from bot.privacy import use_key
from bot.reply_outbox import ReplyDelivery
from bot.settings import Settings
from bot.storage import Storage, open_storage
from bot.workers import worker_name

log = logging.getLogger(__name__)
DAY = 24 * 3600.0
PURGE_LEASE = timedelta(hours=23)


@dataclass
class Runtime:
    conversation: Conversation
    handoff: HandoffService
    config: DeployConfig
    storage: Storage
    content: ContentHolder
    outbox: OutboxWorker | None = None
    cipher: MultiFernet | None = None  # the data key (also seals the desk's TOTP secrets)

    def deliver_replies_through(self, deliverer: Deliverer) -> ReplyDelivery:
        """Keep every turn's replies in the outbox and send them after the commit (channels
        whose sends can fail: Telegram). The caller runs `run_forever` for the retries."""
        delivery = ReplyDelivery(self.storage, deliverer.to_user, self.handoff.clock)
        self.conversation.reply_delivery = delivery
        return delivery

    def start_outbox(self, deliverer: Deliverer) -> OutboxWorker:
        """The outbox worker for a channel that exists only after the runtime (Telegram)."""
        self.outbox = OutboxWorker(
            self.handoff.store,
            self.handoff.clock,
            lambda item: self.handoff.deliver(item, deliverer),
        )
        return self.outbox

    async def purge_daily(self) -> None:
        """Delete what is older than the configured retention, once a day while running."""
        while True:
            cutoff = self.handoff.clock.now() - timedelta(days=self.config.retention_days)
            try:  # with several workers, one of them a day
                if await self.storage.claim_lease("purge", worker_name(), PURGE_LEASE):
                    await self.storage.purge(cutoff)
            except Exception as exc:  # retried tomorrow; never stops the bot
                log.error("purge failed: %s", type(exc).__name__)
            await asyncio.sleep(DAY)

    async def group_moved(self, old: int, new: int) -> None:
        """A counsellor group became a supergroup: use and remember the new id, and tell the
        operator which office it was (no personal data in that line)."""
        if self.config.current_group(old) == new:
            return
        office = self.config.move_group(old, new)
        await self.storage.add_group_move(old, new, self.handoff.clock.now())
        log.warning(
            "the counsellor group of office %s became a supergroup; requests now go there "
            "(update telegram_group in WEGWEISER_CONFIG)",
            office or "?",
        )

    async def close(self) -> None:
        await self.storage.close()


async def open_runtime(
    settings: Settings,
    *,
    deliverer: Deliverer | None = None,
    database_url: str | None = None,
    clock: Clock | None = None,
    guard_floods: bool = True,
    cipher: MultiFernet | None = None,
    content: ContentHolder | None = None,
    keep_last_good: bool = False,
) -> Runtime:
    """Everything the bot runs on. Personal fields are encrypted with `cipher` (default: the
    data key from the environment, see `bot.crypto.keys`; a missing key stops the start).
    `content` is content already loaded (benchmarks that open many runtimes).
    `keep_last_good` (the long-running bot): clean content is kept in
    `<data dir>/content-last-good/`, and content with errors is replaced by that copy
    (`bot.content.last_good`); otherwise content with errors raises `ContentError`."""
    clock = clock or SystemClock()
    config = load_deploy_config(settings.config_file)
    cipher = cipher or load_cipher()
    holder = content or ContentHolder.load(
        settings.content_dir,
        fallback=config.fallback,
        cache_dir=settings.data_dir / "cache",
        last_good=settings.data_dir / LAST_GOOD_FOLDER if keep_last_good else None,
    )
    url = database_url or settings.database_url
    private_database(url)
    storage: Storage = SealedStorage(await open_storage(url), cipher)
    use_key(log_key(cipher))
    for old, new in (await storage.group_moves()).items():  # supergroup upgrades seen before
        config.move_group(old, new)
    locks = KeyedLocks()
    handoff = HandoffService(holder, RequestStore(storage, locks), clock, config)
    flood = FloodGuard(clock, enabled=guard_floods)
    conversation = Conversation(
        holder, storage, clock=clock, flood=flood, handlers=[handoff.on_event], locks=locks
    )
    runtime = Runtime(conversation, handoff, config, storage, holder, cipher=cipher)
    if deliverer is not None:
        runtime.start_outbox(deliverer)
    return runtime
