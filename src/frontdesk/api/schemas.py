"""Request and response bodies of the HTTP API (separate from the tables on purpose)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from frontdesk.brain.nlu.entities import normalise_phone

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
    created_at: datetime


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
    scheduled_time: time
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
    created_at: datetime


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
