"""Mechanisms that round 20 found wanting: round 19's backlog calls and development sets 85 to 92
(``evals/library/dev85.yaml`` … ``dev92.yaml``, callers written before they were run), each
checked on fresh phrasings, not the sets' own words.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.brain.calls import booked, call

TUESDAY_9 = datetime(2026, 11, 24, 9, 0)


# -- more work at the visit on file ----------------------------------------------------------------


@pytest.mark.parametrize("asked", ["while it's in there can y'all rotate the tires too?",
                                   "could you guys also rotate the tires while you're at it",
                                   "and can you throw in a tire rotation too, same visit"])
async def test_work_added_to_the_visit_on_file_grows_that_visit(profiles, asked) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    state, replies = await call(profiles, "dealership", "I've got an oil change tuesday morning", asked,
                                "yes please", calendar=calendar)
    assert "tire rotation added to your oil change" in replies[1]
    assert sorted(state.appointment.services) == ["oil_change", "tire_rotation"]
    [visit] = calendar.appointments
    assert (visit.start, visit.end) == (TUESDAY_9, datetime(2026, 11, 24, 10, 0))
    assert "also: tire rotation" in visit.request.notes


async def test_with_no_room_for_the_longer_visit_the_work_is_offered_on_its_own(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    for _ in range(2):  # both bays taken from 9:30
        calendar.add_busy("dealership", "service", datetime(2026, 11, 24, 9, 30), 60)
    state, replies = await call(profiles, "dealership", "I've got an oil change tuesday morning",
                                "can you rotate the tires too while it's in there?",
                                calendar=calendar)
    assert "can't fit the tire rotation into that visit" in replies[-1]
    assert "a time of its own" in replies[-1] and "Shall I book it" not in replies[-1]
    assert state.appointment is None and state.awaiting == "pick_alternative"
    assert calendar.appointments[0].end == datetime(2026, 11, 24, 9, 30)  # the visit as it was


async def test_work_added_at_another_time_is_a_booking_of_its_own(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    state, replies = await call(profiles, "dealership", "I've got an oil change tuesday morning",
                                "can y'all rotate the tires too while it's in there? at 2 though",
                                "yes", calendar=calendar)
    assert "added to" not in replies[1]
    assert state.appointment.services == ["tire_rotation"]
    assert state.appointment.scheduled_time == "14:00" and len(calendar.bookings) == 2
