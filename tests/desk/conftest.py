"""A bot on the fake Telegram Bot API with the counsellor desk in front of the same runtime.

Every bed checks at its end, over all Bot API calls it recorded, that nothing the person typed
(phone number, name, free text, messages) reached a counsellor group: the offices here use
`notify: minimal`, the default.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest

from bot.bench.fake_bot_api import FakeBotApi
from bot.channels.telegram.counsellors import CounsellorDesk
from bot.channels.telegram.handoff_delivery import TelegramDeliverer
from bot.clock import FakeClock
from bot.desk.accounts import Accounts
from bot.desk.app import desk_routes
from bot.runtime import Runtime, open_runtime
from bot.settings import BUNDLED_CONTENT, Settings
from bot.web import create_web_app
from tests.telegram.conftest import (
    ask_for_a_counsellor_about_losing_the_flat,
    feed,
    make_channel,
    told_reference,
)

PERSON = 7001
DRESDEN_GROUP, PIRNA_GROUP, RETURN_GROUP = -2001, -2002, -2003
DESK_URL = "https://beratung.example/desk"
CONFIG = f"""
desk_url: {DESK_URL}
offices:
  dresden: {{telegram_group: {DRESDEN_GROUP}, forum: false}}
  pirna: {{telegram_group: {PIRNA_GROUP}, forum: true}}
  return_ssoe: {{telegram_group: {RETURN_GROUP}}}
"""
PASSWORD = "richtig-langes-passwort"
PHONE = "0151 2345 6789"
NAME = "Olena Kowalenko"
NOTE = "Der Vermieter droht mit Räumung wegen Schimmel"
GROUP_METHODS = ("sendMessage", "editMessageText", "createForumTopic", "copyMessage")


class DeskBed:
    """The runtime, the Telegram channel on the fake API, the outbox and the desk's web app."""

    def __init__(
        self, api: FakeBotApi, runtime: Runtime, channel: Any, clock: FakeClock, folder: Path
    ) -> None:
        self.api, self.runtime, self.channel, self.clock = api, runtime, channel, clock
        self.typed: list[str] = []  # everything the person typed as free text
        self.outbox = runtime.start_outbox(
            TelegramDeliverer(channel.application.bot, channel.sender, runtime.config)
        )
        assert runtime.cipher is not None
        self.accounts = Accounts(folder, runtime.cipher)
        self.totp = {
            "anna": self.accounts.add("anna", "Anna Berger", ["pirna"], PASSWORD),
            "david": self.accounts.add("david", "David Richter", ["dresden"], PASSWORD),
        }
        self.web = create_web_app(extra_routes=desk_routes(runtime.handoff, self.accounts))

    def client(self) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.web, client=("192.0.2.7", 5000))
        return httpx.AsyncClient(transport=transport, base_url="https://desk.test")

    def code(self, login: str) -> str:
        """The code the authenticator app shows next: 30 s on, since a code is valid once."""
        self.clock.advance(30)
        return pyotp.TOTP(self.totp[login]).at(self.clock.now())

    async def say(self, text: str) -> None:
        self.typed.append(text)
        await feed(
            self.channel.application, self.api.message_update(PERSON, text, language_code="de")
        )

    async def press(self, suffix: str) -> None:
        for message in reversed(self.api.bot_messages(PERSON)):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if button["callback_data"].endswith(suffix):
                        update = self.api.callback_update(
                            PERSON, button["callback_data"], message["message_id"]
                        )
                        await feed(self.channel.application, update)
                        return
        raise AssertionError(f"no button ending in {suffix!r}")

    def person_texts(self) -> list[str]:
        return [m["text"] for m in self.api.bot_messages(PERSON)]

    def group_calls(self) -> list[str]:
        """Every text, topic name and copy the bot sent to any group, as JSON-ish strings."""
        return [
            str(call.params)
            for call in self.api.calls
            if call.method in GROUP_METHODS and int(call.params.get("chat_id", 0)) < 0
        ]


async def open_desk_bed(api: FakeBotApi, folder: Path, clock: FakeClock) -> DeskBed:
    config = folder / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    settings = Settings(data_dir=folder, config_file=config, content_dir=BUNDLED_CONTENT)
    runtime = await open_runtime(settings, clock=clock, guard_floods=False)
    hook = CounsellorDesk(runtime.handoff, runtime.storage)
    channel = make_channel(
        api,
        runtime.conversation,
        counsellor_groups=lambda: runtime.config.groups,
        counsellor_hook=hook.on_update,
    )
    await channel.application.initialize()
    return DeskBed(api, runtime, channel, clock, folder)


@pytest.fixture
async def desk_bed(tmp_path: Path) -> AsyncIterator[DeskBed]:
    api = FakeBotApi()
    bed = await open_desk_bed(api, tmp_path, FakeClock())
    yield bed
    await bed.channel.application.shutdown()
    await bed.runtime.close()
    assert_nothing_personal_in_groups(bed)


def assert_nothing_personal_in_groups(bed: DeskBed) -> None:
    """Over all recorded group calls: no phone number, name or person-written text."""
    calls = bed.group_calls()
    digits = re.sub(r"\D", "", PHONE)
    for call in calls:
        assert digits not in re.sub(r"\D", "", call), call
        assert "copyMessage" not in call
        for typed in bed.typed:
            if len(typed) >= 3:
                assert typed not in call, (typed, call)


async def make_request(bed: DeskBed, place: str = ".pirna") -> str:
    """A German-speaking person asks for a phone call about losing the flat; returns the ref."""
    await ask_for_a_counsellor_about_losing_the_flat(bed, PERSON, "de", place)
    await bed.press(".yes")  # consent
    await bed.press(".phone")
    await bed.press(".any")
    await bed.press("interpreter.no")
    await bed.say(PHONE)
    await bed.say(NAME)
    await bed.press(".urgent")
    await bed.say(NOTE)
    await bed.press(".send")
    return told_reference(bed)


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, html[:500]
    return found.group(1)


async def sign_in(bed: DeskBed, client: httpx.AsyncClient, login: str = "anna") -> httpx.Response:
    page = await client.get("/desk/login")
    form = {
        "csrf": csrf_of(page.text),
        "login": login,
        "password": PASSWORD,
        "code": bed.code(login),
    }
    return await client.post("/desk/login", data=form)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say in one line why the browser tests did not run (pytest -q hides skip reasons)."""
    for report in terminalreporter.stats.get("skipped", []):
        if "test_desk_browser" in str(report.nodeid) or "browser tests skipped" in str(
            report.longrepr
        ):
            terminalreporter.write_line(str(report.longrepr[-1]))
            return
