"""Twilio Media Streams on the wire: the start handshake and a fault-tolerant serializer.

Pipecat's :class:`TwilioFrameSerializer` does the audio (µ-law 8 kHz ↔ PCM), ``clear`` on
interruptions and DTMF. On top of it this adds what a phone line in production needs:

- every inbound message is validated; bad JSON (including nesting too deep to parse), bad
  base64, a ``dtmf`` event without a keypad digit, unknown events and media before ``start``
  are logged (rate limited) and dropped, so one broken frame costs one frame, never the call;
- a ``mark`` after each agent reply, and Twilio's echo of it (the caller has heard the reply);
- no REST calls from inside the serializer: hanging up and transfers are call control's job
  (:mod:`frontdesk.voice.control` and the stream route).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from pipecat.audio.dtmf.types import KeypadEntry
from pipecat.frames.frames import (
    Frame,
    InputAudioRawFrame,
    InputDTMFFrame,
    OutputTransportMessageFrame,
)
from pipecat.serializers.twilio import TwilioFrameSerializer

from frontdesk.voice.processors import ReplyMarkFrame

log = logging.getLogger(__name__)


@dataclass(slots=True)
class StreamStart:
    """What Twilio's ``start`` message tells us about the call."""

    stream_sid: str
    call_sid: str
    account_sid: str
    parameters: dict[str, str]


@dataclass
class WireStats:
    """What went wrong on one stream, for the call's log line and the tests."""

    malformed: int = 0
    unknown_events: int = 0
    marks_sent: int = 0
    marks_played: list[str] = field(default_factory=list)
    stopped: bool = False

    def note(self, kind: str, detail: str, call_sid: str | None) -> None:
        if kind == "unknown":
            self.unknown_events += 1
            count = self.unknown_events
        else:
            self.malformed += 1
            count = self.malformed
        if count <= 5 or count % 100 == 0:  # a flood of bad frames must not flood the log
            log.warning("twilio stream message dropped", extra={
                "kind": kind, "detail": detail, "count": count, "call_sid": call_sid})


def _parse(data: str | bytes) -> dict[str, Any] | None:
    try:
        message = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: a few thousand nested brackets exhaust the JSON decoder's stack.
        return None
    return message if isinstance(message, dict) else None


def _keypad(message: dict[str, Any]) -> KeypadEntry | None:
    """The key of a ``dtmf`` event: ``{"dtmf": {"digit": "0"}}``; None when it is not one."""
    dtmf = message.get("dtmf")
    digit = dtmf.get("digit") if isinstance(dtmf, dict) else None
    if not isinstance(digit, str):
        return None
    try:
        return KeypadEntry(digit)
    except ValueError:
        return None


async def read_start(websocket: WebSocket, stats: WireStats,
                     timeout_s: float = 10.0) -> StreamStart | None:
    """Read up to ``start`` (``connected`` first; anything else before it is dropped)."""

    async def _read() -> StreamStart | None:
        while True:
            try:
                data = await websocket.receive_text()
            except (WebSocketDisconnect, RuntimeError, KeyError):
                return None
            message = _parse(data)
            if message is None:
                stats.note("malformed", "not a JSON object", None)
                continue
            event = message.get("event")
            if event == "connected":
                continue
            if event != "start":
                stats.note("malformed" if event == "media" else "unknown",
                           f"{event!r} before start", None)
                continue
            start = message.get("start")
            if not isinstance(start, dict) or not start.get("callSid") or not (
                    start.get("streamSid") or message.get("streamSid")):
                stats.note("malformed", "start without callSid/streamSid", None)
                continue
            params = start.get("customParameters") or {}
            return StreamStart(
                stream_sid=str(start.get("streamSid") or message.get("streamSid")),
                call_sid=str(start["callSid"]), account_sid=str(start.get("accountSid", "")),
                parameters={str(k): str(v) for k, v in params.items()}
                if isinstance(params, dict) else {})

    try:
        return await asyncio.wait_for(_read(), timeout_s)
    except TimeoutError:
        log.warning("twilio stream without a start", extra={"timeout_s": timeout_s})
        return None


MESSAGES_PER_FRAME = 2
"""Twilio sends 20 ms of audio per message; the pipeline takes it 40 ms at a time. A frame costs
the event loop the same Python work in every processor it passes (VAD, barge-in, STT) whatever
its length, and that work, for every call at once, is what one interpreter can do: two messages
per frame halve it, for at most 20 ms more before the VAD hears the caller stop."""


class TwilioMediaSerializer(TwilioFrameSerializer):
    """Pipecat's Twilio serializer, hardened against bad input and speaking ``mark``.

    Caller audio comes out in frames of ``messages_per_frame`` messages, each stamped with the
    time its first message was read off the socket (``metadata["received_at"]``), so the
    turn's clock starts when the caller's words arrived, not when the pipeline got to them.
    """

    def __init__(self, start: StreamStart, stats: WireStats, *,
                 messages_per_frame: int = MESSAGES_PER_FRAME) -> None:
        super().__init__(start.stream_sid, start.call_sid,
                         params=TwilioFrameSerializer.InputParams(auto_hang_up=False))
        self.stats = stats
        self._per_frame = max(1, messages_per_frame)
        self._parts: list[bytes] = []
        self._first_at = 0.0

    async def serialize(self, frame: Frame) -> str | bytes | None:
        if isinstance(frame, ReplyMarkFrame):
            self.stats.marks_sent += 1
            return json.dumps({"event": "mark", "streamSid": self._stream_sid,
                               "mark": {"name": frame.mark_name}})
        if isinstance(frame, OutputTransportMessageFrame):
            return None  # other transports' messages mean nothing to Twilio
        return await super().serialize(frame)

    async def deserialize(self, data: str | bytes) -> Frame | None:
        message = _parse(data)
        if message is None:
            self.stats.note("malformed", "not a JSON object", self._call_sid)
            return None
        event = message.get("event")
        if event == "media":
            media = message.get("media")
            payload = media.get("payload") if isinstance(media, dict) else None
            if not isinstance(payload, str) or not payload:
                self.stats.note("malformed", "media without payload", self._call_sid)
                return None
            try:
                base64.b64decode(payload, validate=True)
            except (binascii.Error, ValueError):
                self.stats.note("malformed", "payload is not base64", self._call_sid)
                return None
            received_at = time.monotonic()
            frame = await super().deserialize(data)
            return self._chunked(frame, received_at) if isinstance(
                frame, InputAudioRawFrame) else frame
        if event == "dtmf":
            key = _keypad(message)
            if key is None:
                self.stats.note("malformed", "dtmf without a keypad digit", self._call_sid)
                return None
            return InputDTMFFrame(key)
        if event == "mark":
            mark = message.get("mark")
            if isinstance(mark, dict) and isinstance(mark.get("name"), str):
                self.stats.marks_played.append(mark["name"])
            return None
        if event == "stop":
            self.stats.stopped = True
            return None
        if event in ("connected", "start"):
            self.stats.note("unknown", f"repeated {event}", self._call_sid)
            return None
        self.stats.note("unknown", f"event {event!r}", self._call_sid)
        return None

    def _chunked(self, frame: InputAudioRawFrame, received_at: float) -> InputAudioRawFrame | None:
        if not self._parts:
            self._first_at = received_at
        self._parts.append(frame.audio)
        if len(self._parts) < self._per_frame:
            return None
        chunk = InputAudioRawFrame(audio=b"".join(self._parts), sample_rate=frame.sample_rate,
                                   num_channels=frame.num_channels)
        chunk.metadata["received_at"] = self._first_at
        self._parts = []
        return chunk
