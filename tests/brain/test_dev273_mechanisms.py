"""Mechanisms built in round 37 (sets 273 to 276: two things asked at once, ramblers who correct
themselves, callbacks and outbound calls, hesitant and plain-spoken callers), each checked here on
fresh phrasings, not the sets' own words.
The clock is Monday 23 November 2026, nine in the morning (Thanksgiving is Thursday the 26th).
"""

from __future__ import annotations

from datetime import date, datetime, time

from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

FRIDAY_NOV_27_10 = datetime(2026, 11, 27, 10, 0)


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


# -- callers who think aloud and correct themselves --------------------------------------------------


def test_the_day_said_last_on_its_own_is_the_one_decided(profiles) -> None:
    u = _u(profiles, "dealership", "Thursday? hmm, no. Friday? no wait, Friday's my sister's thing. Monday. "
           "Monday at ten", "date")
    assert u.date == date(2026, 11, 30) and u.time == time(10, 0)
    asked = _u(profiles, "dealership", "Saturday? Sunday?", "date")  # two asked: neither decided
    assert asked.date != date(2026, 11, 29)


def test_an_hour_said_again_alone_at_the_end_is_the_one_decided(profiles) -> None:
    u = _u(profiles, "dealership", "tuesday, drop it at nine... well, ten, the traffic is awful that early. "
           "ten", "date")
    assert u.time == time(10, 0)


def test_a_name_said_again_with_another_first_name_replaces_it(profiles) -> None:
    u = _u(profiles, "dealership", "Bill Novak. well, put William, that's what the title says. William Novak",
           "name")
    assert u.name == "William Novak"


def test_budget_guessed_then_capped(profiles) -> None:
    u = _u(profiles, "real_estate", "three twenty? three thirty at the very most", "budget")
    assert u.budget is not None and u.budget[1] == 330_000


# -- money and loans in plain words ------------------------------------------------------------------


def test_a_lender_still_going_over_papers_is_under_way(profiles) -> None:
    assert _u(profiles, "real_estate", "the credit union is still going over our paperwork",
              "financing").financing == "in_progress"
    assert _u(profiles, "real_estate", "we'll need a mortgage but I did not talk to a bank yet",
              "financing").financing == "not_started"


async def test_a_loan_fact_told_beside_a_question_is_kept_and_not_asked(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "quick question, do we have to be pre-approved first? we haven't done any of that yet",
        "okay. we're buying in Round Rock, around three hundred, sometime this spring",
    )
    assert state.lead.financing == "not_started", replies
    assert "pre-approved for a mortgage yet" not in replies[-1], replies


async def test_sure_then_a_meeting_asked_is_no_pre_approval(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "we want to buy in Cedar Park, up to four hundred, in the next few months",
        "sure, could we sit down with somebody Thursday at two?",
    )
    assert state.lead.financing != "pre_approved", replies


def test_how_to_say_it_again_belongs_to_the_repeat_asked(profiles) -> None:
    u = _u(profiles, "real_estate", "Sorry, one more time please? Slower?", "confirm_booking")
    assert u.intent == "repeat" and not u.acts


def test_what_talking_to_an_agent_costs_is_a_question(profiles) -> None:
    u = _u(profiles, "real_estate", "to meet one of your agents, do I have to pay something?")
    assert u.intent == "faq"


async def test_what_talking_to_an_agent_costs_is_answered(profiles) -> None:
    _state, replies = await call(profiles, "real_estate",
                                 "to meet one of your agents, do I have to pay something?")
    assert "no charge" in replies[0] and "from our team" not in replies[0], replies


# -- a word that names two services ------------------------------------------------------------------


async def test_a_bare_inspection_asks_which_and_takes_the_answer(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "hi, I need to get my inspection done on the Camry",
        "the brake one",
    )
    assert "brake inspection or state inspection" in replies[0], replies
    assert state.booking_slots.services == ["brake_inspection"], replies


async def test_who_and_what_about_while_a_person_is_looked_for_books_nothing(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "I'd like to talk to a real person please",
        "it's Dana Reyes, it's about the repair from last month, the invoice looks wrong",
    )
    assert state.customer.name == "Dana Reyes", replies
    assert state.awaiting != "service" and "What does your car need" not in replies[-1], replies


# -- calls back ---------------------------------------------------------------------------------------


async def test_off_at_an_hour_so_after_that_is_the_callback_time(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "I have a question about my transmission but I'm at work, can somebody call me back later?",
        "I get off at four thirty so anytime after that. it's Lee Park",
    )
    calls = [t for t in state.pending_tasks if t.task_type == "callback"]
    assert calls and "4:30 PM" in replies[-1], replies


async def test_a_person_asked_for_who_should_call_back_tomorrow(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "is Marcus around today? I can't hold, I'm heading into a meeting, but could he call me back "
        "tomorrow afternoon? my car's making that noise again",
    )
    calls = [t for t in state.pending_tasks if t.task_type == "callback"]
    assert calls and "tomorrow" in replies[-1] and "afternoon" in replies[-1], replies


async def test_the_time_said_for_the_call_is_not_the_visits(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "two things. I need a tire rotation on my Civic Wednesday at ten, and I'm thinking of trading it "
        "in, could someone from sales call me about that?",
        "for the call, Friday morning is best. and it's Nora Blake",
        "yes",
    )
    assert state.appointment is not None and state.appointment.scheduled_date == "2026-11-25", replies
    assert state.appointment.customer_name == "Nora Blake", replies
    assert [t for t in state.pending_tasks if t.task_type == "callback"], replies


async def test_a_question_on_a_condition_after_a_cancel_books_nothing(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", FRIDAY_NOV_27_10)
    state, replies = await call(
        profiles, "real_estate",
        "we had someone coming Friday at ten to look at the house but we're holding off. please cancel "
        "it. and if we call back in the spring, is the valuation still free?",
        "yes please",
        calendar=calendar,
    )
    assert "no charge" in replies[0], replies
    assert on_calendar(calendar) == [("Fri 27 10:00", "cancelled")], replies
    assert state.awaiting not in {"date", "pick_alternative"}, replies


def test_renting_somewhere_before_buying_is_a_renter(profiles) -> None:
    u = _u(profiles, "real_estate", "I want to rent close to downtown for a year or two before we buy")
    assert u.lead_intent == "rent"


async def test_what_the_car_is_due_for_is_said_on_our_call(profiles) -> None:
    state, replies = await call(profiles, "dealership", "oh okay. so what's it due for?",
                                direction="outbound")
    assert "due for an oil change" in replies[0], replies
    assert state.booking_slots.services == ["oil_change"], replies


# -- the second batch (sets 277 to 280) --------------------------------------------------------------

WEDNESDAY_NOV_25_8 = datetime(2026, 11, 25, 8, 0)


def test_our_agent_coming_is_a_booking_told_not_an_agent_of_their_own(profiles) -> None:
    u = _u(profiles, "real_estate", "we already have an agent coming by Friday at ten to look at the condo")
    assert u.intent not in {"cancel", "objection_have_agent"}
    assert _u(profiles, "real_estate", "we already have an agent, thank you").intent == "objection_have_agent"


async def test_a_buyers_meeting_asked_beside_a_listing_visit_on_file(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", FRIDAY_NOV_27_10)
    state, replies = await call(
        profiles, "real_estate",
        "hi, we already have an agent coming Friday at ten to see our place. since we'll need somewhere "
        "new, we'd like to talk about buying as well. could we come to the office Saturday at eleven?",
        "Mia Torres",
        "yes",
        calendar=calendar,
    )
    assert ("Fri 27 10:00", "scheduled") in on_calendar(calendar), replies
    assert state.appointment is not None, replies
    assert state.appointment.appointment_type == "buyer_consultation", replies
    assert state.appointment.scheduled_date == "2026-11-28", replies


async def test_a_test_drive_asked_while_the_car_is_in_takes_that_day(profiles) -> None:
    calendar = await booked("dealership", "oil_change", WEDNESDAY_NOV_25_8, vehicle="2015 Honda Civic")
    state, replies = await call(
        profiles, "dealership",
        "my Civic is coming in Wednesday at eight for the oil. while we're waiting there, could I drive "
        "one of your Outbacks? maybe around nine?",
        "Sam Ortega",
        "yes",
        calendar=calendar,
    )
    assert ("Wed 25 08:00", "scheduled") in on_calendar(calendar), replies
    assert state.appointment is not None and state.appointment.appointment_type == "test_drive", replies
    assert state.appointment.scheduled_date == "2026-11-25" and "oil" not in replies[-1].lower(), replies


def test_a_name_given_as_who_the_booking_is_under(profiles) -> None:
    u = _u(profiles, "dealership", "it's 512-555-0199 and it's under Hattie Morrow", "phone")
    assert u.name == "Hattie Morrow"
    assert _u(profiles, "dealership", "it's under warranty I think", "phone").name is None


def test_letters_after_spelled_write_the_name(profiles) -> None:
    two = _u(profiles, "dealership", "its jon rose but its spelled j u a n and then r o j a s", "name")
    assert two.name == "Juan Rojas"
    last = _u(profiles, "real_estate", "my name is tran lee and the last name is spelled l y", "name")
    assert last.name == "Tran Ly"
    framed = _u(profiles, "dealership", "dana pruitt is the name d a n a", "name")
    assert framed.name == "Dana Pruitt"


def test_the_lenders_call_back_is_no_callback_asked(profiles) -> None:
    u = _u(profiles, "real_estate", "we applied at the bank, waiting on them to get back to me", "financing")
    assert u.intent != "objection_busy" and u.financing == "in_progress"


def test_not_buying_for_a_while_is_a_buyer_later(profiles) -> None:
    u = _u(profiles, "real_estate", "we won't be buying for a couple years, probably Georgetown")
    assert u.lead_intent == "buy"
    assert _u(profiles, "real_estate", "we haven't started the pre-approval",
              "financing").financing == "not_started"
