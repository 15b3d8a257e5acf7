"""What the LLM layer adds to a turn, against a fake model server of known speed.

The fake (``tests/fakes/openai.py``) streams its answer with a fixed per-token delay, so the
model's own time is known; what is measured beyond it is the layer's overhead: HTTP + SSE
parsing, the sentence chunker, the fact check and the cache. Also the cache's hit latency
from L1 (in process) and L2 (a real redis-server, when the Debian package is installed).

Writes ``bench/results/llm_overhead.json``. Usage:

    .venv/bin/python bench/llm_overhead.py [--turns 200] [--token-ms 0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import fixed_clock  # noqa: E402
from tests.fakes.live import LiveServer  # noqa: E402
from tests.fakes.openai import FakeOpenAI  # noqa: E402
from tests.llm.conftest import llm_settings  # noqa: E402

from frontdesk.brain import Brain  # noqa: E402
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers  # noqa: E402
from frontdesk.knowledge.profile import load_profiles  # noqa: E402
from frontdesk.llm.assist import LLMAssist  # noqa: E402
from frontdesk.llm.cache import ResponseCache, cache_key  # noqa: E402

QUESTION = "What does it cost me to work with one of your agents as a buyer?"


def stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 4),
            "p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))], 4)}


async def turn_ms(brain: Brain, text: str) -> tuple[float, str]:
    state = await brain.new_state("bench", "real_estate")
    opened = await brain.start(state)
    started = time.perf_counter()
    outcome = await brain.respond(opened.state, text)
    return (time.perf_counter() - started) * 1000, outcome.reply


async def run(turns: int, token_ms: float) -> dict[str, object]:
    profiles = load_profiles()
    fake = FakeOpenAI()
    fake.token_delay_s = token_ms / 1000
    results: dict[str, object] = {}
    async with LiveServer(fake.app) as server:
        url = f"{server.url}/v1"
        plain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
        assist = LLMAssist.from_settings(llm_settings(url, cache_entries=0))
        helped = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock,
                       assist=assist)
        deterministic = [(await turn_ms(plain, QUESTION))[0] for _ in range(turns)]
        with_model = [(await turn_ms(helped, QUESTION))[0] for _ in range(turns)]
        answer_tokens = len(FakeOpenAI._words(await _answer_text(assist, profiles)))
        await assist.close()
        results["turn"] = {
            "question": QUESTION, "fake_token_ms": token_ms,
            "answer_tokens": answer_tokens,
            "deterministic": stats(deterministic), "with_model_uncached": stats(with_model),
            "added_p50_ms": round(statistics.median(with_model)
                                  - statistics.median(deterministic), 2),
            "model_time_ms": round(answer_tokens * token_ms, 1)}
        print(json.dumps(results["turn"]), flush=True)
    results["cache"] = await cache_latency(turns)
    print(json.dumps(results["cache"]), flush=True)
    return results


async def _answer_text(assist: LLMAssist, profiles) -> str:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = await brain.new_state("probe", "real_estate")
    return await assist.answer(QUESTION, profile=profiles["real_estate"], state=state) or ""


async def timed_gets(cache: ResponseCache, key: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        await cache.get(key)
        times.append((time.perf_counter() - started) * 1000)
    return times


async def cache_latency(n: int) -> dict[str, object]:
    key, value = cache_key("m", "answer", ["x", QUESTION]), "An answer. " * 20
    l1 = ResponseCache(entries=1024, ttl_s=3600)
    await l1.put(key, value)
    out: dict[str, object] = {"l1_hit": stats(await timed_gets(l1, key, n))}
    if shutil.which("redis-server"):
        from tests.redis_server import RedisServer

        server = RedisServer()
        server.start()
        try:
            l2 = ResponseCache(entries=0, ttl_s=3600, redis_url=server.url)  # no L1: always L2
            await l2.put(key, value)
            out["l2_hit"] = stats(await timed_gets(l2, key, n))
            await l2.close()
        finally:
            server.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--token-ms", type=float, default=0.0)
    args = parser.parse_args()
    result = {
        "benchmark": "llm_overhead",
        "what": "an FAQ question the knowledge base does not match, answered by a fake "
                "OpenAI-compatible server streaming over loopback HTTP; added_p50_ms is the "
                "layer's overhead plus the fake's model time (answer_tokens × fake_token_ms)",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "results": asyncio.run(run(args.turns, args.token_ms)),
    }
    out = ROOT / "bench" / "results" / "llm_overhead.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
