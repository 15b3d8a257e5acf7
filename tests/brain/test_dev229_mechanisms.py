"""Mechanisms that round 33 found wanting (development sets 229 to 236, callers written before
they were run, and the backlog of earlier rounds), each checked on fresh phrasings, not the sets'
own words. The clock is Monday 23 November 2026, nine in the morning (Thanksgiving is Thursday
the 26th).
"""

from __future__ import annotations

from datetime import datetime

from tests.brain.calls import booked, call, on_calendar

TUESDAY_DEC_1_10 = datetime(2026, 12, 1, 10, 0)


# -- bookings on file -------------------------------------------------------------------------------


async def test_work_added_to_a_visit_then_the_visit_moved_moves_it_all(profiles) -> None:
    calendar = await booked("dealership", "state_inspection", TUESDAY_DEC_1_10)
    state, replies = await call(
        profiles,
        "dealership",
        "my inspection's on the first, could you throw in a tire rotation while it's there?",
        "oh and can we make it two in the afternoon instead?",
        "yes please",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 01 14:00", "scheduled")], replies
    assert state.appointment is not None and set(state.appointment.services) >= {"tire_rotation"}
    assert "both" in replies[1], replies


async def test_the_new_work_alone_moved_leaves_the_visit(profiles) -> None:
    calendar = await booked("dealership", "state_inspection", TUESDAY_DEC_1_10)
    _state, replies = await call(
        profiles,
        "dealership",
        "my inspection's on the first, could you throw in a tire rotation while it's there?",
        "hmm, actually keep the inspection where it is and do the rotation on its own at two",
        "yes please",
        calendar=calendar,
    )
    assert on_calendar(calendar, sort=True) == [("Tue 01 10:00", "scheduled"), ("Tue 01 14:00", "scheduled")], replies
