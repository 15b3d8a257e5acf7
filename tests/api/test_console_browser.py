"""The console in headless Debian Chromium: sign in, find a text conversation in Calls and read
it (its recording plays with the session cookie), claim and complete the callback a caller
asked for, and switch a person's presence on Team.

``FRONTDESK_SCREENSHOTS=1`` also saves each page to ``docs/screenshots/console-*.png`` (for
docs/console.md); without it the test writes nothing outside its temporary folder.
"""

from __future__ import annotations

import math
import os
import struct
from pathlib import Path

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import Settings
from frontdesk.voice.recording import OggOpusWriter
from tests.auth import OWNER_EMAIL, owner_key, sign_in
from tests.conftest import fixed_clock
from tests.fakes.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.fakes.live import LiveServer

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


async def _shot(page, name: str) -> None:
    if os.environ.get("FRONTDESK_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / f"console-{name}.png"), full_page=True)


async def _conversation(api: httpx.AsyncClient, profile: str, *lines: str) -> str:
    sid = (await api.post("/api/sessions", json={"profile": profile})).json()["session_id"]
    for line in lines:
        assert (await api.post("/api/chat", json={"session_id": sid, "message": line})
                ).status_code == 200
    return sid


async def _record(app, sid: str, tmp_path: Path) -> None:
    """A real one-second stereo Ogg/Opus recording, as a recorded call leaves one."""
    rate = 16_000
    tone = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                    for i in range(rate))
    part = tmp_path / "recording.ogg"
    writer = OggOpusWriter(part, rate)
    writer.write(tone, bytes(len(tone)))
    writer.close()
    recordings = app.state.services.recordings
    final = recordings.new_file(sid)
    part.replace(final)
    assert await recordings.attach(sid, final, writer.duration_s)


async def test_the_console_in_chromium(tmp_path) -> None:
    from playwright.async_api import async_playwright

    app = create_app(Settings(env="test", data_dir=tmp_path, voice_enabled=False),
                     clock=fixed_clock)
    async with LiveServer(app) as server:
        key = await owner_key(app)
        async with httpx.AsyncClient(base_url=server.url, timeout=30,
                                     headers={"Authorization": f"Bearer {key}"}) as api:
            sid = await _conversation(api, "dealership", "hi, I need an oil change",
                                      "what are your hours on saturday?")
            await _record(app, sid, tmp_path)
            await _conversation(api, "dealership", "this is Tom Becker, can I bring my 2016 Ford "
                                "F-150 in for an oil change today at 2 pm?", "(512) 555-0199",
                                "yes")
            await _conversation(api, "real_estate", "hi I'm thinking about selling my house",
                                "this is Dana Whitfield, my number is 512-555-0147",
                                "I'm driving right now, can somebody call me back tomorrow "
                                "morning?")
            (task,) = (await api.get("/api/tasks", params={"type": "callback"})).json()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                               args=CHROMIUM_FLAGS)
            try:
                page = await browser.new_page(viewport=LAPTOP)
                await page.goto(f"{server.url}/login")
                await sign_in(page, f"{server.url}/console")  # Today, by default
                assert await page.locator(f"#active a[href='/console/calls/{sid}']").count() == 1
                assert await page.inner_text("#open-tasks") == "1"
                assert "Tom Becker" in await page.inner_text("#bookings")
                await _shot(page, "today")

                # Calls: the text conversation is listed; search finds it; it reads whole.
                await page.click("#nav-calls")
                await page.wait_for_url(f"{server.url}/console/calls")
                assert await page.locator("tr.call").count() == 3
                await _shot(page, "calls")
                await page.fill("#q", "hours on Saturday")
                await page.click("#search")
                await page.wait_for_url("**/console/calls?q=hours+on+Saturday*")
                assert await page.locator("tr.call").count() == 1
                await page.click(f"a[href='/console/calls/{sid}']")
                await page.wait_for_url(f"{server.url}/console/calls/{sid}")
                transcript = await page.inner_text("#transcript")
                assert "I need an oil change" in transcript and "brain" in transcript
                # The player loads the recording with the session cookie (CSP: media 'self').
                await page.wait_for_function(
                    "() => document.querySelector('#recording').readyState >= 1", timeout=15_000)
                duration = await page.eval_on_selector("#recording", "a => a.duration")
                assert 0.5 < duration < 2.0
                assert (await page.context.request.get(
                    f"{server.url}/api/calls/{sid}/recording")).status == 200
                await _shot(page, "call")

                # Tasks: claim, then complete, the callback Dana asked for.
                await page.click("#nav-tasks")
                row = page.locator(f"#task-{task['task_id']}")
                assert "Dana Whitfield" in await row.inner_text()
                await _shot(page, "tasks")
                await row.locator("button.claim").click()
                await page.wait_for_url("**/console/tasks?done=claimed")
                assert f"claimed by {OWNER_EMAIL}" in await row.locator(".task-status").inner_text()
                await row.locator("button.complete").click()
                await page.wait_for_url("**/console/tasks?done=completed")
                assert await row.count() == 0 and await page.locator("#empty").count() == 1

                # Team: Sarah at the dealership goes busy.
                await page.click("#nav-team")
                sarah = page.locator("#member-dealership-sarah")
                assert await sarah.locator(".presence").inner_text() == "available"
                await sarah.locator("select").select_option("busy")
                await sarah.locator("button.set-presence").click()
                await page.wait_for_url("**/console/team*")
                assert await sarah.locator(".presence").inner_text() == "busy"
                await _shot(page, "team")
                roster = await page.context.request.get(f"{server.url}/api/staff/dealership")
                assert (await roster.json())["staff"][0]["presence"] == "busy"

                # On a phone's screen the tables stack; the call page still reads.
                await page.set_viewport_size(PHONE)
                await page.goto(f"{server.url}/console/calls/{sid}")
                await _shot(page, "phone-call")
                await page.click("#logout")
                await page.wait_for_url(f"{server.url}/login")
            finally:
                await browser.close()
