"""Mechanisms built in round 44 (sets 313 to 316), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import date, datetime, time

from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

WEDNESDAY_DEC_2_17 = datetime(2026, 12, 2, 17, 0)
FRIDAY_DEC_4_15 = datetime(2026, 12, 4, 15, 0)
MONDAY_NOV_30_10 = datetime(2026, 11, 30, 10, 0)
SATURDAY_NOV_28_10 = datetime(2026, 11, 28, 10, 0)


# -- facts told in a story are not the visit's ---------------------------------------------------


def test_a_need_said_of_the_part_after_a_story_is_the_work(profiles) -> None:
    u = _u(profiles, "dealership", "my wife said a while back the brakes need looking at, they squeal now")
    assert u.services == ["brake_inspection"]


def test_driving_the_car_over_is_no_test_drive(profiles) -> None:
    u = _u(profiles, "dealership", "tomorrow at nine works, I'll just drive it on over", "date")
    assert u.appointment_type != "test_drive"


def test_a_symptom_in_the_story_does_not_beat_a_drive_of_a_car_on_the_lot(profiles) -> None:
    u = _u(profiles, "dealership", "so my old truck's been overheating for months and I'm done with it, "
           "that blue CR-V you have, the 2025, I'd like to come drive it")
    assert u.appointment_type == "test_drive" and not u.services


def test_someone_elses_arrival_day_is_not_the_visit(profiles) -> None:
    u = _u(profiles, "dealership", "my in-laws are driving down from Tacoma on Saturday so the van needs "
           "an oil change, got anything Wednesday afternoon?")
    assert u.date == date(2026, 11, 25) and u.vehicle is None


def test_a_day_a_house_was_seen_is_not_a_day_asked(profiles) -> None:
    u = _u(profiles, "real_estate", "we looked at the ranch house Saturday and can't stop talking about "
           "it, can somebody call me back about making an offer")
    assert u.date is None


def test_where_they_rent_now_is_not_where_they_look(profiles) -> None:
    u = _u(profiles, "real_estate", "we've been renting out in Round Rock forever but we want to buy in "
           "Leander, that's where her job is")
    assert u.location == ("Leander", False)


def test_new_to_a_town_is_not_ruling_it_out(profiles) -> None:
    u = _u(profiles, "real_estate", "I honestly don't know Austin much at all, but people say Zilker is "
           "nice, something near there")
    assert u.location == ("Austin", True)


def test_years_in_a_past_life_are_no_timeline(profiles) -> None:
    u = _u(profiles, "real_estate", "I just retired from the school district, twenty eight years, and we "
           "want something smaller in Georgetown")
    assert u.timeline is None


def test_no_timeline_said_outright_keeps_an_events_month_out(profiles) -> None:
    u = _u(profiles, "real_estate", "no real timeline, my son's graduation is in May so things are crazy, "
           "but we want to buy eventually")
    assert u.timeline is None
    deadline = _u(profiles, "real_estate", "no rush really, as long as we're in before the graduation, "
                  "which is in May")
    assert deadline.timeline is not None


def test_an_hour_said_as_opening_time_is_the_hour(profiles) -> None:
    u = _u(profiles, "dealership", "oh wait, could I bring it in first thing instead, say seven-thirty "
           "right when you open", "name")
    assert u.time == time(7, 30) and u.intent != "faq"


def test_a_call_asked_through_a_message_keeps_its_time(profiles) -> None:
    u = _u(profiles, "real_estate", "Dana showed us the condo last week and we have questions, could you "
           "get her to call me tomorrow after five")
    assert u.intent == "objection_busy" and "call_asked" in u.flags
    assert u.window is not None and u.window.start >= time(17, 0)


# -- bookings on file -------------------------------------------------------------------------------


async def test_a_move_to_a_bare_weekday_is_near_the_booking_when_found_later(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", WEDNESDAY_DEC_2_17, phone="+15125550777")
    _, replies = await call(
        profiles, "real_estate",
        "I'm calling from my work phone. I have a meeting with one of your agents next Wednesday, can "
        "we push it to Friday? same time",
        "it's under 512 555 0777", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 04 17:00", "scheduled")], replies


async def test_bumping_up_to_a_weekday_takes_the_one_before(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", FRIDAY_DEC_4_15)
    _, replies = await call(
        profiles, "dealership",
        "can we move my rotation up? it's on the 4th at three but Tuesday would be better, same time",
        "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Tue 01 15:00", "scheduled")], replies


async def test_a_booking_said_it_can_go_is_cancelled(profiles) -> None:
    calendar = await booked("dealership", "oil_change", MONDAY_NOV_30_10)
    await booked("dealership", "detailing", SATURDAY_NOV_28_10, calendar=calendar)
    _, replies = await call(
        profiles, "dealership",
        "hi, I've got the detail Saturday and the oil change Monday. the detailing one can go, "
        "I'll wash it myself. the oil change I still need",
        "yes",
        calendar=calendar)
    assert sorted(on_calendar(calendar)) == [("Mon 30 10:00", "scheduled"), ("Sat 28 10:00", "cancelled")], (
        replies)


async def test_forgot_the_time_asks_when_it_is(profiles) -> None:
    calendar = await booked("dealership", "oil_change", MONDAY_NOV_30_10)
    _, replies = await call(
        profiles, "dealership",
        "I booked an oil change for next week and I never wrote it down, what'd I book it for?",
        calendar=calendar)
    assert on_calendar(calendar) == [("Mon 30 10:00", "scheduled")], replies
    assert "10 AM" in replies[0] and "move" not in replies[0].lower(), replies


async def test_a_second_new_time_at_the_read_back_is_not_a_failed_try(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", MONDAY_NOV_30_10)
    _, replies = await call(
        profiles, "real_estate",
        "I need to move my consultation from Monday to Tuesday please, same time",
        "hmm, actually ten on Tuesday is no good either, could it be three on Tuesday?",
        "Pat Doe",
        "yes, Tuesday at three",
        calendar=calendar)
    assert on_calendar(calendar) == [("Tue 01 15:00", "scheduled")], replies
    assert not any("trouble" in r for r in replies), replies


async def test_one_of_two_named_by_its_hour_is_the_one_moved(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", SATURDAY_NOV_28_10)
    await booked("real_estate", "property_showing", datetime(2026, 11, 28, 11, 0), calendar=calendar)
    _, replies = await call(
        profiles, "real_estate",
        "we have two showings Saturday, at ten and eleven. could the eleven o'clock one go to two?",
        "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 10:00", "scheduled"), ("Sat 28 14:00", "scheduled")], replies


async def test_one_of_two_picked_by_the_other_staying(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", SATURDAY_NOV_28_10)
    await booked("real_estate", "property_showing", datetime(2026, 11, 28, 11, 0), calendar=calendar)
    _, replies = await call(
        profiles, "real_estate",
        "I need to move one of my Saturday showings",
        "the ten o'clock is fine where it is. the other one to one o'clock",
        "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 10:00", "scheduled"), ("Sat 28 13:00", "scheduled")], replies


async def test_another_house_too_beside_the_one_told_is_a_new_showing(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", SATURDAY_NOV_28_10)
    _, replies = await call(
        profiles, "real_estate",
        "I think I'm seeing a house with you Saturday morning? there's another one on the same street",
        "could we see that house too, right after, at eleven?",
        "Pat Doe", "yes",
        calendar=calendar)
    assert on_calendar(calendar, sort=True) == [
        ("Sat 28 10:00", "scheduled"), ("Sat 28 11:00", "scheduled")], replies


async def test_a_visit_given_up_for_another_kind_is_cancelled_and_the_new_one_booked(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", MONDAY_NOV_30_10)
    _, replies = await call(
        profiles, "real_estate",
        "hi, I have a buyer consultation Monday at ten I think?",
        "well, instead of the buyer consultation, can someone come value our house, same time Monday? "
        "we're in Round Rock",
        "yes", "Pat Doe", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Mon 30 10:00", "cancelled"), ("Mon 30 10:00", "scheduled")], replies
    assert calendar.appointments[-1].request.appointment_type == "listing_appointment", replies


async def test_the_fee_to_talk_to_an_agent_is_answered(profiles) -> None:
    _, replies = await call(profiles, "real_estate",
                            "does it cost anything just to talk to one of your agents?")
    assert "no charge" in replies[0].lower(), replies
