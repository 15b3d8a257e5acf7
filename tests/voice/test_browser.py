"""A browser call from the ``/call`` page: headless Debian Chromium with a fake microphone
playing a WAV, WebRTC to the live server, the page's transcript and agent audio checked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from frontdesk.app import create_app
from frontdesk.audio.pcm import Audio, write_wav
from frontdesk.config import Settings, WebRTCSettings
from frontdesk.storage.models import ConversationTurn
from tests.conftest import fixed_clock
from tests.fakes.browser import launch_chromium
from tests.fakes.live import LiveServer

pytestmark = [pytest.mark.engine, pytest.mark.e2e]



def _with_silence(audio: Audio, before_s: float, after_s: float, rate: int = 48_000) -> Audio:
    speech = audio.to_rate(rate)
    return Audio(b"\x00\x00" * int(before_s * rate) + speech.pcm
                 + b"\x00\x00" * int(after_s * rate), rate)


@pytest.fixture
async def server(tmp_path, engines):
    settings = Settings(env="test", data_dir=tmp_path,
                        webrtc=WebRTCSettings(allow_loopback=True))
    app = create_app(settings, clock=fixed_clock, engines=engines)
    async with LiveServer(app) as live:
        yield live


async def test_a_browser_call_shows_words_and_plays_the_agent(server, say, tmp_path) -> None:
    from playwright.async_api import async_playwright

    # The fake microphone: quiet while the greeting plays, then one question, then quiet.
    line = await say("What are your service hours?")
    wav = tmp_path / "caller.wav"
    write_wav(wav, _with_silence(line, before_s=9.0, after_s=20.0))
    async with async_playwright() as pw:
        browser = await launch_chromium(pw, wav)
        try:
            page = await browser.new_page()
            await page.goto(f"{server.url}/call")
            await page.select_option("#profile", "dealership")
            await page.click("#call")
            await page.wait_for_selector("li.assistant", timeout=20_000)  # the greeting
            await page.wait_for_selector("li.user", timeout=30_000)
            await page.wait_for_function(
                "() => document.querySelectorAll('li.assistant').length >= 2", timeout=20_000)
            user_lines = await page.locator("li.user").all_inner_texts()
            agent_lines = await page.locator("li.assistant").all_inner_texts()
            # The reply's audio started (its latency event), and the page received the audio.
            await page.wait_for_function(
                "() => document.getElementById('latency').textContent.endsWith('ms')", timeout=15_000)
            await page.wait_for_function(
                "() => Number(document.getElementById('heard').dataset.seconds) > 8", timeout=15_000)
            conversation_id = await page.evaluate("document.body.dataset.session")
            await page.click("#hangup")
        finally:
            await browser.close()
    assert "hours" in user_lines[0].lower(), user_lines
    assert agent_lines[0].startswith("Thanks for calling Riverside Motors")
    assert any(word in agent_lines[1].lower() for word in ("monday", "open", "am")), agent_lines
    runtime = server.app.state.services
    async with runtime.sessions() as db:
        turns = list(await db.scalars(select(ConversationTurn).where(
            ConversationTurn.conversation_id == conversation_id).order_by(ConversationTurn.seq)))
    assert turns[1].role == "user" and "hours" in turns[1].text.lower()
    assert turns[2].total_ms and turns[2].total_ms > 0  # voice-to-voice latency recorded
    state, _ = await runtime.conversations.get(conversation_id)
    assert state.channel == "web"
