"""Mechanisms built in round 44's second batch (sets 317 to 320), each checked here on fresh
phrasings, not the sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import datetime, time

from frontdesk.brain.memory import InMemoryCalendar
from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

SATURDAY_NOV_28_10 = datetime(2026, 11, 28, 10, 0)


# -- two things in one breath ------------------------------------------------------------------------


async def test_a_booking_beside_a_do_not_call_is_still_booked(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "book me a tire rotation Wednesday at ten, and quit sending me those coupon calls, take my "
        "number off your list",
        "Dale Ross", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 10:00", "scheduled")], replies
    assert state.lead.do_not_call and "call list" in replies[0], replies


async def test_a_booking_then_a_person_books_first(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "can I get an oil change Tuesday at two? and after that I'd like to speak with the service "
        "manager about a warranty claim",
        "Iris Bell", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Tue 24 14:00", "scheduled")], replies
    assert state.escalation_in_progress, replies


async def test_a_call_asked_without_can_you_is_set_up_after_the_booking(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "I'd like to drive the blue CR-V Friday at eleven. and also somebody call me about financing "
        "options, afternoons are better",
        "Omar Lee", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 11:00", "scheduled")], replies
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies


async def test_a_new_visit_in_a_cancelled_ones_place_is_booked(profiles) -> None:
    calendar = await booked("dealership", "detailing", SATURDAY_NOV_28_10)
    _, replies = await call(
        profiles, "dealership",
        "hey, I've gotta cancel Saturday's detail. but put me down for a battery replacement instead, "
        "Tuesday at nine?",
        "yes", "Pat Doe", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 10:00", "cancelled"), ("Tue 24 09:00", "scheduled")], replies


def test_a_yes_with_the_day_said_back_then_more_is_split() -> None:
    from frontdesk.brain.nlu.yes_then import split

    assert split("yep, Friday at four. and can somebody tell me where to park?") == (
        "yep, Friday at four.", "and can somebody tell me where to park?")


async def test_a_price_run_on_into_a_booking_is_answered(profiles) -> None:
    _, replies = await call(profiles, "dealership",
                            "need a tire rotation thursday week around two what's that gonna cost me")
    assert "$29" in replies[0] or "29" in replies[0], replies


# -- leads ----------------------------------------------------------------------------------------------


def test_both_sides_said_plainly(profiles) -> None:
    assert _u(profiles, "real_estate", "we're selling and buying at the same time").lead_intent == "both"


def test_a_side_in_a_question_beside_the_request_counts(profiles) -> None:
    u = _u(profiles, "real_estate", "what could our house in Cedar Park go for these days? someone can "
           "come by Friday at ten. and then we'd buy something smaller")
    assert u.lead_intent == "both"


def test_a_sale_rolled_into_the_next_home_is_both(profiles) -> None:
    u = _u(profiles, "real_estate", "I want to sell my rental in Pflugerville and put the money toward "
           "a bigger place, a 1031")
    assert u.lead_intent == "both"


def test_a_side_put_right_is_the_one(profiles) -> None:
    u = _u(profiles, "real_estate", "we want to sell — no sorry, I mean we want to buy, our lease is up")
    assert u.lead_intent == "buy"


def test_a_home_looked_for_is_a_buyer(profiles) -> None:
    assert _u(profiles, "real_estate", "we've been house hunting around Georgetown").lead_intent == "buy"


def test_one_end_of_the_range_said_again_keeps_the_range(profiles) -> None:
    u = _u(profiles, "real_estate", "somewhere four to four-fifty. my wife says four-fifty is a stretch",
           awaiting="budget")
    assert u.budget == (400000, 450000)


def test_yesterday_as_a_timeline_is_now(profiles) -> None:
    u = _u(profiles, "real_estate", "how soon? yesterday, if I'm honest", awaiting="timeline")
    assert u.timeline is not None and u.timeline[0] <= 1


def test_getting_approved_is_in_progress(profiles) -> None:
    assert _u(profiles, "real_estate", "we're getting approved through our bank right now",
              awaiting="financing").financing == "in_progress"


def test_where_they_are_now_is_not_where_they_go(profiles) -> None:
    u = _u(profiles, "real_estate", "we're in Cedar Park at the moment but my job's moving us to Dallas, "
           "so we'd be buying up there")
    assert u.location == ("Dallas", False)


def test_a_place_of_someone_elses_move_is_not_the_callers(profiles) -> None:
    u = _u(profiles, "real_estate", "my brother is the one moving to Kyle, not me. I'm looking in Round Rock")
    assert u.location == ("Round Rock", True)


def test_a_part_of_the_day_put_right_for_a_call(profiles) -> None:
    u = _u(profiles, "real_estate", "Tuesday morning — wait, no, I drop the kids off all morning. "
           "Afternoon, after two", awaiting="callback_time")
    assert u.window is not None and u.window.start >= time(12, 0)


# -- names spelled ----------------------------------------------------------------------------------


def test_the_spelling_said_last_writes_the_name(profiles) -> None:
    u = _u(profiles, "dealership", "it's Jeffrey Lutz. oh, and it's spelled the other way, G-E-O-F-F-R-E-Y",
           awaiting="name")
    assert u.name == "Geoffrey Lutz"


def test_letters_said_to_be_wrong_are_not_taken(profiles) -> None:
    from frontdesk.brain.nlu.spelling import respelled
    from frontdesk.brain.nlu.text import normalise

    said = normalise("and my last name is L-E-I-G-H, not L-E-E")
    assert respelled(said, "Anna Leigh") is None


def test_a_surname_spelled_whole_keeps_the_first_name(profiles) -> None:
    u = _u(profiles, "dealership", "Marcus Adeyemi. let me spell that: A-D-E-Y-E-M-I", awaiting="name")
    assert u.name == "Marcus Adeyemi"


def test_last_name_then_first(profiles) -> None:
    assert _u(profiles, "dealership", "last name's Ortega, Maria", awaiting="name").name == "Maria Ortega"


# -- the service desk -----------------------------------------------------------------------------------


async def test_a_service_asked_as_a_question_while_booking_is_added(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "dealership",
        "I need an oil change", "can y'all rotate the tires while it's in?", "Wednesday at ten",
        "Jo Park", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 10:00", "scheduled")], replies
    assert "tire rotation" in replies[-1], replies


def test_a_mess_told_in_the_past_is_detailing(profiles) -> None:
    u = _u(profiles, "dealership", "my dog threw up all over the back seat last weekend, can you clean it")
    assert u.services == ["detailing"]


def test_a_soft_pedal_is_the_brakes(profiles) -> None:
    assert _u(profiles, "dealership", "the brake pedal feels spongy lately").services == ["brake_inspection"]


def test_a_guessed_part_with_a_noise_is_a_diagnostic(profiles) -> None:
    u = _u(profiles, "dealership",
           "there's a thumping from the back, I don't know if it's the tires or what")
    assert u.services == ["diagnostic"]


def test_the_last_time_forgotten_is_no_question_about_a_booking(profiles) -> None:
    u = _u(profiles, "dealership", "I need the oil changed, can't even remember the last time")
    assert u.intent != "lookup_appointment"


async def test_questions_beside_a_visit_are_answered(profiles) -> None:
    _, replies = await call(profiles, "dealership", "my check engine light is on",
                            "is there a place to sit while they look at it?")
    assert "lounge" in replies[-1], replies
    _, replies = await call(profiles, "dealership", "my truck is making a weird knocking noise",
                            "do you charge anything just to look at it?")
    assert "$" in replies[-1], replies
