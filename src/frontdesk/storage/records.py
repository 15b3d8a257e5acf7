"""What the storage layer hands out: plain dataclasses, never ORM rows.

A row read through SQLAlchemy is bound to its session (lazy loads, expiry at commit, changes
written back on flush); these copies are not, so the API, the service and the voice side can
keep and pass them around freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from frontdesk.brain.state import ConversationState

LATENCY_STAGES = ("vad_stop_ms", "stt_ms", "brain_ms", "tts_first_ms", "total_ms")


@dataclass(slots=True)
class TurnTimings:
    """Per-turn latency measured outside the brain (voice channels fill these)."""

    vad_stop_ms: float | None = None
    stt_ms: float | None = None
    tts_first_ms: float | None = None
    total_ms: float | None = None


@dataclass(slots=True, frozen=True)
class Conversation:
    """One conversation's record (a ``calls`` row) and its checkpoint."""

    conversation_id: str
    profile: str
    """The business's key."""
    channel: str
    direction: str
    status: str
    """``pending`` (registered, not answered yet), ``active`` or ``ended``."""
    caller_phone: str | None
    call_sid: str | None
    state: ConversationState
    """The brain's state after the last turn."""


@dataclass(slots=True, frozen=True)
class Turn:
    """One line of a conversation's transcript, as stored."""

    seq: int
    role: str
    text: str
    agent: str | None
    intent: str | None
    confidence: float | None
    interrupted: bool
    brain_ms: float | None
    vad_stop_ms: float | None
    stt_ms: float | None
    tts_first_ms: float | None
    total_ms: float | None
    created_at: datetime

    @property
    def latency(self) -> dict[str, float] | None:
        """A voice reply's measured stages in ms; None for a line without a full measurement."""
        stages = {s: getattr(self, s) for s in LATENCY_STAGES if getattr(self, s) is not None}
        return stages if "total_ms" in stages else None


@dataclass(slots=True, frozen=True)
class NewTask:
    """Background work a turn asked for (a check for a person, a callback)."""

    task_id: str
    task_type: str
    """``human_escalation`` or ``callback``."""
    reason: str | None
    due_at: str | None


@dataclass(slots=True, frozen=True)
class OpenTask:
    """A check for a person that was pending or running (resumed at start)."""

    task_id: str
    conversation_id: str
    profile: str


@dataclass(slots=True, frozen=True)
class CustomerRecord:
    id: int
    phone: str
    name: str | None
    email: str | None
    created_at: datetime


@dataclass(slots=True, frozen=True)
class LeadRecord:
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


@dataclass(slots=True, frozen=True)
class AppointmentRecord:
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
    conversation_id: str | None
