"""SQL-backed implementations of the brain's Calendar and CustomerDirectory ports.

They join the transaction of the work that calls them (:mod:`frontdesk.storage.transaction`):
a booking made during a conversation turn is committed with that turn, or not at all. A
booking writes the appointment only: the turn that made it writes the caller (once) and links
the appointment to them and their vehicle
(:meth:`~frontdesk.storage.conversations.ConversationStore.save_turn`).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.brain.ports import (
    BookedAppointment,
    BookingRequest,
    BusyInterval,
    KnownCustomer,
    SlotUnavailableError,
)
from frontdesk.storage.models import Appointment, Business, Customer, ServiceType, Vehicle
from frontdesk.storage.transaction import hold_until_commit, reading, transaction

ACTIVE_STATUSES = ("scheduled", "confirmed")


class SqlCalendar:
    """Appointments in the database; booking re-checks capacity inside its transaction."""

    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions
        # Serialises bookings per business inside this process until the booking's transaction
        # commits (another turn must see it when it checks capacity); PostgreSQL's row lock
        # below does the same across processes.
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def _day_rows(self, db: AsyncSession, business_id: int, department: str,
                        day: date) -> list[Appointment]:
        rows = await db.scalars(select(Appointment).where(
            Appointment.business_id == business_id, Appointment.department == department,
            Appointment.scheduled_date == day, Appointment.status.in_(ACTIVE_STATUSES)))
        return list(rows)

    async def busy(self, business: str, department: str, day: date) -> list[BusyInterval]:
        async with reading(self._sessions) as db:
            business_id = await db.scalar(select(Business.id).where(Business.key == business))
            if business_id is None:
                return []
            rows = await self._day_rows(db, business_id, department, day)
        return [_interval(r) for r in rows]

    async def book(self, request: BookingRequest) -> BookedAppointment:
        """Write the appointment in the current transaction (a turn's), or in its own."""
        async with transaction(self._sessions) as db:
            await hold_until_commit(self._locks[request.business])
            query = select(Business).where(Business.key == request.business)
            if db.bind.dialect.name == "postgresql":
                query = query.with_for_update()
            business = await db.scalar(query)
            if business is None:
                raise SlotUnavailableError(f"unknown business {request.business}")
            end = request.start + timedelta(minutes=request.duration_min)
            overlapping = [r for r in await self._day_rows(db, business.id, request.department,
                                                           request.start.date())
                           if _interval(r).start < end and request.start < _interval(r).end]
            if len(overlapping) >= request.capacity:
                raise SlotUnavailableError("taken")
            service_id = None
            if request.service_type:
                service_id = await db.scalar(select(ServiceType.id).where(
                    ServiceType.business_id == business.id,
                    ServiceType.key == request.service_type))
            row = Appointment(
                business_id=business.id, department=request.department,
                appointment_type=request.appointment_type, service_type_id=service_id,
                vehicle_label=request.vehicle, scheduled_date=request.start.date(),
                scheduled_time=request.start.time(), duration_min=request.duration_min,
                status="scheduled", customer_name=request.customer_name, notes=request.notes,
                conversation_id=request.conversation_id,
            )
            db.add(row)
            await db.flush()
            return BookedAppointment(id=row.id, start=request.start,
                                     duration_min=request.duration_min)


def _interval(row: Appointment) -> BusyInterval:
    start = datetime.combine(row.scheduled_date, row.scheduled_time)
    return BusyInterval(start=start, end=start + timedelta(minutes=row.duration_min))


class SqlCustomerDirectory:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def find_by_phone(self, phone: str) -> KnownCustomer | None:
        async with reading(self._sessions) as db:
            customer = await db.scalar(select(Customer).where(Customer.phone == phone))
            if customer is None:
                return None
            vehicles = await db.scalars(select(Vehicle).where(Vehicle.customer_id == customer.id))
            return KnownCustomer(
                customer_id=customer.id, name=customer.name, phone=customer.phone,
                email=customer.email,
                vehicles=[{"year": v.year, "make": v.make, "model": v.model} for v in vehicles])
