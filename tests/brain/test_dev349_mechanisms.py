"""Mechanisms built in round 48 (sets 349 to 356 and the backlog's calls seen twice), each
checked here on fresh phrasings, not the sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

from datetime import datetime

from tests.brain.calls import booked, call

# -- "anything sooner?" of a booking on file ---------------------------------------------------------------


async def test_sooner_asked_of_a_booking_on_file_offers_the_soonest_openings(profiles) -> None:
    for said in ("I'm down for a tire rotation a week from Thursday, but it's wobbling. anything sooner?",
                 "got my rotation on the third of december. any chance you could get me in sooner?",
                 "I've got a tire rotation thing on your calendar, Thursday after next. any openings earlier?"):
        calendar = await booked("dealership", "tire_rotation", datetime(2026, 12, 3, 10, 0))
        state, replies = await call(profiles, "dealership", said, calendar=calendar)
        assert "sooner than" in replies[0] and state.awaiting == "pick_alternative", (said, replies)
        assert "December 3" not in replies[0].split("soonest")[1], (said, replies)
        assert all(o < "2026-12-03" for o in state.desk.offered), (said, state.desk.offered)


async def test_a_weekday_said_after_sooner_was_asked_is_the_coming_one(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", datetime(2026, 12, 3, 10, 0))
    state, replies = await call(profiles, "dealership",
                                "my tire rotation's a week from Thursday, could I come in earlier?",
                                "wednesday would be great, morning if you can", "the first one", "yes",
                                calendar=calendar)
    assert [(a.status, a.start.date().isoformat()) for a in calendar.appointments] == [
        ("scheduled", "2026-11-25")], replies


async def test_a_brake_check_on_file_is_not_a_check_of_its_day(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", datetime(2026, 12, 3, 10, 0))
    state, replies = await call(profiles, "dealership",
                                "I have a brake check booked the third, can you get me in sooner?",
                                calendar=calendar)
    assert "sooner than" in replies[0], replies


async def test_a_booking_checked_is_still_only_told(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", datetime(2026, 12, 3, 10, 0))
    _, replies = await call(profiles, "dealership", "can you check what day my tire rotation is?",
                            calendar=calendar)
    assert "December 3" in replies[0] and "sooner" not in replies[0], replies
