"""Today, live, in headless Debian Chromium: a simulated Twilio caller (the package's Media
Streams simulator, real speech models, real time) rings a recording dealership; the signed-in
owner watches the call appear on Today and its transcript and agent state grow while it is in
progress, sees it leave when it ends, then plays its recording from Calls.

``FRONTDESK_SCREENSHOTS=1`` saves ``docs/screenshots/console-today-live.png``.
"""

from __future__ import annotations

import httpx
import pytest

from tests.api.test_console_browser import LAPTOP, _shot
from tests.auth import owner_key, sign_in
from tests.fakes.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.fakes.twilio import AUTH_TOKEN, MediaStreamClient, TwilioSide
from tests.voice.conftest import attached_recording

pytestmark = [pytest.mark.engine, pytest.mark.e2e]

ANSWERED = """([card, word]) => {
  const lines = [...document.querySelectorAll(card + ' .live-transcript li')];
  const asked = lines.findIndex(l => l.classList.contains('user')
                                     && l.textContent.toLowerCase().includes(word));
  return asked >= 0 && lines.slice(asked + 1).some(l => l.classList.contains('assistant'));
}"""
"""The caller's line (with ``word``) is on the card, and an agent line after it."""


async def test_today_follows_a_phone_call_live_and_calls_plays_its_recording(recorded_line,
                                                                             say) -> None:
    from playwright.async_api import async_playwright

    server = recorded_line
    await owner_key(server.app)  # the owner's account
    question = await say("What are your service hours?")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=CHROMIUM_FLAGS)
        try:
            page = await browser.new_page(viewport=LAPTOP)
            await page.goto(f"{server.url}/login")
            await sign_in(page, f"{server.url}/console")
            assert await page.locator("#no-active").count() == 1

            twilio = TwilioSide(server.url, AUTH_TOKEN)
            call_sid, stream = await twilio.ring(profile="dealership", caller="+15125550142")
            sid = stream.parameters["session_id"]
            card = f"#call-{sid}"
            async with MediaStreamClient(stream, call_sid=call_sid) as media:
                # No reload: the page finds the new call and follows it over /ws.
                await page.wait_for_selector(f"{card}.live li.assistant", timeout=20_000)
                assert "Thanks for calling" in await page.inner_text(f"{card} .live-transcript")
                assert await page.locator("#no-active").count() == 0
                assert await page.inner_text("#active-count") == "1"
                assert await media.greeted(), "no greeting"
                await media.say(question)
                await page.wait_for_function(ANSWERED, arg=[card, "hours"], timeout=30_000)
                assert media.closed_at is None  # all of this while the call is in progress
                state = page.locator(f"{card} .state")
                assert await state.is_visible()
                assert await state.locator(".intent").inner_text() != "—"
                assert await state.locator(".agent").inner_text() != "—"
                assert int(await page.inner_text(f"{card} .turns")) >= 1
                await _shot(page, "today-live")
                await media.hang_up()  # while the reply is still being said
            # The ended call leaves Today on its own.
            await page.wait_for_selector(card, state="detached", timeout=20_000)
            assert await page.locator("#no-active").count() == 1

            assert await attached_recording(server.app.state.services, sid) is not None
            await page.click("#nav-calls")
            await page.click(f"tr.call a[href='/console/calls/{sid}']")
            await page.wait_for_url(f"{server.url}/console/calls/{sid}")
            assert "hours" in (await page.inner_text("#transcript")).lower()
            await page.wait_for_function(
                "() => document.querySelector('#recording').readyState >= 1", timeout=15_000)
            assert await page.eval_on_selector("#recording", "a => a.duration") > 3.0
            await page.eval_on_selector("#recording", "a => a.play()")
            await page.wait_for_function(
                "() => document.querySelector('#recording').currentTime > 0.3", timeout=15_000)
            url = await page.eval_on_selector("#recording", "a => a.src")
            async with httpx.AsyncClient() as anonymous:
                assert (await anonymous.get(url)).status_code == 401
        finally:
            await browser.close()
