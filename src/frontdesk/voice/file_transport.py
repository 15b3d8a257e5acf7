"""A loopback transport for whole calls from WAV files (``frontdesk talk``, tests, benchmarks).

The input side is fed by a driver (see :mod:`frontdesk.voice.caller`) in 20 ms frames at
real-time pace (or ``speed`` times faster); the output side "plays" the agent's audio at the
same pace, as a phone line would, and keeps both sides on one timeline so the call can be
written to a stereo-free mixed WAV afterwards.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import numpy as np
from pipecat.frames.frames import InputAudioRawFrame, OutputAudioRawFrame
from pipecat.transports.base_input import BaseInputTransport
from pipecat.transports.base_output import BaseOutputTransport
from pipecat.transports.base_transport import BaseTransport, TransportParams

from frontdesk.audio.pcm import Audio, pcm16_to_float, resample

FRAME_MS = 20


@dataclass
class Timeline:
    """Who said what when, in seconds of call time (wall time × speed)."""

    speed: float = 1.0
    started: float = field(default_factory=time.monotonic)
    caller: list[tuple[float, bytes, int]] = field(default_factory=list)
    agent: list[tuple[float, bytes, int]] = field(default_factory=list)

    def now_s(self) -> float:
        return (time.monotonic() - self.started) * self.speed

    def mix(self, sample_rate_hz: int = 16_000) -> Audio:
        """Both sides mixed into one mono track."""
        parts = [(t, pcm16_to_float(pcm), rate) for t, pcm, rate in self.caller + self.agent]
        if not parts:
            return Audio(b"", sample_rate_hz)
        end = max(t + len(s) / rate for t, s, rate in parts)
        track = np.zeros(int(end * sample_rate_hz) + 1, dtype=np.float32)
        for t, samples, rate in parts:
            data = resample(samples, rate, sample_rate_hz)
            start = int(t * sample_rate_hz)
            track[start: start + len(data)] += data[: len(track) - start]
        return Audio((np.clip(track, -1, 1) * 32767).astype("<i2").tobytes(), sample_rate_hz)


class FileInputTransport(BaseInputTransport):
    def __init__(self, params: TransportParams, timeline: Timeline) -> None:
        super().__init__(params)
        self._timeline = timeline
        self.ready = asyncio.Event()

    async def start(self, frame) -> None:
        await super().start(frame)
        await self.set_transport_ready(frame)
        self.ready.set()

    async def feed(self, audio: Audio, *, record: bool = True) -> None:
        """Send audio in 20 ms frames at the timeline's pace."""
        rate = self.sample_rate
        pcm = audio.to_rate(rate).pcm
        step = rate * FRAME_MS // 1000 * 2
        if record:
            self._timeline.caller.append((self._timeline.now_s(), pcm, rate))
        started = time.monotonic()
        for n, offset in enumerate(range(0, len(pcm), step)):
            chunk = pcm[offset: offset + step].ljust(step, b"\x00")
            await self.push_audio_frame(InputAudioRawFrame(audio=chunk, sample_rate=rate,
                                                           num_channels=1))
            due = started + (n + 1) * FRAME_MS / 1000 / self._timeline.speed
            await asyncio.sleep(max(0.0, due - time.monotonic()))

    async def silence(self, seconds: float) -> None:
        rate = self.sample_rate
        await self.feed(Audio(b"\x00\x00" * int(rate * seconds), rate), record=False)


class FileOutputTransport(BaseOutputTransport):
    def __init__(self, params: TransportParams, timeline: Timeline) -> None:
        super().__init__(params)
        self._timeline = timeline
        self._next_play = 0.0

    async def start(self, frame) -> None:
        await super().start(frame)
        await self.set_transport_ready(frame)

    async def write_audio_frame(self, frame: OutputAudioRawFrame) -> bool:
        """Record the frame and wait as long as it takes to play (a phone line's pace)."""
        self._timeline.agent.append((self._timeline.now_s(), frame.audio, frame.sample_rate))
        duration = len(frame.audio) / 2 / frame.sample_rate / self._timeline.speed
        now = time.monotonic()
        self._next_play = max(self._next_play, now) + duration
        await asyncio.sleep(max(0.0, self._next_play - now - duration))
        return True


class FileTransport(BaseTransport):
    """Both sides of a call from and to files."""

    def __init__(self, *, in_rate_hz: int = 16_000, out_rate_hz: int = 16_000,
                 speed: float = 1.0) -> None:
        super().__init__()
        self.timeline = Timeline(speed=speed)
        params = TransportParams(audio_in_enabled=True, audio_in_sample_rate=in_rate_hz,
                                 audio_out_enabled=True, audio_out_sample_rate=out_rate_hz)
        self._input = FileInputTransport(params, self.timeline)
        self._output = FileOutputTransport(params, self.timeline)

    def input(self) -> FileInputTransport:
        return self._input

    def output(self) -> FileOutputTransport:
        return self._output
