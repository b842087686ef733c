"""The conversation host: per-user order, flood protection, atomic turns."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.content.holder import ContentHolder
from bot.conversation import Conversation
from bot.engine import Turn
from bot.events import Event, HandoffRequested
from bot.flood import FloodGuard
from bot.messages import Inbound, Reply
from bot.storage import MemoryStorage


def make(root: Path, **kw: object) -> Conversation:
    clock = FakeClock()
    return Conversation(
        ContentHolder.load(root), MemoryStorage(), clock=clock, flood=FloodGuard(clock), **kw
    )  # type: ignore[arg-type]


async def test_flood_gets_one_notice_and_others_are_unaffected(small_root: Path) -> None:
    conversation = make(small_root)
    answers = [await conversation.handle(Inbound("flooder", text=str(i))) for i in range(30)]
    notices = [a for a in answers if a and "schnell" in a[0].text]
    assert len(notices) == 1
    assert sum(1 for a in answers if not a) == 30 - 8 - 1  # dropped silently after the notice
    calm = await conversation.handle(Inbound("calm", text="hallo"))
    assert calm and "schnell" not in calm[-1].text


async def test_one_users_messages_are_processed_in_order(small_root: Path) -> None:
    conversation = make(small_root)
    conversation.flood.enabled = False
    texts = ["hi", "1", "1", "1"]
    results = await asyncio.gather(*(conversation.handle(Inbound("u", text=t)) for t in texts))
    assert results[-1][-1].text == "Wie wohnen Sie?"


async def test_a_failing_handler_writes_nothing_and_answers_kindly(small_root: Path) -> None:
    async def broken(turn: Turn, event: Event) -> list[Reply]:
        if isinstance(event, HandoffRequested):
            raise RuntimeError("database gone")
        return []

    conversation = make(small_root, handlers=[broken])
    conversation.flood.enabled = False
    for text in ("hi", "1", "1", "1", "2", "4", "1"):
        await conversation.handle(Inbound("u", text=text))
    before = await conversation.storage.load_session("u")
    replies = await conversation.handle(Inbound("u", text="0151 2345678"))  # emits HandoffRequested
    assert replies and "schiefgegangen" in replies[-1].text
    assert await conversation.storage.load_session("u") == before  # nothing half-saved


async def test_logs_never_contain_message_text_or_phone_numbers(
    small_root: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.deploy import DeployConfig
    from bot.runtime import open_runtime
    from bot.settings import Settings

    caplog.set_level(logging.DEBUG)
    settings = Settings(data_dir=tmp_path, config_file=None, content_dir=small_root)
    runtime = await open_runtime(settings, guard_floods=False)
    assert runtime.config == DeployConfig()
    secrets = ("Geheimnis Nachricht", "0151 9876543", "01519876543")
    for text in ("hi", secrets[0], "1", "1", "1", "2", "4", "1", secrets[1]):
        await runtime.conversation.handle(Inbound("telegram:555", text=text))
    await runtime.close()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Geheimnis" not in logged and "9876543" not in logged and "telegram:555" not in logged


def test_the_flood_guard_forgets_people_who_went_quiet() -> None:
    """Issue 9: memory follows the people active now, not everybody ever seen."""
    from bot.clock import FakeClock
    from bot.flood import FloodGuard, Verdict

    clock = FakeClock()
    guard = FloodGuard(clock)
    for n in range(1000):
        assert guard.check(f"telegram:{n}") is Verdict.ALLOW
    assert len(guard) == 1000
    clock.advance(guard.window * 3)
    guard.check("telegram:new")
    assert len(guard) == 1
