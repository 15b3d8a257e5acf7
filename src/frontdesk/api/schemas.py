"""Request and response bodies of the HTTP API (separate from the tables on purpose)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from frontdesk.brain.nlu.contact import normalise_phone


def _utc(value: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back without a zone, and RFC 3339 (the schema's
    ``date-time``) requires one."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UtcDateTime = Annotated[datetime, AfterValidator(_utc)]
"""A moment, always with its zone (``2026-11-30T14:05:00Z``)."""

WallClockTime = Annotated[time, PlainSerializer(lambda t: t.isoformat(), return_type=str),
                          WithJsonSchema({"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$",
                                          "description": "wall-clock time at the business, in "
                                                         "its own time zone (HH:MM:SS)"})]
"""An appointment's local time: a time of day at the business, deliberately without a zone."""


class ErrorOut(BaseModel):
    """Every error but a request that fails validation (422) answers with one sentence."""

    detail: str


ERROR_MEANINGS = {
    400: "the request cannot be carried out as given",
    401: "no credential, or a wrong one: sign in, send an API key (Authorization: Bearer) or "
         "the conversation's X-Session-Token",
    403: "refused: a bad or missing X-Twilio-Signature, CSRF token or origin, or the "
         "credential lacks the role or scope",
    404: "no such conversation, lead, call, task, job, business or staff member",
    409: "conflicts with the current state (the conversation has ended, outside calling hours, "
         "do-not-call, the task is closed or claimed by someone else, the call is under way, "
         "the account exists)",
    422: "the body or a parameter is invalid",
    429: "too many requests from this address: wait Retry-After seconds",
    502: "the telephony provider refused or failed",
    503: "the service this needs is not available here (voice disabled, Twilio or the public "
         "URL not configured, every line busy)",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: these error statuses, each with its :class:`ErrorOut`."""
    return {code: {"model": ErrorOut, "description": ERROR_MEANINGS[code]} for code in codes}


MAX_MESSAGE_CHARS = 10_000
MAX_ROW_ID = 2**31 - 1
"""Ids are INTEGER columns (32-bit on PostgreSQL): a larger one names nothing."""


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


class RequestBody(BaseModel):
    """Base of every request body: unknown fields and text that is not Unicode are refused.

    JSON allows escapes such as ``"\\ud800"`` (half of a surrogate pair) that no UTF-8 database
    column, log line or response can hold; they are a 422 here rather than a 500 later.
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _unicode_text(cls, data: Any) -> Any:
        if _has_lone_surrogate(data):
            raise ValueError("text must be valid Unicode (no lone surrogates)")
        return data


class CallerIn(RequestBody):
    phone: str = Field(min_length=3, max_length=32)
    name: str | None = Field(default=None, max_length=200)

    @field_validator("phone")
    @classmethod
    def _e164(cls, value: str) -> str:
        phone = normalise_phone(value)
        if phone is None:
            raise ValueError("not a valid phone number")
        return phone


class SessionCreate(RequestBody):
    profile: str = Field(min_length=1, max_length=64)
    direction: Literal["inbound", "outbound"] = "inbound"
    caller: CallerIn | None = None


class ChatIn(RequestBody):
    session_id: str = Field(min_length=1, max_length=64)
    message: str = Field(max_length=MAX_MESSAGE_CHARS)

    @field_validator("message")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("message must not be empty")
        return value


class TurnOut(BaseModel):
    session_id: str
    reply: str
    state: dict[str, Any]
    session_token: str | None = None
    """Only from ``POST /api/sessions``: send it as ``X-Session-Token`` to chat in, read or end
    this conversation without a login. Shown once."""


class TranscriptLine(BaseModel):
    seq: int
    role: str
    text: str
    agent: str | None
    intent: str | None
    brain_ms: float | None
    latency: dict[str, float] | None = None
    """A voice reply's stages in ms (``vad_stop_ms``, ``stt_ms``, ``brain_ms``,
    ``tts_first_ms``, ``total_ms``), as measured by the server."""
    created_at: UtcDateTime


class SessionOut(BaseModel):
    session_id: str
    state: dict[str, Any]
    transcript: list[TranscriptLine]


class AppointmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    business: str
    appointment_type: str
    service_type: str | None
    customer_name: str | None
    customer_phone: str | None
    vehicle: str | None
    scheduled_date: date
    scheduled_time: WallClockTime
    duration_min: int
    status: str
    session_id: str | None


class LeadOut(BaseModel):
    id: int
    business: str
    customer_name: str | None
    customer_phone: str
    status: str
    score: float
    qualified: bool | None
    factors: dict[str, Any]
    do_not_call: bool
    source: str
    intent: str | None
    budget_min: int | None
    budget_max: int | None
    timeline_months: float | None
    location: str | None
    financing: str | None


class CustomerOut(BaseModel):
    id: int
    phone: str
    name: str | None
    email: str | None
    created_at: UtcDateTime


class CallCreate(RequestBody):
    """``POST /api/calls``: ring a number, or a lead by id, for a business."""

    to: str | None = Field(default=None, min_length=3, max_length=32)
    lead_id: int | None = Field(default=None, ge=1, le=MAX_ROW_ID)
    profile: str | None = Field(default=None, min_length=1, max_length=64)

    @field_validator("to")
    @classmethod
    def _e164(cls, value: str | None) -> str | None:
        if value is None:
            return None
        phone = normalise_phone(value)
        if phone is None:
            raise ValueError("not a valid phone number")
        return phone

    @model_validator(mode="after")
    def _one_target(self) -> CallCreate:
        if (self.to is None) == (self.lead_id is None):
            raise ValueError("give exactly one of 'to' or 'lead_id'")
        if self.to is not None and self.profile is None:
            raise ValueError("'profile' is required with 'to'")
        return self


class CallOut(BaseModel):
    session_id: str
    call_sid: str | None
    profile: str
    to: str | None
    status: str


class WebRTCOffer(RequestBody):
    """``POST /api/webrtc/offer``: the page's SDP offer (ICE gathering complete)."""

    sdp: str = Field(min_length=10, max_length=100_000)
    type: Literal["offer"]
    profile: str = Field(min_length=1, max_length=64)


class WebRTCAnswer(BaseModel):
    sdp: str
    type: str
    pc_id: str
    session_id: str
    session_token: str
    """Follows the call's events: ``/ws/{session_id}?token=…``."""


class LoopLagOut(BaseModel):
    """How late the event loop woke a 100 ms timer (ms) over the last ``window_s`` seconds."""

    window_s: float
    samples: int
    p50: float | None
    p95: float | None
    max: float | None


class ProcessUsage(BaseModel):
    pid: int
    cpu_s: float
    rss_mb: float
    loop_lag_ms: LoopLagOut | None = None


class HealthOut(BaseModel):
    """Without a credential only ``status`` and ``version``."""

    status: Literal["ok"]
    version: str
    database: str | None = None
    profiles: list[str] | None = None
    process: ProcessUsage | None = None
    phrases_ready: bool | None = None
    """The phrase cache holds the agent's fixed lines (warmed at start); None: no voice."""


class StageLatency(BaseModel):
    n: int
    p50: float | None = None
    p95: float | None = None


# --- follow-through: tasks and jobs ----------------------------------------------------------

class TaskOut(BaseModel):
    """A callback to make or a caller who asked for a person."""

    task_id: str
    task_type: Literal["callback", "human_escalation"]
    status: Literal["pending", "running", "claimed", "completed", "cancelled", "failed"]
    reason: str | None
    due_at: UtcDateTime | None
    business: str
    session_id: str
    """The conversation the task came from."""
    caller_phone: str | None
    caller_name: str | None
    claimed_by: str | None
    claimed_at: UtcDateTime | None
    note: str | None
    created_at: UtcDateTime
    completed_at: UtcDateTime | None


class ClaimIn(BaseModel):
    person: str = Field(min_length=1, max_length=100)


class CompleteIn(BaseModel):
    by: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=2000)


class RescheduleIn(BaseModel):
    due_at: AwareDatetime
    """With its UTC offset (``2026-12-01T15:00:00-06:00``)."""
    note: str | None = Field(default=None, max_length=2000)


class CancelTaskIn(BaseModel):
    note: str | None = Field(default=None, max_length=2000)


class DeliveryOut(BaseModel):
    channel: Literal["sms", "email", "webhook"]
    target: str
    event: str
    status: Literal["sent", "failed", "skipped"]
    status_code: int | None
    detail: str | None
    created_at: UtcDateTime


class JobOut(BaseModel):
    """Something that runs later: a reminder, a staff alert, a webhook delivery, a callback."""

    job_id: str
    kind: str
    status: Literal["scheduled", "running", "done", "failed", "cancelled"]
    run_at: UtcDateTime
    attempts: int
    max_attempts: int
    last_error: str | None
    business: str | None
    session_id: str | None
    appointment_id: int | None
    payload: dict[str, Any]
    created_at: UtcDateTime
    finished_at: UtcDateTime | None
    deliveries: list[DeliveryOut] = []


class StaffMemberOut(BaseModel):
    """One person on a business's roster, as things stand now."""

    name: str
    handles: list[str]
    """Department keys of the business they take callers for, or ``any``."""
    phone: str | None
    """Where a transfer rings them (E.164); the business's line when None."""
    email: str | None
    hours: dict[str, str]
    """On-duty hours by weekday (``mon``: ``"07:30-18:00"``); days absent are off."""
    on_duty: bool
    """Inside their hours now, at the business's local time."""
    presence: Literal["available", "busy", "away"]
    """What they last set; ``available`` when never set."""
    presence_updated_by: str | None = None
    presence_updated_at: UtcDateTime | None = None
    takes_calls_now: bool
    """On duty and available: a caller who asks for a person may be put through to them."""


class StaffOut(BaseModel):
    """``GET /api/staff/{profile}``: the roster with its presence."""

    profile: str
    timezone: str
    local_time: datetime
    """The moment the duty flags were computed for, in the business's time zone."""
    staff: list[StaffMemberOut]


class PresenceIn(RequestBody):
    """``PUT /api/staff/{profile}/{person}/presence``."""

    status: Literal["available", "busy", "away"]
    updated_by: str | None = Field(default=None, min_length=1, max_length=100)


# --- the call log ----------------------------------------------------------------------------

class CallSummaryOut(BaseModel):
    """One conversation in the call log (any channel: text, phone, browser, voice)."""

    session_id: str
    business: str
    channel: Literal["text", "phone", "web", "voice"]
    direction: Literal["inbound", "outbound"]
    status: Literal["pending", "active", "ended"]
    outcome: str | None
    summary: str | None
    caller_phone: str | None
    customer_name: str | None
    call_sid: str | None
    """Twilio's CallSid, for a phone call."""
    telephony_status: str | None
    started_at: UtcDateTime
    ended_at: UtcDateTime | None
    duration_s: float | None
    """Twilio's duration for a phone call, else from start to end; None while under way."""
    turn_count: int
    recording_url: str | None
    """``/api/calls/{session_id}/recording`` when the call was recorded (Ogg/Opus, stereo:
    the caller left, the agent right)."""
    recording_duration_s: float | None
    cost: float | None = None
    """What the call cost (not computed yet: always null for now)."""


class CallListOut(BaseModel):
    """``GET /api/calls``: one page of the call log, newest first."""

    calls: list[CallSummaryOut]
    total: int
    """Calls matching the filters, all pages together."""
    limit: int
    offset: int
    next_offset: int | None
    """The ``offset`` of the next page; None on the last one."""


class TurnLatencyOut(BaseModel):
    """A spoken reply's measured stages, in ms."""

    vad_stop_ms: float | None = None
    stt_ms: float | None = None
    brain_ms: float | None = None
    tts_first_ms: float | None = None
    total_ms: float
    """From the end of the caller's speech to the agent's first audio."""


class CallTurnOut(BaseModel):
    """One line of the transcript."""

    seq: int
    role: Literal["user", "assistant"]
    text: str
    """For an interrupted agent line: what the caller heard of it."""
    agent: str | None
    intent: str | None
    confidence: float | None
    interrupted: bool
    """The caller cut this agent line off."""
    brain_ms: float | None
    latency: TurnLatencyOut | None
    created_at: UtcDateTime


class AgentTransitionOut(BaseModel):
    from_agent: str
    to_agent: str
    reason: str
    created_at: UtcDateTime


class CallEventOut(BaseModel):
    """Something that happened on the call besides its turns (a transfer, a tier change)."""

    kind: str
    data: dict[str, Any]
    """The event's own fields, which depend on its kind."""
    created_at: UtcDateTime


class CallDetailOut(CallSummaryOut):
    """``GET /api/calls/{session_id}``: the call with everything that belongs to it."""

    transcript: list[CallTurnOut]
    interruptions: int
    """Agent lines the caller cut off."""
    transitions: list[AgentTransitionOut]
    events: list[CallEventOut]
    tasks: list[TaskOut]
    appointments: list[AppointmentOut]
    jobs: list[JobOut]
    """Follow-through the conversation started (reminders, alerts, webhooks), with their
    deliveries."""
