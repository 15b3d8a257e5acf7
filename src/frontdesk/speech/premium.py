"""Premium TTS (ElevenLabs' streaming HTTP API) and the dual-tier voice of seeds 000–002.

A call starts on the local voice. When the lead qualifies and premium is configured, the rest of
the call uses premium — but every premium sentence is guarded: a circuit breaker (5 failures →
open 60 s → half-open) and a first-audio timeout, and any failure speaks that same sentence
locally. Tier switches are reported to the caller of :meth:`TieredTTS.escalate` for recording.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Literal

import httpx

from frontdesk.config import TTSSettings
from frontdesk.resilience import CircuitBreaker
from frontdesk.speech.errors import SpeechError
from frontdesk.speech.tts import FallbackTTS, TTSChunk, TTSEngine
from frontdesk.spoken import tts_pieces

log = logging.getLogger(__name__)

PREMIUM_RATE_HZ = 22_050


class ElevenLabsTTS:
    """``POST /v1/text-to-speech/{voice_id}/stream`` returning raw 16-bit PCM at 22.05 kHz."""

    name = "elevenlabs"

    def __init__(self, settings: TTSSettings, client: httpx.AsyncClient | None = None) -> None:
        if not settings.elevenlabs_api_key:
            raise ValueError("ElevenLabs needs tts.elevenlabs_api_key")
        self._settings = settings
        self.voice = settings.elevenlabs_voice_id
        timeout = httpx.Timeout(settings.premium_timeout_s, connect=settings.premium_timeout_s)
        self._client = client or httpx.AsyncClient(base_url=settings.elevenlabs_base_url,
                                                   timeout=timeout)

    async def _synthesize(self, sentence: str) -> TTSChunk:
        url = f"/v1/text-to-speech/{self.voice}/stream"
        try:
            async with self._client.stream(
                "POST", url, params={"output_format": f"pcm_{PREMIUM_RATE_HZ}"},
                headers={"xi-api-key": self._settings.elevenlabs_api_key or "",
                         "accept": "audio/pcm"},
                json={"text": sentence, "model_id": self._settings.elevenlabs_model},
            ) as response:
                if response.status_code != 200:
                    body = (await response.aread())[:200].decode(errors="replace")
                    raise _http_error(response.status_code, body)
                pcm = b"".join([part async for part in response.aiter_bytes()])
        except httpx.TimeoutException as exc:
            raise SpeechError("no audio within the premium timeout", engine=self.name,
                              category="timeout", retryable=True) from exc
        except httpx.TransportError as exc:
            raise SpeechError(f"cannot reach ElevenLabs: {exc}", engine=self.name,
                              category="unavailable", retryable=True) from exc
        if len(pcm) < 2:
            raise SpeechError("empty audio", engine=self.name, category="internal", retryable=True)
        return TTSChunk(pcm[: len(pcm) // 2 * 2], PREMIUM_RATE_HZ, sentence, self.name)

    async def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        for sentence in tts_pieces(text):
            yield await self._synthesize(sentence)

    async def close(self) -> None:
        await self._client.aclose()


def _http_error(status: int, body: str) -> SpeechError:
    if status in (401, 403):
        return SpeechError(f"rejected key ({status})", engine="elevenlabs", category="auth",
                           retryable=False)
    if status == 429:
        return SpeechError("rate limited", engine="elevenlabs", category="rate_limited",
                           retryable=True)
    if status >= 500:
        return SpeechError(f"server error {status}", engine="elevenlabs", category="unavailable",
                           retryable=True)
    return SpeechError(f"HTTP {status}: {body}", engine="elevenlabs", category="bad_input",
                       retryable=False)


class BreakerTTS:
    """Wraps an engine with a circuit breaker: when open, fail at once instead of waiting."""

    def __init__(self, engine: TTSEngine, breaker: CircuitBreaker) -> None:
        self._engine = engine
        self.breaker = breaker
        self.name, self.voice = engine.name, engine.voice

    async def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        for sentence in tts_pieces(text):
            if not self.breaker.allow():
                raise SpeechError("circuit open", engine=self.name, category="unavailable",
                                  retryable=True)
            try:
                async for chunk in self._engine.stream(sentence):
                    self.breaker.record_success()
                    yield chunk
            except SpeechError:
                self.breaker.record_failure()
                raise


Tier = Literal["local", "premium"]


class TieredTTS:
    """The voice of one call: local until :meth:`escalate`, then premium with local fallback.

    The engines are shared by every call; only the tier choice is per call.
    """

    def __init__(self, local: TTSEngine, premium: BreakerTTS | None) -> None:
        self._local = local
        self._premium = FallbackTTS(premium, local) if premium is not None else None
        self.tier: Tier = "local"
        self.name, self.voice = local.name, local.voice

    @property
    def premium_available(self) -> bool:
        return self._premium is not None

    def escalate(self) -> bool:
        """Switch the rest of the call to premium; True if the tier changed."""
        if self._premium is None or self.tier == "premium":
            return False
        self.tier = "premium"
        return True

    async def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        engine = self._premium if self.tier == "premium" and self._premium else self._local
        async for chunk in engine.stream(text):
            yield chunk
