"""The Business page in headless Debian Chromium: an owner changes an FAQ answer, and a new
text conversation (as a website visitor starts one) gets the new answer, no restart.

``FRONTDESK_SCREENSHOTS=1`` also saves ``docs/screenshots/console-business.png`` and
``console-settings.png`` (for docs/console.md).
"""

from __future__ import annotations

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import Settings
from tests.api.test_console_browser import LAPTOP, _shot
from tests.auth import owner_key, sign_in
from tests.conftest import fixed_clock
from tests.fakes.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.fakes.live import LiveServer

pytestmark = [pytest.mark.e2e]

NEW_ANSWER = "Every service customer gets a free loaner car, whatever the repair."


async def _ask(server_url: str, question: str) -> str:
    """A visitor's new conversation, with nothing but its own token."""
    async with httpx.AsyncClient(base_url=server_url, timeout=30) as visitor:
        started = (await visitor.post("/api/sessions", json={"profile": "dealership"})).json()
        reply = await visitor.post("/api/chat", json={"session_id": started["session_id"],
                                                      "message": question},
                                   headers={"X-Session-Token": started["session_token"]})
        return reply.json()["reply"]


async def test_an_faq_edit_in_chromium_answers_the_next_conversation(tmp_path) -> None:
    from playwright.async_api import async_playwright

    app = create_app(Settings(env="test", data_dir=tmp_path, voice_enabled=False),
                     clock=fixed_clock)
    async with LiveServer(app) as server:
        await owner_key(app)  # creates the owner
        assert "4 hours" in await _ask(server.url, "do you have loaner cars?")
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                               args=CHROMIUM_FLAGS)
            try:
                page = await browser.new_page(viewport=LAPTOP)
                await page.goto(f"{server.url}/login?next=/console/business")
                await sign_in(page, f"{server.url}/console/business/dealership")

                loaner = page.locator("#faq-loaner textarea.answer")
                assert "4 hours" in await loaner.input_value()
                await loaner.fill(NEW_ANSWER)
                await page.click("#save-faq")
                await page.wait_for_url("**/console/business/dealership?saved=2*")
                assert "version 2" in await page.inner_text("#notice")
                assert "faq[loaner].answer" in await page.inner_text("#version-2")
                assert await page.locator("#faq-loaner textarea.answer").input_value() == \
                    NEW_ANSWER
                await _shot(page, "business")

                assert NEW_ANSWER in await _ask(server.url, "do you have loaner cars?")

                await page.click("#nav-settings")
                await page.wait_for_url(f"{server.url}/console/settings")
                await page.fill("#key-name", "website CRM")
                await page.click("#create-key-button")
                key = await page.inner_text("#new-key-value")
                assert key.startswith("fd_")
                await _shot(page, "settings")
            finally:
                await browser.close()
