"""A recorded phone call, over the real Twilio protocol in real time: the disclosure is said
first, and both sides end up in a playable stereo Ogg/Opus file (caller left, agent right)
that the API streams."""

from __future__ import annotations

from pathlib import Path

import av
import httpx
import numpy as np
import pytest
from sqlalchemy import select

from frontdesk.app import create_app
from frontdesk.audio.pcm import write_wav
from frontdesk.config import Settings, WebRTCSettings
from frontdesk.storage.models import Conversation, ConversationTurn
from tests.auth import authorize
from tests.conftest import fixed_clock
from tests.fakes.browser import launch_chromium
from tests.fakes.live import LiveServer
from tests.fakes.twilio import MediaStreamClient, TwilioSide
from tests.voice.conftest import attached_recording, recording_profiles
from tests.voice.test_browser import _with_silence

pytestmark = [pytest.mark.engine, pytest.mark.e2e]

DISCLOSURE = "This call may be recorded for quality."


def _decoded(path: Path) -> tuple[np.ndarray, int]:
    """(channels × samples as floats, sample rate) of an Ogg/Opus stereo file."""
    with av.open(str(path)) as container:
        codec = container.streams.audio[0].codec_context
        assert codec.name == "opus" and codec.channels == 2
        frames = [f.to_ndarray() for f in container.decode(audio=0)]
        return np.concatenate(frames, axis=1), codec.sample_rate


def _rms_windows(channel: np.ndarray, rate: int, window_s: float = 0.1) -> np.ndarray:
    size = int(rate * window_s)
    usable = channel[: len(channel) // size * size].reshape(-1, size)
    return np.sqrt((usable.astype(np.float64) ** 2).mean(axis=1))


async def test_a_recorded_call_discloses_first_and_keeps_both_sides(recorded_line, say) -> None:
    runtime = recorded_line.app.state.services
    twilio = TwilioSide(recorded_line.url)
    call_sid, stream = await twilio.ring(profile="dealership", caller="+15125550142")
    conversation_id = stream.parameters["session_id"]
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        assert await media.greeted(), "no greeting"
        await media.say(await say("What are your service hours?"))
        assert await media.next_reply(), "no reply"
        await media.hang_up()

    async with runtime.sessions() as db:
        first = await db.scalar(select(ConversationTurn.text).where(
            ConversationTurn.conversation_id == conversation_id, ConversationTurn.seq == 1))
    assert first.startswith(DISCLOSURE + " Thanks for calling"), first

    recording = await attached_recording(runtime, conversation_id)
    assert recording is not None, "no recording was attached to the call"
    assert recording.path.parent == runtime.settings.data_dir.resolve() / "recordings"
    async with runtime.sessions() as db:
        row = await db.get(Conversation, conversation_id)
        assert row.recording_path == f"recordings/{conversation_id}.ogg"

    decoded, rate = _decoded(recording.path)
    duration_s = decoded.shape[1] / rate
    assert duration_s > 3.0 and abs(duration_s - row.recording_duration_s) < 1.0
    caller, agent = _rms_windows(decoded[0], rate), _rms_windows(decoded[1], rate)
    loud = 0.02  # float samples in [-1, 1]
    assert agent.max() > loud, "the agent's side is silent"
    assert caller.max() > loud, "the caller's side is silent"
    # The caller's words are on the left while the agent waits: there are stretches where the
    # caller speaks and the agent is quiet (and the greeting, on the right, starts alone).
    assert ((caller > loud) & (agent < loud / 4)).sum() >= 5
    assert ((agent > loud) & (caller < loud / 4)).sum() >= 5

    async with httpx.AsyncClient(base_url=recorded_line.url) as http:
        await authorize(recorded_line.app, http)
        listed = (await http.get("/api/calls", params={"channel": "phone"})).json()
        assert listed["calls"][0]["recording_url"] == f"/api/calls/{conversation_id}/recording"
        head = await http.get(f"/api/calls/{conversation_id}/recording",
                              headers={"Range": "bytes=0-3"})
        assert head.status_code == 206 and head.content == b"OggS"
        jobs = (await http.get("/api/jobs", params={"kind": "recordings_cleanup"})).json()
        assert jobs, "the daily retention job was not scheduled"


async def test_a_recorded_browser_call_keeps_both_sides(tmp_path, say) -> None:
    """With engines of its own (a fresh phrase cache): in the full voice suite, on the shared
    engines, the agent's side of this recording came out silent in three runs on 2026-12-01
    though the call itself went right — not reproduced with any one earlier test file, cause
    not found yet (see the note on issue 15)."""
    from playwright.async_api import async_playwright

    from frontdesk.voice.engines import VoiceEngines

    settings = Settings(env="test", data_dir=tmp_path, profiles_dir=recording_profiles(tmp_path),
                        webrtc=WebRTCSettings(allow_loopback=True))
    line = await say("What are your service hours?")
    wav = tmp_path / "caller.wav"
    # Quiet while the disclosure and greeting play, then one question, then quiet.
    write_wav(wav, _with_silence(line, before_s=13.0, after_s=20.0))
    engines = await VoiceEngines.load(settings)
    try:
        async with LiveServer(create_app(settings, clock=fixed_clock, engines=engines)) as server:
            async with async_playwright() as pw:
                browser = await launch_chromium(pw, wav)
                try:
                    page = await browser.new_page()
                    await page.goto(f"{server.url}/call")
                    await page.select_option("#profile", "dealership")
                    await page.click("#call")
                    await page.wait_for_selector("li.assistant", timeout=20_000)
                    # The caller's question heard and answered (not just any second agent line).
                    await page.wait_for_function("""() => {
                        const lines = [...document.querySelectorAll('li')];
                        const asked = lines.findIndex(l => l.classList.contains('user')
                                                      && /hour/i.test(l.textContent));
                        return asked >= 0 && lines.slice(asked + 1).some(
                            l => l.classList.contains('assistant'));
                    }""", timeout=45_000)
                    agent_lines = await page.locator("li.assistant").all_inner_texts()
                    conversation_id = await page.evaluate("document.body.dataset.session")
                    await page.click("#hangup")
                finally:
                    await browser.close()
            assert agent_lines[0].startswith(DISCLOSURE), agent_lines
            recording = await attached_recording(server.app.state.services, conversation_id)
    finally:
        await engines.close()
    assert recording is not None, "no recording was attached to the browser call"
    decoded, rate = _decoded(recording.path)
    caller, agent = _rms_windows(decoded[0], rate), _rms_windows(decoded[1], rate)
    assert caller.max() > 0.02 and agent.max() > 0.02, (caller.max(), agent.max(), agent_lines)
