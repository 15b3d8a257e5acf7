"""Mechanisms that round 29 found wanting (the two calls round 28 left in the backlog, and
development sets 181 to 188, callers written before they were run), each checked on fresh
phrasings, not the sets' own words. The clock is Monday 23 November 2026, nine in the morning.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

TUESDAY_2 = datetime(2026, 11, 24, 14, 0)


# -- lead money and motivation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "top"),
    [
        ("honestly like four and a half, that's what we got when we ran the numbers", 450_000),
        ("we did the math and it's about three and a quarter", 325_000),
    ],
)
def test_a_figure_from_doing_the_math_is_money_whatever_was_asked(profiles, said, top) -> None:
    u = _u(profiles, "real_estate", said, "timeline")
    assert u.budget is not None and u.budget[1] == top, u.budget
    assert u.timeline is None, u.timeline


async def test_a_move_that_waits_for_something_is_the_motivation_not_a_lost_lead(profiles) -> None:
    state, replies = await call(
        profiles,
        "real_estate",
        "we're buying, in Round Rock. I'm Dana Whitfield",
        "six months or so",
        "around four hundred",
        "yes, we're pre-approved",
        "not yet, we're waiting until my wife's contract ends",
        "no thanks, not right now",
    )
    assert state.lead.qualified is True and state.lead.status != "lost", replies
    assert "contract" in (state.lead.motivation or ""), state.lead.motivation


async def test_a_busy_callee_asked_the_motivation_still_gets_a_call_back(profiles) -> None:
    state, replies = await call(
        profiles,
        "real_estate",
        "we're buying, in Round Rock. I'm Dana Whitfield",
        "six months or so",
        "around four hundred",
        "yes, we're pre-approved",
        "sorry I'm driving, can you call me back later",
    )
    assert "call" in replies[-1].lower() and state.lead.motivation is None, replies


# -- bookings on file ---------------------------------------------------------------------------------------


async def test_moving_it_in_the_morning_is_a_move(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_2)
    _state, replies = await call(
        profiles,
        "dealership",
        "hey I have an oil change tomorrow at two, can we move in the morning instead, like nine",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 24 09:00", "scheduled")], replies
