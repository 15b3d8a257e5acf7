"""End of turn from the sound of the caller's voice: Smart Turn v3.2, one model per process.

Silence alone cannot tell "Wednesday at two." from "Wednesday at… two", so a fixed endpoint is
either slow (everyone waits) or cuts people off mid-sentence. Smart Turn reads the intonation of
the last 8 s of the utterance and says whether the speaker has finished. The model ships inside
the pipecat wheel (``smart-turn-v3.2-cpu.onnx``, ONNX Runtime on the CPU); it runs in its own
one-thread pool, never on the event loop; while it is busy with one call's turn, another call's
turn is not queued behind it but gets the plain endpoint (so under load it costs at most its
one thread and never delays anyone).
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import resources

import numpy as np

from frontdesk.audio.pcm import Audio, pcm16_to_float

log = logging.getLogger(__name__)

RATE_HZ = 16_000
WINDOW_S = 8
"""The model hears the last 8 s of the utterance (earlier speech is cut, shorter is padded)."""


def load_smart_turn_session():  # -> onnxruntime.InferenceSession
    import onnxruntime

    path = resources.files("pipecat.audio.turn.smart_turn.data").joinpath("smart-turn-v3.2-cpu.onnx")
    options = onnxruntime.SessionOptions()
    options.inter_op_num_threads = 1
    options.intra_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"],
                                        sess_options=options)


class SmartTurn:
    """``await complete(audio)`` → the probability that the speaker has finished the turn."""

    def __init__(self, workers: int = 1) -> None:
        self._session = load_smart_turn_session()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="turn")
        self._workers = workers
        self._running = 0
        self.runs = 0
        self.failures = 0
        self.skipped = 0
        """Verdicts not asked because every worker was busy (another call's turn, under load)."""

    def _features(self, samples: np.ndarray) -> np.ndarray:
        # Pipecat's vendored numpy Whisper front end (no torch, no transformers), the one the
        # model was exported with.
        from pipecat.audio.turn.smart_turn._whisper_features import (
            compute_whisper_log_mel_features,
        )

        size = WINDOW_S * RATE_HZ
        samples = samples[-size:]
        if len(samples) < size:
            samples = np.pad(samples, (size - len(samples), 0))
        return compute_whisper_log_mel_features(samples, do_normalize=True)[None]

    def _probability(self, audio: Audio) -> float:
        samples = pcm16_to_float(audio.to_rate(RATE_HZ).pcm)
        outputs = self._session.run(None, {"input_features": self._features(samples)})
        return float(np.asarray(outputs[0]).reshape(-1)[0])

    async def complete(self, audio: Audio) -> float | None:
        """The probability the turn is over, or None when the model could not say (a broken
        frame, a failing runtime): the caller then gets the plain silence endpoint."""
        if audio.duration_s <= 0:
            return None
        if self._running >= self._workers:
            # A queued verdict would come after its deadline (the silence endpoint, 0.15 s
            # later) and take CPU from the calls' speech recognition: under load, skip it.
            self.skipped += 1
            return None
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        self._running += 1
        work = self._pool.submit(self._probability, audio)
        # Busy until the thread is done, even when the call stopped waiting for the verdict.
        work.add_done_callback(lambda _: loop.call_soon_threadsafe(self._done))
        try:
            probability = await asyncio.wrap_future(work)
        except Exception as exc:  # any model failure falls back to the silence endpoint
            self.failures += 1
            log.warning("smart turn failed", extra={"error": type(exc).__name__})
            return None
        self.runs += 1
        log.debug("smart turn", extra={"p": round(probability, 3),
                                       "ms": round((time.perf_counter() - started) * 1000, 1)})
        return probability

    def _done(self) -> None:
        self._running -= 1

    async def warm_up(self) -> None:
        await self.complete(Audio(b"\x00\x00" * (RATE_HZ // 2), RATE_HZ))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
