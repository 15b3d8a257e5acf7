"""Brain turn latency: the scenario library replayed, brain-only and with SQLite persistence.

Writes ``bench/results/brain_turns.json`` (p50/p95/max in ms, the machine). Usage:

    .venv/bin/python bench/brain_turns.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontdesk.app import build_runtime  # noqa: E402
from frontdesk.brain import Brain  # noqa: E402
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers  # noqa: E402
from frontdesk.config import Settings  # noqa: E402
from frontdesk.conversations.service import DoNotCallError  # noqa: E402
from frontdesk.evals.scenarios import load_scenarios, run_scenario  # noqa: E402
from frontdesk.knowledge.profile import load_profiles  # noqa: E402

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
            "max_ms": round(ordered[-1], 2), "mean_ms": round(statistics.fmean(ordered), 2)}


async def brain_only(rounds: int) -> list[float]:
    profiles = load_profiles()
    scenarios = load_scenarios(ROOT / "tests" / "scenarios")
    samples: list[float] = []
    for _ in range(rounds):
        for scenario in scenarios:
            calendar = InMemoryCalendar()
            brain = Brain(profiles, calendar, InMemoryCustomers(), clock=lambda: NOW)
            samples += (await run_scenario(brain, calendar, scenario)).brain_ms
    return samples


async def with_sqlite(rounds: int) -> list[float]:
    """Whole service turns: load checkpoint, brain, persist turn + state in one transaction."""
    scenarios = load_scenarios(ROOT / "tests" / "scenarios")
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        runtime = await build_runtime(Settings(data_dir=Path(tmp)), clock=lambda: NOW)
        try:
            for _ in range(rounds):
                for scenario in scenarios:
                    try:
                        outcome = await runtime.conversations.create(
                            scenario.profile, direction=scenario.direction,
                            caller_phone=scenario.caller_phone, caller_name=scenario.caller_name)
                    except DoNotCallError:  # asked in an earlier round: correctly refused
                        continue
                    sid = outcome.state.conversation_id
                    for turn in scenario.turns:
                        started = time.perf_counter()
                        outcome = await runtime.conversations.chat(sid, turn.say)
                        samples.append((time.perf_counter() - started) * 1000)
                        if outcome.state.ended:
                            break
        finally:
            await runtime.close()
    return samples


FIRST_TURN = """
import asyncio, time
from datetime import UTC, datetime
from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.knowledge.profile import load_profiles

async def main():
    brain = Brain(load_profiles(), InMemoryCalendar(), InMemoryCustomers(),
                  clock=lambda: datetime(2026, 11, 23, 15, 0, tzinfo=UTC))
    state = (await brain.start(await brain.new_state("c", "dealership"))).state
    started = time.perf_counter()
    await brain.respond(state, "hey so my brakes are squeaking, can I come in thursday morning?")
    print((time.perf_counter() - started) * 1000)

asyncio.run(main())
"""


def first_turns(n: int = 3) -> list[float]:
    """The first caller turn a fresh process reads, after the brain's start (each in its own
    process: the caches it warms are per process)."""
    import subprocess

    return [float(subprocess.run([sys.executable, "-c", FIRST_TURN], check=True, text=True,
                                 capture_output=True, cwd=ROOT).stdout.split()[-1])
            for _ in range(n)]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    await brain_only(1)  # warm caches (dateparser, lexicon, graph)
    result = {
        "benchmark": "brain_turns",
        "what": "scenario library replayed; brain_only = deterministic brain with in-memory "
                "ports; service_sqlite = load state + brain + persist (SQLite WAL); "
                "first_turn_of_a_process = a fresh process's first caller turn after start",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "brain_only": summary(await brain_only(args.rounds)),
        "service_sqlite": summary(await with_sqlite(args.rounds)),
        "first_turn_of_a_process": summary(first_turns()),
    }
    out = ROOT / "bench" / "results" / "brain_turns.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
