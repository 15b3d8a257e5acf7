"""The event-loop lag monitor that ``/health`` and the load test report."""

from __future__ import annotations

import asyncio
import time

from frontdesk.api.looplag import LoopLag


async def test_work_that_blocks_the_loop_shows_as_lag() -> None:
    async with LoopLag(every_s=0.02) as lag:
        await asyncio.sleep(0.2)
        quiet = lag.summary(10)
        time.sleep(0.25)  # CPU-heavy work run on the loop by mistake
        await asyncio.sleep(0.05)
        loaded = lag.summary(10)
    assert quiet["samples"] >= 3 and quiet["max"] < 150
    assert loaded["max"] >= 200
    assert lag.summary(10)["samples"] >= quiet["samples"]


async def test_an_empty_window_has_no_numbers() -> None:
    async with LoopLag() as lag:
        assert lag.summary(1) == {"samples": 0, "p50": None, "p95": None, "max": None}
