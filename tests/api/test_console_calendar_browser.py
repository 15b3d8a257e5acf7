"""The console's Calendar and Leads in headless Debian Chromium: sign in, find 2 PM full on
the day sheet, move one of its appointments to an open time, and see the freed 2 PM offered to
the next caller in a new text conversation; then the leads pipeline.

``FRONTDESK_SCREENSHOTS=1`` also saves ``docs/screenshots/console-calendar.png``,
``console-appointment.png``, ``console-leads.png`` and ``console-phone-calendar.png`` (for
docs/console.md).
"""

from __future__ import annotations

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import Settings
from tests.api.test_console_browser import LAPTOP, PHONE, _conversation, _shot
from tests.auth import owner_key, sign_in
from tests.conftest import fixed_clock
from tests.fakes.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.fakes.live import LiveServer

pytestmark = [pytest.mark.e2e]

TWO_PM = "can I bring my {car} in for an oil change today at 2 pm?"


async def _replies(api: httpx.AsyncClient, *lines: str) -> list[str]:
    sid = (await api.post("/api/sessions", json={"profile": "dealership"})).json()["session_id"]
    return [(await api.post("/api/chat", json={"session_id": sid, "message": line})).json()["reply"]
            for line in lines]


async def test_moving_an_appointment_frees_its_slot_for_the_next_caller(tmp_path) -> None:
    from playwright.async_api import async_playwright

    app = create_app(Settings(env="test", data_dir=tmp_path, voice_enabled=False),
                     clock=fixed_clock)
    async with LiveServer(app) as server:
        key = await owner_key(app)
        async with httpx.AsyncClient(base_url=server.url, timeout=30,
                                     headers={"Authorization": f"Bearer {key}"}) as api:
            # Both service bays are taken at 2 PM today (Monday, 9:00 in Austin).
            for name, car, phone in (("Tom Becker", "2016 Ford F-150", "(512) 555-0199"),
                                     ("Ann Lee", "2019 Honda Civic", "(512) 555-0123")):
                await _conversation(api, "dealership", f"this is {name}, "
                                    + TWO_PM.format(car=car), phone, "yes")
            await _conversation(api, "dealership", "this is Bob Stone, can I come in for a tire "
                                "rotation Wednesday at 10 am?", "(512) 555-0177", "yes")
            await _conversation(api, "real_estate", "hi, this is Jane Porter, we want to buy in "
                                "Austin within 2 months, budget 600k, we're pre-approved",
                                "my number is 512-555-0150")
            await _conversation(api, "real_estate", "hi I'm thinking about selling my house",
                                "this is Dana Whitfield, my number is 512-555-0147",
                                "I'm driving right now, can somebody call me back tomorrow "
                                "morning?")
            cara = ("this is Cara Diaz, " + TWO_PM.format(car="2018 Mazda 3"), "(512) 555-0144")
            assert "today at 2 PM is already booked" in (await _replies(api, cara[0]))[0]
            tom = next(a for a in (await api.get("/api/appointments")).json()
                       if a["customer_name"] == "Tom Becker")

            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_FLAGS)
                try:
                    page = await browser.new_page(viewport=LAPTOP)
                    await page.goto(f"{server.url}/login")
                    await sign_in(page, f"{server.url}/console")

                    # Today's sheet: 2 PM is full in the service department.
                    await page.click("#nav-calendar")
                    await page.wait_for_url(f"{server.url}/console/calendar")
                    two = page.locator("#slot-service-1400")
                    assert await two.locator(".in-use").inner_text() == "2 of 2"
                    assert await two.locator(".slot-state").inner_text() == "full"
                    await _shot(page, "calendar")

                    # Tom's oil change moves to 4 PM, an open time offered on its page.
                    await two.locator(f"#appointment-{tom['id']}").click()
                    await page.wait_for_url(f"**/console/calendar/dealership/{tom['id']}")
                    assert "Tom Becker" in await page.inner_text("#customer")
                    await _shot(page, "appointment")
                    await page.click("#move-202611231600")
                    await page.wait_for_url("**/console/calendar?*done=moved*")
                    assert "Moved." in await page.inner_text("#notice")
                    assert await two.locator(".in-use").inner_text() == "1 of 2"
                    assert await two.locator(".slot-state").inner_text() == "open"
                    assert "Tom Becker" in await page.inner_text("#slot-service-1600")

                    # The next caller who asks for 2 PM gets it read back.
                    replies = await _replies(api, *cara)
                    assert "already booked" not in replies[0] and "today at 2 PM" in replies[1]

                    # Leads: the pipeline, Jane qualified, Dana waiting for her callback.
                    await page.click("#nav-leads")
                    await page.wait_for_url(f"{server.url}/console/leads")
                    assert "Jane Porter" in await page.inner_text("#stage-qualified")
                    assert "Call back by Tue 24 Nov 10:00" in await page.inner_text(".pipeline")
                    await _shot(page, "leads")

                    # On a phone's screen both pages fit its width (tables stack, columns wrap).
                    await page.set_viewport_size(PHONE)
                    for path in ("/console/leads", "/console/calendar"):
                        await page.goto(f"{server.url}{path}")
                        width = await page.evaluate("document.documentElement.scrollWidth")
                        assert width <= PHONE["width"], (path, width)
                    await _shot(page, "phone-calendar")
                finally:
                    await browser.close()
