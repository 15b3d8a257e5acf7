"""The speech engines of one process: loaded and warmed once, shared by every call."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from pipecat.audio.vad.vad_analyzer import VADParams

from frontdesk.config import Settings
from frontdesk.resilience import CircuitBreaker
from frontdesk.speech.errors import SpeechError
from frontdesk.speech.premium import BreakerTTS, ElevenLabsTTS, TieredTTS
from frontdesk.speech.stt import FasterWhisperSTT, resolve_model_dir
from frontdesk.speech.tts import EspeakTTS, FallbackTTS, PhraseCache, PiperTTS, TTSEngine
from frontdesk.speech.turn import SmartTurn
from frontdesk.spoken import speakable
from frontdesk.voice.vad import SharedSileroVAD, load_silero_session

log = logging.getLogger(__name__)


@dataclass
class VoiceEngines:
    stt: FasterWhisperSTT
    local_tts: TTSEngine
    """Piper → espeak-ng, behind the phrase cache."""
    premium: BreakerTTS | None
    _piper: PiperTTS | None = None
    _elevenlabs: ElevenLabsTTS | None = None
    _silero: Any = field(default=None, repr=False)
    """The Silero VAD session every call shares (loaded on first use when not by ``load``)."""
    turn: SmartTurn | None = None
    """Smart Turn, when ``voice.smart_turn`` is on."""

    @classmethod
    async def load(cls, settings: Settings) -> VoiceEngines:
        """Load models off the event loop and warm them so the first call has no cold start."""
        model_dir = await asyncio.to_thread(resolve_model_dir, settings.stt, settings.data_dir)
        stt = await asyncio.to_thread(FasterWhisperSTT, settings.stt, model_dir)
        piper = await asyncio.to_thread(PiperTTS, settings.tts)
        local = PhraseCache(FallbackTTS(piper, EspeakTTS(settings.tts)),
                            settings.data_dir / "tts-cache", settings.tts.cache_entries)
        premium = elevenlabs = None
        if settings.tts.elevenlabs_api_key:
            elevenlabs = ElevenLabsTTS(settings.tts)
            premium = BreakerTTS(elevenlabs, CircuitBreaker(failure_threshold=5, open_s=60.0))
        silero = await asyncio.to_thread(load_silero_session)
        turn = await asyncio.to_thread(SmartTurn) if settings.voice.smart_turn else None
        engines = cls(stt=stt, local_tts=local, premium=premium, _piper=piper,
                      _elevenlabs=elevenlabs, _silero=silero, turn=turn)
        await asyncio.gather(stt.warm_up(), piper.warm_up(), *([turn.warm_up()] if turn else []))
        return engines

    phrases_ready: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    """Set once :meth:`warm_phrases` has cached every fixed line."""

    async def warm_phrases(self, lines: list[str]) -> None:
        """Cache the agent's fixed lines (greetings, questions, FAQ answers) in the background
        at start: the first caller to hear one gets it from the cache. Already-cached lines
        (the cache is on disk) cost nothing."""
        started = time.perf_counter()
        if not isinstance(self.local_tts, PhraseCache):
            self.phrases_ready.set()
            return
        try:
            made = await self.local_tts.prewarm([speakable(line) for line in lines])
        except SpeechError as exc:
            log.warning("phrase cache warm-up failed", extra={"category": exc.category})
        else:
            log.info("phrase cache warm", extra={"lines": len(lines), "synthesized": made,
                                                 "seconds": round(time.perf_counter() - started, 1)})
        self.phrases_ready.set()

    def vad_for_call(self, params: VADParams, resume_within_s: float = 0.0) -> SharedSileroVAD:
        """A call's voice activity detector: its own state, the process's model."""
        if self._silero is None:
            self._silero = load_silero_session()
        return SharedSileroVAD(self._silero, params=params, resume_within_s=resume_within_s)

    def voice_for_call(self) -> TieredTTS:
        """Each call gets its own tier choice over the shared engines."""
        return TieredTTS(self.local_tts, self.premium)

    async def close(self) -> None:
        self.stt.close()
        if self.turn is not None:
            self.turn.close()
        if self._piper is not None:
            self._piper.close()
        if self._elevenlabs is not None:
            await self._elevenlabs.close()
