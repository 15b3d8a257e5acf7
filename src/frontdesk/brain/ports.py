"""The small ports the brain talks through; storage, calendar and clock live behind them.

The brain never imports SQL, HTTP or audio code. Whoever builds a :class:`~frontdesk.brain.Brain`
passes objects satisfying these protocols: the SQL-backed ones in production, in-memory ones in
tests (see :mod:`frontdesk.brain.memory`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol


@dataclass(slots=True, frozen=True)
class BusyInterval:
    """An existing appointment occupying ``[start, end)`` in one department (local time)."""

    start: datetime
    end: datetime
    appointment_id: int | None = None
    """The appointment behind it, so a move can leave its own old slot out of the count."""


@dataclass(slots=True, frozen=True)
class BookingRequest:
    business: str
    department: str
    capacity: int
    appointment_type: str
    service_type: str | None
    start: datetime
    """Naive local time of the business."""
    duration_min: int
    customer_name: str | None
    customer_phone: str | None
    customer_email: str | None
    vehicle: str | None
    conversation_id: str
    notes: str | None = None


@dataclass(slots=True, frozen=True)
class BookedAppointment:
    id: int
    start: datetime
    duration_min: int
    status: str = "scheduled"


class SlotUnavailableError(Exception):
    """The slot was taken between offering it and booking it."""


class AppointmentNotFoundError(LookupError):
    """No active appointment with that id for that business (cancelled, or never there)."""


@dataclass(slots=True, frozen=True)
class ExistingAppointment:
    """An upcoming appointment as the calendar keeps it, for a caller who asks about theirs."""

    id: int
    department: str
    appointment_type: str
    service_type: str | None
    start: datetime
    """Naive local time of the business."""
    duration_min: int
    customer_name: str | None = None
    vehicle: str | None = None


CALLER = "caller"
"""Who changed an appointment when the agent did it, on the caller's word."""


class Calendar(Protocol):
    """Existing appointments and the one place bookings are written."""

    async def busy(self, business: str, department: str, day: date) -> list[BusyInterval]:
        """Appointments of ``department`` on ``day`` (local time)."""
        ...

    async def book(self, request: BookingRequest) -> BookedAppointment:
        """Book atomically; raise :class:`SlotUnavailableError` if capacity is already used."""
        ...

    async def upcoming(self, business: str, phone: str, after: datetime) -> list[ExistingAppointment]:
        """Active appointments of the customer with this E.164 phone that start at or after
        ``after`` (local time), earliest first."""
        ...

    async def cancel(self, business: str, appointment_id: int, *,
                     by: str = CALLER) -> ExistingAppointment:
        """Cancel one; its slot is free again. Raise :class:`AppointmentNotFoundError`.
        ``by``: who did it, the caller or a member of staff (their email)."""
        ...

    async def move(self, business: str, appointment_id: int, start: datetime,
                   capacity: int, *, by: str = CALLER) -> ExistingAppointment:
        """Move one to ``start`` (same duration), re-checking capacity as a booking does and
        not counting the appointment's own old slot; the old slot is released. Raise
        :class:`SlotUnavailableError` or :class:`AppointmentNotFoundError`."""
        ...

    async def add_work(self, business: str, appointment_id: int, minutes: int, capacity: int, *,
                       note: str, by: str = CALLER) -> ExistingAppointment:
        """More work at the same visit ("rotate the tires too while it's in there"): the
        appointment keeps its start and grows by ``minutes``, capacity re-checked over its whole
        new length without counting itself; ``note`` ("also: Tire rotation") joins its notes.
        Raise :class:`SlotUnavailableError` or :class:`AppointmentNotFoundError`."""
        ...


class Reminders(Protocol):
    """The reminders a new appointment will get: the agent promises these and no others."""

    async def planned(self, business: str, start: datetime, phone: str | None,
                      email: str | None) -> list[tuple[float, str]]:
        """``(hours before, channel)`` for an appointment at ``start`` (local, naive): the
        channels configured, the customer's contacts, a STOP and lead times already past all
        count. Empty: promise nothing."""
        ...


@dataclass(slots=True, frozen=True)
class KnownCustomer:
    customer_id: int
    name: str | None
    phone: str
    email: str | None
    vehicles: list[dict[str, object]]


class CustomerDirectory(Protocol):
    """Look up returning callers by phone number (E.164)."""

    async def find_by_phone(self, phone: str) -> KnownCustomer | None: ...


Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware."""


@dataclass(slots=True)
class IntentGuess:
    """A language model's reading of an unclear message (already schema-validated)."""

    intent: str
    slots: dict[str, str]


class LanguageAssist(Protocol):
    """Optional help from a language model (:mod:`frontdesk.llm` implements it).

    Every method may return None — slow, failing, or untrustworthy output — and the brain then
    keeps its deterministic result. Nothing returned here books, cancels or changes a lead by
    itself: the agents validate and act.
    """

    async def understand(self, text: str, *, profile: Any, state: Any, intents: list[str],
                         today: date) -> IntentGuess | None: ...

    async def answer(self, question: str, *, profile: Any, state: Any) -> str | None: ...

    async def rephrase(self, reply: str, *, profile: Any, state: Any) -> str | None: ...

    async def summarise(self, *, profile: Any, state: Any) -> str | None: ...
