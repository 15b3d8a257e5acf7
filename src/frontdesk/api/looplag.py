"""How late the event loop runs its callbacks: the cost every call pays when something
CPU-heavy runs on the loop instead of in a worker thread.

A task asks to wake every ``every_s``; how much later than asked it wakes is the lag. The last
ten minutes are kept, and ``/health`` (with a credential) summarises a window of them, so a load
test can read the lag of exactly the level it ran.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque


class LoopLag:
    def __init__(self, every_s: float = 0.1, keep_s: float = 600.0) -> None:
        self.every_s = every_s
        self._samples: deque[tuple[float, float]] = deque(maxlen=int(keep_s / every_s))
        self._task: asyncio.Task | None = None

    async def _watch(self) -> None:
        while True:
            asked = time.monotonic()
            await asyncio.sleep(self.every_s)
            woke = time.monotonic()
            self._samples.append((woke, max(0.0, (woke - asked - self.every_s) * 1000)))

    async def __aenter__(self) -> LoopLag:
        self._task = asyncio.create_task(self._watch(), name="loop-lag")
        return self

    async def __aexit__(self, *exc) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def summary(self, window_s: float) -> dict[str, float | int | None]:
        """p50, p95 and the worst lag (ms) over the last ``window_s`` seconds."""
        since = time.monotonic() - window_s
        lags = sorted(lag for at, lag in self._samples if at >= since)
        if not lags:
            return {"samples": 0, "p50": None, "p95": None, "max": None}
        return {"samples": len(lags), "p50": round(lags[len(lags) // 2], 1),
                "p95": round(lags[min(len(lags) - 1, int(len(lags) * 0.95))], 1),
                "max": round(lags[-1], 1)}
