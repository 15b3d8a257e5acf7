"""``frontdesk loadtest``: how many simultaneous phone calls this machine holds.

For each concurrency level N, N simulated callers phone the server at once over the Twilio
Media Streams WebSocket (signed webhook, then 20 ms µ-law frames in real time) and hold a real
conversation: each is a scenario from the library played by :class:`SimulatedCaller`, which
reads what the agent is waiting for from the server's API (no speech recognition on the caller
side, so the callers do not steal the server's CPU). Measured per level:

- voice-to-voice latency at the caller (last caller frame sent → first agent frame received),
  p50/p95/p99, and the server's own per-stage numbers;
- dropped calls (no greeting, a reply that never came, a socket that died, a call still talking
  at the level's time limit) and protocol errors (messages Twilio would reject);
- the server process's CPU (share of one core, from ``/health``), resident memory, and how late
  its event loop ran (lag p50/p95/max over the level).

Loopback only: the target must be this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

from frontdesk.api.looplag import LoopLag
from frontdesk.config import Settings
from frontdesk.evals.caller import SimulatedCaller
from frontdesk.evals.channels import CALLER_PITCH, PhoneChannel
from frontdesk.evals.report import machine, percentiles
from frontdesk.evals.runner import run_scenario
from frontdesk.evals.schema import EvalScenario, default_library, load_library

LOAD_KINDS = {"booking", "faq", "qualification", "closed_day", "change_of_mind"}


def require_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"loadtest only targets this machine (127.0.0.1 / localhost), not {host!r}")


def load_scenarios() -> list[EvalScenario]:
    """Inbound conversations with no calendar fixtures, alternating the two businesses."""
    _, scenarios = load_library([default_library()])
    usable = [s for s in scenarios if s.direction == "inbound" and not s.busy
              and s.kind in LOAD_KINDS and s.behaviour != "interrupts"]
    by_profile: dict[str, list[EvalScenario]] = {}
    for s in usable:
        by_profile.setdefault(s.profile, []).append(s)
    mixed: list[EvalScenario] = []
    for group in zip(*by_profile.values(), strict=False):
        mixed += group
    return mixed


class Sampler:
    """Polls the server's ``/health`` for its CPU seconds and memory while a level runs."""

    def __init__(self, url: str, headers: dict[str, str], every_s: float = 1.0) -> None:
        self.url = url
        self.headers = headers
        self.every_s = every_s
        self.samples: list[tuple[float, float, float]] = []
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        async with httpx.AsyncClient(timeout=5, headers=self.headers) as http:
            while True:
                with contextlib.suppress(httpx.HTTPError, KeyError, ValueError):
                    process = (await http.get(f"{self.url}/health")).json()["process"]
                    self.samples.append((time.monotonic(), process["cpu_s"], process["rss_mb"]))
                await asyncio.sleep(self.every_s)

    def __enter__(self) -> Sampler:
        self._task = asyncio.create_task(self._run())
        return self

    def __exit__(self, *exc) -> None:
        if self._task is not None:
            self._task.cancel()

    async def loop_lag(self, window_s: float) -> dict[str, Any] | None:
        """The server's event-loop lag over the last ``window_s`` (what the level ran)."""
        with contextlib.suppress(httpx.HTTPError, KeyError, ValueError):
            async with httpx.AsyncClient(timeout=5, headers=self.headers) as http:
                health = await http.get(f"{self.url}/health",
                                        params={"lag_window_s": min(600.0, max(1.0, window_s))})
                return health.json()["process"]["loop_lag_ms"]
        return None

    def summary(self) -> dict[str, float | None]:
        if len(self.samples) < 2:
            return {"cpu_avg_pct": None, "cpu_max_pct": None, "rss_max_mb": None}
        rates = [100 * (c2 - c1) / (t2 - t1) for (t1, c1, _), (t2, c2, _)
                 in zip(self.samples, self.samples[1:], strict=False) if t2 > t1]
        first, last = self.samples[0], self.samples[-1]
        return {"cpu_avg_pct": round(100 * (last[1] - first[1]) / (last[0] - first[0]), 1),
                "cpu_max_pct": round(max(rates), 1),
                "rss_max_mb": round(max(s[2] for s in self.samples), 1)}


async def one_call(url: str, scenario: EvalScenario, index: int, *, voice: Any,
                   auth_token: str, api_key: str | None, seed: int) -> dict[str, Any]:
    channel = PhoneChannel(url, voice=voice, stt=None, auth_token=auth_token, api_key=api_key)
    try:
        result = await run_scenario(scenario, channel, seed=seed, index=index,
                                    caller=SimulatedCaller(scenario, seed, spoken=True))
    except Exception as exc:  # one call's crash is that call's failure, never the test's
        return {"scenario": scenario.name, "dropped": True, "error": repr(exc), "waits": [],
                "protocol_errors": channel.protocol_errors, "passed": False}
    finally:
        with contextlib.suppress(Exception):
            await channel.close()
    unanswered = any(line["role"] == "agent" and line.get("wait_ms") is None
                     for line in result.transcript[1:])
    return {"scenario": scenario.name, "passed": result.passed,
            "dropped": result.error is not None or unanswered,
            "error": result.error, "waits": result.stages.get("wait_ms", []),
            "server_total_ms": result.stages.get("total_ms", []),
            "turns": result.caller_turns, "protocol_errors": channel.protocol_errors}


async def run_level(url: str, n: int, scenarios: list[EvalScenario], *, voice: Any,
                    auth_token: str, api_key: str | None, seed: int, timeout_s: float,
                    offset: int) -> dict[str, Any]:
    async with LoopLag() as client_lag:
        with Sampler(url, _bearer(api_key)) as sampler:
            started, client_cpu = time.monotonic(), time.process_time()
            tasks = [asyncio.create_task(one_call(url, scenarios[(offset + i) % len(scenarios)],
                                                  offset + i, voice=voice, auth_token=auth_token,
                                                  api_key=api_key, seed=seed)) for i in range(n)]
            done, pending = await asyncio.wait(tasks, timeout=timeout_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            wall = time.monotonic() - started
            client_cpu = time.process_time() - client_cpu
            loop_lag = await sampler.loop_lag(wall)
    calls = [t.result() for t in done]
    calls += [{"scenario": "?", "dropped": True, "error": "still talking at the time limit",
               "waits": [], "protocol_errors": [], "passed": False}] * len(pending)
    waits = [w for c in calls for w in c["waits"]]
    server = [w for c in calls for w in c.get("server_total_ms", [])]
    return {"calls": n, "wall_s": round(wall, 1),
            "voice_to_voice_ms": percentiles(waits),
            "server_total_ms": percentiles(server),
            "dropped": sum(c["dropped"] for c in calls),
            "protocol_errors": sum(len(c["protocol_errors"]) for c in calls),
            "task_success": round(sum(c["passed"] for c in calls) / n, 3),
            **sampler.summary(), "loop_lag_ms": loop_lag,
            # The callers' own side: if its loop runs late, the waits it measures are its own.
            "client_cpu_pct": round(100 * client_cpu / wall, 1) if wall else None,
            "client_loop_lag_ms": client_lag.summary(wall),
            "errors": sorted({c["error"] for c in calls if c.get("error")})}


def _bearer(api_key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"} if api_key else {}


async def run_loadtest(url: str, levels: list[int], *, auth_token: str, api_key: str | None,
                       seed: int, timeout_s: float, settings: Settings) -> dict[str, Any]:
    from frontdesk.evals.suite import load_caller_voice

    stack = contextlib.AsyncExitStack()
    voice = await load_caller_voice("piper", settings, stack)
    scenarios = load_scenarios()
    client_cpu = time.process_time()
    async with httpx.AsyncClient(timeout=10, headers=_bearer(api_key)) as http:
        health = (await http.get(f"{url}/health")).json()
    results, offset = [], 0
    for n in levels:
        level = await run_level(url, n, scenarios, voice=voice, auth_token=auth_token,
                                api_key=api_key, seed=seed, timeout_s=timeout_s, offset=offset)
        offset += n
        v = level["voice_to_voice_ms"]
        print(f"{n:>3} calls: voice-to-voice p50 {v.get('p50')} p95 {v.get('p95')} "
              f"p99 {v.get('p99')} ms, dropped {level['dropped']}, protocol errors "
              f"{level['protocol_errors']}, server CPU avg {level['cpu_avg_pct']}% "
              f"max {level['cpu_max_pct']}%, RSS {level['rss_max_mb']} MB, loop lag p95 "
              f"{(level['loop_lag_ms'] or {}).get('p95')} ms; callers' CPU {level['client_cpu_pct']}%, "
              f"their loop lag p95 {level['client_loop_lag_ms'].get('p95')} ms", flush=True)
        results.append(level)
    await stack.aclose()
    holding = [r["calls"] for r in results
               if r["voice_to_voice_ms"].get("p95") is not None
               and r["voice_to_voice_ms"]["p95"] <= 1500 and r["dropped"] == 0]
    return {"frontdesk_loadtest": 1, "target": url, "server": {
                k: health.get(k) for k in ("version", "database", "profiles")},
            "machine": machine(), "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "what": "voice_to_voice_ms: last caller frame sent → first agent frame received, "
                    "at the simulated Twilio side; cpu_*_pct: the server process, 100 = one "
                    "core; loop_lag_ms: how late the server's event loop woke a 100 ms timer",
            "caller_voice": f"Piper ×{CALLER_PITCH}, each line synthesized once (cached)",
            "client_cpu_s": round(time.process_time() - client_cpu, 1),
            "levels": results,
            "max_calls_p95_within_1500ms": max(holding) if holding else 0}


def write_chart(report: dict[str, Any], path: Path) -> bool:
    """The capacity chart (PNG); False when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    levels = report["levels"]
    n = [r["calls"] for r in levels]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for q, style in (("p50", "o-"), ("p95", "s-"), ("p99", "^--")):
        ax.plot(n, [r["voice_to_voice_ms"].get(q) for r in levels], style, label=q)
    ax.axhline(1500, color="#c62828", linestyle=":", label="1.5 s target")
    ax.set_xlabel("concurrent calls")
    ax.set_ylabel("voice-to-voice at the caller (ms)")
    ax.set_title("Reply latency vs concurrent calls")
    ax.set_xticks(n)
    ax.legend()
    ax.grid(alpha=0.3)
    ax2.plot(n, [r["cpu_avg_pct"] for r in levels], "o-", label="server CPU avg (%)")
    ax2.plot(n, [r["cpu_max_pct"] for r in levels], "s--", label="server CPU max (%)")
    ax2.set_xlabel("concurrent calls")
    ax2.set_ylabel("% of one core")
    ax2.set_xticks(n)
    twin = ax2.twinx()
    twin.bar(n, [r["dropped"] for r in levels], alpha=0.3, color="#c62828", width=0.8,
             label="dropped calls")
    twin.set_ylabel("dropped calls")
    ax2.set_title(f"Server load ({report['machine']['cpus']} CPUs)")
    ax2.legend(loc="upper left")
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


async def _reader_key(settings: Settings) -> str:
    """A read-only API key in a fresh database (migrated and seeded on the way)."""
    import secrets

    from frontdesk.app import open_runtime

    async with open_runtime(settings) as runtime:
        owner = await runtime.accounts.create_user("loadtest@frontdesk.invalid", secrets.token_urlsafe(24),
                                                   "owner")
        key, _ = await runtime.accounts.create_api_key(owner, "loadtest", ("read",))
    return key


@contextlib.contextmanager
def spawned_server(settings: Settings):
    """``frontdesk serve`` in a child process with its own data folder and a signing token."""
    from frontdesk.evals.server import free_port

    port = free_port()
    work = tempfile.mkdtemp(prefix="frontdesk-loadtest-")
    token = "loadtest-token"
    # The server's own database, with a key to read call state and /health's process figures.
    api_key = asyncio.run(_reader_key(settings.model_copy(update={
        "data_dir": Path(work), "database_url": None, "voice_enabled": False})))
    env = {**os.environ, "FRONTDESK_DATA_DIR": work, "FRONTDESK_TWILIO__AUTH_TOKEN": token,
           "FRONTDESK_PUBLIC_URL": f"http://127.0.0.1:{port}", "FRONTDESK_LOG_LEVEL": "WARNING"}
    env.pop("FRONTDESK_DATABASE_URL", None)
    log_path = Path(work) / "server.log"
    log_file = log_path.open("wb")
    process = subprocess.Popen([sys.executable, "-m", "frontdesk.cli", "serve", "--host",
                                "127.0.0.1", "--port", str(port)], env=env,
                               stdout=log_file, stderr=subprocess.STDOUT)
    print(f"server on {port}, log: {log_path}", flush=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"frontdesk serve exited with {process.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                # Up, with the agent's fixed lines in the phrase cache (a server warms it at
                # start; measuring before that would time its first synthesis of each).
                health = httpx.get(f"{url}/health", timeout=2,
                                   headers={"Authorization": f"Bearer {api_key}"})
                if health.status_code == 200 and health.json().get("phrases_ready") is not False:
                    break
            time.sleep(0.5)
        else:
            raise RuntimeError("frontdesk serve did not start within 180 s")
        yield url, token, api_key
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(30)
        if process.poll() is None:
            process.kill()
        log_file.close()


def main_loadtest(args: argparse.Namespace, settings: Settings) -> int:
    too_many = [n for n in args.calls if n < 1 or n > args.max_calls]
    if too_many:
        print(f"frontdesk loadtest: levels must be 1..{args.max_calls}: {too_many}",
              file=sys.stderr)
        return 2

    def run(url: str, token: str, api_key: str | None) -> dict[str, Any]:
        require_loopback(url)
        return asyncio.run(run_loadtest(url, args.calls, auth_token=token, api_key=api_key,
                                        seed=args.seed, timeout_s=args.level_timeout_s,
                                        settings=settings))

    token = args.auth_token if args.auth_token is not None else settings.twilio.auth_token or ""
    try:
        if args.spawn:
            with spawned_server(settings) as (url, spawned_token, api_key):
                report = run(url, spawned_token, api_key)
        else:
            report = run(args.url, token, args.api_key)
    except (httpx.HTTPError, RuntimeError) as exc:
        print(f"frontdesk loadtest: {exc}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "loadtest.json").write_text(json.dumps(report, indent=2) + "\n")
    chart = args.out / "loadtest.png"
    if write_chart(report, chart):
        print(f"wrote {args.out / 'loadtest.json'} and {chart}")
    else:
        print(f"wrote {args.out / 'loadtest.json'}; install frontdesk[charts] for the PNG chart")
    print(f"calls held with p95 ≤ 1.5 s and none dropped: {report['max_calls_p95_within_1500ms']}")
    return 0
