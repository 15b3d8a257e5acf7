"""Today's live cards in headless Debian Chromium, over text conversations (no speech models):
an escalation to a person shows as it goes, what a caller says is shown as text even when it
looks like markup, and an ended conversation is marked, then leaves — with no script error and
nothing the page's Content-Security-Policy had to block. (The phone call, end to end, is
``tests/voice/test_console_live.py``.)"""

from __future__ import annotations

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import EscalationSettings, Settings
from tests.auth import owner_key, sign_in
from tests.conftest import fixed_clock
from tests.fakes.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.fakes.live import LiveServer

pytestmark = [pytest.mark.e2e]

MARKUP = '<img src=x onerror="document.title=1"> hi'


async def test_today_shows_escalation_and_endings_as_they_happen(tmp_path) -> None:
    from playwright.async_api import async_playwright

    # The staff desk takes a second or two to answer, long enough to see it checking.
    app = create_app(Settings(env="test", data_dir=tmp_path, voice_enabled=False,
                              escalation=EscalationSettings(desk="simulated", min_wait_s=1.5,
                                                            max_wait_s=2.0,
                                                            human_available="always")),
                     clock=fixed_clock)
    async with LiveServer(app) as server:
        key = await owner_key(app)
        async with (httpx.AsyncClient(base_url=server.url, timeout=30,
                                      headers={"Authorization": f"Bearer {key}"}) as api,
                    async_playwright() as pw):
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                               args=CHROMIUM_FLAGS)
            try:
                page = await browser.new_page()
                problems: list[str] = []
                page.on("pageerror", lambda error: problems.append(str(error)))
                page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
                await page.goto(f"{server.url}/login")
                await sign_in(page, f"{server.url}/console")

                sid = (await api.post("/api/sessions", json={"profile": "dealership"})
                       ).json()["session_id"]
                card = page.locator(f"#call-{sid}")
                await page.wait_for_selector(f"#call-{sid}.live li.assistant", timeout=15_000)
                assert (await api.post("/api/chat", json={"session_id": sid, "message": MARKUP})
                        ).status_code == 200
                await card.locator("li.user").wait_for()
                assert await card.locator("li.user .said").inner_text() == MARKUP
                assert await card.locator("img").count() == 0

                assert (await api.post("/api/chat", json={
                    "session_id": sid, "message": "I want to talk to a manager"})).status_code == 200
                escalation = card.locator(".state .escalation")
                await page.wait_for_function(
                    "e => e.textContent.includes('checking for a person')",
                    arg=await escalation.element_handle(), timeout=10_000)
                assert await card.locator(".state .agent").inner_text() == "escalation"
                await page.wait_for_function("e => e.textContent === 'a person is free'",
                                             arg=await escalation.element_handle(),
                                             timeout=15_000)

                assert (await api.post(f"/api/sessions/{sid}/end")).status_code == 200
                await page.wait_for_selector(f"#call-{sid}.ended", timeout=10_000)
                assert (await card.locator(".state .status").inner_text()).startswith("ended")
                await page.wait_for_selector(f"#call-{sid}", state="detached", timeout=15_000)
                assert await page.inner_text("#active-count") == "0"
                assert await page.title() == "Today · Frontdesk"  # the markup never ran
                assert problems == []
            finally:
                await browser.close()
