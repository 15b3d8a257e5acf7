"""Voice pieces without a pipeline: speakable text, what was heard, phone-line VAD tuning."""

from __future__ import annotations

import numpy as np
import pytest
from pipecat.audio.vad.silero import SileroVADAnalyzer
from pipecat.audio.vad.vad_analyzer import VADParams, VADState

from frontdesk.config import VoiceSettings
from frontdesk.speech.tts import first_audio_ms
from frontdesk.voice.processors import ReplyProgress
from frontdesk.voice.speakable import speakable
from frontdesk.voice.talk import phone_line


def test_speakable_reads_prices_times_and_phone_numbers() -> None:
    assert speakable("An oil change costs $49 to $89.") == (
        "An oil change costs forty-nine to eighty-nine dollars.")
    assert speakable("It's at 9:30 AM or 2 PM.") == "It's at nine thirty A M or two P M."
    assert speakable("We'll text 512-555-0199.") == "We'll text 5 1 2, 5 5 5, 0 1 9 9."
    assert speakable("$28,900") == "twenty-eight thousand, nine hundred dollars"


def test_spoken_text_keeps_what_was_heard() -> None:
    reply = ReplyProgress(sentences=[("Our service department is open weekdays.", 2.0),
                                     ("Saturday we open at eight.", 2.0)], played_s=3.0)
    assert reply.spoken_text() == "Our service department is open weekdays. Saturday we…"
    reply.played_s = 0.0
    assert reply.spoken_text() == ""


async def _onset_ms(analyzer: SileroVADAnalyzer, samples: np.ndarray,
                    rate: int) -> float | None:
    """Audio time (not wall time) at which the VAD declares speech: deterministic."""
    analyzer.set_sample_rate(rate)
    step = analyzer.num_frames_required()
    pcm = (samples * 32767).astype("<i2").tobytes()
    for i in range(0, len(pcm) // 2 - step, step):
        state = await analyzer.analyze_audio(pcm[i * 2: (i + step) * 2])
        if state == VADState.SPEAKING:
            return i / rate * 1000
    return None


@pytest.mark.engine
async def test_phone_tuning_hears_a_short_stop_quickly(engines) -> None:
    _, chunks = await first_audio_ms(engines.local_tts, "Stop.")
    from frontdesk.audio.pcm import Audio, pcm16_to_float

    stop = phone_line(Audio(b"".join(c.pcm for c in chunks), chunks[0].sample_rate_hz))
    samples = np.concatenate([np.zeros(4000, np.float32), pcm16_to_float(stop.pcm),
                              np.zeros(8000, np.float32)])
    tuning = VoiceSettings().phone_vad
    tuned = await _onset_ms(SileroVADAnalyzer(params=VADParams(
        confidence=tuning.confidence, start_secs=tuning.start_secs, stop_secs=tuning.stop_secs,
        min_volume=tuning.min_volume)), samples, 8000)
    default = await _onset_ms(SileroVADAnalyzer(params=VADParams()), samples, 8000)
    assert tuned is not None
    assert default is None or tuned < default
    assert tuned - 500 < 400  # within 0.4 s of the word's start (500 ms of leading silence)
