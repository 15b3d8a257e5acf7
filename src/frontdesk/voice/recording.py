"""Recording a call: both sides, in step, into a stereo Ogg/Opus file (caller left, agent right).

Pipecat's :class:`AudioBufferProcessor` sits at the end of the pipeline, where it sees the
caller's audio (forwarded by the speech-to-text for recorded calls) and the agent's audio as
it was played; it keeps the two tracks aligned on the wall clock and hands them over every few
seconds. Each chunk is Opus-encoded in a worker thread (PyAV) and appended to a ``.part`` file,
so a long call never sits in memory and a half-written file is never served. When the call's
pipeline is cleaned up, the file is closed, renamed and attached to the conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

import av
import numpy as np
from pipecat.processors.audio.audio_buffer_processor import AudioBufferProcessor

from frontdesk.storage.recordings import RecordingStore

log = logging.getLogger(__name__)

OPUS_RATES_HZ = (8000, 12000, 16000, 24000, 48000)
CHUNK_S = 5.0
"""How much audio is buffered before it is encoded and written."""
FINISH_TIMEOUT_S = 30.0


class OggOpusWriter:
    """A stereo Ogg/Opus file written chunk by chunk (blocking: call it from a thread)."""

    def __init__(self, path: Path, sample_rate_hz: int, bitrate: int = 32_000) -> None:
        self.path = path
        self.sample_rate_hz = sample_rate_hz
        self.samples = 0
        self._container = av.open(str(path), "w", format="ogg")
        self._stream = self._container.add_stream("libopus", rate=sample_rate_hz)
        self._stream.layout = "stereo"
        self._stream.bit_rate = bitrate

    @property
    def duration_s(self) -> float:
        return self.samples / self.sample_rate_hz

    def write(self, left: bytes, right: bytes) -> None:
        """Append 16-bit mono PCM for each side (the shorter padded with silence)."""
        a = np.frombuffer(left, dtype="<i2")
        b = np.frombuffer(right, dtype="<i2")
        n = max(len(a), len(b))
        if n == 0:
            return
        stereo = np.zeros((n, 2), dtype="<i2")
        stereo[: len(a), 0], stereo[: len(b), 1] = a, b
        frame = av.AudioFrame.from_ndarray(stereo.reshape(1, -1), format="s16", layout="stereo")
        frame.sample_rate = self.sample_rate_hz
        for packet in self._stream.encode(frame):
            self._container.mux(packet)
        self.samples += n

    def close(self) -> None:
        for packet in self._stream.encode(None):
            self._container.mux(packet)
        self._container.close()


class CallRecorder(AudioBufferProcessor):
    """The last processor of a recorded call's pipeline (see the module docstring)."""

    def __init__(self, store: RecordingStore, conversation_id: str, sample_rate_hz: int) -> None:
        rate = sample_rate_hz if sample_rate_hz in OPUS_RATES_HZ else 16_000
        super().__init__(name="call_recorder", sample_rate=rate, num_channels=2,
                         buffer_size=int(rate * 2 * CHUNK_S), auto_start_recording=True)
        self._store = store
        self._conversation_id = conversation_id
        self._rate = rate
        self._chunks: asyncio.Queue[tuple[bytes, bytes] | None] = asyncio.Queue()
        self._writer: asyncio.Task[None] | None = None
        # Synchronous handlers: Pipecat runs each in a task of its own, and a handler that
        # never awaits keeps the chunks in the order they were made.
        self.add_event_handler("on_track_audio_data", self._on_tracks)

    def _on_tracks(self, _processor: AudioBufferProcessor, caller: bytes, agent: bytes,
                   _rate: int, _channels: int) -> None:
        if self._writer is None:
            self._writer = asyncio.get_running_loop().create_task(self._write_all())
        self._chunks.put_nowait((caller, agent))

    async def cleanup(self) -> None:
        """The call is over: flush what is buffered, close the file and attach it."""
        await self.stop_recording()  # a no-op when the end of the pipeline already stopped it
        await super().cleanup()
        if self._writer is None:
            return
        self._chunks.put_nowait(None)
        try:
            await asyncio.wait_for(asyncio.shield(self._writer), FINISH_TIMEOUT_S)
        except TimeoutError:
            log.error("the recording did not finish in time")
            self._writer.cancel()

    async def _write_all(self) -> None:
        final = self._store.new_file(self._conversation_id)
        part = final.with_name(final.name + ".part")
        writer: OggOpusWriter | None = None
        try:
            writer = await asyncio.to_thread(OggOpusWriter, part, self._rate)
            while (chunk := await self._chunks.get()) is not None:
                await asyncio.to_thread(writer.write, *chunk)
            await asyncio.to_thread(writer.close)
        except (OSError, av.FFmpegError, ValueError) as exc:
            log.error("recording failed", extra={"error": f"{type(exc).__name__}: {exc}"})
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
            return
        if writer.samples == 0:
            part.unlink()
            return
        part.replace(final)
        if await self._store.attach(self._conversation_id, final, writer.duration_s):
            log.info("call recorded", extra={"duration_s": round(writer.duration_s, 1)})
