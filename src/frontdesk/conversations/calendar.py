"""The business's calendar as staff work it: day and week sheets per department, one
appointment with its reminders, and the same cancel and move the agent makes.

A sheet is the profile's slot grid over a department's opening hours, at the business's local
time (an injected clock): the appointments starting in each slot, how many of the department's
places (bays, agents) are in use there, and whether a slot-long booking could still start
there by the agent's own rules (:class:`~frontdesk.brain.availability.AvailabilityCalendar`:
hours, minimum notice, capacity). Cancelling and moving go through the very
:class:`~frontdesk.brain.ports.Calendar` the agent books with, after the checks the agent's
appointments desk makes: its lock and capacity re-check, its events (reminders replanned,
staff alerted) and its rules hold for staff too; only ``by`` says a person did it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from frontdesk.brain.availability import AvailabilityCalendar, Problem
from frontdesk.brain.ports import (
    AppointmentNotFoundError,
    Calendar,
    ExistingAppointment,
    SlotUnavailableError,
)
from frontdesk.conversations.service import ConversationError
from frontdesk.knowledge.profile import BusinessProfile, Department
from frontdesk.storage.facts import AppointmentFacts, FactsReader
from frontdesk.storage.jobs import JobRecord, JobStore

WEEK_DAYS = 7


class CalendarNotFoundError(ConversationError):
    """No business with that key, or no appointment with that id at it."""

    status = 404


class MoveRefusedError(ConversationError):
    """The new time breaks a rule the agent keeps too; ``alternatives`` are the nearest open
    starts (local time), as the agent would offer them."""

    status = 409

    def __init__(self, problem: Problem | str, start: datetime, alternatives: list[datetime],
                 reason: str) -> None:
        super().__init__(reason)
        self.problem = problem
        self.start = start
        self.alternatives = alternatives


@dataclass(slots=True, frozen=True)
class SlotRow:
    """One step of the slot grid (``slot_minutes`` long) in one department."""

    start: datetime
    """Local wall-clock time (naive)."""
    starting: list[AppointmentFacts]
    """Active appointments that start within this step."""
    in_use: int
    """Active appointments overlapping the step's start."""
    capacity: int
    open: bool
    """A booking one step long could start here now (hours, notice and capacity)."""

    @property
    def full(self) -> bool:
        return self.in_use >= self.capacity


@dataclass(slots=True, frozen=True)
class DepartmentDay:
    """One department on one local day."""

    department: Department
    day: date
    hours: tuple[time, time] | None
    """Opening hours that day; None: closed."""
    rows: list[SlotRow]
    appointments: list[AppointmentFacts]
    """Every appointment of the day, cancelled ones included, by start."""

    @property
    def active(self) -> list[AppointmentFacts]:
        return [a for a in self.appointments if a.active]

    @property
    def open_count(self) -> int:
        return sum(1 for r in self.rows if r.open)


class StaffCalendar:
    """Every business's appointments as staff see and change them."""

    def __init__(self, profiles: Mapping[str, BusinessProfile], calendar: Calendar,
                 facts: FactsReader, jobs: JobStore, clock: Callable[[], datetime]) -> None:
        self._profiles = profiles
        self._calendar = calendar
        self._facts = facts
        self._jobs = jobs
        self._clock = clock

    def profile(self, business: str) -> BusinessProfile:
        try:
            return self._profiles[business]
        except KeyError:
            raise CalendarNotFoundError(f"no business {business!r}") from None

    def local_now(self, business: str) -> datetime:
        """The business's wall-clock time now (naive), as the agent reads it."""
        zone = ZoneInfo(self.profile(business).timezone)
        return self._clock().astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)

    def _availability(self, profile: BusinessProfile, ignore: int | None = None) -> AvailabilityCalendar:
        return AvailabilityCalendar(profile, self._calendar, self.local_now(profile.key),
                                    ignore=ignore)

    # --- sheets --------------------------------------------------------------------------------

    async def days(self, business: str, first_day: date, count: int = 1,
                   department: str | None = None) -> list[list[DepartmentDay]]:
        """``count`` days from ``first_day``; each, one sheet per department (or the one
        named), in the profile's order."""
        profile = self.profile(business)
        departments = [d for key, d in profile.departments.items()
                       if department in (None, "", key)]
        last_day = first_day + timedelta(days=count - 1)
        booked = await self._facts.appointments(business, first_day, last_day)
        availability = self._availability(profile)
        days = []
        for offset in range(count):
            day = first_day + timedelta(days=offset)
            days.append([await self._sheet(profile, availability, d, day,
                                           [a for a in booked if a.start.date() == day
                                            and _department_key(profile, a) == d.key])
                         for d in departments])
        return days

    async def _sheet(self, profile: BusinessProfile, availability: AvailabilityCalendar,
                     department: Department, day: date,
                     appointments: list[AppointmentFacts]) -> DepartmentDay:
        hours = department.hours.for_weekday(day.weekday())
        step = timedelta(minutes=profile.slot_minutes)
        open_now = set(await availability.open_slots(department, day, profile.slot_minutes))
        active = [a for a in appointments if a.active]
        rows: list[SlotRow] = []
        if hours is not None:
            start, close = datetime.combine(day, hours[0]), datetime.combine(day, hours[1])
            while start < close:
                rows.append(SlotRow(
                    start=start,
                    starting=[a for a in active if start <= a.start < start + step],
                    in_use=sum(1 for a in active
                               if a.start <= start < a.start + timedelta(minutes=a.duration_min)),
                    capacity=department.capacity, open=start in open_now))
                start += step
        return DepartmentDay(department, day, hours, rows, appointments)

    # --- one appointment -----------------------------------------------------------------------

    async def appointment(self, business: str, appointment_id: int) -> AppointmentFacts:
        facts = await self._facts.appointment(appointment_id)
        if facts is None or facts.business != business:
            raise CalendarNotFoundError(f"no appointment {appointment_id} at {business}")
        return facts

    async def reminders(self, appointment_id: int) -> list[JobRecord]:
        """Its reminders, planned, sent or cancelled, soonest first."""
        found = await self._jobs.list(kind="reminder", appointment_id=appointment_id, limit=50)
        return sorted(found, key=lambda job: job.run_at)

    def department(self, facts: AppointmentFacts) -> Department | None:
        """Its department, as the agent's appointments desk finds it."""
        profile = self.profile(facts.business)
        key = _department_key(profile, facts)
        return profile.departments.get(key) if key else None

    async def open_starts(self, facts: AppointmentFacts, day: date) -> list[datetime]:
        """Where it could move to on ``day``: starts open for its duration, its own slot not
        counted against them (and not offered)."""
        department = self.department(facts)
        if department is None or not facts.active:
            return []
        availability = self._availability(self.profile(facts.business), ignore=facts.appointment_id)
        return [s for s in await availability.open_slots(department, day, facts.duration_min)
                if s != facts.start]

    # --- changes -------------------------------------------------------------------------------

    async def cancel(self, business: str, appointment_id: int, *, by: str) -> ExistingAppointment:
        """Cancel it as the agent does: its reminders are cancelled and staff alerted.
        :class:`AppointmentNotFoundError` when it is not active (any more)."""
        self.profile(business)
        return await self._calendar.cancel(business, appointment_id, by=by)

    async def move(self, business: str, appointment_id: int, start: datetime, *,
                   by: str) -> ExistingAppointment:
        """Move it to ``start`` (local) by the agent's rules: open that day, within hours, not
        past the minimum notice, within the booking horizon, a place free for its whole
        duration. Its reminders are replanned and staff alerted. :class:`MoveRefusedError`
        says why not (with the nearest open starts); :class:`AppointmentNotFoundError` when
        it is not active (any more)."""
        facts = await self.appointment(business, appointment_id)
        department = self.department(facts)
        if not facts.active or department is None:
            raise AppointmentNotFoundError(appointment_id)
        start = start.replace(second=0, microsecond=0, tzinfo=None)
        if start == facts.start:
            raise MoveRefusedError("same", start, [], "that is already its time")
        profile = self.profile(business)
        availability = self._availability(profile, ignore=appointment_id)
        check = await availability.check(department, start, facts.duration_min, alternatives=3)
        if not check.ok:
            raise MoveRefusedError(check.problem or "taken", start, check.alternatives,
                                   _reason(check.problem, department, start, facts.duration_min,
                                           availability.earliest))
        try:
            return await self._calendar.move(business, appointment_id, start,
                                             department.capacity, by=by)
        except SlotUnavailableError:
            # Taken between the check and the write (the agent booked it meanwhile).
            nearest = await availability.nearest(department, start, facts.duration_min, 3)
            raise MoveRefusedError("taken", start, nearest, _reason(
                "taken", department, start, facts.duration_min, availability.earliest)) from None


def _department_key(profile: BusinessProfile, facts: AppointmentFacts) -> str | None:
    if facts.department in profile.departments:
        return facts.department
    department = profile.department_for(facts.appointment_type)
    return department.key if department is not None else None


def _reason(problem: Problem | None, department: Department, start: datetime, duration_min: int,
            earliest: datetime) -> str:
    """Why a move is refused, in the words staff read."""
    hours = department.hours.for_weekday(start.weekday())
    if problem == "closed_day":
        return f"the {department.label} is closed on {start:%A}s"
    if problem == "outside_hours" and hours is not None:
        return (f"a {duration_min}-minute appointment at {start:%H:%M} does not fit the "
                f"{department.label}'s hours ({hours[0]:%H:%M}–{hours[1]:%H:%M})")
    if problem == "past":
        return f"that is too soon: the earliest start now is {earliest:%a %d %b %H:%M}"
    if problem == "too_far":
        return "that is further ahead than the agent books"
    return (f"{start:%a %d %b %H:%M} is full: all {department.capacity} of the "
            f"{department.label}'s places are booked for part of its {duration_min} minutes")
