"""Twilio's side of a phone call, for simulated callers: eval, load tests and the test suite.

- :class:`MediaStreamClient` speaks the Media Streams WebSocket protocol as Twilio does
  (``connected``, ``start`` with ``customParameters``, 20 ms µ-law ``media`` in real time,
  ``dtmf``, ``mark`` echoes, ``stop``) and records what the server sends back, with the time
  each message arrived.
- :class:`TwilioSide` makes Twilio's HTTP requests: the signed voice webhook (whose TwiML names
  the stream to open), status callbacks, and the report of how a transfer's ``<Dial>`` ended.
"""

from __future__ import annotations

import asyncio
import base64
import bisect
import contextlib
import json
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import httpx
import websockets

from frontdesk.audio.pcm import Audio, ulaw_decode, ulaw_encode
from frontdesk.telephony.signature import sign

ACCOUNT_SID = "AC" + "0" * 31 + "1"
"""The account the simulated calls claim to come from (Frontdesk does not check it)."""
TWILIO_NUMBER = "+15125550100"
FRAME_BYTES = 160  # 20 ms of 8 kHz µ-law


def new_sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


@dataclass
class Stream:
    """What a ``<Connect><Stream>`` TwiML told Twilio to open."""

    url: str
    parameters: dict[str, str]


def parse_stream_twiml(xml: str) -> Stream:
    root = ET.fromstring(xml)
    stream = root.find("./Connect/Stream")
    if stream is None:
        raise ValueError(f"TwiML without <Connect><Stream>: {xml[:200]}")
    params = {p.get("name"): p.get("value") for p in stream.findall("Parameter")}
    return Stream(stream.get("url"), params)  # type: ignore[arg-type]


@dataclass
class Received:
    at: float
    event: str
    data: dict = field(default_factory=dict)


class MediaStreamClient:
    """One call's Media Stream, from Twilio's side, in real time."""

    def __init__(self, stream: Stream, *, call_sid: str) -> None:
        self.stream = stream
        self.call_sid = call_sid
        self.stream_sid = new_sid("MZ")
        self.events: list[Received] = []
        # Indexes over ``events`` (a call receives 50 media messages a second; a load test asks
        # about them every 20 ms per call, so scanning the whole list would be quadratic).
        self._counts: dict[str, int] = {}
        self._media: list[Received] = []
        self._media_at: list[float] = []
        self._last_mark_at: float | None = None
        self.closed_at: float | None = None
        self._ws = None
        self._outgoing: asyncio.Queue[bytes] = asyncio.Queue()
        self._speech_left = 0
        self._seq = 0
        self._chunk = 0
        self._tasks: list[asyncio.Task] = []
        self.speech_ends: list[float] = []
        self.protocol_errors: list[str] = []
        """What the server sent that Twilio would not accept."""

    # --- connection ---------------------------------------------------------------------------

    async def __aenter__(self) -> MediaStreamClient:
        self._ws = await websockets.connect(self.stream.url, max_size=None)
        await self.send_json({"event": "connected", "protocol": "Call", "version": "1.0.0"})
        await self.send_json({
            "event": "start", "sequenceNumber": self._next_seq(), "streamSid": self.stream_sid,
            "start": {"streamSid": self.stream_sid, "accountSid": ACCOUNT_SID,
                      "callSid": self.call_sid, "tracks": ["inbound"],
                      "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000,
                                      "channels": 1},
                      "customParameters": self.stream.parameters}})
        self._tasks = [asyncio.create_task(self._send_audio()),
                       asyncio.create_task(self._receive())]
        return self

    async def __aexit__(self, *exc) -> None:
        await self.hang_up()

    async def _stop_tasks(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    async def hang_up(self) -> None:
        """Twilio's ``stop``, then the socket closes (the caller hung up)."""
        await self._stop_tasks()
        if self._ws is not None:
            with contextlib.suppress(websockets.ConnectionClosed):
                await self.send_json({"event": "stop", "sequenceNumber": self._next_seq(),
                                      "streamSid": self.stream_sid,
                                      "stop": {"accountSid": ACCOUNT_SID,
                                               "callSid": self.call_sid}})
            await self._ws.close()
            self._ws = None

    async def drop(self) -> None:
        """The connection just dies: no ``stop``."""
        await self._stop_tasks()
        if self._ws is not None:
            self._ws.transport.abort()
            self._ws = None

    def _next_seq(self) -> str:
        self._seq += 1
        return str(self._seq)

    async def send_json(self, message: dict) -> None:
        await self._ws.send(json.dumps(message))

    async def send_raw(self, text: str) -> None:
        await self._ws.send(text)

    # --- the caller's side --------------------------------------------------------------------

    async def say(self, audio: Audio) -> None:
        """Speak (8 kHz µ-law, 20 ms frames, real time); returns when the last frame is sent."""
        ulaw = ulaw_encode(audio.to_rate(8000).pcm)
        frames = [ulaw[i:i + FRAME_BYTES].ljust(FRAME_BYTES, b"\xff")
                  for i in range(0, len(ulaw), FRAME_BYTES)]
        self._speech_left += len(frames)
        for frame in frames:
            self._outgoing.put_nowait(frame)
        while self._speech_left > 0:
            if self.closed_at is not None or not self._sending():
                raise ConnectionError("the call ended while the caller was speaking")
            await asyncio.sleep(0.01)
        self.speech_ends.append(time.monotonic())

    def _sending(self) -> bool:
        return bool(self._tasks) and not self._tasks[0].done()

    async def press(self, digit: str) -> None:
        await self.send_json({"event": "dtmf", "streamSid": self.stream_sid,
                              "sequenceNumber": self._next_seq(),
                              "dtmf": {"track": "inbound_track", "digit": digit}})

    async def _send_audio(self) -> None:
        silence = b"\xff" * FRAME_BYTES
        next_at = time.monotonic()
        while True:
            try:
                payload = self._outgoing.get_nowait()
                speech = True
            except asyncio.QueueEmpty:
                payload, speech = silence, False
            self._chunk += 1
            try:
                await self._send_media(payload)
            except websockets.ConnectionClosed:  # the agent hung up: nothing more to say
                return
            if speech:
                self._speech_left -= 1
            next_at += 0.02
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    async def _send_media(self, payload: bytes) -> None:
        await self.send_json({
            "event": "media", "sequenceNumber": self._next_seq(), "streamSid": self.stream_sid,
            "media": {"track": "inbound", "chunk": str(self._chunk),
                      "timestamp": str(self._chunk * 20),
                      "payload": base64.b64encode(payload).decode()}})

    async def _receive(self) -> None:
        try:
            async for raw in self._ws:
                try:
                    message = json.loads(raw)
                    event = message["event"]
                except (ValueError, KeyError, TypeError):
                    self.protocol_errors.append(f"not a Media Streams message: {raw[:80]!r}")
                    continue
                if message.get("streamSid") != self.stream_sid:
                    self.protocol_errors.append(f"{event} for stream {message.get('streamSid')!r}")
                self._record(Received(time.monotonic(), event, message))
                if event == "mark":  # played (our pacing is real time): echo like Twilio
                    await self.send_json({"event": "mark", "streamSid": self.stream_sid,
                                          "sequenceNumber": self._next_seq(),
                                          "mark": message["mark"]})
        except websockets.ConnectionClosed:
            pass
        self.closed_at = time.monotonic()

    # --- what the caller heard ----------------------------------------------------------------

    def _record(self, received: Received) -> None:
        self.events.append(received)
        self._counts[received.event] = self._counts.get(received.event, 0) + 1
        if received.event == "media":
            self._media.append(received)
            self._media_at.append(received.at)
        elif received.event == "mark":
            self._last_mark_at = received.at

    def count(self, event: str) -> int:
        return self._counts.get(event, 0)

    async def wait_for(self, event: str, count: int, timeout_s: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while self.count(event) < count:
            if time.monotonic() > deadline or (self.closed_at and self.count(event) < count
                                               and time.monotonic() > self.closed_at + 0.5):
                return False
            await asyncio.sleep(0.02)
        return True

    async def greeted(self, timeout_s: float = 30.0) -> bool:
        """Wait until the agent's greeting has been heard to its end."""
        return await self.wait_for("mark", 1, timeout_s)

    async def next_reply(self, timeout_s: float = 30.0) -> bool:
        """Wait for the agent's next whole reply (each ends with a ``mark``)."""
        return await self.wait_for("mark", self.count("mark") + 1, timeout_s)

    def agent_audio(self, since: float = 0.0) -> Audio:
        start = bisect.bisect_left(self._media_at, since)
        ulaw = b"".join(base64.b64decode(e.data["media"]["payload"]) for e in self._media[start:])
        return Audio(ulaw_decode(ulaw), 8000)

    def first_media_after(self, t: float) -> float | None:
        i = bisect.bisect_right(self._media_at, t)
        return self._media_at[i] if i < len(self._media_at) else None

    def marked_after(self, t: float) -> bool:
        """Whether a ``mark`` (the end of a reply's audio) arrived after ``t``."""
        return self._last_mark_at is not None and self._last_mark_at > t


class TwilioSide:
    """Twilio's HTTP requests to Frontdesk: signed webhooks and status callbacks."""

    def __init__(self, base_url: str, auth_token: str = "") -> None:
        self.base_url = base_url
        self.auth_token = auth_token

    async def post(self, path: str, params: dict[str, str], *, signed: bool = True,
                   signature: str | None = None) -> httpx.Response:
        return await self.post_url(f"{self.base_url}{path}", params, signed=signed,
                                   signature=signature)

    async def post_url(self, url: str, params: dict[str, str], *, signed: bool = True,
                       signature: str | None = None) -> httpx.Response:
        headers = {}
        if signed and self.auth_token:
            headers["X-Twilio-Signature"] = signature or sign(self.auth_token, url, params)
        async with httpx.AsyncClient() as http:
            return await http.post(url, data=params, headers=headers)

    async def ring(self, *, profile: str | None = "dealership", caller: str = "+15125550142",
                   call_sid: str | None = None) -> tuple[str, Stream]:
        """An inbound call: the voice webhook, whose TwiML opens a stream."""
        call_sid = call_sid or new_sid("CA")
        query = f"?profile={profile}" if profile else ""
        response = await self.post(f"/twilio/voice{query}", {
            "CallSid": call_sid, "AccountSid": ACCOUNT_SID, "From": caller, "To": TWILIO_NUMBER,
            "CallStatus": "ringing", "Direction": "inbound", "ApiVersion": "2010-04-01"})
        if response.status_code != 200 or not response.headers.get(
                "content-type", "").startswith("application/xml"):
            raise RuntimeError(f"voice webhook answered {response.status_code}: "
                               f"{response.text[:200]}")
        return call_sid, parse_stream_twiml(response.text)

    async def status(self, call_sid: str, status: str, duration_s: int | None = None,
                     url: str = "/twilio/status") -> httpx.Response:
        params = {"CallSid": call_sid, "AccountSid": ACCOUNT_SID, "CallStatus": status,
                  "From": "+15125550142", "To": TWILIO_NUMBER, "ApiVersion": "2010-04-01"}
        if duration_s is not None:
            params["CallDuration"] = str(duration_s)
        return await self.post(url, params)

    async def dial_ended(self, action_url: str, call_sid: str, dial_status: str) -> httpx.Response:
        """How a ``<Dial>`` ended, to its ``action`` URL (``no-answer``, ``busy``, ``completed``…)."""
        return await self.post_url(action_url, {
            "CallSid": call_sid, "AccountSid": ACCOUNT_SID, "DialCallStatus": dial_status,
            "DialCallSid": new_sid("CA"), "CallStatus": "in-progress", "ApiVersion": "2010-04-01"})
