"""Voice-to-voice latency over the real transports: Twilio Media Streams and browser WebRTC.

Twilio: a live server and Twilio's side played by ``tests/fakes/twilio.py`` — signed webhook,
then a Media Streams client sending Piper-voiced caller lines as 20 ms µ-law frames in real
time. Latency is measured where the caller is: from the last frame of the caller's speech to
the first agent ``media`` frame received after it (``client_ms``), next to the server's own
per-stage numbers. Runs sequential calls, then simultaneous ones.

WebRTC: headless Debian Chromium opens ``/call`` with a fake microphone playing the lines
with pauses between them; latency is the server's ``total_ms`` (VAD's end of speech → first
agent audio handed to the WebRTC transport).

Writes ``bench/results/call_latency.json``. Usage:

    .venv/bin/python bench/call_latency.py [--sequential 3] [--concurrent 5] [--browser 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.voice_to_voice import NOW, SCRIPTS, stats, synth  # noqa: E402
from loguru import logger  # noqa: E402
from sqlalchemy import select  # noqa: E402
from tests.fakes.live import LiveServer, free_port  # noqa: E402
from tests.fakes.twilio import AUTH_TOKEN, MediaStreamClient, TwilioSide  # noqa: E402

from frontdesk.app import create_app  # noqa: E402
from frontdesk.audio.pcm import Audio, write_wav  # noqa: E402
from frontdesk.config import Settings, TwilioSettings, WebRTCSettings  # noqa: E402
from frontdesk.storage.models import ConversationTurn  # noqa: E402
from frontdesk.storage.queries import LATENCY_STAGES  # noqa: E402
from frontdesk.voice.engines import VoiceEngines  # noqa: E402


def trim(audio: Audio, threshold: float = 0.01) -> Audio:
    """Cut leading/trailing near-silence so "end of speech" is the last frame sent."""
    samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if not len(loud):
        return audio
    return Audio(audio.pcm[2 * loud[0]: 2 * (loud[-1] + 1)], audio.sample_rate_hz)


async def server_turns(app, session_ids: list[str]) -> list[ConversationTurn]:
    runtime = app.state.services
    async with runtime.sessions() as db:
        return list(await db.scalars(select(ConversationTurn).where(
            ConversationTurn.conversation_id.in_(session_ids), ConversationTurn.role == "assistant",
            ConversationTurn.total_ms.is_not(None))))


def summary(client_ms: list[float], turns: list[ConversationTurn]) -> dict[str, object]:
    out: dict[str, object] = {"client_ms": stats(client_ms)} if client_ms else {}
    for stage in LATENCY_STAGES:
        out[stage] = stats([getattr(t, stage) for t in turns if getattr(t, stage) is not None])
    return out


async def twilio_call(server: LiveServer, profile: str, lines: list[Audio], caller: str
                      ) -> tuple[str, list[float]]:
    call_sid, stream = await TwilioSide(server.url).ring(profile=profile, caller=caller)
    latencies: list[float] = []
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        if not await media.greeted():
            raise RuntimeError("no greeting")
        for line in lines:
            await media.say(line)
            if not await media.next_reply():
                break
            first = media.first_media_after(media.speech_ends[-1])
            if first is not None:
                latencies.append(1000 * (first - media.speech_ends[-1]))
            await asyncio.sleep(0.4)
    return stream.parameters["session_id"], latencies


async def run_twilio(engines: VoiceEngines, scripts, sequential: int, concurrent: int):
    port = free_port()
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), public_url=f"http://127.0.0.1:{port}",
                        twilio=TwilioSettings(auth_token=AUTH_TOKEN))  # signed; no REST
    app = create_app(settings, clock=lambda: NOW, engines=engines)
    results: dict[str, object] = {}
    async with LiveServer(app, port) as server:
        sessions, client = [], []
        for i in range(sequential):
            profile, lines = scripts[i % len(scripts)]
            sid, ms = await twilio_call(server, profile, lines, f"+1512555{2000 + i:04d}")
            sessions.append(sid)
            client += ms
        results["1_call"] = summary(client, await server_turns(app, sessions))
        print("twilio 1", json.dumps(results["1_call"]), flush=True)
        outcomes = await asyncio.gather(*(
            twilio_call(server, scripts[i % len(scripts)][0], scripts[i % len(scripts)][1],
                        f"+1512555{3000 + i:04d}") for i in range(concurrent)))
        results[f"{concurrent}_calls"] = summary([m for _, ms in outcomes for m in ms],
                                                 await server_turns(app, [s for s, _ in outcomes]))
        print(f"twilio {concurrent}", json.dumps(results[f"{concurrent}_calls"]), flush=True)
    return results


async def run_browser(engines: VoiceEngines, scripts, calls: int):
    from playwright.async_api import async_playwright
    from tests.fakes.browser import launch_chromium

    work = Path(tempfile.mkdtemp())
    settings = Settings(data_dir=work, webrtc=WebRTCSettings(allow_loopback=True))
    app = create_app(settings, clock=lambda: NOW, engines=engines)
    rate, sessions = 48_000, []
    async with LiveServer(app) as server, async_playwright() as pw:
        for i in range(calls):
            profile, lines = scripts[(i + 1) % len(scripts)]
            pcm = b"\x00\x00" * int(9 * rate)  # the greeting plays first
            for line in lines:
                pcm += line.to_rate(rate).pcm + b"\x00\x00" * int(14 * rate)
            wav = work / f"caller{i}.wav"
            write_wav(wav, Audio(pcm, rate))
            browser = await launch_chromium(pw, wav)
            try:
                page = await browser.new_page()
                await page.goto(f"{server.url}/call")
                await page.select_option("#profile", profile)
                await page.click("#call")
                await page.wait_for_selector("li.assistant", timeout=30_000)
                await asyncio.sleep(len(pcm) / 2 / rate - 4)
                sessions.append(await page.evaluate("document.body.dataset.session"))
                await page.click("#hangup")
            finally:
                await browser.close()
        turns = await server_turns(app, sessions)
    result = summary([], turns)
    print("webrtc", json.dumps(result), flush=True)
    return {f"{calls}_sequential_calls": result}


async def run(args) -> dict[str, object]:
    settings = Settings(data_dir=Path(tempfile.mkdtemp()))
    engines = await VoiceEngines.load(settings)
    try:
        scripts = [(profile, [trim(await synth(engines, line)) for line in lines])
                   for profile, lines in SCRIPTS]
        out: dict[str, object] = {
            "twilio": await run_twilio(engines, scripts, args.sequential, args.concurrent)}
        if args.browser and shutil.which("chromium"):
            out["webrtc"] = await run_browser(engines, scripts, args.browser)
        return out
    finally:
        await engines.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sequential", type=int, default=3)
    parser.add_argument("--concurrent", type=int, default=5)
    parser.add_argument("--browser", type=int, default=2)
    args = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="ERROR")
    started = time.perf_counter()
    result = {
        "benchmark": "call_latency",
        "what": "voice-to-voice over the real transports. twilio.client_ms: last caller speech "
                "frame sent → first agent media frame received, at the Media Streams client; "
                "total_ms: the server's VAD end of speech → first agent audio to the transport",
        "settings": "tiny.en int8 beam 1, 2 STT workers × 1 thread; Piper joe-medium; "
                    "phone VAD stop 0.35 s; loopback network",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "results": asyncio.run(run(args)),
    }
    result["wall_s"] = round(time.perf_counter() - started, 1)
    out = ROOT / "bench" / "results" / "call_latency.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
