"""Voice-to-voice latency: recorded caller turns replayed in real time at 1, 5 and 10 calls.

Every call runs the real pipeline (Silero VAD, shared Whisper and Piper engines, the brain and
SQLite persistence) over the file transport at real-time pace. Per turn: vad_stop, stt, brain,
tts_first and total (end of caller speech → first agent audio handed to the transport).
Writes ``bench/results/voice_to_voice.json``. Usage:

    .venv/bin/python bench/voice_to_voice.py [--calls 1 5 10] [--phone]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loguru import logger  # noqa: E402

from frontdesk.app import build_runtime  # noqa: E402
from frontdesk.audio.pcm import Audio  # noqa: E402
from frontdesk.config import Settings  # noqa: E402
from frontdesk.speech.tts import first_audio_ms  # noqa: E402
from frontdesk.voice.engines import VoiceEngines  # noqa: E402
from frontdesk.voice.talk import talk  # noqa: E402

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
SCRIPTS = [
    ("dealership", ["Hi, this is Tom Becker. I need an oil change on Wednesday at two pm.",
                    "Yes, please book it.", "No, that's all. Thanks."]),
    ("real_estate", ["What areas do you serve?", "How does pre-approval work?",
                     "Thanks, that's all."]),
    ("dealership", ["Do you have a shuttle?", "How much is a tire rotation?",
                    "Okay, goodbye."]),
]


def stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))], 1),
            "max_ms": round(ordered[-1], 1)}


async def synth(engines: VoiceEngines, text: str) -> Audio:
    _, chunks = await first_audio_ms(engines.local_tts, text)
    return Audio(b"".join(c.pcm for c in chunks), chunks[0].sample_rate_hz)


async def run(calls: list[int], phone: bool) -> dict[str, object]:
    settings = Settings(data_dir=Path(tempfile.mkdtemp()))
    engines = await VoiceEngines.load(settings)
    runtime = await build_runtime(settings, clock=lambda: NOW, engines=engines)
    scripts = [(profile, [await synth(engines, line) for line in lines])
               for profile, lines in SCRIPTS]
    results: dict[str, object] = {}
    try:
        for n in calls:
            cpu_before = resource.getrusage(resource.RUSAGE_SELF)
            started = time.perf_counter()
            outcomes = await asyncio.gather(*(
                talk(runtime.voice(), scripts[i % len(scripts)][0],
                     scripts[i % len(scripts)][1], phone=phone,
                     caller_phone=f"+1512555{1000 + i:04d}")
                for i in range(n)))
            wall = time.perf_counter() - started
            cpu_after = resource.getrusage(resource.RUSAGE_SELF)
            cpu_s = (cpu_after.ru_utime - cpu_before.ru_utime) + (
                cpu_after.ru_stime - cpu_before.ru_stime)
            turns = [t for o in outcomes for t in o.call.turns]
            first_audio = [1000 * (o.call.first_audio_at - o.call.connected_at)
                           for o in outcomes if o.call.first_audio_at]
            results[f"{n}_calls"] = {
                "turns": len(turns),
                "errors": sum(len(o.call.errors) for o in outcomes),
                "cpu_cores_used": round(cpu_s / wall, 2),
                "first_audio_after_connect": stats(first_audio),
                **{stage: stats([getattr(t, stage) for t in turns
                                 if getattr(t, stage) is not None])
                   for stage in ("vad_stop_ms", "stt_ms", "tts_first_ms", "total_ms")},
            }
            print(n, json.dumps(results[f"{n}_calls"]), flush=True)
    finally:
        await runtime.close()
        await engines.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--phone", action="store_true", help="8 kHz µ-law caller audio")
    args = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    result = {
        "benchmark": "voice_to_voice",
        "what": "scripted callers replayed in real time through the full pipeline; "
                "total = end of caller speech → first agent audio handed to the transport",
        "audio": "8 kHz µ-law phone line" if args.phone else "16 kHz",
        "settings": "tiny.en int8 beam 1, 2 STT workers × 1 thread; Piper joe-medium, "
                    "2 workers × 1 thread; VAD stop 0.35 s",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "results": asyncio.run(run(args.calls, args.phone)),
    }
    name = "voice_to_voice_phone.json" if args.phone else "voice_to_voice.json"
    out = ROOT / "bench" / "results" / name
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
