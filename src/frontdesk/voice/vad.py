"""Silero VAD with one ONNX session per process: a call keeps only its own recurrent state.

Pipecat's ``SileroVADAnalyzer`` opens a new ONNX Runtime session (the model, its memory arena)
for every analyzer, that is for every call; over many calls the arenas fragment the heap and the
server's memory only grows. Here the session is the process's (thread-safe for concurrent
``run``), and each call's analyzer holds what is really per call: the model's recurrent state and
audio context, and the VAD's own state machine.
"""

from __future__ import annotations

from importlib import resources

import onnxruntime
from pipecat.audio.vad.silero import SileroOnnxModel, SileroVADAnalyzer
from pipecat.audio.vad.vad_analyzer import VADAnalyzer, VADParams


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


class SharedSileroVAD(SileroVADAnalyzer):
    """A call's VAD analyzer on the process's Silero session."""

    def __init__(self, session: onnxruntime.InferenceSession, *, params: VADParams) -> None:
        VADAnalyzer.__init__(self, params=params)  # skips the parent's model loading
        self._model = _CallModel(session)
        self._windows_since_reset = 0
        self._low_confidence_windows = 0
