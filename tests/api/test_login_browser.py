"""Sign in through the real /login page in headless Debian Chromium: the form, the cookies a
real browser keeps (HttpOnly, SameSite, Secure on a loopback address) and signing out."""

from __future__ import annotations

import pytest

from frontdesk.app import create_app
from frontdesk.config import Settings
from tests.auth import OWNER_EMAIL, OWNER_PASSWORD, owner_key
from tests.conftest import fixed_clock
from tests.fakes.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.fakes.live import LiveServer

pytestmark = [pytest.mark.e2e]


async def test_sign_in_and_out_in_chromium(tmp_path) -> None:
    from playwright.async_api import async_playwright

    app = create_app(Settings(env="test", data_dir=tmp_path, voice_enabled=False),
                     clock=fixed_clock)
    async with LiveServer(app) as server:
        await owner_key(app)  # creates the owner
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                               args=CHROMIUM_FLAGS)
            try:
                page = await browser.new_page()
                await page.goto(f"{server.url}/account/password")
                assert "/login" in page.url  # not signed in: sent to the sign-in page
                await page.fill("#email", OWNER_EMAIL)
                await page.fill("#password", "wrong password")
                await page.click("#submit")
                assert "Wrong email or password" in await page.inner_text("#error")
                await page.fill("#email", OWNER_EMAIL)
                await page.fill("#password", OWNER_PASSWORD)
                await page.click("#submit")
                await page.wait_for_url(f"{server.url}/account/password")
                assert OWNER_EMAIL in await page.content()
                cookies = {c["name"]: c for c in await page.context.cookies()}
                session = cookies["frontdesk_session"]
                assert session["httpOnly"] and session["sameSite"] == "Lax"
                assert session["secure"]
                # The browser's own cookie jar (the pages' CSP forbids their scripts to fetch).
                me = await (await page.context.request.get(f"{server.url}/api/me")).json()
                assert me["email"] == OWNER_EMAIL and me["via"] == "session"
                await page.click("#logout")
                await page.wait_for_url(f"{server.url}/login")
                assert (await page.context.request.get(f"{server.url}/api/me")).status == 401
            finally:
                await browser.close()
