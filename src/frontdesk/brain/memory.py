"""In-memory implementations of the brain's ports, for tests, evals and demos.

They behave like the SQL-backed ones (capacity checks on booking, E.164 lookups) so a scenario
that passes here passes against the database too.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from frontdesk.brain.ports import (
    BookedAppointment,
    BookingRequest,
    BusyInterval,
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


@dataclass
class InMemoryCalendar:
    """A calendar kept in a list; ``add_busy`` seeds existing appointments."""

    appointments: list[_Stored] = field(default_factory=list)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def add_busy(self, business: str, department: str, start: datetime, minutes: int) -> None:
        self.appointments.append(_Stored(business, department, start,
                                         start + timedelta(minutes=minutes), None))

    async def busy(self, business: str, department: str, day: date) -> list[BusyInterval]:
        return [BusyInterval(a.start, a.end) for a in self.appointments
                if a.business == business and a.department == department
                and a.start.date() == day]

    async def book(self, request: BookingRequest) -> BookedAppointment:
        async with self._lock:
            end = request.start + timedelta(minutes=request.duration_min)
            overlapping = [a for a in self.appointments
                           if a.business == request.business and a.department == request.department
                           and a.start < end and request.start < a.end]
            if len(overlapping) >= request.capacity:
                raise SlotUnavailableError("taken")
            self.appointments.append(_Stored(request.business, request.department,
                                             request.start, end, request))
            return BookedAppointment(id=len(self.appointments), start=request.start,
                                     duration_min=request.duration_min)

    @property
    def bookings(self) -> list[BookingRequest]:
        return [a.request for a in self.appointments if a.request is not None]


@dataclass
class InMemoryCustomers:
    customers: dict[str, KnownCustomer] = field(default_factory=dict)

    def add(self, phone: str, name: str, email: str | None = None) -> None:
        self.customers[phone] = KnownCustomer(customer_id=len(self.customers) + 1, name=name,
                                              phone=phone, email=email, vehicles=[])

    async def find_by_phone(self, phone: str) -> KnownCustomer | None:
        return self.customers.get(phone)
