"""PCM conversions, resampling, G.711 µ-law and WAV files.

Everything works on 16-bit little-endian mono PCM ``bytes`` or float32 numpy arrays in [-1, 1].
µ-law is implemented with numpy lookup tables (``audioop`` is gone from Python 3.13).
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soxr


def pcm16_to_float(pcm: bytes) -> np.ndarray:
    """16-bit PCM bytes → float32 samples in [-1, 1]."""
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def float_to_pcm16(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] → 16-bit PCM bytes (clipped)."""
    return (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def resample(samples: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    """High-quality resampling (soxr); identity when the rates match."""
    if from_hz == to_hz or samples.size == 0:
        return samples.astype(np.float32, copy=False)
    return soxr.resample(samples.astype(np.float32, copy=False), from_hz, to_hz).astype(np.float32)


def resample_pcm16(pcm: bytes, from_hz: int, to_hz: int) -> bytes:
    return float_to_pcm16(resample(pcm16_to_float(pcm), from_hz, to_hz))


# --- G.711 µ-law --------------------------------------------------------------------------------
_BIAS = 0x84


def _build_decode_table() -> np.ndarray:
    codes = np.arange(256, dtype=np.int32)
    u = ~codes & 0xFF
    sign = u & 0x80
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = ((mantissa << 3) + _BIAS) << exponent
    return np.where(sign != 0, _BIAS - magnitude, magnitude - _BIAS).astype(np.int16)


_DECODE = _build_decode_table()


def ulaw_decode(data: bytes) -> bytes:
    """µ-law bytes → 16-bit PCM bytes (same sample rate)."""
    return _DECODE[np.frombuffer(data, dtype=np.uint8)].astype("<i2").tobytes()


_SEG_END = np.array([0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF], dtype=np.int32)


def ulaw_encode(pcm: bytes) -> bytes:
    """16-bit PCM bytes → µ-law bytes (same sample rate); bit-exact with G.711 / ``audioop``."""
    value = np.frombuffer(pcm, dtype="<i2").astype(np.int32) >> 2
    mask = np.where(value < 0, 0x7F, 0xFF)
    value = np.minimum(np.abs(value), 8159) + 0x21
    segment = np.searchsorted(_SEG_END, value, side="left")
    code = np.where(segment >= 8, 0x7F, (segment << 4) | ((value >> (segment + 1)) & 0x0F))
    return (code ^ mask).astype(np.uint8).tobytes()


# --- WAV ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Audio:
    """Mono 16-bit PCM with its rate."""

    pcm: bytes
    sample_rate_hz: int

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate_hz

    def to_rate(self, sample_rate_hz: int) -> Audio:
        return Audio(resample_pcm16(self.pcm, self.sample_rate_hz, sample_rate_hz), sample_rate_hz)


def read_wav(source: Path | bytes) -> Audio:
    """Read a PCM WAV file (any rate, 8/16-bit, mono or stereo) as mono 16-bit."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    with handle, wave.open(handle, "rb") as wav:
        width, channels, rate = wav.getsampwidth(), wav.getnchannels(), wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    if width == 2 and channels == 1:
        return Audio(frames, rate)  # already what we use: keep it bit-exact
    if width == 1:
        samples = (np.frombuffer(frames, dtype=np.uint8).astype(np.float32) - 128) / 128
    elif width == 2:
        samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768
    else:
        raise ValueError(f"unsupported WAV sample width: {width * 8} bits")
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return Audio(float_to_pcm16(samples), rate)


def write_wav(path: Path, audio: Audio) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(audio.sample_rate_hz)
        wav.writeframes(audio.pcm)


def wav_bytes(audio: Audio) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(audio.sample_rate_hz)
        wav.writeframes(audio.pcm)
    return buffer.getvalue()
