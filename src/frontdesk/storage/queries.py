"""Read-side queries for the API's record listings (kept out of the routes).

They return :mod:`frontdesk.storage.records` dataclasses (the latency summary, a plain dict of
numbers), never ORM rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.storage.models import (
    Appointment,
    Business,
    Conversation,
    ConversationTurn,
    Customer,
    Lead,
    ServiceType,
)
from frontdesk.storage.records import (
    LATENCY_STAGES,
    AppointmentRecord,
    CustomerRecord,
    LeadRecord,
)


async def list_appointments(sessions: async_sessionmaker, *, business: str | None = None,
                            on: date | None = None, conversation_id: str | None = None,
                            limit: int = 200) -> list[AppointmentRecord]:
    query = (select(Appointment, Business.key, ServiceType.key, Customer.phone)
             .join(Business, Business.id == Appointment.business_id)
             .outerjoin(ServiceType, ServiceType.id == Appointment.service_type_id)
             .outerjoin(Customer, Customer.id == Appointment.customer_id)
             .order_by(Appointment.scheduled_date, Appointment.scheduled_time).limit(limit))
    if business:
        query = query.where(Business.key == business)
    if on:
        query = query.where(Appointment.scheduled_date == on)
    if conversation_id is not None:
        query = query.where(Appointment.conversation_id == conversation_id)
    async with sessions() as db:
        rows = (await db.execute(query)).all()
    return [AppointmentRecord(
        id=a.id, business=biz, appointment_type=a.appointment_type, service_type=svc,
        customer_name=a.customer_name, customer_phone=phone, vehicle=a.vehicle_label,
        scheduled_date=a.scheduled_date, scheduled_time=a.scheduled_time,
        duration_min=a.duration_min, status=a.status, conversation_id=a.conversation_id,
    ) for a, biz, svc, phone in rows]


async def list_leads(sessions: async_sessionmaker, *, business: str | None = None,
                     limit: int = 200) -> list[LeadRecord]:
    query = (select(Lead, Business.key, Customer)
             .join(Business, Business.id == Lead.business_id)
             .join(Customer, Customer.id == Lead.customer_id)
             .order_by(Lead.id.desc()).limit(limit))
    if business:
        query = query.where(Business.key == business)
    async with sessions() as db:
        rows = (await db.execute(query)).all()
    return [LeadRecord(
        id=lead.id, business=biz, customer_name=cust.name, customer_phone=cust.phone,
        status=lead.status, score=lead.score, qualified=lead.qualified,
        factors=lead.factors or {}, do_not_call=lead.do_not_call, source=lead.source,
        intent=lead.intent, budget_min=lead.budget_min, budget_max=lead.budget_max,
        timeline_months=lead.timeline_months, location=lead.location,
        financing=lead.financing,
    ) for lead, biz, cust in rows]


async def list_customers(sessions: async_sessionmaker, limit: int = 200) -> list[CustomerRecord]:
    async with sessions() as db:
        rows = await db.scalars(select(Customer).order_by(Customer.id).limit(limit))
        return [CustomerRecord(id=c.id, phone=c.phone, name=c.name, email=c.email,
                               created_at=c.created_at) for c in rows]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1)


async def latency_summary(sessions: async_sessionmaker, *, business: str | None = None,
                          channel: str | None = None) -> dict[str, Any]:
    """p50/p95 of every stage over the stored agent replies (voice turns carry all stages)."""
    query = (select(*(getattr(ConversationTurn, s) for s in LATENCY_STAGES))
             .join(Conversation, Conversation.id == ConversationTurn.conversation_id)
             .join(Business, Business.id == Conversation.business_id)
             .where(ConversationTurn.role == "assistant"))
    if business:
        query = query.where(Business.key == business)
    if channel:
        query = query.where(Conversation.channel == channel)
    async with sessions() as db:
        rows = (await db.execute(query)).all()
    summary: dict[str, Any] = {}
    for i, stage in enumerate(LATENCY_STAGES):
        values = [r[i] for r in rows if r[i] is not None]
        summary[stage] = ({"n": len(values), "p50": _percentile(values, 0.5),
                           "p95": _percentile(values, 0.95)} if values else {"n": 0})
    return summary
