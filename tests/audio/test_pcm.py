"""Codecs and resampling: µ-law must be bit-exact G.711 (Twilio's media format)."""

from __future__ import annotations

import warnings

import numpy as np

from frontdesk.audio.pcm import (
    Audio,
    read_wav,
    resample_pcm16,
    ulaw_decode,
    ulaw_encode,
    wav_bytes,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # the reference G.711 implementation (still in Python 3.11)


def test_ulaw_matches_g711_for_every_sample_value() -> None:
    every = np.arange(-32768, 32768, dtype=np.int32).astype("<i2").tobytes()
    assert ulaw_encode(every) == audioop.lin2ulaw(every, 2)
    codes = bytes(range(256))
    assert ulaw_decode(codes) == audioop.ulaw2lin(codes, 2)


def test_resampling_keeps_duration_and_pitch() -> None:
    rate = 8000
    tone = np.sin(2 * np.pi * 440 * np.arange(rate) / rate) * 0.5
    pcm = (tone * 32767).astype("<i2").tobytes()
    up = np.frombuffer(resample_pcm16(pcm, 8000, 16000), dtype="<i2").astype(np.float32)
    assert abs(len(up) - 16000) <= 2
    spectrum = np.abs(np.fft.rfft(up))
    assert abs(np.argmax(spectrum) * 16000 / len(up) - 440) < 2


def test_wav_round_trip() -> None:
    audio = Audio(b"\x01\x00\xff\x7f" * 100, 22050)
    back = read_wav(wav_bytes(audio))
    assert back.pcm == audio.pcm and back.sample_rate_hz == 22050
