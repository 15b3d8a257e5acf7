"""Silero VAD with one ONNX session per process: a call keeps only its own recurrent state.

Pipecat's ``SileroVADAnalyzer`` opens a new ONNX Runtime session (the model, its memory arena)
for every analyzer, that is for every call; over many calls the arenas fragment the heap and the
server's memory only grows. Here the session is the process's (thread-safe for concurrent
``run``), and each call's analyzer holds what is really per call: the model's recurrent state and
audio context, and the VAD's own state machine.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import onnxruntime
from pipecat.audio.vad.silero import SileroOnnxModel, SileroVADAnalyzer
from pipecat.audio.vad.vad_analyzer import VADAnalyzer, VADParams, VADState


def load_silero_session() -> onnxruntime.InferenceSession:
    """The Silero model shipped inside the pipecat wheel, one CPU thread (as Pipecat sets it)."""
    path = resources.files("pipecat.audio.vad.data").joinpath("silero_vad.onnx")
    options = onnxruntime.SessionOptions()
    options.inter_op_num_threads = 1
    options.intra_op_num_threads = 1
    return onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"],
                                        sess_options=options)


class _CallModel(SileroOnnxModel):
    """Silero's per-stream state over a shared session."""

    def __init__(self, session: onnxruntime.InferenceSession) -> None:  # no super(): no new session
        self.session = session
        self.reset_states()
        self.sample_rates = [8000, 16000]


QUIET_PEAK = 64
"""While nobody is speaking, a window whose loudest sample stays under this (about -54 dBFS: a
phone line's silence, digital or comfort noise) is not shown to Silero, which would answer well
under any speech threshold; that is most of the listening cost of a call while the caller is
quiet. Inside speech every window goes to the model, whose memory carries it over short gaps."""


class SharedSileroVAD(SileroVADAnalyzer):
    """A call's VAD analyzer on the process's Silero session.

    ``resume_within_s``: speech that comes back within this long after a stop is speech again
    at once, without the ``start_secs`` a new utterance needs. With speculative STT the stop is
    reported early (at a pause) and the turn only ends later: this keeps a caller who goes on
    inside that window one utterance, exactly as a longer ``stop_secs`` would.
    """

    def __init__(self, session: onnxruntime.InferenceSession, *, params: VADParams,
                 resume_within_s: float = 0.0) -> None:
        VADAnalyzer.__init__(self, params=params)  # skips the parent's model loading
        self._model = _CallModel(session)
        self._windows_since_reset = 0
        self._low_confidence_windows = 0
        self._resume_within_s = resume_within_s
        self._silent = False
        self.windows_skipped = 0
        """Windows of a silent line not shown to the model (see ``QUIET_PEAK``)."""
        self._quiet_s: float | None = None
        """Audio heard since the last stop (None: no stop to resume from)."""

    async def analyze_audio(self, buffer: bytes) -> VADState:
        """On the event loop, not in Pipecat's per-call worker thread.

        A phone frame is 20 ms and Silero's window 32 ms (512 samples at 16 kHz, 256 at 8 kHz):
        one frame in three completes no window and needs no model, and a window costs about
        0.2 ms of CPU, less than the round trip to a thread and back. Under load those round
        trips were the bottleneck: at twenty calls each frame's hop waited on the interpreter
        lock behind the other calls' threads, the caller's audio queued in front of the VAD
        and the agent heard it up to 30 s late (measured: the socket was read on time).
        """
        return self._run_analyzer(buffer)

    def voice_confidence(self, buffer: bytes) -> float:
        samples = np.frombuffer(buffer, np.int16)
        if (self._vad_state == VADState.QUIET and samples.size
                and -QUIET_PEAK < samples.min() <= samples.max() < QUIET_PEAK):
            if not self._silent:  # sound, when it comes back, meets a fresh model
                self._model.reset_states()
            self._silent = True
            self.windows_skipped += 1
            return 0.0
        self._silent = False
        return super().voice_confidence(buffer)

    def _run_analyzer(self, buffer: bytes) -> VADState:
        before = self._vad_state
        state = super()._run_analyzer(buffer)
        if before in (VADState.SPEAKING, VADState.STOPPING) and state == VADState.QUIET:
            self._quiet_s = 0.0
        elif self._quiet_s is not None:
            self._quiet_s += len(buffer) / (2 * self.sample_rate)
            if self._quiet_s > self._resume_within_s or state == VADState.SPEAKING:
                self._quiet_s = None
            elif state == VADState.STARTING:
                self._vad_state = state = VADState.SPEAKING
                self._vad_starting_count = 0
                self._quiet_s = None
        return state
