"""What follow-through needs to know when a job runs: an appointment and its customer, a lead.

Read fresh when the job runs, never copied into the job when it is written: a reminder due in
24 hours reads the appointment as it is then (moved, cancelled, the customer's new email).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.storage.models import Appointment, Business, Customer, Lead, ServiceType
from frontdesk.storage.models import Conversation as ConversationRow
from frontdesk.storage.transaction import reading


@dataclass(slots=True, frozen=True)
class AppointmentFacts:
    appointment_id: int
    business: str
    status: str
    department: str
    appointment_type: str
    service_type: str | None
    start: datetime
    """The business's local wall-clock time (naive)."""
    duration_min: int
    customer_name: str | None
    customer_phone: str | None
    customer_email: str | None
    vehicle: str | None
    conversation_id: str | None
    notes: str | None = None
    """What happened to it ("moved from 2026-11-23 14:00 by …")."""

    @property
    def active(self) -> bool:
        return self.status in ("scheduled", "confirmed")


@dataclass(slots=True, frozen=True)
class LeadFacts:
    business: str
    name: str | None
    phone: str
    email: str | None
    status: str
    score: float
    intent: str | None
    budget_max: int | None
    timeline_months: float | None
    location: str | None


class FactsReader:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def appointment(self, appointment_id: int) -> AppointmentFacts | None:
        async with reading(self._sessions) as db:
            row = (await db.execute(_appointments().where(Appointment.id == appointment_id))).first()
        return _appointment_facts(*row) if row is not None else None

    async def appointments(self, business: str, first_day: date,
                           last_day: date) -> list[AppointmentFacts]:
        """The business's appointments from ``first_day`` to ``last_day`` (local dates, both
        included), cancelled ones too, in order of their start."""
        query = (_appointments()
                 .where(Business.key == business, Appointment.scheduled_date >= first_day,
                        Appointment.scheduled_date <= last_day)
                 .order_by(Appointment.scheduled_date, Appointment.scheduled_time, Appointment.id))
        async with reading(self._sessions) as db:
            rows = (await db.execute(query)).all()
        return [_appointment_facts(*row) for row in rows]

    async def lead(self, business: str, customer_id: int) -> LeadFacts | None:
        query = (select(Lead, Customer).join(Customer, Customer.id == Lead.customer_id)
                 .join(Business, Business.id == Lead.business_id)
                 .where(Business.key == business, Lead.customer_id == customer_id))
        async with reading(self._sessions) as db:
            row = (await db.execute(query)).first()
        if row is None:
            return None
        lead, customer = row
        return LeadFacts(business, customer.name, customer.phone, customer.email, lead.status,
                         lead.score, lead.intent, lead.budget_max, lead.timeline_months,
                         lead.location)


def _appointments() -> Select:
    return (select(Appointment, Business.key, ServiceType.key, Customer,
                   ConversationRow.caller_phone)
            .join(Business, Business.id == Appointment.business_id)
            .outerjoin(ServiceType, ServiceType.id == Appointment.service_type_id)
            .outerjoin(Customer, Customer.id == Appointment.customer_id)
            .outerjoin(ConversationRow, ConversationRow.id == Appointment.conversation_id))


def _appointment_facts(appt: Appointment, business: str, service: str | None,
                       customer: Customer | None, caller_phone: str | None) -> AppointmentFacts:
    return AppointmentFacts(
        appt.id, business, appt.status, appt.department, appt.appointment_type, service,
        datetime.combine(appt.scheduled_date, appt.scheduled_time), appt.duration_min,
        appt.customer_name or (customer.name if customer else None),
        customer.phone if customer else caller_phone,
        customer.email if customer else None, appt.vehicle_label, appt.conversation_id,
        appt.notes)
