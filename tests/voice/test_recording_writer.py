"""The recording file itself, without a call: stereo Ogg/Opus, each side on its own channel."""

from __future__ import annotations

import av
import numpy as np

from frontdesk.voice.recording import OggOpusWriter


def test_each_side_keeps_its_own_channel(tmp_path) -> None:
    rate = 8000
    t = np.arange(rate) / rate
    tone = (np.sin(2 * np.pi * 440 * t) * 8000).astype("<i2").tobytes()
    writer = OggOpusWriter(tmp_path / "call.ogg", rate)
    writer.write(tone, b"")                    # the caller speaks, the agent is silent
    writer.write(b"\x00\x00" * rate, tone[:8000])  # the agent answers (a shorter chunk)
    writer.close()
    assert writer.duration_s == 2.0
    with av.open(str(tmp_path / "call.ogg")) as container:
        assert container.streams.audio[0].codec_context.channels == 2
        pcm = np.concatenate([f.to_ndarray() for f in container.decode(audio=0)], axis=1)
    half = pcm.shape[1] // 2

    def rms(part: np.ndarray) -> np.ndarray:
        return np.sqrt((part.astype(np.float64) ** 2).mean(axis=1))

    first, second = rms(pcm[:, :half]), rms(pcm[:, half:])
    assert first[0] > 0.1 and first[1] < 0.01    # caller on the left
    assert second[1] > 0.01 and second[0] < 0.01  # agent on the right
