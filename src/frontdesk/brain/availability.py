"""Real availability: business hours × durations × existing appointments.

Pure scheduling logic over the :class:`~frontdesk.brain.ports.Calendar` port. A requested slot
is checked for closed days, hours, minimum notice and capacity; when it fails, the nearest open
slots (by distance from what was asked) are offered instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from frontdesk.brain.format import say_duration, say_time
from frontdesk.brain.ports import BusyInterval, Calendar
from frontdesk.knowledge.profile import BusinessProfile, Department

Problem = Literal["closed_day", "outside_hours", "past", "taken", "too_far"]

_TIME_OF_DAY = {"morning": (time(0), time(12)), "afternoon": (time(12), time(17)),
                "evening": (time(17), time(23, 59))}


@dataclass(slots=True)
class SlotCheck:
    ok: bool
    problem: Problem | None = None
    alternatives: list[datetime] = field(default_factory=list)


def closed_reply(profile: BusinessProfile, department: Department, day: date) -> tuple[str, dict[str, str]]:
    """The reply key (and its values beyond the weekday) that says why ``day`` has no openings:
    a holiday or other closure by name ("we're closed on Thanksgiving"), the weekday the
    business never opens, or simply no slots left."""
    closure = profile.closure_on(day, department)
    if closure is not None and profile.hours_on(department, day) is None:
        return "closed_holiday", {"holiday": closure[1]}
    if department.hours.for_weekday(day.weekday()) is None:
        return "closed_day", {}
    return "no_slots_day", {}


def refusal_reply(profile: BusinessProfile, department: Department, start: datetime, duration_min: int,
                  problem: Problem | None) -> tuple[str, dict[str, str]]:
    """The reply key (and its values beyond the time, day and slots) that says why ``start``
    cannot be booked: closed that day, outside the hours, past, too far ahead, taken, or a
    start in the hours that would run past closing ("6:30 for a 45-minute consultation, and
    we close at 7": the hours include 6:30, so "outside our hours" would be untrue)."""
    if problem == "closed_day":
        return closed_reply(profile, department, start.date())
    hours = profile.hours_on(department, start.date())
    values = {"hours": f"{say_time(hours[0])} to {say_time(hours[1])}" if hours else "closed"}
    if problem == "outside_hours" and hours is not None and hours[0] <= start.time() < hours[1]:
        return "runs_past_close", {**values, "close": say_time(hours[1]),
                                   "duration": say_duration(duration_min)}
    key = {"outside_hours": "outside_hours", "past": "slot_past", "too_far": "too_far"}
    return key.get(problem or "", "slot_taken"), values


class AvailabilityCalendar:
    """Availability of one business as seen at one moment (one instance per turn)."""

    def __init__(self, profile: BusinessProfile, calendar: Calendar, now: datetime,
                 horizon_days: int | None = None, ignore: int | None = None) -> None:
        self._profile = profile
        self._calendar = calendar
        self._now = now.replace(tzinfo=None, second=0, microsecond=0)
        self._horizon_days = profile.max_days_ahead if horizon_days is None else horizon_days
        self._ignore = ignore
        """An appointment being moved: its own slot does not count against the new one."""
        self._busy: dict[tuple[str, date], list[BusyInterval]] = {}

    @property
    def last_day(self) -> date:
        """The furthest day the agent books."""
        return self._now.date() + timedelta(days=self._horizon_days)

    @property
    def horizon_days(self) -> int:
        return self._horizon_days

    @property
    def earliest(self) -> datetime:
        return self._now + timedelta(minutes=self._profile.min_notice_min)

    async def _busy_on(self, department: Department, day: date) -> list[BusyInterval]:
        key = (department.key, day)
        if key not in self._busy:
            busy = await self._calendar.busy(self._profile.key, department.key, day)
            self._busy[key] = [b for b in busy
                               if self._ignore is None or b.appointment_id != self._ignore]
        return self._busy[key]

    async def _fits(self, department: Department, start: datetime, duration_min: int) -> bool:
        end = start + timedelta(minutes=duration_min)
        overlapping = sum(1 for b in await self._busy_on(department, start.date())
                          if b.start < end and start < b.end)
        return overlapping < department.capacity

    def _within_hours(self, department: Department, start: datetime, duration_min: int) -> bool:
        hours = self._profile.hours_on(department, start.date())
        if hours is None:
            return False
        end = start + timedelta(minutes=duration_min)
        return (hours[0] <= start.time() and end.date() == start.date()
                and end.time() <= hours[1])

    async def open_slots(self, department: Department, day: date, duration_min: int,
                         time_of_day: str | None = None,
                         window: tuple[time, time] | None = None) -> list[datetime]:
        """Every bookable start on ``day`` (slot grid of the profile), within the caller's
        window ("after 3", "before lunch") or part of the day when given."""
        hours = self._profile.hours_on(department, day)
        if hours is None or day > self.last_day:
            return []  # (nothing is offered past the furthest day the agent books)
        step = timedelta(minutes=self._profile.slot_minutes)
        start = datetime.combine(day, hours[0])
        window = window or _TIME_OF_DAY.get(time_of_day or "")
        slots: list[datetime] = []
        while self._within_hours(department, start, duration_min):
            in_window = window is None or window[0] <= start.time() < window[1]
            if in_window and start >= self.earliest and await self._fits(department, start,
                                                                          duration_min):
                slots.append(start)
            start += step
        return slots

    async def check(self, department: Department, start: datetime, duration_min: int,
                    alternatives: int = 2) -> SlotCheck:
        """Is ``start`` bookable? If not, why, and which nearest slots are."""
        problem: Problem | None = None
        if start.date() > self.last_day:
            problem = "too_far"  # (before a closed day: the day is not bookable either way)
        elif self._profile.hours_on(department, start.date()) is None:
            problem = "closed_day"
        elif start < self.earliest:
            problem = "past"
        elif not self._within_hours(department, start, duration_min):
            problem = "outside_hours"
        elif not await self._fits(department, start, duration_min):
            problem = "taken"
        if problem is None:
            return SlotCheck(ok=True)
        # (too far ahead: the openings nearest to it, on the last days the agent books)
        anchor = start if problem != "too_far" else datetime.combine(self.last_day, start.time())
        return SlotCheck(ok=False, problem=problem,
                         alternatives=await self.nearest(department, anchor, duration_min,
                                                         alternatives))

    async def nearest(self, department: Department, anchor: datetime, duration_min: int,
                      count: int = 2, search_days: int = 14) -> list[datetime]:
        """The ``count`` open slots closest to ``anchor``, earlier ones first on ties."""
        candidates: list[datetime] = []
        # a day past the last one booked looks back from the last one ("December 15th" in July)
        first_day = max(min(anchor.date(), self.last_day) - timedelta(days=search_days // 2),
                        self.earliest.date())
        for offset in range(search_days + 1):
            day = first_day + timedelta(days=offset)
            candidates.extend(await self.open_slots(department, day, duration_min))
            # Stop once we have enough beyond the anchor day: nothing later can be closer.
            if day > anchor.date() and len(candidates) >= count * 3:
                break
        # Closest day first, then closest time of day: "Sunday at 10" → "Monday at 10".
        minutes = anchor.hour * 60 + anchor.minute
        def rank(s: datetime) -> tuple[int, int, datetime]:
            return (abs((s.date() - anchor.date()).days), abs(s.hour * 60 + s.minute - minutes), s)

        candidates.sort(key=rank)
        chosen = candidates[:1]
        if chosen and count > 1:
            # Offer a choice on both sides of what was asked when there is one ("1:30 or 3").
            side = chosen[0] < anchor
            other = [c for c in candidates[1:] if (c < anchor) != side]
            if other and rank(other[0])[0] == rank(chosen[0])[0]:
                chosen.append(other[0])
            chosen += [c for c in candidates[1:] if c not in chosen][: count - len(chosen)]
        return sorted(chosen[:count])
