"""Voice fixtures: one set of real engines for the whole session, Piper-voiced caller lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from loguru import logger

from frontdesk.app import build_runtime
from frontdesk.audio.pcm import Audio
from frontdesk.config import EscalationSettings, Settings, TTSSettings
from frontdesk.speech.tts import PiperTTS, first_audio_ms
from frontdesk.voice.engines import VoiceEngines
from tests.conftest import fixed_clock

logger.remove()  # Pipecat's DEBUG logging would drown the test output
logger.add(lambda message: None, level="WARNING")


@pytest.fixture(scope="session")
def voice_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("voice")


@pytest.fixture(scope="session")
def voice_settings(voice_dir) -> Settings:
    return Settings(env="test", data_dir=voice_dir,
                    escalation=EscalationSettings(desk="simulated", min_wait_s=0.2, max_wait_s=0.3,
                                                  human_available="always"))


@pytest.fixture(scope="session")
async def engines(voice_settings) -> VoiceEngines:
    loaded = await VoiceEngines.load(voice_settings)
    yield loaded
    await loaded.close()


@pytest.fixture
async def runtime(tmp_path):
    """A fresh database per test (the engines are shared, as in a server)."""
    rt = await build_runtime(Settings(env="test", data_dir=tmp_path,
                                      escalation=EscalationSettings(
                                          desk="simulated", min_wait_s=0.2, max_wait_s=0.3,
                                          human_available="always")),
                             clock=fixed_clock)
    yield rt
    await rt.close()


_SPOKEN: dict[str, Audio] = {}


@pytest.fixture(scope="session")
def caller_voice():
    """A Piper voice without random variation: the same line is the same audio every run, so
    VAD and Whisper see identical input and the voice tests are repeatable."""
    voice = PiperTTS(TTSSettings(piper_noise_scale=0.0, piper_noise_w_scale=0.0, workers=1))
    yield voice
    voice.close()


@pytest.fixture(scope="session")
def say(caller_voice):
    """Caller speech synthesised with Piper (transcript known by construction)."""

    async def speak(text: str, pause_s: float = 0.0, then: str | None = None) -> Audio:
        key = f"{text}|{pause_s}|{then}"
        if key not in _SPOKEN:
            _, chunks = await first_audio_ms(caller_voice, text)
            pcm = b"".join(c.pcm for c in chunks)
            rate = chunks[0].sample_rate_hz
            if then is not None:
                _, rest = await first_audio_ms(caller_voice, then)
                pcm += b"\x00\x00" * int(rate * pause_s) + b"".join(c.pcm for c in rest)
            _SPOKEN[key] = Audio(pcm, rate)
        return _SPOKEN[key]

    return speak
