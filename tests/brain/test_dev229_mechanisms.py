"""Mechanisms that round 33 found wanting (development sets 229 to 236, callers written before
they were run, and the backlog of earlier rounds), each checked on fresh phrasings, not the sets'
own words. The clock is Monday 23 November 2026, nine in the morning (Thanksgiving is Thursday
the 26th).
"""

from __future__ import annotations

from datetime import date, datetime, time

from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

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
    assert on_calendar(calendar, sort=True) == [
        ("Tue 01 10:00", "scheduled"),
        ("Tue 01 14:00", "scheduled"),
    ], replies


async def test_a_booking_named_by_whose_it_is(profiles) -> None:
    calendar = await booked("dealership", "diagnostic", TUESDAY_DEC_1_10)
    _state, replies = await call(
        profiles,
        "dealership",
        "hey, I'm calling about Dave's car appointment, the one for the noise",
        calendar=calendar,
    )
    assert "Tuesday, December 1 at 10 AM" in replies[0], replies


async def test_a_no_to_the_hour_told_with_the_hour_wanted_moves_it(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", TUESDAY_DEC_1_10)
    _state, replies = await call(
        profiles,
        "dealership",
        "just checking my brakes are at three on the first?",
        "ten? no, that won't work, I must have mixed it up. could you make it three like I said?",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 01 15:00", "scheduled")], replies


async def test_a_call_back_asked_with_the_yes_to_a_cancel(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", TUESDAY_DEC_1_10)
    state, replies = await call(
        profiles,
        "real_estate",
        "I have to cancel the showing on the first, something came up at work",
        "yeah go ahead and cancel. can someone call me later this week to find a new time? "
        "mornings work best",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 01 10:00", "cancelled")], replies
    calls = [t for t in state.pending_tasks if t.task_type == "callback"]
    assert calls and calls[-1].window == "morning", replies


# -- who the caller is ------------------------------------------------------------------------------


def test_names_said_around_whom_the_booking_goes_under(profiles) -> None:
    assert (
        _u(profiles, "dealership", "Marisol Vega, put it under her", awaiting="name").name == "Marisol Vega"
    )
    assert (
        _u(profiles, "real_estate", "I'm his daughter, Rosa Delgado, and I'll be there").name
        == "Rosa Delgado"
    )
    said_last = _u(profiles, "real_estate", "could somebody call me back Tuesday morning? Kevin McAllister")
    assert said_last.name is not None and said_last.name.lower() == "kevin mcallister"


def test_a_name_spelled_again_after_a_slip_is_the_second_spelling(profiles) -> None:
    u = _u(
        profiles, "dealership", "it's Jon Reyes. J-O-N. no wait, sorry, it's J-O-H-N, John", awaiting="name"
    )
    assert u.name == "John Reyes"
    u = _u(profiles, "real_estate", "first name is Mai — M-A-I. last name T-R-A-N", awaiting="name")
    assert u.name == "Mai Tran"


async def test_a_caller_asking_for_a_person_is_recorded_by_name(profiles) -> None:
    state, replies = await call(
        profiles, "dealership", "hi, this is Gloria Pham, I need to speak to a manager please"
    )
    assert state.customer.name == "Gloria Pham", replies


# -- days and times -------------------------------------------------------------------------------


def test_a_thing_held_takes_no_time(profiles) -> None:
    u = _u(profiles, "real_estate", "Wednesday, two in the afternoon? I've got a spare key", awaiting="date")
    assert u.time == time(14, 0)


def test_an_hour_said_again_as_first_said(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "nine? no, that's no good. make it eleven like I asked",
        awaiting="anything_else",
    )
    assert u.time == time(11, 0)


def test_a_bare_hour_asked_after_the_part_of_the_day(profiles) -> None:
    u = _u(profiles, "real_estate", "how about Friday, after work? six?", awaiting="date")
    assert u.time == time(18, 0)


def test_a_day_the_caller_travels_is_no_day_for_it(profiles) -> None:
    u = _u(profiles, "dealership", "oh wait, Friday I'm flying to Denver for a conference. Monday then?")
    assert u.date == date(2026, 11, 30)


# -- leads ----------------------------------------------------------------------------------------


def test_a_sale_for_an_owner_or_a_family_is_a_sale(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "I look after a rental house for an owner in Dallas and she's decided to sell it",
    )
    assert u.lead_intent == "sell"
    u = _u(profiles, "real_estate", "my in-laws want to know what their place up in Round Rock would go for")
    assert u.lead_intent == "sell"


def test_the_budget_under_a_pre_approval_is_what_the_caller_spends(profiles) -> None:
    u = _u(
        profiles, "real_estate", "we're pre-approved for six hundred but we'd rather stay under five fifty"
    )
    assert u.budget is not None and u.budget[1] == 550_000
    assert _u(profiles, "real_estate", "anything under a million is fine").budget == (None, 1_000_000)


def test_a_home_sold_where_the_caller_comes_from_makes_a_buyer(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "we're moving from Denver, my job is transferring me to the Austin office, and we're "
        "selling our house out here, so we'll pay cash",
    )
    assert u.lead_intent == "buy"


def test_places_said_of_the_business_or_of_another_town(profiles) -> None:
    u = _u(
        profiles, "real_estate", "we're buying out in Dripping Springs. I figured y'all were mostly Austin"
    )
    assert u.location is not None and u.location[0] == "Dripping Springs"
    assert _u(profiles, "real_estate", "we're in Hutto, near the old downtown").location == ("Hutto", False)
    assert _u(profiles, "real_estate", "we want a loft downtown").location == ("Austin", True)


def test_a_town_turned_from_and_back_again(profiles) -> None:
    u = _u(profiles, "real_estate", "it's in cedar park. no wait. leander? no its cedar park")
    assert u.location == ("Cedar Park", True)


# -- services and visits --------------------------------------------------------------------------


def test_work_let_go_by_its_part(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "can you rotate the tires too? no, forget the tires, they're new. change the oil instead",
    )
    assert u.services == ["oil_change"]


def test_a_visit_that_marks_the_time_is_no_work_asked(profiles) -> None:
    u = _u(profiles, "dealership", "around eleven? once the oil change is finished", awaiting="date")
    assert "oil_change" not in u.services


def test_take_that_one_out_is_a_test_drive(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "you've got a gray Tacoma on the lot. I'd like to take that one out and see how it rides",
    )
    assert u.appointment_type == "test_drive"


async def test_a_seller_meeting_the_agent_there_books_the_listing(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "we need to sell my dad's house in Georgetown",
        "could somebody come by Wednesday at three?",
        "put it under me, Lena Ortiz, I'll meet your agent at the house",
    )
    assert "listing appointment" in replies[-1], replies


# -- round 33, after the first batch's terse, outbound and everyday sets ---------------------------


def test_a_span_whose_ends_begin_alike_is_a_span(profiles) -> None:
    u = _u(profiles, "real_estate", "we can do two hundred to two hundred seventy five thousand")
    assert u.budget == (200_000, 275_000)
    u = _u(profiles, "real_estate", "between six hundred and six hundred fifty thousand")
    assert u.budget == (600_000, 650_000)
    u = _u(profiles, "real_estate", "budget is two hundred thousand. maximum two hundred forty thousand.")
    assert u.budget == (200_000, 240_000)


def test_a_cost_asked_flat_of_the_meeting(profiles) -> None:
    for said in (
        "the consultation with the agent, it costs something?",
        "does the sit-down with an agent cost money?",
    ):
        u = _u(profiles, "real_estate", said)
        assert u.intent == "faq" and "price_question" in u.flags, said


def test_the_saturday_after_then_its_date_in_the_next_breath(profiles) -> None:
    u = _u(profiles, "dealership", "oh, closed then. the friday after. the twenty-seventh. nine o'clock.")
    assert u.date == date(2026, 11, 27)


async def test_how_does_it_work_asks_of_what_was_just_said(profiles) -> None:
    _state, replies = await call(
        profiles, "real_estate", "I'm thinking about selling our townhouse. how does that work?"
    )
    assert "price opinion" in replies[0], replies


def test_not_now_on_our_call_is_busy(profiles) -> None:
    for said in ("now is not good, I am at the dentist", "right now's not a good time"):
        assert _u(profiles, "dealership", said, awaiting="permission").intent == "objection_busy", said


async def test_a_question_asked_in_so_many_words_after_a_line_check(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "hello? can you hear me?",
        "okay, sorry, I'm in the garage. I just wanted to ask what areas you all cover",
    )
    assert "Round Rock" in replies[1], replies


def test_a_renter_who_clicked_the_wrong_thing_is_no_wrong_number(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "I think I hit the wrong button on that form. I'm looking to rent, not buy",
        awaiting="permission",
    )
    assert u.intent != "wrong_number" and u.lead_intent == "rent"


def test_the_callee_said_to_live_here_is_no_wrong_number(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "I couldn't tell you about his truck, you'd need to talk to him",
        awaiting="callback_time",
    )
    assert u.intent != "wrong_number"


def test_off_your_calls_and_no_longer_driving(profiles) -> None:
    assert _u(profiles, "dealership", "please take this number off your calls").intent == "do_not_call"
    assert "car_gone" in _u(profiles, "dealership", "oh, we don't drive anymore", awaiting="permission").flags


# -- round 33, second batch (sets 237 to 240) -------------------------------------------------------

FRIDAY_27_10 = datetime(2026, 11, 27, 10, 0)
TUESDAY_24_10 = datetime(2026, 11, 24, 10, 0)


async def test_a_cancel_and_a_move_asked_together_both_happen(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", TUESDAY_24_10)
    await booked("dealership", "tire_rotation", FRIDAY_27_10, calendar=calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got the brakes tomorrow and the tires on Friday. cancel the brakes, please. "
        "and the tires, could that go to Saturday at nine?",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 24 10:00", "cancelled"), ("Sat 28 09:00", "scheduled")], replies


async def test_an_hour_okayed_is_the_new_hour_not_a_booking_kept(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 9, 0), vehicle="Honda Civic")
    await booked(
        "dealership", "oil_change", datetime(2026, 11, 25, 9, 30), calendar=calendar, vehicle="Ford Ranger"
    )
    _state, replies = await call(
        profiles,
        "dealership",
        "we've got both cars in Wednesday for oil changes. could you move just the Ranger to Saturday? "
        "nine-ish, nine is fine",
        "Saturday at nine, yes, just the Ranger. the Civic stays",
        calendar=calendar,
    )
    assert on_calendar(calendar, sort=True) == [
        ("Sat 28 09:00", "scheduled"),
        ("Wed 25 09:00", "scheduled"),
    ], replies


async def test_the_second_of_two_said_is_one_of_them(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", FRIDAY_27_10)
    await booked("real_estate", "property_showing", datetime(2026, 11, 27, 11, 0), calendar=calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "we're seeing two houses with you Friday morning. the second one sold, so you can drop that one",
        "yes please",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled"), ("Fri 27 11:00", "cancelled")], replies


async def test_rather_sooner_moves_the_booking_on_file(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 27, 12, 0))
    _state, replies = await call(
        profiles,
        "real_estate",
        "the showing Friday at noon, they said the place is open Wednesday too and I'd rather go sooner. "
        "Wednesday at noon?",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Wed 25 12:00", "scheduled")], replies


def test_a_cancel_taken_back_for_a_move(profiles) -> None:
    from frontdesk.brain.agents.appointment_words import _said_last

    said = "i need to cancel the oil change thursday. well, not cancel exactly, could you push it to friday?"
    assert _said_last(said, "cancel") == "move"


def test_an_hour_said_right_again_after_a_change(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "Thursday at ten? no, make it eleven. sorry, ten was right, my son has practice at eleven",
    )
    assert u.time == time(10, 0)


def test_a_town_leaned_toward_over_one_looked_in(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "we were looking in Round Rock, but we're leaning Georgetown now",
        awaiting="permission",
    )
    assert u.location == ("Georgetown", True)


def test_just_the_one_kept_of_two_kinds(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "a consultation and a showing for the Hyde Park house? no, actually, just the showing",
    )
    assert u.appointment_type == "property_showing"


def test_work_guessed_then_doubted_is_looked_at_first(profiles) -> None:
    u = _u(
        profiles, "dealership", "maybe it's the brakes. actually I'm not sure, there's a rattle when I turn"
    )
    assert u.services == ["diagnostic"]


def test_a_shuttle_asked_in_place_of_a_loaner(profiles) -> None:
    from frontdesk.brain.agents.faq_match import best_faq

    entry, _ = best_faq(
        "and if we don't get a loaner, can someone drive me back home?", profiles["dealership"].faq
    )
    assert entry is not None and entry.key == "shuttle"


async def test_a_lead_too_small_is_asked_the_name_once_more(profiles) -> None:
    state, replies = await call(
        profiles,
        "real_estate",
        "I'm buying my first place in Round Rock, nothing big",
        "the most I can do is ninety thousand",
        "and I'd want to move sometime next year",
        "Jo March",
    )
    assert state.customer.name == "Jo March", replies


def test_a_commission_not_to_be_paid_is_a_price_objection(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "we're selling, but we don't wanna pay a big commission, we'll probably list it ourselves",
    )
    assert u.intent == "objection_price"


def test_a_daughter_who_just_got_her_license_drives(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "my son just got his license, can he test drive the Camry? does he need to bring his license?",
    )
    assert u.intent != "objection_have_agent"


# -- round 33, third batch (sets 241 to 244) --------------------------------------------------------


async def test_two_bookings_moved_each_to_its_own_hour(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", datetime(2026, 11, 30, 9, 30))
    await booked("real_estate", "buyer_consultation", datetime(2026, 11, 30, 11, 0), calendar=calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "we've got two meetings with you Monday, one about selling and one about buying",
        "could we move both to Tuesday the 1st? the selling one at nine and the buying one at one",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 01 09:00", "scheduled"), ("Tue 01 13:00", "scheduled")], replies


async def test_a_yes_to_an_hour_moved_while_another_stays(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 25, 11, 0))
    await booked("real_estate", "property_showing", datetime(2026, 11, 25, 15, 0), calendar=calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "the three o'clock showing Wednesday, can that be pushed to four?",
        "yes, four o'clock. the eleven o'clock one stays",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Wed 25 11:00", "scheduled"), ("Wed 25 16:00", "scheduled")], replies


async def test_which_one_answered_with_a_cancel_and_a_keep(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 24, 9, 30))
    await booked("real_estate", "property_showing", datetime(2026, 11, 24, 10, 0), calendar=calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "the early showing tomorrow, we can't make it, the sitter comes at ten",
        "cancel the nine thirty please, keep the ten",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 24 09:30", "cancelled"), ("Tue 24 10:00", "scheduled")], replies


async def test_both_moved_said_with_do(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", datetime(2026, 11, 30, 17, 0))
    await booked("dealership", "oil_change", datetime(2026, 11, 30, 17, 30), calendar=calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got both cars in Monday evening",
        "Monday's out now. could you do both Tuesday, same times?",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 01 17:00", "scheduled"), ("Tue 01 17:30", "scheduled")], replies


def test_a_first_name_is_no_town(profiles) -> None:
    assert _u(profiles, "real_estate", "this is Kyle Benson", awaiting="name").location is None
    assert _u(profiles, "real_estate", "beatriz salgado", awaiting="name").location is None


def test_a_requirement_asked_without_a_question_mark(profiles) -> None:
    assert _u(profiles, "real_estate", "do we need to be pre approved before looking").intent == "faq"


async def test_two_bookings_named_together_are_both_told(profiles) -> None:
    calendar = await booked(
        "dealership", "recall_repair", datetime(2026, 11, 25, 9, 0), vehicle="2019 Ford F-150"
    )
    await booked(
        "dealership",
        "oil_change",
        datetime(2026, 11, 30, 7, 30),
        calendar=calendar,
        vehicle="2015 Toyota Prius",
    )
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got the F-150 in Wednesday for that recall, the airbag one, and the Prius has an oil change "
        "Monday",
        "the truck I need to move. could you do Friday at eight?",
        "yes",
        calendar=calendar,
    )
    assert "two appointments" in replies[0], replies
    assert on_calendar(calendar) == [("Fri 27 08:00", "scheduled"), ("Mon 30 07:30", "scheduled")], replies


async def test_two_bookings_swapped(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", datetime(2026, 11, 30, 13, 0))
    await booked("dealership", "detailing", datetime(2026, 12, 1, 8, 0), calendar=calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got the brakes Monday at one and the detailing Tuesday at eight next week",
        "could we flip them? the detailing Monday at one and the brakes Tuesday at eight",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar, sort=True) == [
        ("Mon 30 13:00", "scheduled"),
        ("Tue 01 08:00", "scheduled"),
    ], replies
    assert "now on Tuesday, December 1" in replies[-1], replies
