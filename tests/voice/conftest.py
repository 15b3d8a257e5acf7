"""Voice fixtures: one set of real engines for the whole session, Piper-voiced caller lines,
and a running Frontdesk whose dealership records its calls."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from loguru import logger

from frontdesk.app import build_runtime, create_app
from frontdesk.audio.pcm import Audio
from frontdesk.config import EscalationSettings, Settings, TTSSettings, TwilioSettings
from frontdesk.knowledge.profile import PROFILES_DIR
from frontdesk.speech.tts import PiperTTS, first_audio_ms
from frontdesk.voice.engines import VoiceEngines
from tests.conftest import fixed_clock
from tests.fakes.live import LiveServer, free_port
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER, FakeTwilioApi

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


def recording_profiles(tmp_path: Path) -> Path:
    """A profiles folder whose dealership records its calls."""
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    raw = yaml.safe_load((PROFILES_DIR / "dealership.yaml").read_text(encoding="utf-8"))
    raw["recording"] = {"enabled": True, "retention_days": 7}
    (profiles / "dealership.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    return profiles


@pytest.fixture
async def recorded_line(tmp_path, engines):
    """A running Frontdesk whose dealership records its calls (Twilio's REST API faked)."""
    profiles = recording_profiles(tmp_path)
    api = FakeTwilioApi()
    async with LiveServer(api.app) as api_server:
        port = free_port()
        settings = Settings(
            env="test", data_dir=tmp_path, profiles_dir=profiles,
            public_url=f"http://127.0.0.1:{port}",
            twilio=TwilioSettings(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN,
                                  from_number=TWILIO_NUMBER, api_base_url=api_server.url),
            escalation=EscalationSettings(desk="simulated", min_wait_s=0.3, max_wait_s=0.4,
                                          human_available="always"))
        app = create_app(settings, clock=fixed_clock, engines=engines)
        async with LiveServer(app, port) as server:
            yield server


async def attached_recording(services, conversation_id: str):
    """The call's recording once attached (the recorder finishes the file as the call's
    pipeline winds down), or None after 20 s."""
    for _ in range(200):
        recording = await services.recordings.get(conversation_id)
        if recording is not None:
            return recording
        await asyncio.sleep(0.1)
    return None
