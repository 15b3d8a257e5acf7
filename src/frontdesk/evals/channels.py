"""Where a simulated conversation happens: in-process, over HTTP, or over a phone line.

Every channel gives the runner the same things: the reply as the caller got it, the public
conversation state after it, and how long the caller waited. The conversation core is the same
code whichever channel is used; only the way in differs.

- :class:`ServiceChannel`: the conversation service in this process (its own database).
- :class:`HttpChannel`: a running server's HTTP API (``/api/sessions``, ``/api/chat``).
- :class:`PhoneChannel`: a running server's Twilio Media Streams path in real time. The
  caller's lines are synthesized in a voice that is not the agent's; the agent's audio is
  transcribed back with the local Whisper, so checks see what a caller really heard.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import select, update

from frontdesk.audio.pcm import Audio
from frontdesk.conversations.views import public_state
from frontdesk.evals.schema import WEEKDAYS, Busy, EvalScenario, Existing
from frontdesk.storage.customers import upsert_customer
from frontdesk.storage.models import Appointment, Business, ServiceType
from frontdesk.telephony.simulator import MediaStreamClient, TwilioSide

if TYPE_CHECKING:
    from frontdesk.app import Runtime
    from frontdesk.speech.stt import FasterWhisperSTT
    from frontdesk.speech.tts import TTSEngine


CALLER_PITCH = 1.18
"""Piper's voice played 18% higher and quicker: a different speaker than the agent."""


class ChannelError(RuntimeError):
    """The channel itself failed (server down, call refused): the scenario cannot be judged."""


class ChannelUnsupported(ChannelError):
    """The scenario needs what this channel cannot do (calendar fixtures, outbound audio):
    it is skipped, not failed."""


@dataclass
class Heard:
    """One agent reply, as the caller got it."""

    reply: str
    state: dict[str, Any]
    wait_ms: float | None = None
    """From the end of the caller's words to the start of the reply, at the caller."""
    said: str | None = None
    """What the agent meant to say, when ``reply`` was transcribed from audio."""


@dataclass
class Finished:
    state: dict[str, Any]
    stages: dict[str, list[float]] = field(default_factory=dict)
    """Server-side per-stage latencies (ms) of the agent's replies."""
    call_s: float | None = None
    """How long the call lasted (measured on audio channels)."""
    existing: list[dict[str, Any]] = field(default_factory=list)
    """The scenario's ``existing`` appointments as the calendar has them after the call
    (``status``, ``scheduled_date``, ``scheduled_time``; in-process runs only)."""


class Channel(Protocol):
    name: str

    async def start(self, scenario: EvalScenario, caller_phone: str | None) -> Heard: ...

    async def say(self, text: str, *, cut_in: bool = False) -> Heard:
        """Say ``text``; the reply as heard. ``cut_in``: return once the reply has begun, so
        the caller's next line talks over it (audio channels; text has nothing to cut)."""
        ...

    async def finish(self) -> Finished: ...


def _stages(transcript: list[dict[str, Any]]) -> dict[str, list[float]]:
    stages: dict[str, list[float]] = {}
    for line in transcript:
        if line["role"] != "assistant":
            continue
        for stage, value in (line.get("latency") or {}).items():
            stages.setdefault(stage, []).append(value)
        if not line.get("latency") and line.get("brain_ms") is not None:
            stages.setdefault("brain_ms", []).append(line["brain_ms"])
    return stages


# --- in-process ---------------------------------------------------------------------------------


def next_weekday(today: date, weekday: str) -> date:
    """The next ``weekday`` after ``today`` (as a caller means "Thursday")."""
    delta = (WEEKDAYS.index(weekday.lower()) - today.weekday()) % 7
    return today + timedelta(days=delta or 7)


class ServiceChannel:
    """The conversation service in this process; calendar fixtures are supported here only."""

    name = "text"

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._session: str | None = None
        self._existing: list[int] = []

    async def start(self, scenario: EvalScenario, caller_phone: str | None) -> Heard:
        await self._reset()
        await self._load_busy(scenario)
        self._existing = await self._load_existing(scenario, caller_phone)
        started = time.perf_counter()
        outcome = await self.runtime.conversations.create(
            scenario.profile, direction=scenario.direction, channel="text",
            caller_phone=caller_phone,
            caller_name=scenario.persona.name if scenario.direction == "outbound" else None)
        self._session = outcome.state.conversation_id
        return Heard(outcome.reply, public_state(outcome.state),
                     (time.perf_counter() - started) * 1000)

    async def say(self, text: str, *, cut_in: bool = False) -> Heard:
        assert self._session is not None
        started = time.perf_counter()
        outcome = await self.runtime.conversations.chat(self._session, text)
        return Heard(outcome.reply, public_state(outcome.state),
                     (time.perf_counter() - started) * 1000)

    async def finish(self) -> Finished:
        assert self._session is not None
        conversations = self.runtime.conversations
        state, turns = await conversations.get(self._session)
        if not state.ended:
            state = await conversations.end(self._session)
        brain = [t.brain_ms for t in turns if t.role == "assistant" and t.brain_ms is not None]
        existing, public = [], public_state(state)
        async with self.runtime.sessions() as db:
            for appointment_id in self._existing:
                row = await db.get(Appointment, appointment_id)
                existing.append({"status": row.status,
                                 "scheduled_date": row.scheduled_date.isoformat(),
                                 "scheduled_time": row.scheduled_time.strftime("%H:%M")})
            live = [v for v in public["booked_before"]
                    if (row := await db.get(Appointment, v["id"])) is not None and row.status == "scheduled"]
        public["booked_before"] = live  # (a visit booked earlier in the call and cancelled since is none)
        return Finished(public, {"brain_ms": brain}, existing=existing)

    async def _reset(self) -> None:
        """Each scenario starts with an empty calendar: earlier scenarios' bookings are
        cancelled (kept, so the database still shows everything the run did)."""
        async with self.runtime.sessions() as db, db.begin():
            await db.execute(update(Appointment).where(Appointment.status == "scheduled")
                             .values(status="cancelled"))

    async def _load_busy(self, scenario: EvalScenario) -> None:
        if not scenario.busy:
            return
        profile = self.runtime.brain.profile(scenario.profile)
        today = self.runtime.brain.now().astimezone(ZoneInfo(profile.timezone)).date()
        async with self.runtime.sessions() as db, db.begin():
            business_id = await db.scalar(select(Business.id).where(
                Business.key == scenario.profile))
            for busy in scenario.busy:
                day = next_weekday(today, busy.weekday)
                at = datetime.strptime(busy.time, "%H:%M").time()
                db.add_all(_busy_rows(business_id, busy, day, at))


    async def _load_existing(self, scenario: EvalScenario, caller_phone: str | None) -> list[int]:
        """The caller's own appointments, booked before the call and linked to them."""
        if not scenario.existing:
            return []
        profile = self.runtime.brain.profile(scenario.profile)
        today = self.runtime.brain.now().astimezone(ZoneInfo(profile.timezone)).date()
        ids = []
        async with self.runtime.sessions() as db, db.begin():
            business_id = await db.scalar(select(Business.id).where(
                Business.key == scenario.profile))
            for existing in scenario.existing:
                phone = _e164(existing.phone or caller_phone or scenario.persona.phone or "")
                customer = await upsert_customer(db, phone, scenario.persona.name)
                row = await _existing_row(db, profile, business_id, existing, today)
                row.customer_id, row.customer_name = customer.id, scenario.persona.name
                db.add(row)
                await db.flush()
                ids.append(row.id)
        return ids


def _e164(phone: str) -> str:
    return "+1" + "".join(c for c in phone if c.isdigit())[-10:]


async def _existing_row(db: Any, profile: Any, business_id: int, existing: Existing,
                        today: date) -> Appointment:
    appt = profile.appointment_type(existing.type)
    if appt is None:
        raise ChannelError(f"existing appointment: unknown type {existing.type!r}")
    day = (date.fromisoformat(existing.date) if existing.date
           else next_weekday(today, existing.weekday or "monday"))
    service_id = None
    if existing.service:
        service_id = await db.scalar(select(ServiceType.id).where(
            ServiceType.business_id == business_id, ServiceType.key == existing.service))
    return Appointment(
        business_id=business_id, department=appt.department, appointment_type=appt.key,
        service_type_id=service_id, vehicle_label=existing.vehicle, scheduled_date=day,
        scheduled_time=datetime.strptime(existing.time, "%H:%M").time(),
        duration_min=profile.duration_min(appt.key, existing.service) or 30,
        status="scheduled", notes="eval fixture: booked before the call")


def _busy_rows(business_id: int, busy: Busy, day: date, at) -> list[Appointment]:
    return [Appointment(business_id=business_id, department=busy.department,
                        appointment_type="blocked", scheduled_date=day, scheduled_time=at,
                        duration_min=busy.minutes, status="scheduled", notes="eval fixture")
            for _ in range(busy.count)]


# --- a running server over HTTP -----------------------------------------------------------------


class HttpChannel:
    """A running Frontdesk's HTTP API. Bookings land on that server's real calendar."""

    name = "http"

    def __init__(self, base_url: str, http: httpx.AsyncClient | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http or httpx.AsyncClient(timeout=30)
        self._session: str | None = None
        self._token: str | None = None

    async def _post(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            headers = {"X-Session-Token": self._token} if self._token else None
            response = await self.http.post(f"{self.base_url}{path}", json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise ChannelError(f"{self.base_url}: {exc}") from exc
        if response.status_code >= 400:
            raise ChannelError(f"POST {path} → {response.status_code}: {response.text[:200]}")
        return response.json()

    async def start(self, scenario: EvalScenario, caller_phone: str | None) -> Heard:
        if scenario.busy or scenario.existing:
            raise ChannelUnsupported("calendar fixtures (busy, existing) need the in-process "
                                     "channel")
        started = time.perf_counter()
        caller: dict[str, str] = {}
        if caller_phone:
            caller["phone"] = caller_phone
        if scenario.direction == "outbound" and scenario.persona.name:
            caller["name"] = scenario.persona.name
        body = await self._post("/api/sessions", {"profile": scenario.profile,
                                                  "direction": scenario.direction,
                                                  "caller": caller or None})
        self._session = body["session_id"]
        self._token = body.get("session_token")  # lets this caller go on in its conversation
        return Heard(body["reply"], body["state"], (time.perf_counter() - started) * 1000)

    async def say(self, text: str, *, cut_in: bool = False) -> Heard:
        started = time.perf_counter()
        body = await self._post("/api/chat", {"session_id": self._session, "message": text})
        return Heard(body["reply"], body["state"], (time.perf_counter() - started) * 1000)

    async def finish(self) -> Finished:
        body = await self._post(f"/api/sessions/{self._session}/end")
        return Finished(body["state"], _stages(body["transcript"]))

    async def close(self) -> None:
        await self.http.aclose()


# --- a phone call over Twilio Media Streams -----------------------------------------------------


class PhoneChannel:
    """One inbound phone call per scenario, in real time, as Twilio would carry it.

    ``voice`` speaks the caller's lines (never the agent's voice);
    ``stt`` transcribes what the agent said back (without it, as in load tests where the
    caller must not steal the server's CPU, the reply is the server's transcript line). The
    conversation state comes from the server's HTTP API, since a caller on the phone cannot
    see it.
    """

    name = "audio"

    def __init__(self, base_url: str, *, voice: CallerVoice, stt: FasterWhisperSTT | None,
                 auth_token: str = "", reply_timeout_s: float = 30.0,
                 api_key: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.twilio = TwilioSide(self.base_url, auth_token)
        self.voice = voice
        self.stt = stt
        self.reply_timeout_s = reply_timeout_s
        self._api_key = api_key
        # A phone caller has no conversation token: the state is read with a back-office key.
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else None
        self.http = httpx.AsyncClient(timeout=30, headers=headers)
        self._media: MediaStreamClient | None = None
        self._session: str | None = None
        self._started_at = 0.0

    def another_line(self) -> PhoneChannel:
        """A second caller on the same server, voice and ear: one call at a time per line."""
        return PhoneChannel(self.base_url, voice=self.voice, stt=self.stt,
                            auth_token=self.twilio.auth_token, reply_timeout_s=self.reply_timeout_s,
                            api_key=self._api_key)

    async def _session_view(self) -> dict[str, Any]:
        """The server's view of the call: ``state`` and ``transcript``."""
        url = f"{self.base_url}/api/sessions/{self._session}"
        try:
            try:
                response = await self.http.get(url)
            except httpx.RemoteProtocolError:  # a kept-alive connection the server had closed
                response = await self.http.get(url)
        except httpx.HTTPError as exc:
            raise ChannelError(f"{self.base_url}: {exc}") from exc
        if response.status_code != 200:
            raise ChannelError(f"session {self._session}: {response.status_code}")
        return response.json()

    async def _state(self) -> dict[str, Any]:
        return (await self._session_view())["state"]

    async def _heard_since(self, since: float) -> Heard:
        view = await self._session_view()
        lines = [t for t in view["transcript"] if t["role"] == "assistant"]
        said = lines[-1]["text"] if lines else ""
        text = said
        if self.stt is not None:
            audio = self._media.agent_audio(since)
            text = ""
            if audio.duration_s > 0.2:
                text = (await self.stt.transcribe(audio)).text.strip()
        first = self._media.first_media_after(since)
        wait = (first - since) * 1000 if first is not None else None
        return Heard(text, view["state"], wait, said if self.stt is not None else None)

    @property
    def protocol_errors(self) -> list[str]:
        return self._media.protocol_errors if self._media is not None else []

    async def start(self, scenario: EvalScenario, caller_phone: str | None) -> Heard:
        if scenario.busy or scenario.existing:
            raise ChannelUnsupported("calendar fixtures (busy, existing) need the in-process "
                                     "channel")
        if scenario.direction != "inbound":
            raise ChannelUnsupported("audio runs place inbound calls only")
        try:
            call_sid, stream = await self.twilio.ring(profile=scenario.profile,
                                                      caller=caller_phone or "+15125550000")
        except (httpx.HTTPError, RuntimeError) as exc:
            raise ChannelError(f"voice webhook: {exc}") from exc
        self._session = stream.parameters["session_id"]
        self._media = MediaStreamClient(stream, call_sid=call_sid)
        self._started_at = time.monotonic()
        await self._media.__aenter__()
        if not await self._media.greeted(self.reply_timeout_s):
            raise ChannelError("no greeting heard")
        return await self._heard_since(self._started_at)

    async def say(self, text: str, *, cut_in: bool = False) -> Heard:
        media = self._media
        assert media is not None
        audio = await self.voice.speak(text)
        try:
            await media.say(audio)
        except ConnectionError:  # the agent hung up first: nothing more will be heard
            return Heard("", await self._state(), None, None)
        spoke_at = media.speech_ends[-1]
        if not await self._reply(spoke_at, cut_in):
            return Heard("", await self._state(), None, None)
        return await self._heard_since(spoke_at)

    async def _reply(self, since: float, cut_in: bool) -> bool:
        """Wait for the reply to ``since``'s words: its first audio, then its end (the
        ``mark`` after it), or only ~1 s of it when cutting in. False on timeout."""
        media = self._media
        deadline = time.monotonic() + self.reply_timeout_s
        while time.monotonic() < deadline and media.closed_at is None:
            first = media.first_media_after(since)
            if first is not None:
                if cut_in and time.monotonic() > first + 1.0:
                    return True
                if media.marked_after(first):
                    return True
            await asyncio.sleep(0.02)
        return media.first_media_after(since) is not None

    async def finish(self) -> Finished:
        call_s = time.monotonic() - self._started_at
        if self._media is not None:
            await self._media.hang_up()
        for _ in range(100):  # the server ends the conversation when the stream stops
            view = await self._session_view()
            if view["state"]["ended"]:
                break
            await asyncio.sleep(0.1)
        return Finished(view["state"], _stages(view["transcript"]), call_s)

    async def close(self) -> None:
        await self.http.aclose()


class CallerVoice:
    """The simulated caller's voice: a TTS engine, optionally pitched up (Piper's voice at 1.18×
    is a higher, quicker speaker than the agent's), each line synthesized once."""

    def __init__(self, engine: TTSEngine, *, pitch: float = 1.0, name: str = "") -> None:
        self.engine = engine
        self.pitch = pitch
        self.name = name or getattr(engine, "name", "tts")
        self._cache: dict[str, Audio] = {}

    async def speak(self, text: str) -> Audio:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        chunks = [chunk async for chunk in self.engine.stream(text)]
        if not chunks:
            raise ChannelError(f"the caller's voice produced no audio for {text!r}")
        rate = chunks[0].sample_rate_hz
        audio = Audio(b"".join(c.pcm for c in chunks), round(rate * self.pitch))
        self._cache[text] = audio
        return audio


__all__ = ["CALLER_PITCH", "CallerVoice", "Channel", "ChannelError", "ChannelUnsupported",
           "Finished", "Heard", "HttpChannel", "PhoneChannel", "ServiceChannel"]
