"""The desk in a real browser: Debian's Chromium, headless, driven by Selenium through
chromium-driver. Sign-in with TOTP, the list, claim, an appointment from the date picker, a
message that reaches the person on the fake Telegram, close; then the security cases. The run
writes screenshots of the main pages to docs/screenshots/ (linked from the README).

Without Chromium the tests skip with one line; `.ci/run` sets WEGWEISER_REQUIRE_BROWSER=1, so in
CI a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.desk.auth import SESSION_HOURS
from bot.handoff.model import Status
from bot.web import EmbeddedServer
from tests.desk.conftest import PASSWORD, DeskBed, make_request, open_desk_bed

CHROMIUM = os.environ.get("WEGWEISER_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("WEGWEISER_CHROMEDRIVER", "/usr/bin/chromedriver")
# Screenshots go to a scratch folder; `WEGWEISER_SCREENSHOTS=docs/screenshots` refreshes the
# committed ones (references are random, so every run would otherwise change them).
SCREENSHOTS = Path(
    os.environ.get("WEGWEISER_SCREENSHOTS")
    or Path(tempfile.gettempdir()) / "wegweiser-desk-screenshots"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def _browser_missing() -> str | None:
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        return f"no {CHROMIUM} or {DRIVER} (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("WEGWEISER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests must run here: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="desk-chromium-", dir=tmp_path)
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1100,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Session:
    """The browser against the desk served by uvicorn in this event loop: every blocking
    Selenium call runs in a thread, so the server keeps answering."""

    def __init__(self, driver: Any, base: str, bed: DeskBed) -> None:
        self.driver, self.base, self.bed = driver, base, bed

    async def run(self, call: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.to_thread(call, *args)

    async def open(self, path: str) -> None:
        await self.run(self.driver.get, self.base + path)

    async def fill(self, field: str, text: str) -> None:
        from selenium.webdriver.common.by import By

        element = await self.run(self.driver.find_element, By.ID, field)
        await self.run(element.clear)
        await self.run(element.send_keys, text)

    async def click(self, element_id: str) -> None:
        """Press a form's button and wait until the answer page has replaced this one."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By

        page = await self.run(self.driver.find_element, By.TAG_NAME, "html")
        element = await self.run(self.driver.find_element, By.ID, element_id)
        try:
            await self.run(element.click)
        except WebDriverException as error:
            # Chromium may already be on the answer page when chromedriver looks at the
            # pressed node again after the click; the wait below shows whether it navigated.
            if "does not belong to the document" not in str(error):
                raise
        await self._answered(page)

    async def submit_without_csrf(self, element_id: str) -> None:
        """Remove every form's CSRF token and press the button, in one script on one page (as
        a forged form from another site would come without it); wait for the answer page."""
        from selenium.webdriver.common.by import By

        page = await self.run(self.driver.find_element, By.TAG_NAME, "html")
        script = (
            "const tokens = document.querySelectorAll('input[name=csrf]');"
            "tokens.forEach(e => e.remove());"
            "document.getElementById(arguments[0]).click();"
            "return tokens.length;"
        )
        removed = await self.run(self.driver.execute_script, script, element_id)
        assert removed > 0, "the page had no CSRF token to remove"
        await self._answered(page)

    async def _answered(self, page: Any) -> None:
        """Until `page` is replaced and the new page has loaded completely (a later step must
        not act on a page that is still arriving)."""
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
        from selenium.webdriver.support.wait import WebDriverWait

        def replaced(driver: Any) -> bool:
            try:
                page.is_enabled()
            except StaleElementReferenceException:
                return True
            except WebDriverException as error:
                # Chromium, asked about a node of the page it has just left, may answer so
                # instead of "stale element" (seen once in CI with Chromium 156).
                if "does not belong to the document" in str(error):
                    return True
                raise
            return False

        wait = WebDriverWait(self.driver, 30)
        await self.run(wait.until, replaced)
        loaded = "return document.readyState === 'complete';"
        await self.run(wait.until, lambda driver: driver.execute_script(loaded))

    async def set_value(self, element_id: str, value: str) -> None:
        """A date picker is set as a person's picker would set it (typing differs per locale)."""
        script = "document.getElementById(arguments[0]).value = arguments[1];"
        await self.run(self.driver.execute_script, script, element_id, value)

    async def text(self) -> str:
        from selenium.webdriver.common.by import By

        body = await self.run(self.driver.find_element, By.TAG_NAME, "body")
        return str(await self.run(lambda: body.text))

    async def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await self.run(self.driver.save_screenshot, str(SCREENSHOTS / f"{name}.png"))

    async def sign_in(
        self, login: str = "anna", password: str = PASSWORD, code: str | None = None
    ) -> None:
        await self.open("/desk/login")
        await self.fill("login", login)
        await self.fill("password", password)
        await self.fill("code", self.bed.code(login) if code is None else code)
        await self.click("login-submit")


@pytest.fixture
async def desk(browser: Any, tmp_path: Path) -> AsyncIterator[Session]:
    from bot.bench.fake_bot_api import FakeBotApi
    from bot.clock import FakeClock
    from tests.desk.conftest import assert_nothing_personal_in_groups

    bed = await open_desk_bed(FakeBotApi(), tmp_path, FakeClock())
    # http://localhost is a secure context for Chromium: the Secure cookie is kept
    server = EmbeddedServer(bed.web, host="127.0.0.1", port=0)
    try:
        async with server.running():
            yield Session(browser, f"http://localhost:{server.port}", bed)
    finally:
        await bed.channel.application.shutdown()
        await bed.runtime.close()
    assert_nothing_personal_in_groups(bed)


async def test_a_counsellor_works_a_request_in_the_browser(desk: Session) -> None:
    bed = desk.bed
    ref = await make_request(bed)
    await bed.outbox.run_once()
    await desk.open("/desk/login")
    await desk.shot("desk-login")
    await desk.sign_in()
    listing = await desk.text()
    assert ref in listing and "dringend" in listing and "30 Tage nach Abschluss" in listing
    await desk.shot("desk-requests")

    await desk.open(f"/desk/requests/{ref}")
    page = await desk.text()
    assert "Olena Kowalenko" in page and "Schimmel" in page
    await desk.shot("desk-request")

    await desk.click("claim")
    assert "Erledigt." in await desk.text()
    assert (await bed.runtime.handoff.store.get_request(ref)).status is Status.CLAIMED

    await desk.set_value("when", "2026-12-02T14:00")
    await desk.fill("place", "Beratungsstelle Pirna, Raum 3")
    await desk.click("propose")
    request = await bed.runtime.handoff.store.get_request(ref)
    assert request.status is Status.PROPOSED
    assert request.appointment.starts_at.isoformat() == "2026-12-02T14:00:00+01:00"

    await desk.fill("text", "Bitte bringen Sie das Kündigungsschreiben mit.")
    await desk.click("write")
    await bed.outbox.run_once()
    assert any("Bitte bringen Sie das Kündigungsschreiben mit." in t for t in bed.person_texts())
    assert any("Raum 3" in t for t in bed.person_texts())  # the appointment reached the person

    await bed.say("Ja, ich bringe es mit")
    await desk.open(f"/desk/requests/{ref}")
    assert "Ja, ich bringe es mit" in await desk.text()
    await desk.shot("desk-request-messages")

    await desk.click("close")
    assert "abgeschlossen" in await desk.text()
    assert (await bed.runtime.handoff.store.get_request(ref)).status is Status.CLOSED

    await desk.run(desk.driver.set_window_size, 390, 844)  # a phone
    await desk.open("/desk/requests")
    await desk.shot("desk-requests-phone")


async def test_security_cases_in_the_browser(desk: Session) -> None:
    bed = desk.bed
    ref = await make_request(bed)
    for _ in range(4):
        await desk.sign_in(password="falsch-falsch-falsch")
    assert "Anmeldung fehlgeschlagen" in await desk.text()
    await desk.sign_in(password="falsch-falsch-falsch")  # the fifth locks the account
    await desk.sign_in()  # right password, but locked
    assert "gesperrt" in await desk.text()
    await desk.shot("desk-locked")

    await desk.sign_in("david")  # Dresden: another office's request is not found
    await desk.open(f"/desk/requests/{ref}")
    assert "Nicht gefunden." in await desk.text()

    # a form whose token was removed (as a forged form from another site would lack it)
    bed.clock.advance(16 * 60)
    await desk.sign_in("anna")
    await desk.open(f"/desk/requests/{ref}")
    await desk.submit_without_csrf("claim")
    assert "Formular abgelaufen oder ungültig." in await desk.text()
    assert (await bed.runtime.handoff.store.get_request(ref)).status is Status.NEW

    bed.clock.advance(SESSION_HOURS * 3600 + 60)
    await desk.open("/desk/requests")
    assert "Die Sitzung ist abgelaufen" in await desk.text()
