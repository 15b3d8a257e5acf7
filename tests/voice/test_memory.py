"""What a call leaves behind when it is over: nothing that grows with the number of calls.

The server's memory once grew from 458 to 1,068 MB over ~150 phone calls and did not come back:
every call opened its own ONNX Runtime session for the Silero VAD (~50 MB each at five calls at
once: 1,130 MB resident against 880 MB with the shared session), and freed arenas stay mapped.
Calls now share the process's session.
"""

from __future__ import annotations

import asyncio
import gc
import os
from pathlib import Path

import onnxruntime
import pytest

from frontdesk.voice.services import CallServices
from frontdesk.voice.state import CallState
from frontdesk.voice.talk import talk

pytestmark = [pytest.mark.engine]


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


async def test_fifty_short_calls_leave_nothing_behind(runtime, engines, monkeypatch) -> None:
    """Fifty short calls, five at a time (each answered and greeted, then the caller hangs up)."""
    services = CallServices(engines, runtime.conversations, runtime.settings.voice,
                            runtime.recordings)
    sessions_opened = []
    original = onnxruntime.InferenceSession.__init__

    def counting(self, *args, **kwargs):
        sessions_opened.append(args[0] if args else kwargs.get("path_or_bytes"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(onnxruntime.InferenceSession, "__init__", counting)
    rss: list[float] = []
    for round_ in range(10):
        results = await asyncio.gather(*(
            talk(services, "dealership", [], speed=8.0, caller_phone=f"+1512555{1000 + n:04d}")
            for n in range(5 * round_, 5 * round_ + 5)))
        for result in results:
            assert result.call.errors == [] and result.call.replies_completed == 1, \
                result.call.transcript
        del results, result
        if round_ in (1, 9):
            gc.collect()
            rss.append(_rss_mb())
    assert sessions_opened == []  # no model is loaded per call
    # Calls that are over are collected; at most the last round's may still be referenced
    # by the event loop's finished tasks.
    assert len([o for o in gc.get_objects() if isinstance(o, CallState)]) <= 5
    assert rss[1] - rss[0] < 40, f"memory grew {rss[1] - rss[0]:.0f} MB over 40 calls"
