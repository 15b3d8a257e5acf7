"""SQL-backed implementations of the brain's Calendar and CustomerDirectory ports.

They join the transaction of the work that calls them (:mod:`frontdesk.storage.transaction`):
a booking made during a conversation turn is committed with that turn, or not at all. A
booking writes the appointment only: the turn that made it writes the caller (once) and links
the appointment to them and their vehicle
(:meth:`~frontdesk.storage.conversations.ConversationStore.save_turn`). Booking, cancelling and
moving each write their event job in the same transaction (:meth:`JobStore.add_event
<frontdesk.storage.jobs.JobStore.add_event>`): reminders and staff alerts follow from it.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.brain.ports import (
    CALLER,
    AppointmentNotFoundError,
    BookedAppointment,
    BookingRequest,
    BusyInterval,
    ExistingAppointment,
    KnownCustomer,
    SlotUnavailableError,
)
from frontdesk.storage.jobs import JobStore
from frontdesk.storage.models import (
    Appointment,
    Business,
    Conversation,
    Customer,
    ServiceType,
    Vehicle,
)
from frontdesk.storage.transaction import hold_until_commit, reading, transaction

ACTIVE_STATUSES = ("scheduled", "confirmed")


class SqlCalendar:
    """Appointments in the database; booking re-checks capacity inside its transaction."""

    def __init__(self, sessions: async_sessionmaker, jobs: JobStore) -> None:
        self._sessions = sessions
        self._jobs = jobs
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
            rows = await db.scalars(select(Appointment).join(Business, Business.id == Appointment.business_id)
                                    .where(Business.key == business, Appointment.department == department,
                                           Appointment.scheduled_date == day,
                                           Appointment.status.in_(ACTIVE_STATUSES)))
            return [_interval(r) for r in rows]

    async def _locked_business(self, db: AsyncSession, key: str) -> Business | None:
        """The business row, with the booking lock held until the transaction commits (and
        PostgreSQL's row lock): capacity checks and writes of one business are serialised."""
        await hold_until_commit(self._locks[key])
        query = select(Business).where(Business.key == key)
        if db.bind.dialect.name == "postgresql":
            query = query.with_for_update()
        return await db.scalar(query)

    async def _fits(self, db: AsyncSession, business_id: int, department: str, start: datetime,
                    duration_min: int, capacity: int, ignore: int | None = None) -> bool:
        end = start + timedelta(minutes=duration_min)
        overlapping = [r for r in await self._day_rows(db, business_id, department, start.date())
                       if r.id != ignore and _interval(r).start < end and start < _interval(r).end]
        return len(overlapping) < capacity

    async def book(self, request: BookingRequest) -> BookedAppointment:
        """Write the appointment in the current transaction (a turn's), or in its own."""
        async with transaction(self._sessions) as db:
            business = await self._locked_business(db, request.business)
            if business is None:
                raise SlotUnavailableError(f"unknown business {request.business}")
            if not await self._fits(db, business.id, request.department, request.start,
                                    request.duration_min, request.capacity):
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
            await self._jobs.add_event("appointment_booked", business=request.business,
                                       appointment_id=row.id,
                                       conversation_id=request.conversation_id)
            return BookedAppointment(id=row.id, start=request.start,
                                     duration_min=request.duration_min)

    async def upcoming(self, business: str, phone: str, after: datetime) -> list[ExistingAppointment]:
        """The caller's active appointments from ``after`` on: those linked to the customer
        with this phone, or booked in a conversation that came from it."""
        query = (select(Appointment, ServiceType.key)
                 .join(Business, Business.id == Appointment.business_id)
                 .outerjoin(ServiceType, ServiceType.id == Appointment.service_type_id)
                 .outerjoin(Customer, Customer.id == Appointment.customer_id)
                 .outerjoin(Conversation, Conversation.id == Appointment.conversation_id)
                 .where(Business.key == business, Appointment.status.in_(ACTIVE_STATUSES),
                        or_(Customer.phone == phone,
                            and_(Appointment.customer_id.is_(None), Conversation.caller_phone == phone)),
                        or_(Appointment.scheduled_date > after.date(),
                            and_(Appointment.scheduled_date == after.date(),
                                 Appointment.scheduled_time >= after.time())))
                 .order_by(Appointment.scheduled_date, Appointment.scheduled_time))
        async with reading(self._sessions) as db:
            rows = (await db.execute(query)).all()
        return [_existing(row, service) for row, service in rows]

    async def _active_row(self, db: AsyncSession, business_id: int,
                          appointment_id: int) -> tuple[Appointment, str | None]:
        found = (await db.execute(
            select(Appointment, ServiceType.key)
            .outerjoin(ServiceType, ServiceType.id == Appointment.service_type_id)
            .where(Appointment.id == appointment_id, Appointment.business_id == business_id,
                   Appointment.status.in_(ACTIVE_STATUSES)))).first()
        if found is None:
            raise AppointmentNotFoundError(appointment_id)
        return found[0], found[1]

    async def cancel(self, business: str, appointment_id: int, *,
                     by: str = CALLER) -> ExistingAppointment:
        """Mark it cancelled in the current transaction: it no longer counts for capacity."""
        async with transaction(self._sessions) as db:
            row_business = await self._locked_business(db, business)
            if row_business is None:
                raise AppointmentNotFoundError(appointment_id)
            row, service = await self._active_row(db, row_business.id, appointment_id)
            row.status = "cancelled"
            row.notes = _note(row.notes, f"cancelled {_by(by)}")
            await db.flush()
            await self._jobs.add_event("appointment_cancelled", business=business,
                                       appointment_id=row.id, by=by)
            return _existing(row, service)

    async def move(self, business: str, appointment_id: int, start: datetime,
                   capacity: int, *, by: str = CALLER) -> ExistingAppointment:
        """Give the appointment a new start under the booking lock, capacity re-checked without
        its own old slot (which is released by the same write)."""
        async with transaction(self._sessions) as db:
            row_business = await self._locked_business(db, business)
            if row_business is None:
                raise AppointmentNotFoundError(appointment_id)
            row, service = await self._active_row(db, row_business.id, appointment_id)
            if not await self._fits(db, row_business.id, row.department, start, row.duration_min,
                                    capacity, ignore=row.id):
                raise SlotUnavailableError("taken")
            old = datetime.combine(row.scheduled_date, row.scheduled_time)
            row.scheduled_date, row.scheduled_time = start.date(), start.time()
            row.notes = _note(row.notes, f"moved from {old:%Y-%m-%d %H:%M} {_by(by)}")
            await db.flush()
            await self._jobs.add_event("appointment_moved", business=business,
                                       appointment_id=row.id, by=by,
                                       previous=old.isoformat(timespec="minutes"))
            return _existing(row, service)

    async def add_work(self, business: str, appointment_id: int, minutes: int, capacity: int, *,
                       note: str, by: str = CALLER) -> ExistingAppointment:
        """Lengthen the appointment under the booking lock for more work at the same visit,
        capacity re-checked over its whole new length without counting itself."""
        async with transaction(self._sessions) as db:
            row_business = await self._locked_business(db, business)
            if row_business is None:
                raise AppointmentNotFoundError(appointment_id)
            row, service = await self._active_row(db, row_business.id, appointment_id)
            start = datetime.combine(row.scheduled_date, row.scheduled_time)
            if not await self._fits(db, row_business.id, row.department, start,
                                    row.duration_min + minutes, capacity, ignore=row.id):
                raise SlotUnavailableError("taken")
            row.duration_min += minutes
            row.notes = _note(row.notes, f"{note} (added {_by(by)})")
            await db.flush()
            await self._jobs.add_event("appointment_changed", business=business,
                                       appointment_id=row.id, by=by, added=note)
            return _existing(row, service)


def _interval(row: Appointment) -> BusyInterval:
    start = datetime.combine(row.scheduled_date, row.scheduled_time)
    return BusyInterval(start=start, end=start + timedelta(minutes=row.duration_min),
                        appointment_id=row.id)


def _by(who: str) -> str:
    return "by the caller on a call" if who == CALLER else f"by {who}"


def _note(notes: str | None, line: str) -> str:
    return f"{notes}; {line}" if notes else line


def _existing(row: Appointment, service: str | None) -> ExistingAppointment:
    return ExistingAppointment(
        id=row.id, department=row.department, appointment_type=row.appointment_type,
        service_type=service, start=datetime.combine(row.scheduled_date, row.scheduled_time),
        duration_min=row.duration_min, customer_name=row.customer_name,
        vehicle=row.vehicle_label)


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
