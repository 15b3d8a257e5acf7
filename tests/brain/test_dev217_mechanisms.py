"""Mechanisms that round 32 found wanting (development sets 217 to 224, callers written before
they were run), each checked on fresh phrasings, not the sets' own words. The clock is Monday 23
November 2026, nine in the morning (Thanksgiving is Thursday the 26th).
"""

from __future__ import annotations

from datetime import date, datetime, time

from frontdesk.brain.agents.move_target import nearer_its_day
from frontdesk.brain.nlu.change import split_change
from frontdesk.brain.nlu.places import sounds
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.when import extract_date
from frontdesk.spoken import said_once
from tests.brain.calls import MONDAY, booked, call, on_calendar
from tests.brain.calls import heard as _u

FRIDAY_27_10 = datetime(2026, 11, 27, 10, 0)
SATURDAY_28_9 = datetime(2026, 11, 28, 9, 0)
TUESDAY_DEC_1_10 = datetime(2026, 12, 1, 10, 0)
TUESDAY_DEC_22_9 = datetime(2026, 12, 22, 9, 0)
WEDNESDAY_25_14 = datetime(2026, 11, 25, 14, 0)


# -- what is said ---------------------------------------------------------------------------------


def test_a_sentence_two_parts_of_a_reply_both_tell_is_said_once() -> None:
    said = said_once(
        "We're closed on Thursday, November 26 for Thanksgiving. Our office is open Monday "
        "to Saturday. We're closed on Thursday, November 26 for Thanksgiving. Would Friday work?"
    )
    assert said.count("We're closed") == 1
    assert said.endswith("Would Friday work?")


async def test_a_closed_holiday_asked_about_is_said_closed_once(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "could an agent come see our place in Round Rock on the 26th? is y'all's office even open then?",
    )
    assert replies[0].count("Thanksgiving") == 1, replies


# -- days and times -------------------------------------------------------------------------------


def test_a_weekday_after_a_holiday_then_its_date_is_that_date(profiles) -> None:
    u = _u(profiles, "real_estate", "oh right, thanksgiving. the saturday after, then, the 28th, around ten")
    assert u.date == date(2026, 11, 28)


def test_the_weekday_after_an_ordinal_is_no_date_of_that_ordinal(profiles) -> None:
    u = _u(profiles, "dealership", "the saturday after the 4th works, at nine")
    assert u.date is None or u.date.day != 4


def test_an_hour_that_morning_after_a_correction_is_the_time(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "oh y'all close at noon? alright then 9 that morning",
        awaiting="pick_alternative",
    )
    assert u.time == time(9, 0)


def test_the_day_after_a_holiday_asked_about_first_is_the_day_after_it(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "are you guys open on thanksgiving? if not, could I bring the truck in the day after, around nine?",
    )
    assert u.date == date(2026, 11, 27)


def test_holidays_callers_name_have_their_dates(profiles) -> None:
    assert _u(profiles, "dealership", "can I come in on veterans day?").date == date(2027, 11, 11)
    assert _u(profiles, "dealership", "what about mlk day").date == date(2027, 1, 18)


def test_a_time_said_as_one_at_a_time_is_no_hour(profiles) -> None:
    u = _u(profiles, "dealership", "can y'all knock out the battery and the brakes at one time")
    assert u.time is None


def test_a_rough_figure_then_a_time_said_at_a_day_is_that_time(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "we're buying in Georgetown, around three twenty-five, pre-approved. "
        "can we come in Friday at four thirty?",
    )
    assert u.time == time(16, 30)
    assert u.budget is not None and u.budget[1] == 325_000


def test_an_hour_said_then_one_kept_keeps_the_first(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "yeah, two thirty wednesday. keep the two o'clock too.",
        awaiting="anything_else",
    )
    assert u.time == time(14, 30)


def test_the_following_weekday_is_the_one_after_the_booking() -> None:
    assert nearer_its_day(date(2026, 11, 30), date(2026, 12, 22), "slide it to the following monday") == (
        date(2026, 12, 28)
    )
    # "Monday after work": the evening of that Monday, no week on
    assert nearer_its_day(date(2026, 11, 30), date(2026, 11, 30), "monday after work, like seven") == (
        date(2026, 11, 30)
    )


def test_a_to_that_says_what_a_visit_is_for_is_no_new_time() -> None:
    current, target = split_change(
        "you've got someone coming to look at my house wednesday at two. could it be a day later?", MONDAY
    )
    assert target.time is None
    assert current.date == date(2026, 11, 25)


def test_a_number_that_holds_after_a_day_dates_no_visit(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "yep that's correct. oh and my number after next week is five one two, "
        "five five five, zero one nine eight",
        awaiting="confirm_change",
    )
    assert u.date is None
    assert u.affirm


# -- money, places, timelines, sides ---------------------------------------------------------------


def test_early_next_year_is_a_few_months_off(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "we'd love to be in by new years but realistically early next year",
        awaiting="timeline",
    )
    assert u.timeline is not None and u.timeline[0] <= 3


def test_an_event_said_with_its_month_gives_the_timeline(profiles) -> None:
    u = _u(profiles, "real_estate", "we need to be moved before the baby comes, which is in june, so yeah")
    assert u.timeline is not None and u.timeline[0] == 7.0
    assert not u.acts  # "which is in june" is said of the baby, not asked


def test_before_a_season_is_a_timeline(profiles) -> None:
    u = _u(profiles, "real_estate", "hopefully before the summer, for the kids", awaiting="timeline")
    assert u.timeline is not None and u.timeline[0] <= 7


def test_a_holiday_timeline_survives_a_were_said_without_its_mark(profiles) -> None:
    u = _u(profiles, "real_estate", "right after the holidays were hoping to list it", awaiting="location")
    assert u.timeline is not None


def test_a_figure_said_twice_in_two_forms_is_one_figure(profiles) -> None:
    u = _u(profiles, "real_estate", "we got about 80 thousand eighty grand max", awaiting="budget")
    assert u.budget == (None, 80_000)


def test_a_price_span_said_alone_while_a_day_is_asked_is_the_budget(profiles) -> None:
    u = _u(profiles, "real_estate", "um four hundred to four-fifty?", awaiting="date")
    assert u.budget == (400_000, 450_000)
    assert u.time is None


def test_the_side_someone_else_handles_is_not_the_leads(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "we're selling our place in Austin and buying out in Dripping Springs, my "
        "sister's an agent out there so she's handling that side",
    )
    assert u.lead_intent == "sell"


def test_a_seller_leaving_for_a_place_we_do_not_serve_sells_here(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "we're relocating to Houston in March so we need to sell our townhouse in Round Rock",
    )
    assert u.lead_intent == "sell"
    assert u.location == ("Round Rock", True)


def test_a_side_refused_leaves_the_other_said(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "no I'm not buying, I checked the wrong box on the form. I'm selling my condo in Austin",
    )
    assert u.lead_intent == "sell"
    assert u.intent != "wrong_number"
    assert _u(profiles, "real_estate", "we're not buying or selling right now").lead_intent is None


def test_a_place_taken_back_is_not_the_place(profiles) -> None:
    taken_back = _u(
        profiles,
        "real_estate",
        "hmm, what about Cedar Park... nah, never mind, that's like an hour each way to my job",
        awaiting="location",
    )
    assert taken_back.location is None
    kept = _u(
        profiles, "real_estate", "Cedar Park. it's like an hour from work but we love it", awaiting="location"
    )
    assert kept.location == ("Cedar Park", True)


def test_a_neighbourhood_heard_by_sound_is_its_town(profiles) -> None:
    assert sounds("hide park") == sounds("hyde park")
    u = _u(profiles, "real_estate", "we've got a little house in hide park we wanna sell")
    assert u.location == ("Austin", True)


# -- names ----------------------------------------------------------------------------------------


def test_names_said_with_a_word_on_their_spelling(profiles) -> None:
    assert (
        _u(profiles, "dealership", "arjun das that last name is just d a s", awaiting="name").name
        == "Arjun Das"
    )
    assert _u(profiles, "dealership", "cool it's dev patel p a t e l", awaiting="name").name == "Dev Patel"
    assert _u(profiles, "dealership", "kavya rao k a v y a r a o", awaiting="name").name == "Kavya Rao"


def test_a_name_alone_at_a_read_back_is_no_price_objection(profiles) -> None:
    u = _u(profiles, "dealership", "Marcus Price", awaiting="confirm_change")
    assert u.intent == "provide_info"
    assert u.name == "Marcus Price"


# -- the business's own facts ---------------------------------------------------------------------


async def test_what_a_visit_costs_is_not_what_selling_costs(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "is there any charge to have somebody come out and tell us what the place is worth?",
    )
    assert "no charge" in replies[0], replies
    _state, replies = await call(
        profiles,
        "real_estate",
        "what's your fee to sell a house, and can someone come look at ours in Cedar Park on friday?",
    )
    assert "negotiable" in replies[0], replies


async def test_how_long_the_first_meeting_takes_is_the_callers_sides(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "we're buying in Austin, up to four hundred",
        "how long does the meeting usually run?",
    )
    assert "45 minutes" in replies[1], replies


async def test_paying_before_it_sells_asks_about_commission(profiles) -> None:
    _state, replies = await call(
        profiles, "real_estate", "do we owe y'all anything up front or does it all come out at closing?"
    )
    assert "negotiable" in replies[0], replies


async def test_a_pre_approval_asked_before_looking(profiles) -> None:
    _state, replies = await call(
        profiles, "real_estate", "do we gotta be pre-approved before we look at houses?"
    )
    assert "don't need a pre-approval" in replies[0], replies


def test_the_work_named_in_everyday_words(profiles) -> None:
    assert _u(profiles, "dealership", "how much to get the kids' crumbs cleaned out of my van").services == [
        "detailing"
    ]
    assert _u(
        profiles,
        "dealership",
        "I usually get my oil done at Valvoline, but can y'all do my state inspection friday?",
    ).services == ["state_inspection"]
    assert (
        "recall_repair"
        in _u(
            profiles, "dealership", "we got a recall letter a while back and never did anything about it"
        ).services
    )


def test_the_make_said_names_the_car_of_that_make(profiles) -> None:
    u = _u(
        profiles, "dealership", "we're looking at the silver Honda, the CR-V, my Corolla's just too small now"
    )
    assert u.vehicle is not None and u.vehicle.model == "CR-V"


async def test_a_wrong_number_that_asks_us_anyway_is_answered(profiles) -> None:
    _state, replies = await call(
        profiles,
        "dealership",
        "is this the pizza place? oh, cars. well since I've got you, how much is an oil change?",
    )
    assert "$49" in replies[0], replies


async def test_an_address_asked_with_a_booking_check(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_27_10)
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got the oil change friday but I forget what time, and remind me where y'all are?",
        calendar=calendar,
    )
    assert "River Road" in replies[0] and "10 AM" in replies[0], replies


# -- bookings on file -----------------------------------------------------------------------------


async def test_the_rest_staying_is_a_yes_to_one_cancel(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_27_10)
    await booked("dealership", "detailing", SATURDAY_28_9, calendar=calendar)
    await booked("dealership", "state_inspection", TUESDAY_DEC_1_10, calendar=calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "can you cancel the detail on saturday",
        "no, the rest are fine",
        calendar=calendar,
    )
    assert "cancelled" in replies[1], replies
    assert on_calendar(calendar) == [
        ("Fri 27 10:00", "scheduled"),
        ("Sat 28 09:00", "cancelled"),
        ("Tue 01 10:00", "scheduled"),
    ], replies


async def test_that_can_go_cancels_the_one_named(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", WEDNESDAY_25_14)
    _state, replies = await call(
        profiles,
        "real_estate",
        "the showing on wednesday, that one can go, we already put an offer on another place",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Wed 25 14:00", "cancelled")], replies


async def test_a_booking_named_by_its_car_is_told_not_moved(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_27_10, vehicle="Honda Civic")
    await booked("dealership", "tire_rotation", TUESDAY_DEC_1_10, calendar=calendar, vehicle="Ford Ranger")
    _state, replies = await call(profiles, "dealership", "when's the civic thing again?", calendar=calendar)
    assert "Friday, November 27 at 10 AM" in replies[0], replies
    _state, replies = await call(
        profiles, "dealership", "when is the appointment for the civic?", "yes", calendar=calendar
    )
    assert "move" not in replies[0].lower(), replies
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled"), ("Tue 01 10:00", "scheduled")], replies


async def test_a_day_of_the_month_in_the_twenties_is_no_second_booking(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_DEC_22_9)
    _state, replies = await call(
        profiles,
        "dealership",
        "I got the oil change on the twenty-second, I need to push that to the following monday at ten",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Mon 28 10:00", "scheduled")], replies


async def test_a_booking_someone_at_the_shop_made_is_on_file(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", TUESDAY_DEC_1_10)
    _state, replies = await call(
        profiles,
        "dealership",
        "hi, Tony over there set me up for my brakes and I need to change it",
        calendar=calendar,
    )
    assert "Tuesday, December 1 at 10 AM" in replies[0], replies


async def test_a_move_asked_in_few_words(profiles) -> None:
    calendar = await booked("dealership", "battery_replacement", SATURDAY_28_9)
    _state, replies = await call(
        profiles,
        "dealership",
        "I have the appointment for the battery on Saturday, but Saturday I can't. Can be Tuesday? Same hour",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 01 09:00", "scheduled")], replies


async def test_more_work_and_both_at_once_joins_the_visit(profiles) -> None:
    calendar = await booked("dealership", "state_inspection", TUESDAY_DEC_1_10)
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got my inspection on the first and I also need the tires rotated, can y'all do both at once?",
        calendar=calendar,
    )
    assert "added to your state inspection" in replies[0], replies


# -- our calls, call backs --------------------------------------------------------------------------


async def test_whoever_answers_and_looks_after_the_car_goes_on(profiles) -> None:
    _state, replies = await call(
        profiles,
        "dealership",
        "this is his husband, he's at work, but I handle all the car stuff, go ahead",
        direction="outbound",
    )
    assert "better time" not in replies[0] and "call you back" not in replies[0], replies


async def test_our_due_service_and_more_work_said_as_have_them(profiles) -> None:
    state, replies = await call(
        profiles,
        "dealership",
        "yeah it's overdue. could we do friday at ten? and have them rotate the tires while it's in there",
        direction="outbound",
    )
    assert state.booking_slots.services == ["oil_change", "tire_rotation"], replies


async def test_another_time_to_call_said_after_a_no(profiles) -> None:
    state, replies = await call(
        profiles,
        "dealership",
        "hi, this is her son. she's at work till like four thirty",
        "no, she likes to do that herself. can y'all call her back tonight after seven?",
        direction="outbound",
    )
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies
    assert "open" not in replies[1], replies


async def test_a_callback_name_asked_again_after_what_it_is_about(profiles) -> None:
    state, replies = await call(
        profiles,
        "dealership",
        "could somebody from service call me back this afternoon",
        "I need a quote on front brakes for my camry and I'm stuck at work",
        "dana ruiz",
    )
    assert "who should we ask for" in replies[1].lower(), replies
    assert state.customer.name == "Dana Ruiz"


async def test_a_visit_cost_asked_beside_a_callback_is_answered(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "can an agent call me tonight about selling my dad's "
        "house in Pflugerville? and do y'all charge to come "
        "look at it?",
    )
    assert "no charge" in replies[0], replies


def test_the_day_after_then_that_weekday_reads_the_holiday_before_it() -> None:
    said = normalise("are y'all open thanksgiving? if not, the day after, that friday, at ten?")
    assert extract_date(said, MONDAY) == date(2026, 11, 27)


# -- the second batch (sets 225 to 228) ------------------------------------------------------------


async def test_the_callers_own_car_is_no_car_for_sale(profiles) -> None:
    _state, replies = await call(
        profiles, "dealership", "got a recall notice for my 2019 RAV4, can y'all handle that?"
    )
    assert "inventory" not in replies[0] and "recall" in replies[0].lower(), replies


def test_a_time_asked_as_an_opening_is_the_time(profiles) -> None:
    u = _u(
        profiles, "real_estate", "we'd like to come talk to someone. is tuesday at two in the afternoon open?"
    )
    assert u.time == time(14, 0)


def test_a_part_of_the_day_said_of_another_day_is_not_the_times(profiles) -> None:
    u = _u(
        profiles, "real_estate", "my daughter has dance saturday morning. could we do friday at five instead?"
    )
    assert u.time == time(17, 0)


def test_a_meeting_set_up_with_us_has_its_time(profiles) -> None:
    assert _u(
        profiles, "real_estate", "then let's set up a meeting with an agent thursday at three"
    ).time == time(15, 0)


async def test_a_visits_cost_asked_of_it_after_its_length(profiles) -> None:
    _state, replies = await call(
        profiles, "real_estate", "how long is a listing appointment, and do you charge for it?"
    )
    assert "an hour" in replies[0] and "no charge" in replies[0], replies


def test_sides_said_in_other_words(profiles) -> None:
    assert (
        _u(
            profiles, "real_estate", "we've got a condo downtown we're thinking about putting on the market"
        ).lead_intent
        == "sell"
    )
    assert (
        _u(profiles, "real_estate", "I've never sold a home before, what do I even do first?").lead_intent
        == "sell"
    )


def test_a_life_event_with_its_month_is_the_timeline(profiles) -> None:
    u = _u(profiles, "real_estate", "our son graduates in may and after that we want to downsize")
    assert u.timeline is not None and u.timeline[0] == 6.0


def test_when_a_day_falls_this_year_is_no_timeline(profiles) -> None:
    assert _u(profiles, "real_estate", "christmas is a friday this year, right?").timeline is None


def test_where_the_agent_meets_is_asked_of_the_showing(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "I want to see the house on Maple in Cedar Park, and would I meet the agent there or at your office?",
    )
    assert u.appointment_type == "property_showing"


async def test_is_it_too_low_asks_the_price_range(profiles) -> None:
    _state, replies = await call(
        profiles, "real_estate", "is two hundred too low for y'all? it's a small place"
    )
    assert "150,000" in replies[0], replies


def test_a_booking_under_another_number_moved_in_the_same_breath(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "my mom has the car in thursday for an oil change, it's under her number, "
        "512-555-0199. she needs it the day after instead",
    )
    assert u.intent == "reschedule"


async def test_a_booking_named_by_its_day_no_longer_needed(profiles) -> None:
    calendar = await booked("dealership", "battery_replacement", datetime(2026, 11, 24, 9, 0))
    await booked("dealership", "oil_change", TUESDAY_DEC_1_10, calendar=calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "my buddy put a battery in for me so I don't need tomorrow "
        "anymore. the oil change next week still stands",
        "just the battery",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 24 09:00", "cancelled"), ("Tue 01 10:00", "scheduled")], replies


async def test_the_other_two_are_every_one_but_the_one_kept(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 28, 9, 0))
    await booked("real_estate", "property_showing", datetime(2026, 11, 28, 10, 0), calendar=calendar)
    await booked("real_estate", "property_showing", datetime(2026, 11, 28, 11, 0), calendar=calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "we've got three tours saturday, keep the ten o'clock and cancel the other two",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [
        ("Sat 28 09:00", "cancelled"),
        ("Sat 28 10:00", "scheduled"),
        ("Sat 28 11:00", "cancelled"),
    ], replies


async def test_is_this_about_the_recall_on_our_call(profiles) -> None:
    _state, replies = await call(
        profiles, "dealership", "oh is this about that recall letter we got?", direction="outbound"
    )
    assert "free" in replies[0], replies


async def test_a_day_of_the_month_said_after_its_hours_were_asked(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "are y'all open on christmas eve?",
        "okay, could we see a house on the 24th at eleven then?",
    )
    assert "December 24" in replies[1], replies


async def test_a_cars_price_asked_beside_its_test_drive_is_no_visit_cost(profiles) -> None:
    _state, replies = await call(
        profiles,
        "dealership",
        "I'd like to test drive the Camry on Saturday, and how much is it for that one?",
    )
    assert "$28,900" in replies[0] and "no charge" not in replies[0], replies
    _state, replies = await call(profiles, "dealership", "is the test drive free or do y'all charge for it?")
    assert "no charge" in replies[0], replies
