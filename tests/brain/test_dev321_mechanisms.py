"""Mechanisms built in round 45 (sets 321 to 324), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import date, datetime, time

from frontdesk.brain.memory import InMemoryCalendar
from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

WEDNESDAY_NOV_25_18 = datetime(2026, 11, 25, 18, 0)
FRIDAY_NOV_27_10 = datetime(2026, 11, 27, 10, 0)


# -- what is said at a move's read-back ---------------------------------------------------------------


async def test_a_new_day_said_at_the_move_read_back_is_the_new_target(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", WEDNESDAY_NOV_25_18)
    _, replies = await call(
        profiles, "real_estate",
        "could my consultation go from Wednesday to Tuesday instead, still at six",
        "ugh, hold on, forget that, Friday at six works better, Tuesday's my book club",
        "yes",
        calendar=calendar)
    assert "Friday, November 27 at 6 PM" in replies[1], replies
    assert on_calendar(calendar) == [("Fri 27 18:00", "scheduled")], replies


async def test_a_price_asked_at_the_move_read_back_is_answered_and_the_move_asked_again(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", FRIDAY_NOV_27_10)
    _, replies = await call(
        profiles, "dealership",
        "I'm down for a tire rotation Friday at ten, can we slide it to one?",
        "oh and what does a rotation cost, I forgot to ask when I booked it",
        "ok yes, one o'clock",
        calendar=calendar)
    assert "$" in replies[1] and "move your tire rotation" in replies[1], replies
    assert on_calendar(calendar) == [("Fri 27 13:00", "scheduled")], replies


async def test_another_kind_of_visit_at_the_cancel_read_back_cancels_and_books(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 24, 14, 0))
    _, replies = await call(
        profiles, "real_estate",
        "the house we were seeing Tuesday sold already, so I guess cancel the showing",
        "actually could we just meet an agent instead to talk it all through, keep the same time, "
        "Tuesday at two?",
        "Austin", "about four hundred thousand", "Pat Doe", "yes",
        calendar=calendar)
    assert on_calendar(calendar, sort=True) == [
        ("Tue 24 14:00", "cancelled"), ("Tue 24 14:00", "scheduled")], replies


async def test_a_bare_hour_at_the_move_offer_is_taken(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", datetime(2026, 11, 25, 9, 30))
    _, replies = await call(
        profiles, "real_estate",
        "our listing walkthrough is Wednesday morning but the painters are there, could it be the "
        "afternoon?",
        "four?",
        calendar=calendar)
    assert "Wednesday, November 25 at 4 PM" in replies[-1], replies


async def test_a_recap_of_the_moved_booking_leaves_the_new_visit_alone(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 24, 15, 0))
    state, replies = await call(
        profiles, "real_estate",
        "can the showing tomorrow move to Wednesday at four",
        "and then could we talk with an agent after it, about five? we're new to buying",
        "right, the showing Wednesday at four and the sit-down at five",
        calendar=calendar)
    assert state.booking_slots.appointment_type == "buyer_consultation", replies
    assert state.booking_slots.preferred_time == "17:00", replies


# -- a booking on file, in loose words ------------------------------------------------------------------


def test_a_booking_asked_moved_in_loose_words_is_a_move(profiles) -> None:
    for text in ("I need to get my oil change moved off of Friday, could you do Monday?",
                 "we need our showing moved, is Thursday open?"):
        assert _u(profiles, "dealership", text).intent == "reschedule", text


def test_a_day_and_hour_checked_with_right_is_a_lookup(profiles) -> None:
    for text in ("the detail thing, that's Friday at ten, right?",
                 "we're still on for Thursday at two, right?"):
        assert _u(profiles, "dealership", text).intent == "lookup_appointment", text


def test_forgot_to_ask_when_i_booked_is_no_lookup(profiles) -> None:
    u = _u(profiles, "dealership", "how long does a detail take? I forgot to ask when I booked it")
    assert u.intent == "faq", u.intent


async def test_no_not_right_now_to_a_cancel_asked_for_cancels(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", datetime(2026, 11, 24, 15, 0))
    _, replies = await call(
        profiles, "real_estate",
        "we're putting the sale on hold for a while, so we need to cancel Tuesday's listing visit",
        "no, not right now. maybe next spring",
        calendar=calendar)
    assert on_calendar(calendar) == [("Tue 24 15:00", "cancelled")], replies


# -- calls asked for, and outbound calls answered by someone else ----------------------------------------


def test_talk_to_an_agent_while_driving_with_a_call_back_asked_is_a_callback(profiles) -> None:
    u = _u(profiles, "real_estate", "I want to talk to an agent about selling but I'm behind the wheel right "
           "now, can somebody call me back?")
    assert u.intent == "objection_busy", u.intent


def test_call_around_an_hour_is_a_call_asked(profiles) -> None:
    u = _u(profiles, "real_estate", "she's back this evening — maybe call around eight?", awaiting="timeline")
    assert u.intent == "objection_busy" and u.time == time(20, 0), (u.intent, u.time)


def test_the_boss_phone_answered_by_an_assistant_is_no_wrong_number(profiles) -> None:
    u = _u(profiles, "dealership", "you've reached Mr. Lopez's cell, this is Kim, his assistant. he's on "
           "site all day", awaiting="permission")
    assert u.intent != "wrong_number", u.intent


def test_a_missed_call_returned_with_a_do_not_call(profiles) -> None:
    u = _u(profiles, "dealership", "hi, y'all called my cell this morning, whatever it is I'm not "
           "interested, please don't call me again")
    assert u.intent == "do_not_call", u.intent


async def test_a_missed_call_that_left_no_message_asks_about_the_booking(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_NOV_27_10)
    _, replies = await call(
        profiles, "dealership",
        "someone from your shop rang me earlier and didn't leave a message, is it about my appointment?",
        calendar=calendar)
    assert "Friday, November 27 at 10 AM" in replies[0], replies


# -- facts said in passing ---------------------------------------------------------------------------------


def test_todays_date_said_in_passing_is_not_the_visit_day(profiles) -> None:
    u = _u(profiles, "dealership", "it's the twenty-third today right? anyway can I get an oil change "
           "Thursday the 26th, no, Friday at nine")
    assert u.date == date(2026, 11, 27), u.date
    u = _u(profiles, "dealership", "today's the 23rd and my sticker's up, can I do the inspection Wednesday")
    assert u.date == date(2026, 11, 25), u.date


def test_the_sticker_checked_beside_the_oil_is_the_oil_reminder(profiles) -> None:
    u = _u(profiles, "dealership", "the oil looked okay to me but I looked at the sticker and we're way past "
           "it, so an oil change please")
    assert u.services == ["oil_change"], u.services


def test_a_service_he_did_mention_is_wanted(profiles) -> None:
    u = _u(profiles, "dealership", "he did mention the brakes are grinding, could you book him Wednesday at "
           "eight?")
    assert u.services == ["brake_inspection"], u.services


def test_is_it_free_or_is_there_a_catch_is_a_question(profiles) -> None:
    u = _u(profiles, "real_estate", "so the valuation thing is actually free or is there a fee")
    assert u.is_question and u.intent == "faq", (u.intent, u.is_question)


def test_an_offer_put_in_on_a_home_is_a_buyer(profiles) -> None:
    u = _u(profiles, "real_estate", "we'd like to write an offer on that bungalow on Oak, the blue one")
    assert u.lead_intent == "buy", u.lead_intent


def test_waiting_at_the_shop_in_everyday_words_asks_the_lounge(profiles) -> None:
    for text in ("I can just hang out there while y'all do it, right?", "is there somewhere to sit while "
                 "they work on it"):
        u = _u(profiles, "dealership", text, awaiting="anything_else")
        assert u.intent == "faq" and "faq_topic" in u.flags, text


def test_selling_out_of_the_area_and_moving_here_looks_here(profiles) -> None:
    u = _u(profiles, "real_estate", "we're selling our place down in Houston and moving to Georgetown for "
           "my husband's job")
    assert u.location == ("Georgetown", True) and u.lead_intent == "buy", (u.location, u.lead_intent)


def test_a_range_we_are_thinking_of_is_a_budget(profiles) -> None:
    u = _u(profiles, "real_estate", "and we're thinking four to four-fifty, if that matters", awaiting="name")
    assert u.budget == (400000, 450000), u.budget


async def test_a_booking_for_a_car_on_the_lot_said_by_an_assistant_books(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "dealership",
        "hi, I'm calling for my boss, he did mention his inspection sticker runs out next month, can you put "
        "him down for Wednesday at eight?",
        "Raj Patel", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 08:00", "scheduled")], replies


async def test_why_an_agent_asked_before_a_showing_is_answered_then_booked(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "real_estate",
        "Seriously, what do I even need a realtor for, I can find the listings myself. Anyway, could I see "
        "that house in Round Rock with the big yard Wednesday at four?",
        "Amber Liu", "yes",
        calendar=calendar)
    assert "negotiates" in replies[0], replies
    assert on_calendar(calendar) == [("Wed 25 16:00", "scheduled")], replies
