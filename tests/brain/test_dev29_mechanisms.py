"""Mechanisms that development sets 29 to 32 (``evals/library/dev29_*.yaml`` … ``dev32_*.yaml``,
200 callers written before they were run: an ordinary Friday afternoon, terse and fragmentary
callers, outbound calls and returned calls, the week before Christmas) found wanting, checked on
fresh phrasings, not the sets' own words.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.change import split_change
from frontdesk.brain.nlu.entities import extract_appointment_type, extract_vehicle
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.when import month_said
from tests.brain.calls import booked, call

MONDAY = date(2026, 11, 23)


# -- times said twice, over other things, or as a yes ------------------------------------------


@pytest.mark.parametrize(("text", "at"), [("maybe three — three fifteen?", time(15, 15)),
                                          ("at ten, uh, ten thirty", time(10, 30)),
                                          ("like one, sorry, one forty-five", time(13, 45)),
                                          ("eleven works for me", time(11, 0)),
                                          ("9:30 would be perfect", time(9, 30))])
def test_a_time_restarted_or_said_to_suit_is_the_time(profiles, text, at) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting="appointment_type").time == at


@pytest.mark.parametrize("text", ["thursday at ten, my son's recital is at two",
                                  "thursday at ten, I gotta be at the airport by one",
                                  "thursday at ten? my softball game's at six"])
def test_a_time_of_the_callers_other_plans_is_not_the_visit(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting="date").time == time(10, 0)


def test_a_truck_named_by_its_number_is_no_time(profiles) -> None:
    u = understand("it's a silverado twenty five hundred, name's joe", profiles["dealership"], MONDAY,
                   awaiting="name")
    assert u.time is None


def test_a_past_day_is_no_day_wanted(profiles) -> None:
    u = understand("they rotated my tires last wednesday and now it pulls left, can you look at it "
                   "thursday", profiles["dealership"], MONDAY)
    assert u.date == date(2026, 11, 26)


async def test_work_done_before_and_wanted_again_is_booked(profiles) -> None:
    state, _ = await call(profiles, "dealership",
                          "we had the car detailed back in june and my wife loved it, could we "
                          "do that again friday morning")
    assert state.booking_slots.services == ["detailing"]


# -- what is asked, and who answers ------------------------------------------------------------


async def test_a_price_asked_bare_is_of_the_service_named_beside_it(profiles) -> None:
    _, replies = await call(profiles, "dealership", "tire rotation. how much?")
    assert "$" in replies[0]


async def test_which_number_to_use_is_no_do_not_call(profiles) -> None:
    state, replies = await call(profiles, "dealership", "I'd like an oil change friday at nine",
                                "Dana Cruz, and call my cell please, not the landline, don't call the house")
    assert not state.lead.do_not_call and "confirm" in replies[-1].lower()


async def test_someone_else_answering_for_the_one_called_gets_a_later_call(profiles) -> None:
    state, _replies = await call(profiles, "dealership", "no this is his son, my dad's not home right now",
                                "try him tomorrow after lunch", direction="outbound")
    tasks = [t for t in state.pending_tasks if t.task_type == "callback"]
    assert tasks and tasks[-1].window == "afternoon"


@pytest.mark.parametrize(("text", "day"), [("could you ring me back early february", date(2027, 2, 1)),
                                           ("call me in the middle of january", date(2027, 1, 15)),
                                           ("try me after new year's", date(2027, 1, 4))])
def test_a_month_said_for_a_call_is_a_day_in_it(text, day) -> None:
    assert month_said(text, MONDAY) == day


def test_may_as_a_word_is_no_month() -> None:
    assert month_said("may I ask who's calling", MONDAY) is None


async def test_a_callback_asked_for_a_month_is_kept(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "we're not ready yet, can you call back late january",
                            direction="outbound")
    assert "January" in replies[-1]


# -- homes, money and places ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["we're looking around georgetown, something around three seventy",
                                  "looking in pflugerville, about four twenty"])
def test_a_rough_home_price_is_money_not_a_time(profiles, text) -> None:
    u = understand(text, profiles["real_estate"], MONDAY)
    assert u.budget is not None and u.time is None


def test_money_from_selling_elsewhere_is_how_they_pay(profiles) -> None:
    u = understand("we'll pay cash with the proceeds from our house in denver", profiles["real_estate"],
                   MONDAY, awaiting="financing")
    assert u.location is None and u.lead_intent != "sell"


def test_one_of_the_business_homes_is_a_showing(profiles) -> None:
    u = normalise("my son's home for christmas, can we see one of yours in round rock saturday")
    assert extract_appointment_type(u, profiles["real_estate"]) == "property_showing"


async def test_an_echo_of_the_areas_with_thanks_anyway_ends_politely(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "we want to buy in san marcos",
                                "oh, just those areas? okay, thank you though")
    assert state.lead.location == "San Marcos" and "great day" in replies[-1]


@pytest.mark.parametrize(("text", "model"), [("it's a 2016 buick enclave", "Enclave"),
                                             ("my kia telluride", "Telluride"),
                                             ("a ford focus", "Focus")])
def test_more_cars_are_known(profiles, text, model) -> None:
    assert extract_vehicle(normalise(text), profiles["dealership"]).model == model


@pytest.mark.parametrize("text", ["I need to focus", "in this conversation", "that's all"])
def test_a_model_named_like_a_word_needs_its_make(profiles, text) -> None:
    assert extract_vehicle(normalise(text), profiles["dealership"]) is None


def test_a_symptom_and_a_verb_of_driving_are_service_not_a_test_drive(profiles) -> None:
    u = understand("the brakes grind, it still drives fine but I'm driving to dallas sunday, can you "
                   "check them saturday", profiles["dealership"], MONDAY)
    assert u.appointment_type is None and u.services


# -- appointments the caller has -----------------------------------------------------------------


def test_moving_the_appointment_named_with_its_day_keeps_that_day_as_the_old_one() -> None:
    current, target = split_change("I gotta move my tire rotation thursday", MONDAY)
    assert current.date == date(2026, 11, 26) and not target.given


async def test_no_reschedule_to_a_cancel_read_back_cancels(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 9))
    _state, replies = await call(profiles, "dealership", "hey I need to cancel my oil change",
                                "nah, no need to reschedule it, just cancel", calendar=calendar)
    assert "cancelled" in replies[-1]


async def test_a_booking_stated_with_another_agent_chosen_is_cancelled(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 27, 10))
    _, replies = await call(profiles, "real_estate",
                            "we've got a consultation friday but we went with a friend who's an agent",
                            calendar=calendar)
    assert "cancel" in replies[-1]


async def test_a_name_said_to_a_move_read_back_keeps_the_move(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 9))
    _state, replies = await call(profiles, "dealership", "can I push my oil change to friday at ten",
                                "It's Pat Doe, the Camry", "yes", calendar=calendar)
    assert "now on Friday" in replies[-1]


async def test_no_thats_all_to_a_cancel_read_back_is_asked_again(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 9))
    _, replies = await call(profiles, "dealership", "I need to cancel my oil change",
                            "no that's all thanks", calendar=calendar)
    assert "yes or no" in replies[-1]


def test_talking_to_self_is_no_question(profiles) -> None:
    u = understand("friday, no wait, friday's the party, silly me. monday at ten instead",
                   profiles["dealership"], MONDAY, awaiting="date")
    assert u.date == date(2026, 11, 30) and not u.is_question


# -- sets 33 to 36: minds changed mid-call, urgent callers, a Tuesday and a Saturday ------------


async def test_a_service_added_as_a_question_joins_the_visit(profiles) -> None:
    state, _ = await call(profiles, "dealership", "brake check on my civic thursday at two",
                          "oh and can you do the oil too while it's in there?")
    assert state.booking_slots.services == ["brake_inspection", "oil_change"]


async def test_a_swap_keeps_what_is_named_again_after_it(profiles) -> None:
    state, _ = await call(profiles, "dealership", "a tire rotation and a battery check friday at nine",
                          "actually swap the rotation for an oil change instead, so battery and oil")
    assert set(state.booking_slots.services) == {"battery_replacement", "oil_change"}


@pytest.mark.parametrize("text", ["Same day, but five.", "yeah the budget's like three hundred"])
def test_everyday_words_are_no_name(profiles, text) -> None:
    assert understand(text, profiles["real_estate"], MONDAY, awaiting="name").name is None


async def test_a_name_asked_for_in_a_question_changes_the_booking(profiles) -> None:
    state, replies = await call(profiles, "dealership", "oil change saturday at nine, this is Rita Gomez",
                                "wait, could you put it under my son's name? Luis Gomez. he's bringing it")
    assert state.booking_slots.customer_name == "Luis Gomez" and "Luis Gomez" in replies[-1]


async def test_moving_instead_of_cancelling_at_the_read_back(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 9))
    _, replies = await call(profiles, "dealership", "I need to cancel my oil change wednesday",
                            "hmm, no, can we just push it to friday at nine instead?", calendar=calendar)
    assert "move" in replies[-1] and "Friday" in replies[-1]


async def test_cancelling_instead_of_moving_when_the_new_day_is_asked(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 9))
    _, replies = await call(profiles, "dealership", "I gotta move my oil change",
                            "you know what, forget it, just cancel it", calendar=calendar)
    assert "cancel" in replies[-1]


async def test_a_reason_to_let_it_go_cancels_at_the_read_back(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 25, 10))
    _, replies = await call(profiles, "real_estate", "I have to cancel my consultation wednesday",
                            "we're holding off until after tax season, we'll call you then",
                            calendar=calendar)
    assert "is cancelled" in replies[-1]


async def test_a_callback_called_off_for_a_booking(profiles) -> None:
    state, _ = await call(profiles, "dealership",
                                "my tires need rotating, can someone call me back this afternoon",
                                "actually never mind the callback, I'd rather just book it, friday at ten")
    assert not [t for t in state.pending_tasks if t.task_type == "callback"]
    assert state.booking_slots.services == ["tire_rotation"]


def test_a_year_said_with_the_car_is_no_time(profiles) -> None:
    u = understand("twenty nineteen chevy tahoe, name's Al", profiles["dealership"], MONDAY,
                   awaiting="pick_alternative")
    assert u.time is None


def test_a_trip_names_the_day_it_leaves_not_the_visit(profiles) -> None:
    u = understand("we're flying out to denver on friday, can you fit me in wednesday",
                   profiles["dealership"], MONDAY)
    assert u.date == date(2026, 11, 25)


def test_the_weekday_after_is_a_week_on(profiles) -> None:
    u = understand("not this saturday, the saturday after", profiles["dealership"], MONDAY, awaiting="date")
    assert u.date == date(2026, 12, 5)


def test_where_the_caller_is_is_no_service(profiles) -> None:
    u = understand("I'm sitting at the car wash and my brakes squeal", profiles["dealership"], MONDAY)
    assert u.services == ["brake_inspection"]


@pytest.mark.parametrize(("text", "kind"), [
    ("can someone tell my dad what his house is worth", "listing_appointment"),
    ("we're looking at buying our first place", None)])
def test_a_valuation_and_a_gerund(profiles, text, kind) -> None:
    assert extract_appointment_type(normalise(text), profiles["real_estate"]) == kind


def test_a_booking_someone_else_made_is_looked_up(profiles) -> None:
    u = understand("my wife set up a showing for us on thursday, what time was it?", profiles["real_estate"],
                   MONDAY)
    assert u.intent == "lookup_appointment"


def test_asking_whether_a_day_is_busy_wants_that_day(profiles) -> None:
    u = understand("is friday busy? I need my oil changed", profiles["dealership"], MONDAY)
    assert u.date == date(2026, 11, 27)


async def test_a_lead_who_books_is_qualified_on_what_they_said(profiles) -> None:
    state, _ = await call(profiles, "real_estate", "we want to buy in georgetown, around four hundred",
                          "can we just sit down with someone friday at ten", "Kim Park", "yes")
    assert state.appointment is not None and state.lead.qualified is True


# -- round 14's backlog, second pass ----------------------------------------------------------


def test_the_selling_side_is_a_seller(profiles) -> None:
    u = understand("we're more on the seller side, got a duplex we're planning on listing in spring",
                   profiles["real_estate"], MONDAY)
    assert u.lead_intent == "sell"


def test_work_done_on_a_past_visit_is_not_wanted(profiles) -> None:
    u = understand("I brought the camry in back in the summer for brakes, now it needs an oil change",
                   profiles["dealership"], MONDAY)
    assert u.services == ["oil_change"]


async def test_a_lead_who_asks_for_a_call_is_scored_on_what_they_said(profiles) -> None:
    state, _ = await call(profiles, "real_estate",
                          "buying in cedar park, up to five hundred, cash, within two months",
                          "can an agent call me tomorrow afternoon", "Ana Ruiz")
    assert state.lead.qualified is True


async def test_a_free_service_asked_about_is_answered(profiles) -> None:
    _, replies = await call(profiles, "dealership", "you guys still do free brake checks?")
    assert "free" in replies[-1]


def test_money_saved_is_not_the_budget(profiles) -> None:
    u = understand("we have forty grand saved for the down payment, budget around three fifty",
                   profiles["real_estate"], MONDAY, awaiting="budget")
    assert u.budget == (315000, 350000)


async def test_where_the_office_is_is_answered_from_the_address(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "where's your office?")
    assert "Lakeshore" in replies[-1]


async def test_tell_me_now_answers_the_question_asked_before(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "can someone call me to explain pre-approval?",
                            "eh, can't you just tell me?")
    assert "lender" in replies[-1]


def test_a_figure_then_maybe_up_to_another_is_the_higher(profiles) -> None:
    u = understand("around four hundred maybe up to four fifty", profiles["real_estate"], MONDAY,
                   awaiting="budget")
    assert u.budget[1] == 450000


def test_work_being_done_on_a_day_is_the_callers_booking(profiles) -> None:
    u = understand("i have my tires getting rotated friday at nine but something came up",
                   profiles["dealership"], MONDAY)
    assert u.intent == "reschedule"


def test_a_holidays_weekday_said_again_is_the_holiday(profiles) -> None:
    u = understand("we're in town for christmas, could we see it new year's eve? thursday morning?",
                   profiles["real_estate"], date(2026, 12, 21))
    assert u.date == date(2026, 12, 31)


def test_an_ordinal_day_in_words(profiles) -> None:
    u = understand("what about the twenty-ninth", profiles["dealership"], MONDAY, awaiting="date")
    assert u.date == date(2026, 11, 29)


@pytest.mark.parametrize("text", ["is there anything this week?", "is anything open this week"])
def test_asking_for_anything_this_week_is_no_other_doing(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting="date").date == date(2026, 11, 24)
