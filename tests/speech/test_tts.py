"""Text-to-speech: Piper sentence streaming, espeak-ng fallback, phrase cache, premium tier."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from frontdesk.config import TTSSettings
from frontdesk.resilience import BreakerState, CircuitBreaker
from frontdesk.speech.errors import SpeechError
from frontdesk.speech.premium import BreakerTTS, ElevenLabsTTS, TieredTTS
from frontdesk.speech.tts import FallbackTTS, PhraseCache, TTSChunk, first_audio_ms
from tests.fakes.elevenlabs import API_KEY, FakeElevenLabs

pytestmark = pytest.mark.engine


class BrokenTTS:
    """An engine that always fails, like Piper with a corrupt model."""

    name, voice = "broken", "none"

    def __init__(self) -> None:
        self.calls = 0

    async def stream(self, text: str) -> AsyncIterator[TTSChunk]:
        self.calls += 1
        raise SpeechError("model failed", engine=self.name, category="internal", retryable=False)
        yield  # pragma: no cover - makes this an async generator


async def test_piper_streams_one_chunk_per_sentence(piper) -> None:
    first_ms, chunks = await first_audio_ms(piper, "Thanks for calling. How can I help you today?")
    assert [c.text for c in chunks] == ["Thanks for calling.", "How can I help you today?"]
    assert all(c.sample_rate_hz == 22050 and c.engine == "piper" for c in chunks)
    assert 0.5 < chunks[1].duration_s < 4
    assert first_ms < sum(c.duration_s for c in chunks) * 1000  # faster than real time


async def test_piper_failure_falls_back_to_espeak(espeak) -> None:
    broken = BrokenTTS()
    tts = FallbackTTS(broken, espeak)
    _, chunks = await first_audio_ms(tts, "We're open until six. See you soon.")
    assert [c.engine for c in chunks] == ["espeak-ng", "espeak-ng"]
    assert all(c.duration_s > 0.3 for c in chunks)
    assert tts.fallbacks == 2


async def test_all_engines_failing_is_a_clear_error() -> None:
    with pytest.raises(SpeechError, match="every engine failed"):
        await first_audio_ms(FallbackTTS(BrokenTTS(), BrokenTTS()), "Hello.")


async def test_phrase_cache_memory_and_disk(piper, tmp_path) -> None:
    cache = PhraseCache(piper, tmp_path, max_entries=8)
    _, first = await first_audio_ms(cache, "Thanks for calling Riverside Motors.")
    assert (cache.hits, cache.misses) == (0, 1)
    again_ms, second = await first_audio_ms(cache, "Thanks for calling Riverside Motors.")
    assert cache.hits == 1 and second[0].pcm == first[0].pcm
    assert again_ms < 20
    fresh = PhraseCache(piper, tmp_path, max_entries=8)  # a new process: disk hit
    await first_audio_ms(fresh, "Thanks for calling Riverside Motors.")
    assert (fresh.hits, fresh.misses) == (1, 0)


async def test_a_long_sentence_is_cached_whole(piper, tmp_path) -> None:
    """A sentence the engine makes in two pieces (its first clause first) is replayed whole
    from the cache — not only its last piece."""
    cache = PhraseCache(piper, tmp_path, max_entries=8)
    line = ("Our service department is open Monday to Friday, from seven thirty in the morning "
            "to six in the evening.")
    _, made = await first_audio_ms(cache, "Sure. " + line)
    _, replayed = await first_audio_ms(cache, "Sure. " + line)
    assert cache.hits == 2
    assert b"".join(c.pcm for c in replayed) == b"".join(c.pcm for c in made)


async def test_the_agents_fixed_lines_are_cached_before_the_first_caller(piper, tmp_path) -> None:
    """Warmed at start: the greeting and the questions every caller hears are cache hits on the
    first call; lines with a caller's details are not guessed at; a restart re-makes nothing."""
    from frontdesk.brain.context import fixed_lines
    from frontdesk.knowledge.profile import load_profiles
    from frontdesk.spoken import speakable

    profile = load_profiles()["dealership"]
    lines = fixed_lines(profile)
    greeting = next(line for line in lines if line.startswith("Thanks for calling"))
    assert profile.name in greeting and "{" not in "".join(lines)
    assert "What day works best for you?" in lines
    assert profile.faq[0].answer in lines
    assert not any(line.startswith("Let me confirm") for line in lines)  # has the caller's name
    cache = PhraseCache(piper, tmp_path, max_entries=1024)
    few = [greeting, "What day works best for you?", profile.faq[0].answer]
    made = await cache.prewarm([speakable(line) for line in few])
    assert made >= 3
    for line in few:
        await first_audio_ms(cache, speakable(line))
    assert cache.misses == made and cache.hits >= 3
    assert await PhraseCache(piper, tmp_path).prewarm([speakable(line) for line in few]) == 0


@pytest.fixture
def fake_elevenlabs():
    server = FakeElevenLabs()
    server.start()
    yield server
    server.stop()


def _premium(server: FakeElevenLabs, **overrides) -> ElevenLabsTTS:
    settings = TTSSettings(elevenlabs_api_key=API_KEY, elevenlabs_base_url=server.url,
                           premium_timeout_s=0.5, **overrides)
    return ElevenLabsTTS(settings)


async def test_elevenlabs_streaming_protocol(fake_elevenlabs) -> None:
    premium = _premium(fake_elevenlabs)
    try:
        _, chunks = await first_audio_ms(premium, "Your appointment is booked. See you then.")
    finally:
        await premium.close()
    assert [c.engine for c in chunks] == ["elevenlabs", "elevenlabs"]
    request = fake_elevenlabs.requests[0]
    assert request["format"] == "pcm_22050" and request["model_id"] == "eleven_flash_v2_5"
    assert request["text"] == "Your appointment is booked."


@pytest.mark.parametrize("mode", ["error500", "rate_limited", "slow"])
async def test_premium_failure_speaks_the_same_sentence_locally(fake_elevenlabs, espeak,
                                                                mode) -> None:
    fake_elevenlabs.mode = mode
    premium = _premium(fake_elevenlabs)
    tiered = TieredTTS(espeak, BreakerTTS(premium, CircuitBreaker()))
    assert tiered.escalate() is True and tiered.escalate() is False
    try:
        _, chunks = await first_audio_ms(tiered, "Great news. You're all set.")
    finally:
        await premium.close()
    assert [c.text for c in chunks] == ["Great news.", "You're all set."]
    assert [c.engine for c in chunks] == ["espeak-ng", "espeak-ng"]


async def test_wrong_key_is_not_retryable(fake_elevenlabs) -> None:
    # a generous timeout: on a loaded machine a slow 401 must still read as the key's fault
    settings = TTSSettings(elevenlabs_api_key="wrong", elevenlabs_base_url=fake_elevenlabs.url,
                           premium_timeout_s=30.0)
    premium = ElevenLabsTTS(settings)
    try:
        with pytest.raises(SpeechError) as info:
            await first_audio_ms(premium, "Hello.")
    finally:
        await premium.close()
    assert info.value.category == "auth" and info.value.retryable is False


async def test_breaker_opens_after_five_failures_and_stops_calling(fake_elevenlabs,
                                                                   espeak) -> None:
    fake_elevenlabs.mode = "error500"
    now = [0.0]
    breaker = CircuitBreaker(failure_threshold=5, open_s=60, clock=lambda: now[0])
    premium = _premium(fake_elevenlabs)
    tiered = TieredTTS(espeak, BreakerTTS(premium, breaker))
    tiered.escalate()
    try:
        for _ in range(7):
            await first_audio_ms(tiered, "Hello there.")
        assert breaker.state is BreakerState.OPEN
        assert len(fake_elevenlabs.requests) == 5  # the last two never reached the server
        now[0] = 61.0
        fake_elevenlabs.mode = "ok"
        _, chunks = await first_audio_ms(tiered, "Welcome back.")
        assert chunks[0].engine == "elevenlabs" and breaker.state is BreakerState.CLOSED
    finally:
        await premium.close()


async def test_without_premium_the_call_stays_local(espeak) -> None:
    tiered = TieredTTS(espeak, None)
    assert tiered.escalate() is False and tiered.tier == "local"


async def test_a_reply_starting_goes_before_other_calls_later_sentences() -> None:
    """One synthesis worker, two calls in the middle of long replies: a third caller's first
    clause is made as soon as the worker is free, not after the sentences already waiting,
    which the other callers will not hear for seconds."""
    import asyncio

    from frontdesk.speech.tts import PiperTTS

    piper = PiperTTS(TTSSettings(workers=1))
    heard: list[tuple[str, str]] = []
    long_reply = " ".join(f"This is sentence number {n} of a long answer." for n in range(1, 7))

    async def speak(who: str, text: str) -> None:
        async for chunk in PhraseCache(piper, None).stream(text):
            heard.append((who, chunk.text))

    try:
        talking = [asyncio.create_task(speak(who, long_reply)) for who in ("A", "C")]
        while len(heard) < 2:  # both replies are under way, each with a sentence waiting
            await asyncio.sleep(0.005)
        asked_at = len(heard)
        await speak("B", "Sure, what day works for you?")
        before_b = [who for who, _ in heard[asked_at:] if who != "B"]
        assert len(before_b) <= 1  # at most the sentence the worker was already making
        await asyncio.gather(*talking)
        assert [t for who, t in heard if who == "A"] == [t for who, t in heard if who == "C"]
    finally:
        piper.close()
