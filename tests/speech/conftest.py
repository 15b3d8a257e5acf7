"""Real local speech engines, loaded once for the speech tests (as the server would)."""

from __future__ import annotations

import pytest

from frontdesk.config import STTSettings, TTSSettings
from frontdesk.speech.stt import FasterWhisperSTT, resolve_model_dir
from frontdesk.speech.tts import EspeakTTS, PiperTTS


@pytest.fixture(scope="session")
def piper() -> PiperTTS:
    engine = PiperTTS(TTSSettings(piper_noise_scale=0.0, piper_noise_w_scale=0.0))  # same audio every run
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def espeak() -> EspeakTTS:
    return EspeakTTS(TTSSettings())


@pytest.fixture(scope="session")
def whisper_tiny(tmp_path_factory) -> FasterWhisperSTT:
    settings = STTSettings(model="tiny.en", workers=2)
    engine = FasterWhisperSTT(settings, resolve_model_dir(settings, tmp_path_factory.mktemp("d")))
    yield engine
    engine.close()
