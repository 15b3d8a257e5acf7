"""Database tables (SQLAlchemy 2 typed models). API schemas live elsewhere, on purpose.

The schema is created by Alembic migrations (``frontdesk db upgrade``), never ``create_all``.
Times are stored as UTC timestamps except appointment slots, which are the business's local
wall-clock date and time (what the caller was told).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, list[Any]: JSON}


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Business(TimestampMixin, Base):
    __tablename__ = "businesses"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    timezone: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The full validated profile (hours, appointment types, replies, …) as loaded."""


class Customer(TimestampMixin, Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    """E.164."""
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class Vehicle(TimestampMixin, Base):
    __tablename__ = "vehicles"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"),
                                             index=True)
    make: Mapped[str | None] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer)
    license_plate: Mapped[str | None] = mapped_column(String(20))
    vin: Mapped[str | None] = mapped_column(String(17))


class Lead(TimestampMixin, Base):
    __tablename__ = "leads"
    __table_args__ = (UniqueConstraint("business_id", "customer_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    status: Mapped[str] = mapped_column(String(32), default="new")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    qualified: Mapped[bool | None] = mapped_column(Boolean)
    factors: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(64), default="inbound_call")
    intent: Mapped[str | None] = mapped_column(String(16))
    budget_min: Mapped[int | None] = mapped_column(Integer)
    budget_max: Mapped[int | None] = mapped_column(Integer)
    timeline_months: Mapped[float | None] = mapped_column(Float)
    location: Mapped[str | None] = mapped_column(String(100))
    financing: Mapped[str | None] = mapped_column(String(32))
    motivation: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class ServiceType(Base):
    __tablename__ = "service_types"
    __table_args__ = (UniqueConstraint("business_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    duration_min: Mapped[int] = mapped_column(Integer)
    price_min: Mapped[float] = mapped_column(Float)
    price_max: Mapped[float] = mapped_column(Float)


class InventoryItem(Base):
    __tablename__ = "inventory"
    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    stock_number: Mapped[str] = mapped_column(String(32), unique=True)
    make: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    color: Mapped[str] = mapped_column(String(32), default="")
    price: Mapped[float] = mapped_column(Float, default=0)
    is_new: Mapped[bool] = mapped_column(Boolean, default=True)
    is_available: Mapped[bool] = mapped_column(Boolean, default=True)


class FaqItem(Base):
    __tablename__ = "faq"
    __table_args__ = (UniqueConstraint("business_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    keywords: Mapped[list[Any]] = mapped_column(JSON, default=list)


class Conversation(TimestampMixin, Base):
    """One conversation (a "session" in the API): text, voice, phone or web."""

    __tablename__ = "calls"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="active")
    caller_phone: Mapped[str | None] = mapped_column(String(20))
    provider_call_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    """Twilio's CallSid for phone calls."""
    telephony_status: Mapped[str | None] = mapped_column(String(16))
    """Twilio's last reported status: queued, ringing, in-progress, completed, busy, ..."""
    duration_s: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(32))
    summary: Mapped[str | None] = mapped_column(Text)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The brain's conversation state after the last turn (the checkpoint)."""
    state_version: Mapped[int] = mapped_column(Integer, default=0)
    recording_path: Mapped[str | None] = mapped_column(String(300))
    """The call's recording, relative to ``data_dir`` (``recordings/sess_….ogg``); None when
    the call was not recorded or its recording was deleted."""
    recording_duration_s: Mapped[float | None] = mapped_column(Float)


class ConversationTurn(Base):
    __tablename__ = "conversation_turns"
    __table_args__ = (Index("ix_turns_call_seq", "call_id", "seq", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column("call_id", ForeignKey("calls.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    agent: Mapped[str | None] = mapped_column(String(32))
    intent: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None] = mapped_column(Float)
    interrupted: Mapped[bool] = mapped_column(Boolean, default=False)
    brain_ms: Mapped[float | None] = mapped_column(Float)
    vad_stop_ms: Mapped[float | None] = mapped_column(Float)
    stt_ms: Mapped[float | None] = mapped_column(Float)
    tts_first_ms: Mapped[float | None] = mapped_column(Float)
    total_ms: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Appointment(TimestampMixin, Base):
    __tablename__ = "appointments"
    __table_args__ = (Index("ix_appointments_slot", "business_id", "department",
                            "scheduled_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    department: Mapped[str] = mapped_column(String(32))
    appointment_type: Mapped[str] = mapped_column(String(32))
    service_type_id: Mapped[int | None] = mapped_column(ForeignKey("service_types.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicles.id"))
    inventory_id: Mapped[int | None] = mapped_column(ForeignKey("inventory.id"))
    property_address: Mapped[str | None] = mapped_column(String(300))
    vehicle_label: Mapped[str | None] = mapped_column(String(100))
    scheduled_date: Mapped[date] = mapped_column(Date)
    scheduled_time: Mapped[time] = mapped_column(Time)
    duration_min: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    customer_name: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    conversation_id: Mapped[str | None] = mapped_column("call_id", ForeignKey("calls.id"))


class AgentTransition(Base):
    __tablename__ = "agent_transitions"
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        "call_id", ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    from_agent: Mapped[str] = mapped_column(String(32))
    to_agent: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Task(TimestampMixin, Base):
    """Background work for humans or the system: escalations and callbacks."""

    __tablename__ = "tasks"
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        "call_id", ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    task_type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(Text)
    human_available: Mapped[bool | None] = mapped_column(Boolean)
    human_agent_name: Mapped[str | None] = mapped_column(String(100))
    due_at: Mapped[str | None] = mapped_column(String(32))
    """ISO 8601 with its UTC offset."""
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    """The member of staff (or user) who took the task."""
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)
    """How it was resolved, or why it was cancelled or moved."""
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), onupdate=utcnow)


class NotificationRecord(Base):
    __tablename__ = "notifications"
    id: Mapped[str] = mapped_column(String(160), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        "call_id", ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(16))
    delivered: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CallEvent(Base):
    """Things that happened on a call besides turns: tier escalations, transfers, hang-ups."""

    __tablename__ = "call_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        "call_id", ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Job(Base):
    """Something to do later (a reminder, a notification, a webhook delivery, a callback call).

    The row is the job's truth in both modes: the in-process worker (SQLite) reads due rows
    from here; on PostgreSQL procrastinate runs them and this row records every attempt.
    """

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_due", "status", "run_at"),)
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str | None] = mapped_column(String(200), unique=True)
    """Deduplicates: at most one job per key (``reminder:42:24h``)."""
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    """scheduled, running, done, failed (gave up), cancelled."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)
    last_error: Mapped[str | None] = mapped_column(Text)
    business_id: Mapped[int | None] = mapped_column(ForeignKey("businesses.id"))
    conversation_id: Mapped[str | None] = mapped_column(
        "call_id", ForeignKey("calls.id", ondelete="SET NULL"), index=True)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Delivery(Base):
    """One attempt to reach someone: an SMS, an email or a webhook call, and how it went."""

    __tablename__ = "deliveries"
    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"),
                                               index=True)
    business_id: Mapped[int | None] = mapped_column(ForeignKey("businesses.id"))
    channel: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(500))
    event: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    """sent, failed, skipped."""
    status_code: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SmsOptOut(TimestampMixin, Base):
    """A number that texted STOP to a business (START opts back in)."""

    __tablename__ = "sms_opt_outs"
    __table_args__ = (UniqueConstraint("business_id", "phone",
                                       name="uq_sms_opt_outs_business_phone"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    phone: Mapped[str] = mapped_column(String(20))
    opted_out: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class StaffPresence(Base):
    """Whether a person on a business's roster is taking calls now (set through the API)."""

    __tablename__ = "staff_presence"
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), primary_key=True)
    person: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    """available, busy, away."""
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class User(TimestampMixin, Base):
    """A person who signs in to the back office: an ``owner`` (everything) or ``staff``."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    """Stored lower-cased: one account per address whatever its spelling."""
    password_hash: Mapped[str] = mapped_column(String(200))
    """argon2id, with its parameters and salt (PHC string)."""
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UserSession(Base):
    """A signed-in browser: its cookie's sha256 is the key (the cookie itself is never stored)."""

    __tablename__ = "user_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiKey(TimestampMixin, Base):
    """A key for ``/api/*`` (``Authorization: Bearer``); only its sha256 is kept."""

    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    """The key's first characters, to recognise it in a list."""
    name: Mapped[str] = mapped_column(String(100))
    scopes: Mapped[list[Any]] = mapped_column(JSON)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    """Who created it: the key acts with that user's role."""
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SetupToken(TimestampMixin, Base):
    """A one-time link that lets the first owner set their email and password."""

    __tablename__ = "setup_tokens"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    """The token's sha256."""
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ConversationToken(TimestampMixin, Base):
    """What lets a website visitor continue, read and end their own conversation (sha256)."""

    __tablename__ = "conversation_tokens"
    conversation_id: Mapped[str] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"),
                                                 primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))


class ProfileVersion(Base):
    """One saved version of a business profile (the console's edits): the whole validated
    profile, who saved it, and what changed. The latest number of a business is in force."""

    __tablename__ = "profile_versions"
    __table_args__ = (UniqueConstraint("business_key", "number",
                                       name="uq_profile_versions_business_key_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    business_key: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    """1, 2, 3… per business; two saves racing for the same number: one wins, one is told."""
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    changes: Mapped[list[Any]] = mapped_column(JSON)
    """What changed since the version before, one readable line each."""
    author: Mapped[str] = mapped_column(String(254))
    restored_from: Mapped[int | None] = mapped_column(Integer)
    """A roll back: the number of the version it brought back."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
