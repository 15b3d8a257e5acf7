"""Mechanisms built in round 46 (sets 329 to 332 and the notes left by round 45), each checked
here on fresh phrasings, not the sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

from datetime import datetime

from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.brain.nlu.change import split_change
from tests.brain.calls import MONDAY, booked, call, heard, on_calendar

# -- our calls answered for someone ------------------------------------------------------------------


async def _outbound(profiles, profile: str, callee: str, *lines: str) -> list[str]:
    customers = InMemoryCustomers()
    customers.add("+15125550177", callee)
    _, replies = await call(profiles, profile, *lines, phone="+15125550177", direction="outbound",
                            customers=customers)
    return replies


async def test_the_callee_named_as_away_is_the_one_we_call_back(profiles) -> None:
    replies = await _outbound(profiles, "real_estate", "Marcus Bell",
                              "uh, I'm his sister. Marcus is out on a job site till late",
                              "try tomorrow around noon")
    assert "reach Marcus" in replies[0], replies
    assert "call Marcus" in replies[1] and "call you" not in replies[1], replies


async def test_the_callee_saying_his_own_name_is_not_away(profiles) -> None:
    replies = await _outbound(profiles, "dealership", "Marcus Bell", "yeah Marcus here, who's this?")
    assert "reach Marcus" not in replies[0], replies


# -- lead facts said loosely ---------------------------------------------------------------------------


def test_millions_said_digit_by_digit_with_the_unit_after_the_stop(profiles) -> None:
    u = heard(profiles, "real_estate", "we're thinking one-four to one-seven. million, I mean",
              awaiting="budget")
    assert u.budget == (1_400_000, 1_700_000), u.budget
    u = heard(profiles, "real_estate", "two-bedroom, one-bath is fine, under a million", awaiting="budget")
    assert u.budget == (None, 1_000_000), u.budget


# -- a part of the day turned down -------------------------------------------------------------------


def test_a_part_of_the_day_turned_down_is_not_the_one_asked_for(profiles) -> None:
    for said, part in (
            ("hmm, no, this evening won't work, I've got my son's game. tomorrow afternoon's better",
             "afternoon"),
            ("wait, scratch the morning, I'm watching the grandkids all morning. evening then?", "evening"),
            ("not this afternoon, make it tomorrow morning", "morning")):
        u = heard(profiles, "dealership", said, awaiting="name")
        assert u.time_of_day == part, (said, u.time_of_day, u.window)


async def test_a_call_back_moved_to_another_part_of_the_day_at_the_name_ask(profiles) -> None:
    _, replies = await call(
        profiles, "dealership",
        "can someone from service give me a call this evening about my invoice?",
        "oh shoot, no, this evening's bad, we've got a school thing. tomorrow afternoon works better")
    assert "tomorrow in the afternoon" in replies[1], replies


# -- put right in the same breath ------------------------------------------------------------------


def test_a_name_spelled_anew_after_a_spelling_begun_and_dropped(profiles) -> None:
    u = heard(profiles, "dealership", "yeah it's Jeffrey Otis, J-E-F — no, sorry, it's G. G-E-O-F-F-R-E-Y. "
              "Otis like the elevators", awaiting="name")
    assert u.name == "Geoffrey Otis", u.name


def test_a_statement_about_the_call_is_not_asking_who_we_are(profiles) -> None:
    u = heard(profiles, "dealership", "I need to book a tire rotation — no, hold on, wrong reminder card, "
              "sorry. It's the recall. The seatbelt recall letter. That's what I'm calling about, the tires "
              "are fine.")
    assert u.services == ["recall_repair"] and u.intent == "book", (u.services, u.intent)


def test_a_day_the_caller_drives_somewhere_is_not_the_new_day(profiles) -> None:
    _, target = split_change("can we move it? to Friday — no, hang on, I'm flying out to Denver Friday. "
                             "Thursday, same time", MONDAY)
    assert target.date is not None and target.date.strftime("%A") == "Thursday", target


def test_a_place_moved_out_of_is_not_the_home(profiles) -> None:
    u = heard(profiles, "real_estate", "we need to sell our duplex in Round Rock — no, wait, we moved out of "
              "Round Rock years ago. it's in Pflugerville")
    assert u.location == ("Pflugerville", True), u.location


async def test_a_buyer_here_selling_a_home_elsewhere_stays_a_buyer_here(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "hi, do y'all cover Round Rock? we're moving there, looking at three-bedrooms",
        "we'd be buying, yes. probably in the summer, after we sell our place in El Paso.")
    assert state.lead.location == "Round Rock" and state.lead.intent == "buy", (
        state.lead.location, state.lead.intent, replies)


def test_a_number_said_in_stressed_pieces_is_one_number(profiles) -> None:
    u = heard(profiles, "dealership", "no, the four-TEEN-th. not the fortieth, ha", awaiting="date")
    assert u.date is not None and u.date.day == 14, u.date


def test_a_day_said_again_at_the_name_ask_is_no_wrong_number(profiles) -> None:
    u = heard(profiles, "dealership", "the fifteenth, one-five. sorry, bad signal out here, I never know if "
              "you're getting all of it", awaiting="name")
    assert u.intent != "wrong_number", u.intent


# -- the need described, not named -----------------------------------------------------------------


def test_an_hour_said_after_a_dash_with_maybe_is_the_time(profiles) -> None:
    u = heard(profiles, "dealership", "Thursday, mid-morning — ten maybe?", awaiting="date")
    assert u.time is not None and u.time.hour == 10, u.time


def test_both_of_those_asks_for_the_work_named_as_how_often(profiles) -> None:
    u = heard(profiles, "dealership", "my buddy says you're supposed to rotate the tires every oil change "
              "and I never have, so can I get both of those done Friday at nine?")
    assert set(u.services) == {"oil_change", "tire_rotation"}, u.services


def test_a_warning_light_or_a_part_seen_to_is_not_the_work(profiles) -> None:
    u = heard(profiles, "dealership", "the tire pressure light came on, the tire I can deal with, I filled "
              "it up, but there's a clunking up front when I turn")
    assert u.services == ["diagnostic"], u.services


def test_a_sound_that_got_loud_is_a_diagnostic(profiles) -> None:
    u = heard(profiles, "dealership", "the exhaust on my truck got so loud this week, how much is it for "
              "y'all to figure out what it is?")
    assert u.services == ["diagnostic"], u.services


async def test_whether_the_diagnostic_fee_counts_toward_the_repair_is_answered(profiles) -> None:
    _, replies = await call(profiles, "dealership", "my truck's making a weird rattling noise, what's it "
                            "cost to have someone look at it?", "does that fee go towards the repair or not?")
    assert "goes toward it" in replies[1] and "change our prices" not in replies[1], replies


def test_an_hour_said_alone_with_a_hedge_after_the_day_is_the_time(profiles) -> None:
    u = heard(profiles, "dealership", "a tire rotation on Thursday morning. nine, if that's open.")
    assert u.time is not None and u.time.hour == 9, u.time


def test_a_first_name_spelled_before_the_surname_comes_first(profiles) -> None:
    u = heard(profiles, "real_estate", "Jon Pruitt. Jon without an H — no, sorry, what am I saying, with "
              "one. J-O-H-N. Pruitt, P-R-U-I-T-T.", awaiting="name")
    assert u.name == "John Pruitt", u.name


async def test_whatever_you_have_early_to_the_times_offered_takes_the_first(profiles) -> None:
    _, replies = await call(profiles, "dealership", "can I get an oil change sometime next week?",
                            "Wednesday, I guess. eh, whatever y'all have early is fine")
    assert "Let me confirm" in replies[1] or "your name" in replies[1], replies
    assert "Which works" not in replies[1] and "Would either work" not in replies[1], replies


# -- a lead in a hurry, and a question before the visit --------------------------------------------


def test_a_name_said_first_then_the_lead_facts_in_a_list(profiles) -> None:
    u = heard(profiles, "real_estate", "hey, Monique Baptiste, selling, Round Rock, want it listed by June")
    assert u.name == "Monique Baptiste", u.name


async def test_what_a_showing_needs_first_is_answered_and_where_the_caller_stands_kept(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "saw a townhouse on your website over in Cedar Park I want to see. do we need to be pre-approved "
        "before we can go look at it?",
        "oh perfect, cause we're still in the middle of that. could we see it Friday at four?")
    assert "pre-approval" in replies[0], replies
    assert state.lead.financing == "in_progress", state.lead.financing


def test_a_job_that_starts_on_a_date_sets_how_soon(profiles) -> None:
    u = heard(profiles, "real_estate", "I just got hired at the hospital in Round Rock, starts January 4th, "
              "so I'll need to buy something")
    assert u.timeline is not None and u.timeline[0] <= 2, u.timeline


async def test_an_out_of_area_lead_who_keeps_telling_facts_is_asked_the_name_again(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate", "hi, we want to buy in Buda, maybe Kyle",
        "no, Buda, that's where we want to be",
        "around four hundred, we're pre-approved", "probably by the end of summer", "Nadia Ferris")
    assert "name" in replies[3].lower(), replies
    assert state.customer.name == "Nadia Ferris", replies


# -- the ordinary call ------------------------------------------------------------------------------


async def test_a_walk_in_plan_after_the_walk_in_answer_is_not_told_the_policy_again(profiles) -> None:
    _, replies = await call(profiles, "dealership",
                            "can I just drop in for an oil change or do I need to book?",
                            "Okay, cool. I'll probably just drop in Friday and hope for the best. Thanks "
                            "a bunch.")
    assert replies[0].split(".")[0] not in replies[1], replies


def test_a_time_asked_if_it_is_open_is_a_booking_not_the_hours(profiles) -> None:
    u = heard(profiles, "real_estate", "Oh, great. Okay, let's do that then. Friday at two, if that's open?",
              awaiting="location")
    assert u.time is not None and u.time.hour == 14, u.time
    assert u.intent != "faq" and not any(a.intent == "faq" for a in u.acts), (u.intent, u.acts)


def test_wanting_an_idea_of_how_something_works_is_asked(profiles) -> None:
    u = heard(profiles, "real_estate", "we're looking to sell our condo in Round Rock, and I wanted to get a "
              "sense of how your commission works")
    assert any(a.intent == "faq" for a in u.acts) or u.intent == "faq", (u.intent, [a.intent for a in u.acts])


def test_no_lender_talked_to_yet_is_financing_not_started(profiles) -> None:
    u = heard(profiles, "real_estate", "Hi. Do we have to get pre-approved before we start looking at homes? "
              "We haven't spoken to any lenders yet.")
    assert u.financing == "not_started", u.financing


# -- bookings on file ------------------------------------------------------------------------------


async def test_a_move_said_back_after_it_is_done_books_nothing_new(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 25, 17, 0))
    _, replies = await call(profiles, "real_estate", "the showing Wednesday at five, can we do Friday at "
                            "five instead?", "yes", "great, so Friday at five", calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 17:00", "scheduled")], replies
    assert "Friday" in replies[2] and "confirm" not in replies[2].lower(), replies


async def test_no_to_a_move_that_keeps_the_other_booking_is_a_yes(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 28, 9, 0))
    await booked("dealership", "detailing", datetime(2026, 11, 28, 11, 0), calendar=calendar)
    _, replies = await call(profiles, "dealership", "I need to push the oil change on Saturday to Monday the "
                            "30th, same time", "no, keep the detailing where it is, just the oil change",
                            calendar=calendar)
    assert ("Mon 30 09:00", "scheduled") in on_calendar(calendar), replies
    assert ("Sat 28 11:00", "scheduled") in on_calendar(calendar), replies


async def test_a_booking_checked_with_news_beside_it_is_told_and_the_news_kept(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 25, 16, 0))
    state, replies = await call(profiles, "real_estate",
                                "hi, we have the buyer meeting Wednesday at four and I wanted to make "
                                "sure that's still happening — oh, and we got pre-approved this morning!",
                                calendar=calendar)
    assert "Wednesday, November 25 at 4 PM" in replies[0], replies
    assert state.lead.financing == "pre_approved", state.lead.financing
    assert on_calendar(calendar) == [("Wed 25 16:00", "scheduled")], replies


# -- our calls answered --------------------------------------------------------------------------------


async def test_a_form_filled_by_the_spouse_is_a_call_to_her_not_off_the_list(profiles) -> None:
    replies = await _outbound(profiles, "real_estate", "Gary Holt", "what form? I never filled anything out",
                              "oh hang on, that must have been my wife. yeah, we're sort of looking, she "
                              "does all that stuff", "she's home after five")
    assert "removed" not in " ".join(replies), replies
    assert "reach her" in replies[1], replies


async def test_call_me_back_in_a_couple_weeks_is_a_call_on_a_day(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "we're thinking of selling next year. not ready to "
                                "talk yet, can someone call me back in a couple of weeks?")
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies
    assert "December 7" in " ".join(replies), replies


def test_seeing_a_couple_in_person_is_a_showing(profiles) -> None:
    u = heard(profiles, "real_estate", "I'd like to see a few in person before deciding anything. Friday at "
              "two?")
    assert u.appointment_type == "property_showing", u.appointment_type


async def test_somebody_in_sales_oughta_call_me_beside_a_booking_books_then_calls(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(profiles, "dealership", "need an oil change Tuesday at nine. and somebody in "
                                "finance oughta give me a call about my loan payoff, evenings are best",
                                "Dana Ruiz", "yes", calendar=calendar)
    assert on_calendar(calendar) == [("Tue 24 09:00", "scheduled")], replies
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies


async def test_no_thats_everything_to_a_cancel_asked_keeps_the_call_asked_with_it(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 28, 11, 0))
    state, replies = await call(profiles, "real_estate", "we need to cancel Saturday's consultation, my "
                                "dad's sick. can someone call us next week to set it up again? afternoons",
                                "sorry, it's Omar Reyes", "no, that's everything",
                                "nope, that's all", calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 11:00", "cancelled")], replies
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies


def test_a_part_of_the_day_asked_for_is_not_turned_down_by_the_busy_one_after_it(profiles) -> None:
    u = heard(profiles, "dealership", "could somebody call me back tomorrow morning? I'm out on site all "
              "afternoon")
    assert u.time_of_day == "morning", (u.time_of_day, u.window)


def test_in_a_couple_weeks_said_of_something_else_is_no_visit_day(profiles) -> None:
    u = heard(profiles, "dealership", "my daughter's graduating in a couple weeks and I need the car "
              "detailed before then, could I bring it Friday at ten?")
    assert u.date is not None and u.date.strftime("%A") == "Friday", u.date


def test_no_bank_yet_and_how_preapproval_works_unpunctuated_is_answered(profiles) -> None:
    u = heard(profiles, "real_estate", "we havent gone to a lender or anything how does the pre approval "
              "thing work", awaiting="intent")
    assert u.financing == "not_started", u.financing
    assert any(a.intent == "faq" for a in u.acts) or u.intent == "faq", (u.intent, u.acts)
