"""Customers, their vehicles and their leads: the rows a conversation turn writes about a caller.

Used by :class:`~frontdesk.storage.conversations.ConversationStore` inside a turn's transaction;
nothing else writes these tables (the calendar books an appointment, and the turn that made
the booking links it to its customer).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from frontdesk.brain.state import ConversationState
from frontdesk.storage.database import upsert_insert
from frontdesk.storage.models import Appointment, Customer, Lead, Vehicle, utcnow


async def upsert_customer(db: AsyncSession, phone: str, name: str | None = None,
                          email: str | None = None) -> Customer:
    """The customer with this E.164 phone, created or updated with any new name/email."""
    by_phone = select(Customer).where(Customer.phone == phone)
    customer = await db.scalar(by_phone)
    if customer is None:
        # Two calls from one number can start at once (a caller redialling while the first
        # call is still up, a load test): insert if absent, so the second one finds the row
        # instead of failing its whole call on a duplicate key.
        now = utcnow()
        await db.execute(upsert_insert(db, Customer).values(
            phone=phone, name=name, email=email, created_at=now, updated_at=now,
        ).on_conflict_do_nothing(index_elements=[Customer.phone]))
        customer = await db.scalar(by_phone)
    else:
        if name:
            customer.name = name
        if email:
            customer.email = email
    return customer


async def save_lead(db: AsyncSession, business_id: int, customer_id: int,
                    state: ConversationState) -> bool:
    """The caller as a lead of this business, as the conversation's state now scores them;
    True when this write made them qualified.

    A do-not-call flag, once set, is never cleared by a later conversation.
    """
    by_caller = select(Lead).where(Lead.business_id == business_id,
                                   Lead.customer_id == customer_id)
    lead = await db.scalar(by_caller)
    if lead is None:  # insert if absent, as for the customer: two calls can start at once
        await db.execute(upsert_insert(db, Lead).values(
            business_id=business_id, customer_id=customer_id, source=state.lead.source,
            factors={},
        ).on_conflict_do_nothing(index_elements=[Lead.business_id, Lead.customer_id]))
        lead = await db.scalar(by_caller)
    info = state.lead
    was_qualified = lead.qualified is True
    lead.status = info.status if not lead.do_not_call else "do_not_call"
    lead.score, lead.qualified, lead.factors = info.score, info.qualified, dict(info.factors)
    lead.do_not_call = lead.do_not_call or info.do_not_call
    lead.intent, lead.budget_min, lead.budget_max = info.intent, info.budget_min, info.budget_max
    lead.timeline_months, lead.location = info.timeline_months, info.location
    lead.financing, lead.motivation = info.financing, info.motivation
    return info.qualified is True and not was_qualified and not lead.do_not_call


async def link_appointment(db: AsyncSession, appointment_id: int, customer_id: int) -> None:
    """Attach an appointment booked in this transaction to its customer (and their vehicle:
    a test drive's car is the dealer's, not the customer's)."""
    appointment = await db.get(Appointment, appointment_id)
    if appointment is None or appointment.customer_id is not None:
        return
    appointment.customer_id = customer_id
    if appointment.vehicle_label and appointment.appointment_type != "test_drive":
        appointment.vehicle_id = await _customer_vehicle(db, customer_id,
                                                         appointment.vehicle_label)


async def _customer_vehicle(db: AsyncSession, customer_id: int, label: str) -> int:
    parts = label.split(" ", 2)
    year = int(parts[0]) if parts and parts[0].isdigit() else None
    rest = parts[1:] if year else parts
    make = rest[0] if rest else None
    model = rest[1] if len(rest) > 1 else None
    existing = await db.scalar(select(Vehicle).where(
        Vehicle.customer_id == customer_id, Vehicle.make == make, Vehicle.model == model))
    if existing is not None:
        if year and not existing.year:
            existing.year = year
        return existing.id
    vehicle = Vehicle(customer_id=customer_id, make=make, model=model, year=year)
    db.add(vehicle)
    await db.flush()
    return vehicle.id
