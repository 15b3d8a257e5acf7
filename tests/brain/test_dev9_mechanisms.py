"""Mechanisms that development set 9 (``evals/backlog/dev9_*.yaml``, 64 callers written before
they were run) found wanting, checked on fresh phrasings, not the set's own words: a price or a
duration asked about the service in view, a "yeah" before a question, everyday agreement at the
read-back, "fit me in" as a request rather than "I'm busy", a surname given as one, figures
corrected or capped in the same breath, a question said as a statement or hedged after a
request, the address from the profile, the caller's own booking they cannot remember, "how'd
you get my number" after an "ok", another kind of business asked for, "-ish" hours, and days
said a few words after "next week".
"""

from __future__ import annotations

from datetime import date, time

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.lead import extract_budget
from frontdesk.brain.nlu.lead_intent import extract_lead_intent
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.timeline import extract_timeline
from tests.brain.calls import call

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(("question", "said"), [
    ("how long will that take?", "takes about 30 minutes"),
    ("and how long's that gonna take", "takes about 30 minutes"),
    ("is it like 30 bucks?", "$29 to $49"),
    ("how much is it", "$29 to $49"),
    ("yeah what's that gonna cost me?", "$29 to $49"),
])
async def test_a_price_or_time_question_is_about_the_service_being_booked(profiles, question,
                                                                         said) -> None:
    state, replies = await call(profiles, "dealership", "can I get a tire rotation friday at 9",
                                question)
    assert said in replies[1], replies
    assert "don't have that information" not in replies[1]
    assert state.awaiting == "name"  # and back to what it was asking


async def test_a_duration_question_names_the_service_and_only_the_time(profiles) -> None:
    _, replies = await call(profiles, "dealership", "how long does a battery replacement take")
    assert "Battery replacement takes about 45 minutes" in replies[0]
    assert "$" not in replies[0]


async def test_is_it_really_free_is_a_price_question(profiles) -> None:
    _, replies = await call(profiles, "dealership", "wait is the brake inspection actually free?")
    assert "is free" in replies[0], replies


@pytest.mark.parametrize("yes", ["alright then", "cool", "alrighty, thanks", "fair enough",
                                 "okay then, bye"])
async def test_everyday_agreement_at_the_read_back_books(profiles, yes) -> None:
    state, replies = await call(profiles, "dealership", "oil change wednesday at 11",
                                "Hugo Brandt", yes)
    assert state.appointment is not None, replies
    assert state.appointment.customer_name == "Hugo Brandt"


@pytest.mark.parametrize("text", ["could you squeeze my truck in saturday morning for a rotation",
                                  "any chance you can fit me in tomorrow after lunch, oil change"])
async def test_fit_me_in_asks_for_a_slot_not_a_callback(profiles, text) -> None:
    state, replies = await call(profiles, "dealership", text)
    assert not any(t.task_type == "callback" for t in state.pending_tasks), replies
    assert "call you back" not in replies[0]
    assert "open" in replies[0] or "name" in replies[0]


async def test_after_lunch_offers_the_afternoon_not_noon(profiles) -> None:
    _, replies = await call(profiles, "dealership", "oil change tomorrow after lunch please")
    assert "noon" not in replies[0] and "PM" in replies[0], replies


@pytest.mark.parametrize(("lines", "name"), [
    (["it's Theo, surname Lindqvist, I need a detail friday at 10"], "Theo Lindqvist"),
    (["hi this is Mara, oil change tomorrow at 8", "my last name is Quill"], "Mara Quill"),
    (["hey it's rosa by the way, rosa delgado, tire rotation friday at 3"], "Rosa Delgado"),
    (["last name is Ferris, first name Noel, battery replacement friday at 11"], "Noel Ferris"),
])
async def test_a_surname_given_as_one_joins_the_first_name(profiles, lines, name) -> None:
    state, replies = await call(profiles, "dealership", *lines)
    assert state.customer.name == name, replies
    assert not state.escalation_in_progress


@pytest.mark.parametrize(("text", "high"), [
    ("we're thinking around 300, well maybe 325 tops", 325_000),
    ("budget's 500, no wait, 475", 475_000),
    ("like two eighty, two ninety tops", 290_000),
])
def test_the_figure_the_caller_settles_on_is_the_budget(text, high) -> None:
    budget = extract_budget(normalise(text))
    assert budget is not None and budget[1] == high


def test_a_figure_after_looking_in_a_place_is_a_price_not_a_time(profiles) -> None:
    u = understand("yeah we're looking in round rock, around four twenty five", profiles["real_estate"],
                   MONDAY)
    assert u.budget is not None and u.budget[1] == 425_000
    assert u.time is None


async def test_a_question_said_as_a_statement_is_answered_with_the_facts_kept(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "we've been renting forever and I don't really understand how getting pre-approved works, "
        "we want to buy in cedar park, around four hundred")
    assert "lender" in replies[0], replies
    assert state.lead.location == "Cedar Park" and state.lead.budget_max == 400_000


async def test_the_address_comes_from_the_profile_when_no_faq_says_it(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "where's your office at?")
    assert "500 Lakeshore Drive" in replies[0], replies


async def test_a_hedged_question_after_a_request_is_answered_and_the_booking_goes_on(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "I'll drop it off for a state inspection friday at 8, "
                                "I'm assuming you guys have loaner cars?")
    assert "loaner cars" in replies[0], replies
    assert state.booking_slots.service_type == "state_inspection"


@pytest.mark.parametrize("text", [
    "I forget whether my oil change is tuesday or wednesday, can you look?",
    "not sure if my detail is this saturday or the next one, could you check",
])
def test_not_remembering_ones_own_booking_looks_it_up(profiles, text) -> None:
    u = understand(text, profiles["dealership"], MONDAY)
    assert u.intent == "lookup_appointment"
    assert not u.acts  # "can you look?" asks for the look-up itself


def test_how_did_you_get_my_number_after_an_ok_is_asked_first(profiles) -> None:
    u = understand("ok sure but where'd you get my number?", profiles["real_estate"], MONDAY,
                   "permission")
    assert u.intent == "how_got_number"


@pytest.mark.parametrize(("profile", "text"), [
    ("dealership", "hi is this riverside pizza? I wanna order"),
    ("real_estate", "sorry is this the lakeside vet clinic, my dog has an appointment"),
])
def test_another_kind_of_business_is_a_wrong_number(profiles, profile, text) -> None:
    assert understand(text, profiles[profile], MONDAY).intent == "wrong_number"


def test_our_own_name_is_no_wrong_number(profiles) -> None:
    assert understand("is this riverside motors?", profiles["dealership"], MONDAY).intent != "wrong_number"


@pytest.mark.parametrize(("text", "at"), [
    ("can you do wednesday, eleven-ish", time(11, 0)),
    ("push it to three-ish", time(15, 0)),
])
def test_an_ish_hour_is_a_time(profiles, text, at) -> None:
    assert understand(text, profiles["dealership"], MONDAY).time == at


def test_days_said_a_few_words_after_next_week_are_that_weeks(profiles) -> None:
    u = understand("sometime next week for the detail, like wednesday or thursday",
                   profiles["dealership"], MONDAY)
    assert u.date == date(2026, 12, 2)


async def test_a_new_service_instead_while_the_name_is_asked_changes_the_booking(profiles) -> None:
    state, replies = await call(profiles, "dealership", "tire rotation friday at 9",
                                "oh wait, scratch that, can we do a battery replacement instead, same time?")
    assert "don't have that information" not in replies[1], replies
    assert state.booking_slots.service_type == "battery_replacement"
    assert not any(t.task_type == "callback" for t in state.pending_tasks)


async def test_a_topic_heard_without_its_hyphen_is_still_the_topic(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "honestly we have no idea how the pre approval stuff works, "
                                "we wanna buy in georgetown")
    assert "lender" in replies[0], replies
    assert state.lead.location == "Georgetown"


# --- second batch (dev9b): whole calls --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "please don't phone me at the office, evenings are better",
    "don't call me while I'm at work, try after six",
])
async def test_another_time_to_call_is_no_do_not_call(profiles, text) -> None:
    state, replies = await call(profiles, "real_estate", text, phone="+15125550177",
                                direction="outbound")
    assert not state.lead.do_not_call, replies
    assert "removed your number" not in replies[0]


async def test_text_me_instead_ends_politely_without_striking_off_or_a_callback(profiles) -> None:
    state, replies = await call(profiles, "dealership", "just shoot me a text, I never pick up calls",
                                phone="+15125550177", direction="outbound")
    assert not state.lead.do_not_call, replies
    assert not any(t.task_type == "callback" for t in state.pending_tasks)
    assert state.ended and "text" in replies[0]


async def test_why_do_you_need_my_number_is_answered_and_the_wish_kept(profiles) -> None:
    state, replies = await call(profiles, "dealership", "state inspection friday at 10",
                                "Ines Marlow", "what do you need my number for? I don't want sales calls",
                                "512 555 0166", "yes", phone=None)
    assert "if anything changes" in replies[2], replies
    assert state.lead.do_not_call  # no campaign calls, as asked
    assert state.appointment is not None, replies  # and the booking went on


@pytest.mark.parametrize(("text", "model"), [
    ("is the silver sedan still for sale? I'd like to drive it saturday at 10", "Camry"),
    ("you guys have a wagon on the lot right, can I test drive it friday at 11", "Outback"),
])
async def test_a_car_described_not_named_is_the_one_on_the_lot(profiles, text, model) -> None:
    state, replies = await call(profiles, "dealership", text, "Omar Lindt", "yes")
    assert state.appointment is not None, replies
    assert model in (state.appointment.vehicle or ""), state.appointment


async def test_my_own_truck_is_not_the_lots(profiles) -> None:
    state, _ = await call(profiles, "dealership", "my truck needs an oil change friday at 9")
    assert state.booking_slots.service_type == "oil_change"
    assert "F-150" not in (state.booking_slots.vehicle or "")


@pytest.mark.parametrize(("text", "service"), [
    ("my car won't start half the time, can you fit me in friday at 9", "battery_replacement"),
    ("there's this grinding noise when I brake, friday at 10 ok?", "brake_inspection"),
])
async def test_trouble_in_plain_words_names_the_service(profiles, text, service) -> None:
    state, replies = await call(profiles, "dealership", text)
    assert state.booking_slots.service_type == service, replies


async def test_a_price_check_at_the_read_back_is_answered_then_read_back(profiles) -> None:
    state, replies = await call(profiles, "dealership", "tire rotation friday at 10", "Ada Crane",
                                "that's the cheap one, like 29 bucks, right?", "yes")
    assert "$29" in replies[2] and "Shall I book it?" in replies[2], replies
    assert state.appointment is not None


@pytest.mark.parametrize(("text", "low", "high"), [
    ("our lease is up in like april", 4, 6),
    ("probably the end of spring", 5, 8),
])
def test_a_month_or_season_said_loosely_is_a_timeline(text, low, high) -> None:
    timeline = extract_timeline(normalise(text), MONDAY)
    assert timeline is not None and low <= timeline[0] <= high


def test_a_purchase_ruled_out_in_several_words_is_no_buyer() -> None:
    assert extract_lead_intent(normalise("we're not really in a position to buy, we want to rent")) == "rent"


async def test_a_rental_asked_about_with_facts_is_a_renter(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "do y'all help with rentals? looking for a 3 bedroom in round rock")
    assert state.lead.intent == "rent", replies
    assert "rentals" in replies[0] and "don't have that information" not in replies[0]


async def test_seeing_the_listed_house_is_a_showing(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "it's about the one on your listing on "
                                "Elm street, can we see it friday at 11?")
    assert state.booking_slots.appointment_type == "property_showing", replies


def test_a_tiny_figure_asked_for_a_budget_is_asked_again() -> None:
    assert extract_budget(normalise("five or six, either"), expecting=True) is None


@pytest.mark.parametrize(("text", "said"), [
    ("do you guys do upholstery repair?", "I don't see that among our services"),
    ("do you guys do state inspections?", "Yes, we do. State inspection costs $35"),
])
async def test_whether_we_do_a_kind_of_work_is_answered_from_the_services(profiles, text, said) -> None:
    _, replies = await call(profiles, "dealership", text)
    assert said in replies[0], replies


async def test_never_mind_to_a_person_calls_the_check_off_and_the_booking_goes_on(profiles) -> None:
    state, replies = await call(profiles, "dealership", "detail on saturday at 10",
                                "hold on, can I talk to an actual human?",
                                "nah forget it, you're doing fine, it's Lena Hart", "yes")
    assert not state.escalation_in_progress, replies
    assert all(t.status == "cancelled" for t in state.pending_tasks if t.task_type == "human_escalation")
    assert state.appointment is not None and state.appointment.customer_name == "Lena Hart"


@pytest.mark.parametrize(("text", "said"), [
    ("can you do an oil change and tint my windows friday at 9", "We don't do window tinting here"),
    ("I need a tire rotation and new tires friday at 10", "We don't do new tires here"),
])
async def test_a_kind_of_work_we_do_not_do_is_said_and_the_rest_booked(profiles, text, said) -> None:
    state, replies = await call(profiles, "dealership", text)
    assert said in replies[0], replies
    assert (state.booking_slots.services and "tire_rotation" in state.booking_slots.services) or (
        state.booking_slots.service_type == "oil_change")


async def test_asking_for_work_we_do_not_do_is_answered_in_our_words(profiles) -> None:
    _, replies = await call(profiles, "dealership", "do y'all do transmission repairs?")
    assert "We don't do transmission work here" in replies[0], replies
    assert "We do oil change" in replies[0]


async def test_a_meeting_asked_for_while_the_timeline_is_asked_is_the_one_offered(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "we have to sell our place in Georgetown and buy in Austin",
                                "could an agent come by and tell us what ours is worth? thursday next week")
    assert state.booking_slots.appointment_type == "listing_appointment", replies


def test_paying_from_the_sale_is_cash() -> None:
    from frontdesk.brain.nlu.financing import extract_financing
    assert extract_financing(normalise("we'd use the money from selling our condo")) == "cash"


async def test_where_a_seller_moves_next_is_not_the_lead_place(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "we're relocating to Houston so we need "
                                "to sell our home in Round Rock",
                                "we'll find something in Houston with an agent there, "
                                "it's just the sale here")
    assert state.lead.location == "Round Rock" and state.lead.in_service_area, replies
    assert not state.ended


# --- third batch (dev9c) ----------------------------------------------------------------------

async def test_the_day_a_hours_question_names_is_the_booking_day(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "is the service department open new year's eve? I'd want a "
                                "rotation in the morning, like ten")
    assert state.booking_slots.preferred_date == "2026-12-31", replies
    assert state.booking_slots.preferred_time == "10:00"


async def test_an_early_lead_who_asks_for_a_meeting_is_booked_not_sent_away(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "I'm just starting to look at buying in Austin, could I meet with "
                                "somebody about it? tuesday at 3", "in a year or two",
                                "no idea yet", "haven't talked to anyone", "just curious")
    assert not state.ended, replies
    assert state.booking_slots.appointment_type == "buyer_consultation"


async def test_a_seller_who_asks_for_the_visit_with_a_day_goes_to_booking(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "we might sell our house in Cedar Park",
                                "sure, have someone come look at it, thursday next week, morning, ten?")
    assert state.booking_slots.appointment_type == "listing_appointment", replies
    assert state.booking_slots.preferred_time == "10:00"


@pytest.mark.parametrize(("text", "at"), [
    ("friday afternoon, three?", time(15, 0)),
    ("in the morning, 2 cars to look at", None),
])
def test_a_part_of_the_day_then_an_hour(profiles, text, at) -> None:
    assert understand(text, profiles["dealership"], MONDAY).time == at
