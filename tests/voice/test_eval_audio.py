"""``frontdesk eval --audio`` and ``frontdesk loadtest`` over the real phone path.

The scenarios marked ``audio: true`` are phoned in over Twilio Media Streams in real time: the
caller's lines are spoken (Piper pitched up, not the agent's voice), the server hears them with
its own Whisper, and the agent's audio is transcribed back, so the expectations are checked on
what a caller actually heard. About three minutes.
"""

from __future__ import annotations

import contextlib

import pytest

from frontdesk.app import create_app
from frontdesk.config import EscalationSettings, Settings, TwilioSettings
from frontdesk.evals.loadtest import require_loopback, run_level
from frontdesk.evals.runner import normalise
from frontdesk.evals.schema import default_library, load_library
from frontdesk.evals.server import LiveServer, free_port
from frontdesk.evals.suite import EvalOptions, load_caller_voice, run_eval
from tests.auth import owner_key
from tests.conftest import fixed_clock

NOW, LIBRARY = load_library([default_library()])

pytestmark = pytest.mark.engine


async def test_audio_subset_passes_on_what_the_caller_heard(engines, tmp_path):
    subset = [s for s in LIBRARY if s.audio]
    settings = Settings(env="test", data_dir=tmp_path,
                        escalation=EscalationSettings(desk="simulated", min_wait_s=0.2, max_wait_s=0.3,
                                                      human_available="always"))
    # Three calls at once, as a busy line gets them (and the test takes a third of the time).
    report = await run_eval(subset, settings, EvalOptions(mode="audio", now=NOW, calls_at_once=3),
                            engines=engines)
    results = report["results"]
    failed = "\n".join(f"{r['name']}: {r['failures']}\n  heard: "
                       + " | ".join(line["text"] for line in r["transcript"]
                                    if line["role"] == "agent")
                       for r in results if not r["passed"])
    # Two speech recognisers stand between the caller and the check (the server's tiny.en
    # hearing the caller, Whisper base hearing the agent), and the agent's Piper voice varies
    # from run to run: between 5 of 7 and 8 of 8 passed across runs here. The logic is held to 95% by the
    # text-mode test; this one holds the phone path: most calls must succeed on what was heard.
    assert report["totals"]["task_success"] >= 0.6, failed
    assert report["listener"] in {"base", "tiny.en"} and report["mode"] == "audio"
    # Every reply was heard in real time and transcribed from audio, not copied from the server.
    agent_lines = [line for r in results for line in r["transcript"] if line["role"] == "agent"]
    assert all(line.get("wait_ms") is not None for line in agent_lines)
    assert any("said" in line for line in agent_lines)
    assert all(normalise(line["text"]) for line in agent_lines[:-1])
    stages = report["totals"]["latency_ms"]
    # Every stage is recorded (STT may be 0: done at the pause, before the endpoint).
    assert stages["total_ms"]["n"] > 10 and stages["stt_ms"]["p50"] is not None
    assert stages["vad_stop_ms"]["p50"] > 0 and stages["brain_ms"]["p50"] > 0
    assert stages["wait_ms"]["p50"] < 3000


async def test_loadtest_level_holds_two_calls(engines, tmp_path):
    port = free_port()
    settings = Settings(env="test", data_dir=tmp_path, public_url=f"http://127.0.0.1:{port}",
                        twilio=TwilioSettings(auth_token="t0ken"))
    app = create_app(settings, clock=fixed_clock, engines=engines)
    scenarios = [s for s in LIBRARY if s.name in ("service hours", "areas and office hours")]
    async with contextlib.AsyncExitStack() as stack:
        voice = await load_caller_voice("piper", settings, stack)
        server = await stack.enter_async_context(LiveServer(app, port))
        level = await run_level(server.url, 2, scenarios, voice=voice, auth_token="t0ken",
                                api_key=await owner_key(app), seed=0, timeout_s=120, offset=0)
    assert level["dropped"] == 0 and level["protocol_errors"] == 0, level
    assert level["task_success"] == 1.0, level
    assert level["voice_to_voice_ms"]["n"] >= 4
    assert level["cpu_avg_pct"] > 0 and level["rss_max_mb"] > 100
    assert level["loop_lag_ms"]["samples"] > 50 and level["loop_lag_ms"]["p95"] is not None


def test_loadtest_refuses_other_machines():
    require_loopback("http://127.0.0.1:8000")
    require_loopback("http://localhost:8000")
    with pytest.raises(ValueError, match="only targets this machine"):
        require_loopback("https://frontdesk.example.com")
