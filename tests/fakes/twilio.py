"""Twilio, as far as Frontdesk can tell: signed webhooks, Media Streams, the REST API.

- :class:`MediaStreamClient` speaks the Media Streams WebSocket protocol exactly as Twilio does
  (``connected``, ``start`` with ``customParameters``, 20 ms µ-law ``media`` in real time,
  ``dtmf``, ``mark`` echoes, ``stop``) and records what the server sends back.
- :class:`TwilioSide` plays Twilio's part of a call: signed webhook requests, the TwiML they
  return, status callbacks.
- :class:`FakeTwilioApi` is the REST API (``/2010-04-01/Accounts/{sid}/Calls.json`` and call
  updates) with Basic auth; a created call "rings" by fetching its TwiML from the ``Url``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import httpx
import websockets
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from frontdesk.audio.pcm import Audio, ulaw_decode, ulaw_encode
from frontdesk.telephony.signature import sign

ACCOUNT_SID = "AC" + "0" * 31 + "1"
AUTH_TOKEN = "test-auth-token"
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
    assert stream is not None, xml
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
        self.closed_at: float | None = None
        self._ws = None
        self._outgoing: asyncio.Queue[bytes] = asyncio.Queue()
        self._speech_left = 0
        self._seq = 0
        self._chunk = 0
        self._tasks: list[asyncio.Task] = []
        self.speech_ends: list[float] = []

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
            await asyncio.sleep(0.01)
        self.speech_ends.append(time.monotonic())

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
            await self.send_json({
                "event": "media", "sequenceNumber": self._next_seq(), "streamSid": self.stream_sid,
                "media": {"track": "inbound", "chunk": str(self._chunk),
                          "timestamp": str(self._chunk * 20),
                          "payload": base64.b64encode(payload).decode()}})
            if speech:
                self._speech_left -= 1
            next_at += 0.02
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    async def _receive(self) -> None:
        try:
            async for raw in self._ws:
                message = json.loads(raw)
                event = message.get("event", "?")
                assert message.get("streamSid") == self.stream_sid, message
                self.events.append(Received(time.monotonic(), event, message))
                if event == "mark":  # played (our pacing is real time): echo like Twilio
                    await self.send_json({"event": "mark", "streamSid": self.stream_sid,
                                          "sequenceNumber": self._next_seq(),
                                          "mark": message["mark"]})
        except websockets.ConnectionClosed:
            pass
        self.closed_at = time.monotonic()

    # --- what the caller heard ----------------------------------------------------------------

    def count(self, event: str) -> int:
        return sum(1 for e in self.events if e.event == event)

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
        ulaw = b"".join(base64.b64decode(e.data["media"]["payload"]) for e in self.events
                        if e.event == "media" and e.at >= since)
        return Audio(ulaw_decode(ulaw), 8000)

    def first_media_after(self, t: float) -> float | None:
        return next((e.at for e in self.events if e.event == "media" and e.at > t), None)


class TwilioSide:
    """Twilio's HTTP requests to Frontdesk: signed webhooks and status callbacks."""

    def __init__(self, base_url: str, auth_token: str = AUTH_TOKEN) -> None:
        self.base_url = base_url
        self.auth_token = auth_token

    async def post(self, path: str, params: dict[str, str], *, signed: bool = True,
                   signature: str | None = None) -> httpx.Response:
        return await self.post_url(f"{self.base_url}{path}", params, signed=signed,
                                   signature=signature)

    async def post_url(self, url: str, params: dict[str, str], *, signed: bool = True,
                       signature: str | None = None) -> httpx.Response:
        headers = {}
        if signed:
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
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/xml")
        return call_sid, parse_stream_twiml(response.text)

    async def status(self, call_sid: str, status: str, duration_s: int | None = None,
                     url: str = "/twilio/status") -> httpx.Response:
        params = {"CallSid": call_sid, "AccountSid": ACCOUNT_SID, "CallStatus": status,
                  "From": "+15125550142", "To": TWILIO_NUMBER, "ApiVersion": "2010-04-01"}
        if duration_s is not None:
            params["CallDuration"] = str(duration_s)
        return await self.post(url, params)


class FakeTwilioApi:
    """Twilio's REST API for calls. A created call "rings": its TwiML is fetched (signed) and
    kept in ``answered`` for the test to open the stream; updates are recorded."""

    def __init__(self) -> None:
        self.created: list[dict[str, str]] = []
        self.updates: list[tuple[str, dict[str, str]]] = []
        self.answered: asyncio.Queue[tuple[str, Stream]] = asyncio.Queue()
        self.fail_next: dict | None = None
        self.app = FastAPI()
        self.app.post("/2010-04-01/Accounts/{account}/Calls.json")(self._create)
        self.app.post("/2010-04-01/Accounts/{account}/Calls/{call_sid}.json")(self._update)
        self._ringing: set[asyncio.Task] = set()

    @staticmethod
    def _auth(request: Request, account: str) -> None:
        expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        if account != ACCOUNT_SID or request.headers.get("authorization") != expected:
            raise HTTPException(401, {"code": 20003, "message": "Authenticate", "status": 401})

    @staticmethod
    def _resource(sid: str, form: dict[str, str], status: str) -> dict:
        return {"sid": sid, "account_sid": ACCOUNT_SID, "to": form.get("To"),
                "from": form.get("From"), "status": status, "direction": "outbound-api",
                "api_version": "2010-04-01",
                "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}.json"}

    async def _create(self, account: str, request: Request):
        self._auth(request, account)
        form = {k: str(v) for k, v in (await request.form()).items()}
        self.created.append(form)
        if self.fail_next is not None:
            error, self.fail_next = self.fail_next, None
            return JSONResponse(error, status_code=error["status"])
        sid = new_sid("CA")
        task = asyncio.create_task(self._ring(sid, form))
        self._ringing.add(task)
        task.add_done_callback(self._ringing.discard)
        return JSONResponse(self._resource(sid, form, "queued"), status_code=201)

    async def _ring(self, sid: str, form: dict[str, str]) -> None:
        side = TwilioSide("")
        base = {"CallSid": sid, "AccountSid": ACCOUNT_SID, "From": form["From"],
                "To": form["To"], "Direction": "outbound-api", "ApiVersion": "2010-04-01"}
        for status in ("initiated", "ringing"):
            await side.post_url(form["StatusCallback"], {**base, "CallStatus": status})
        response = await side.post_url(form["Url"], {**base, "CallStatus": "in-progress"})
        await side.post_url(form["StatusCallback"], {**base, "CallStatus": "in-progress"})
        if response.status_code == 200:
            await self.answered.put((sid, parse_stream_twiml(response.text)))

    async def _update(self, account: str, call_sid: str, request: Request):
        self._auth(request, account)
        form = {k: str(v) for k, v in (await request.form()).items()}
        self.updates.append((call_sid, form))
        return JSONResponse(self._resource(call_sid, form, form.get("Status", "in-progress")))
