"""What the server pays per call just to listen: CPU while N phone callers stay silent.

Every call streams 50 Twilio media messages a second whether anyone speaks or not, and each one
passes the transport, the VAD and the speech-to-text's buffer on the server's one event loop.
That work is per frame, not per word, and with many calls it is what one interpreter can do;
this benchmark isolates it. N callers phone ``frontdesk serve`` (spawned, as ``frontdesk
loadtest --spawn`` does), hear the greeting, then stay silent; the server's CPU seconds and its
event loop's lag are read over the silent window.

    .venv/bin/python bench/frame_cost.py --calls 10 20 --seconds 30

Writes ``bench/results/frame_cost.json``: per level, server CPU (% of one core), CPU
milliseconds per call-second of audio, and loop lag p50/p95/max.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

import httpx

from frontdesk.config import Settings
from frontdesk.evals.loadtest import spawned_server
from frontdesk.evals.report import machine
from frontdesk.telephony.simulator import MediaStreamClient, TwilioSide

RESULTS = Path(__file__).parent / "results"


async def _level(url: str, token: str, api_key: str, calls: int, seconds: float) -> dict:
    headers = {"Authorization": f"Bearer {api_key}"}
    twilio = TwilioSide(url, token)
    clients: list[MediaStreamClient] = []
    async with httpx.AsyncClient(timeout=10, headers=headers) as http:
        for i in range(calls):
            sid, stream = await twilio.ring(profile="dealership" if i % 2 else "real_estate",
                                            caller=f"+1512555{7000 + i:04d}")
            client = MediaStreamClient(stream, call_sid=sid)
            await client.__aenter__()
            clients.append(client)
        try:
            greeted = await asyncio.gather(*(c.greeted(60) for c in clients))
            await asyncio.sleep(1.0)  # the last greeting's tail
            before = (await http.get(f"{url}/health")).json()["process"]["cpu_s"]
            started = time.monotonic()
            await asyncio.sleep(seconds)
            wall = time.monotonic() - started
            health = (await http.get(f"{url}/health",
                                     params={"lag_window_s": f"{wall:.1f}"})).json()
        finally:
            await asyncio.gather(*(c.hang_up() for c in clients), return_exceptions=True)
    cpu_s = health["process"]["cpu_s"] - before
    return {"calls": calls, "greeted": sum(greeted), "window_s": round(wall, 1),
            "server_cpu_pct": round(100 * cpu_s / wall, 1),
            "cpu_ms_per_call_second": round(1000 * cpu_s / (wall * calls), 2),
            "loop_lag_ms": health["process"].get("loop_lag_ms")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, nargs="+", default=[10, 20])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--out", type=Path, default=RESULTS / "frame_cost.json")
    args = parser.parse_args()
    levels = []
    with spawned_server(Settings()) as (url, token, api_key):
        for n in args.calls:
            level = asyncio.run(_level(url, token, api_key, n, args.seconds))
            print(json.dumps(level), flush=True)
            levels.append(level)
            time.sleep(3)  # the hung-up calls finish writing
    report = {"frontdesk_frame_cost": 1, "machine": machine(),
              "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "what": "server CPU while N Twilio callers stay silent after the greeting "
                      "(100 = one core); cpu_ms_per_call_second: per call, per second of audio",
              "levels": levels}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
