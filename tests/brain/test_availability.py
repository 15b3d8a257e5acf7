"""Scheduling edge cases: closed days, after hours, conflicts, past times, capacity."""

from __future__ import annotations

from datetime import date, datetime

from frontdesk.brain.availability import AvailabilityCalendar
from frontdesk.brain.memory import InMemoryCalendar

NOW = datetime(2026, 11, 23, 9, 0)  # Monday 9:00 local


def avail(profiles, calendar=None):
    return AvailabilityCalendar(profiles["dealership"], calendar or InMemoryCalendar(), NOW)


async def test_closed_sunday_offers_nearest_open_days(profiles) -> None:
    service = profiles["dealership"].departments["service"]
    check = await avail(profiles).check(service, datetime(2026, 11, 29, 10, 0), 30)
    assert check.problem == "closed_day"
    assert check.alternatives == [datetime(2026, 11, 28, 10, 0), datetime(2026, 11, 30, 10, 0)]


async def test_service_that_would_run_past_closing_is_refused(profiles) -> None:
    service = profiles["dealership"].departments["service"]
    # Saturday closes at 2 PM: a 120-minute detail at 1 PM does not fit.
    check = await avail(profiles).check(service, datetime(2026, 11, 28, 13, 0), 120)
    assert check.problem == "outside_hours"
    assert all(a.hour * 60 + a.minute + 120 <= 14 * 60 for a in check.alternatives
               if a.weekday() == 5)


async def test_past_time_today(profiles) -> None:
    service = profiles["dealership"].departments["service"]
    check = await avail(profiles).check(service, datetime(2026, 11, 23, 8, 0), 30)
    assert check.problem == "past"
    assert min(check.alternatives) >= datetime(2026, 11, 23, 10, 0)


async def test_capacity_two_bays(profiles) -> None:
    calendar = InMemoryCalendar()
    service = profiles["dealership"].departments["service"]
    calendar.add_busy("dealership", "service", datetime(2026, 11, 25, 14, 0), 60)
    one_busy = await avail(profiles, calendar).check(service, datetime(2026, 11, 25, 14, 30), 30)
    assert one_busy.ok
    calendar.add_busy("dealership", "service", datetime(2026, 11, 25, 14, 0), 60)
    taken = await avail(profiles, calendar).check(service, datetime(2026, 11, 25, 14, 30), 30)
    assert taken.problem == "taken"
    assert taken.alternatives == [datetime(2026, 11, 25, 13, 30), datetime(2026, 11, 25, 15, 0)]


async def test_open_slots_respect_time_of_day(profiles) -> None:
    sales = profiles["dealership"].departments["sales"]
    slots = await avail(profiles).open_slots(sales, date(2026, 11, 24), 30, "evening")
    assert slots[0] == datetime(2026, 11, 24, 17, 0) and slots[-1] == datetime(2026, 11, 24, 19, 30)
