"""Mechanisms built in round 38 (sets 281 to 288), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import date, datetime, time

from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

FRIDAY_NOV_27_10 = datetime(2026, 11, 27, 10, 0)


async def test_a_statement_with_a_tag_that_asks_nothing_is_no_question(profiles) -> None:
    # "…, you know?" at the end of what a caller tells is not a question we failed to answer
    _, replies = await call(profiles, "real_estate",
                                "hi, we're thinking about buying",
                                "honestly we just want a yard for the dog, you know what I mean?")
    assert "don't have that information" not in replies[-1], replies
    for said in ("the car pulls to the left a little when I brake, ya know?",
                 "I'm just sick of paying rent, right?"):
        assert not _u(profiles, "dealership", said, None).is_question, said
    # a question put with a tag, a fact of ours checked, and an indirect question still ask
    for asked in ("is the shop open saturday, you know?", "you guys open at seven, right?",
                  "we'd put it on the business card. that works, right?",
                  "I was wondering what the consultation costs, you know?"):
        assert "question" in _u(profiles, "real_estate", asked, None).flags, asked


# -- a day or hour kept, work named the way people say it -------------------------------------------


def test_a_thing_on_another_part_of_the_day_leaves_the_hour(profiles) -> None:
    u = _u(profiles, "dealership", "actually, make it three in the afternoon. I've got a class that morning.",
           "name")
    assert u.time == time(15, 0) and u.vehicle is None  # ("class" is no C-Class)
    assert _u(profiles, "real_estate", "Wednesday, I have a meeting in the morning", "date").date == date(
        2026, 11, 25)


def test_work_said_plural_or_unknown_is_the_work_asked(profiles) -> None:
    for said in ("the check engine lights on and idk, i dont know whats wrong with it",
                 "i really don't know what's wrong with it, it just sputters"):
        assert _u(profiles, "dealership", said, None).services == ["diagnostic"], said
    assert _u(profiles, "dealership", "two oil changes, one for each car", None).services == ["oil_change"]


def test_kids_making_noise_are_no_errand_at_that_hour(profiles) -> None:
    u = _u(profiles, "dealership", "thursday sorry the kids are screaming thursday ten thirty", "date")
    assert u.time == time(10, 30)


# -- names a transcript heard in pieces ---------------------------------------------------------------


def test_a_name_heard_in_pieces_is_put_together(profiles) -> None:
    for said, name in (("ben jamin ortiz", "Benjamin Ortiz"),
                       ("this is gregory sand quist", "Gregory Sandquist"),
                       ("its tomasz kowal ski", "Tomasz Kowalski"), ("mary ann lee", "Mary Ann Lee"),
                       ("farid na heemy n a h i m i", "Farid Nahimi")):
        assert _u(profiles, "dealership", said, "name").name == name, said


# -- calls back -----------------------------------------------------------------------------------------


async def test_no_visit_yet_only_a_call_back_books_nothing(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "I'm not ready to set anything up yet, I'd just like someone from service to call me back. "
        "the transmission's been slipping.",
        "no appointment right now, just the call back. It's Wen Zhou. tomorrow after lunch is good")
    assert state.appointment is None and "call you back" in replies[-1], replies
    assert [t for t in state.pending_tasks if t.task_type == "callback"], replies


def test_a_call_said_not_needed_is_no_call_asked(profiles) -> None:
    u = _u(profiles, "dealership", "yes. and let Marcus know it's me. he doesn't have to call me or anything",
           "confirm_booking")
    assert "call_asked" not in u.flags and u.intent != "objection_busy"


async def test_no_to_a_new_day_at_the_cancel_is_a_cancel_and_a_call(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_NOV_27_10)
    state, replies = await call(
        profiles, "dealership",
        "I have an oil change friday at ten, I need to cancel it, I'm stuck out of town",
        "no, not right now. could somebody call me next week and we'll set it up again?",
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 10:00", "cancelled")], replies
    assert state.awaiting == "callback_time" and "next week" in replies[-1], replies  # when to call


# -- work told in the caller's words ---------------------------------------------------------------------


def test_each_job_of_a_story_told_in_one_breath_is_kept(profiles) -> None:
    u = _u(profiles, "dealership", "the minivan needs the oil done the tires rotated and uh the battery died "
           "at work yesterday i needed a jump so probably a new one too", None)
    assert set(u.services) == {"oil_change", "tire_rotation", "battery_replacement"}
    assert _u(profiles, "dealership", "the inspection's coming up and it could use an oil change",
              None).services == ["state_inspection", "oil_change"]


def test_what_a_smell_or_a_sticker_is_like_is_no_work(profiles) -> None:
    smell = _u(profiles, "dealership", "it smells like burnt oil after I drive it and there's a little smoke",
               None)
    assert smell.services == ["diagnostic"]
    fresh = _u(profiles, "dealership", "a full detail, and an oil change so the sticker is current", None)
    assert fresh.services == ["detailing", "oil_change"]
    due = _u(profiles, "dealership", "the reminder sticker on the windshield says it's overdue", None)
    assert due.services == ["oil_change"]  # the profile's due service


async def test_how_long_without_the_car_is_the_visit_being_set_up(profiles) -> None:
    _, replies = await call(profiles, "dealership", "I need a state inspection and a battery replacement",
                            "how long am I gonna be without the truck?")
    assert "State inspection takes about 45 minutes" in replies[-1], replies
    assert "F-150" not in replies[-1], replies


def test_the_name_in_a_message_left_is_the_callers(profiles) -> None:
    for said in ("please tell her it's Oksana Petrenko, about the offer", "tell Marcus Dario Bellini called"):
        assert _u(profiles, "real_estate", said, None).name in {"Oksana Petrenko", "Dario Bellini"}, said


# -- leads who think aloud ---------------------------------------------------------------------------------


def test_the_timeline_settled_on_is_the_one_said_last(profiles) -> None:
    u = _u(profiles, "real_estate",
           "she wants to move right away, I'd wait till school's out in June. ok fine, so March, April",
           "timeline")
    assert u.timeline is not None and u.timeline[0] <= 5  # April, not June
    booked_hour = _u(profiles, "real_estate",
                     "within two months, ideally. ok, let's sit down. Friday, ten thirty?", "timeline")
    assert booked_hour.timeline is not None and booked_hour.timeline[0] == 2.0  # not ten months


def test_names_not_given_and_names_spelled_as_said(profiles) -> None:
    assert _u(profiles, "real_estate", "I'm not giving out my name yet, just looking",
              "timeline").name is None
    assert _u(profiles, "dealership", "it's Minh Pham, M-I-N-H. this phone is fine",
              "name").name == "Minh Pham"


def test_the_place_wanted_among_places_said_for_other_reasons(profiles) -> None:
    where = [_u(profiles, "real_estate", said, "location").location for said in (
        "somewhere in Georgetown, I work at the Domain though",
        "close to the hospital, no wait, that's Round Rock. we want Cedar Park, by the library",
    )]
    assert where == [("Georgetown", True), ("Cedar Park", True)]
    assert _u(profiles, "real_estate", "I'm Kyle, Kyle Moreno", "location").location is None


def test_both_sides_told_in_passing(profiles) -> None:
    for said in ("we're doing the sell-one-buy-one dance", "sell this one and buy something with a yard",
                 "we'd like someone to come see the house and tell us what it'd sell for, then we buy"):
        assert _u(profiles, "real_estate", said, "intent").lead_intent == "both", said


def test_a_loan_told_in_passing(profiles) -> None:
    told = _u(profiles, "real_estate", "we're pre-approved, for what it's worth", "name")
    assert told.financing == "pre_approved" and told.intent == "provide_info"
    again = _u(profiles, "real_estate",
               "the bank had to redo the pre-approval after I switched jobs, it went through again yesterday",
               "financing")
    assert again.financing == "pre_approved"
    refused = _u(profiles, "real_estate", "cash? nope. I'd need a mortgage, haven't started", "financing")
    assert refused.financing == "not_started"


async def test_a_coverage_question_asked_again_keeps_the_area(profiles) -> None:
    state, _ = await call(profiles, "real_estate", "hi, do you cover Round Rock? and Leander?",
                          "ok, Round Rock then, we're buying", "do you cover Round Rock? and Leander?")
    assert state.lead.location == "Round Rock" and state.lead.in_service_area, state.lead


async def test_a_number_given_when_asked_when_to_call(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "can somebody call me back about selling my condo?",
                                "use my cell, 512-555-0188", "evenings after six")
    assert "call you back" in replies[-1] or state.pending_callback, replies
    assert state.customer.phone and state.customer.phone.endswith("0188"), state.customer


# -- changed out of turn ---------------------------------------------------------------------------------


def test_a_day_the_car_is_needed_is_no_visit_and_no_test_drive(profiles) -> None:
    u = _u(profiles, "dealership", "Ana Ruiz. oh wait, not Wednesday, Friday. I need the car Wednesday to "
           "drive my dad to his appointment. same time.", "name")
    assert u.date == date(2026, 11, 27) and u.appointment_type != "test_drive"
    detail = _u(profiles, "dealership", "I need the car detailed before the trip", None)
    assert detail.services == ["detailing"]


async def test_a_lead_fact_told_at_the_read_back_is_kept_and_the_visit_read_again(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "I'd like someone to come value our house in Round Rock, Friday at two",
                                "Dana Whitaker", "we want it listed within a month or two")
    assert state.lead.timeline_months == 2.0, state.lead
    assert state.awaiting == "confirm_booking" and "Let me confirm" in replies[-1], replies


# -- our call about the car, and calls back ------------------------------------------------------------


async def test_work_added_on_our_due_call_joins_the_due_service(profiles) -> None:
    said = "sure. could you guys check the brakes while it's in there too?"
    state, _ = await call(profiles, "dealership", said, direction="outbound")
    assert state.booking_slots.services == ["oil_change", "brake_inspection"], state.booking_slots


def test_a_part_bought_before_is_no_work_asked(profiles) -> None:
    u = _u(profiles, "dealership",
           "I bought a battery from y'all last year. anyway my inspection is coming due", None)
    assert u.services == ["state_inspection"]


async def test_a_call_when_they_know_something_needs_no_hour(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "my truck's been in since this morning, could the tech call me back as "
                                "soon as they figure out what's wrong? it's Omar Haddad")
    assert "call you back" in replies[-1] and state.awaiting != "callback_time", replies


def test_a_home_someone_found_is_shown_not_listed(profiles) -> None:
    u = _u(profiles, "real_estate",
           "my wife saw a bungalow in Hyde Park on your website, could we see it Friday?", None)
    assert u.appointment_type == "property_showing"


def test_what_we_can_go_up_to_is_the_budget(profiles) -> None:
    u = _u(profiles, "real_estate",
           "we could probably go up to about four twenty. oh and can we do it Friday instead?", "name")
    assert u.budget is not None and u.budget[1] == 420_000


async def test_the_name_said_with_a_no_to_the_offer_is_kept(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "we're buying in Austin, three fifty, pre-approved, within six months, "
                                "first home",
                                "Priya Natarajan. no thanks, we don't need a meeting yet")
    assert "buyer consultation" in replies[0] and state.lead.budget_max == 350_000, replies  # (listed)
    assert state.customer.name == "Priya Natarajan", state.customer


# -- what the whole library run caught (older calls the round's changes had broken) ----------------------


def test_a_loud_place_and_a_sticker_of_another_kind_name_no_work(profiles) -> None:
    loud = _u(profiles, "dealership", "yeah hang on im outside its loud. the silverado, its due", None)
    assert loud.services != ["diagnostic"]
    for said in ("the sticker's overdue, I mean for the state inspection",
                 "the sticker says the oil's good till June, it's the state inspection that's due"):
        assert _u(profiles, "dealership", said, None).services == ["state_inspection"], said


async def test_the_area_asked_about_and_wanted_is_the_area(profiles) -> None:
    state, _ = await call(profiles, "real_estate", "we're buying, probably around Round Rock",
                          "do you guys cover Leander though? that's where we'd really want to be")
    assert state.lead.location == "Leander", state.lead


def test_a_yeah_that_opens_a_story_is_no_yes(profiles) -> None:
    u = _u(profiles, "real_estate",
           "yeah so we're so done renting, you know? we wanna own a place of our own, round rock maybe", None)
    assert u.intent == "lead" and u.lead_intent == "buy" and u.location == ("Round Rock", True)


def test_a_place_looked_at_and_dropped_is_not_the_one(profiles) -> None:
    u = _u(profiles, "real_estate",
           "we checked out Pflugerville but the traffic on 130 is awful, so that's out. "
           "now it's Cedar Park or maybe Austin", None)
    assert u.location == ("Cedar Park", True)
