"""In-memory implementations of the brain's ports, for tests, evals and demos.

They behave like the SQL-backed ones (capacity checks on booking, E.164 lookups) so a scenario
that passes here passes against the database too.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

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


@dataclass(slots=True)
class _Stored:
    business: str
    department: str
    start: datetime
    end: datetime
    request: BookingRequest | None
    id: int = 0
    status: str = "scheduled"

    def existing(self) -> ExistingAppointment:
        r = self.request
        assert r is not None
        return ExistingAppointment(
            id=self.id, department=self.department, appointment_type=r.appointment_type,
            service_type=r.service_type, start=self.start,
            duration_min=int((self.end - self.start).total_seconds() // 60),
            customer_name=r.customer_name, vehicle=r.vehicle)


@dataclass
class InMemoryCalendar:
    """A calendar kept in a list; ``add_busy`` seeds existing appointments."""

    appointments: list[_Stored] = field(default_factory=list)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def add_busy(self, business: str, department: str, start: datetime, minutes: int) -> None:
        self.appointments.append(_Stored(business, department, start,
                                         start + timedelta(minutes=minutes), None,
                                         id=len(self.appointments) + 1))

    def _active(self, business: str, department: str) -> list[_Stored]:
        return [a for a in self.appointments if a.business == business
                and a.department == department and a.status == "scheduled"]

    async def busy(self, business: str, department: str, day: date) -> list[BusyInterval]:
        return [BusyInterval(a.start, a.end, a.id) for a in self._active(business, department)
                if a.start.date() == day]

    def _fits(self, business: str, department: str, start: datetime, end: datetime,
              capacity: int, ignore: int | None = None) -> bool:
        overlapping = [a for a in self._active(business, department)
                       if a.id != ignore and a.start < end and start < a.end]
        return len(overlapping) < capacity

    async def book(self, request: BookingRequest) -> BookedAppointment:
        async with self._lock:
            end = request.start + timedelta(minutes=request.duration_min)
            if not self._fits(request.business, request.department, request.start, end,
                              request.capacity):
                raise SlotUnavailableError("taken")
            self.appointments.append(_Stored(request.business, request.department,
                                             request.start, end, request,
                                             id=len(self.appointments) + 1))
            return BookedAppointment(id=len(self.appointments), start=request.start,
                                     duration_min=request.duration_min)

    async def upcoming(self, business: str, phone: str, after: datetime) -> list[ExistingAppointment]:
        found = [a for a in self.appointments
                 if a.business == business and a.status == "scheduled" and a.request is not None
                 and a.request.customer_phone == phone and a.start >= after]
        return [a.existing() for a in sorted(found, key=lambda a: a.start)]

    def _get(self, business: str, appointment_id: int) -> _Stored:
        for a in self.appointments:
            if (a.id == appointment_id and a.business == business and a.status == "scheduled"
                    and a.request is not None):
                return a
        raise AppointmentNotFoundError(appointment_id)

    async def cancel(self, business: str, appointment_id: int, *,
                     by: str = CALLER) -> ExistingAppointment:
        async with self._lock:
            stored = self._get(business, appointment_id)
            stored.status = "cancelled"
            return stored.existing()

    async def move(self, business: str, appointment_id: int, start: datetime,
                   capacity: int, *, by: str = CALLER) -> ExistingAppointment:
        async with self._lock:
            stored = self._get(business, appointment_id)
            end = start + (stored.end - stored.start)
            if not self._fits(business, stored.department, start, end, capacity,
                              ignore=appointment_id):
                raise SlotUnavailableError("taken")
            stored.start, stored.end = start, end
            assert stored.request is not None
            stored.request = replace(stored.request, start=start)
            return stored.existing()

    async def add_work(self, business: str, appointment_id: int, minutes: int, capacity: int, *,
                       note: str, by: str = CALLER) -> ExistingAppointment:
        async with self._lock:
            stored = self._get(business, appointment_id)
            end = stored.end + timedelta(minutes=minutes)
            if not self._fits(business, stored.department, stored.start, end, capacity,
                              ignore=appointment_id):
                raise SlotUnavailableError("taken")
            stored.end = end
            assert stored.request is not None
            notes = stored.request.notes
            stored.request = replace(stored.request, notes=f"{notes}; {note}" if notes else note,
                                     duration_min=stored.request.duration_min + minutes)
            return stored.existing()

    @property
    def bookings(self) -> list[BookingRequest]:
        return [a.request for a in self.appointments
                if a.request is not None and a.status == "scheduled"]


@dataclass
class InMemoryCustomers:
    customers: dict[str, KnownCustomer] = field(default_factory=dict)

    def add(self, phone: str, name: str, email: str | None = None) -> None:
        self.customers[phone] = KnownCustomer(customer_id=len(self.customers) + 1, name=name,
                                              phone=phone, email=email, vehicles=[])

    async def find_by_phone(self, phone: str) -> KnownCustomer | None:
        return self.customers.get(phone)
