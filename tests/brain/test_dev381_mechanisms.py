"""Mechanisms built in round 50 (sets 381 to 388), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

from datetime import datetime

from tests.brain.calls import booked, call, heard, on_calendar

# -- bookings on file: the new hour said bare after a verb of moving ---------------------------------------


async def test_a_bare_hour_after_slide_me_to_is_the_new_time_whatever_day_words_follow(profiles) -> None:
    for said, hour in (("there's no way I make two. could you slide me to four? still today.", "16:00"),
                       ("can you push it back to five, same day?", "17:00"),
                       ("I'm stuck at the dentist, could you move me to four today", "16:00")):
        calendar = await booked("dealership", "oil_change", datetime(2026, 11, 23, 14, 0))
        _, replies = await call(profiles, "dealership", "I've got an oil change at two today", said, "yes",
                                calendar=calendar)
        assert on_calendar(calendar) == [(f"Mon 23 {hour}", "scheduled")], (said, replies)


# -- work said flat, beside the booking ----------------------------------------------------------------------


async def test_more_work_said_flat_after_the_first_is_booked_with_it(profiles) -> None:
    for said in ("I need to bring it in for an oil change and also have the tires rotated while it's there",
                 "hi, I'd like to set up a detail, and have y'all rotate the tires while it's there"):
        state, replies = await call(profiles, "dealership", said)
        assert len(state.booking_slots.services) == 2, (said, state.booking_slots.services, replies)


def test_work_said_flat_is_no_question(profiles) -> None:
    for said in ("have the tires rotated while it's there", "have y'all rotate the tires while it's there",
                 "and also have the battery looked at while it's in"):
        u = heard(profiles, "dealership", said)
        assert u.intent != "faq" and u.services, (said, u.intent, u.services)
