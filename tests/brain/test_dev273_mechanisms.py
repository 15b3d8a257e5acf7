"""Mechanisms built in round 37 (sets 273 to 276: two things asked at once, ramblers who correct
themselves, callbacks and outbound calls, hesitant and plain-spoken callers), each checked here on
fresh phrasings, not the sets' own words.
The clock is Monday 23 November 2026, nine in the morning (Thanksgiving is Thursday the 26th).
"""

from __future__ import annotations

from tests.brain.calls import call


async def test_the_time_said_back_to_the_name_question_is_no_failed_answer(profiles) -> None:
    # saying the settled time back ("ok so ten on wednesday") and "yes" are not a name the line lost:
    # the name is asked again rather than given up on and booked under the number
    state, replies = await call(
        profiles, "dealership",
        "i need an oil change wednesday at ten",
        "alright so wednesday at ten then",
        "yes",
        "Corinne Vasquez",
    )
    assert "Wednesday, November 25 at 10 AM" in replies[1] and "name" in replies[1], replies
    assert "phone number" not in " ".join(replies), replies
    assert state.booking_slots.customer_name == "Corinne Vasquez", replies
