"""Mechanisms built in round 47 (sets 337 to 340 and the notes left by round 46), each checked
here on fresh phrasings, not the sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

import re

from tests.brain.calls import call, heard

# -- other times asked for, of the times offered --------------------------------------------------------


def _times(reply: str) -> list[str]:
    return re.findall(r"\b\d{1,2}(?::\d{2})? [AP]M\b|\bnoon\b", reply)


async def test_the_rest_of_the_day_is_offered_when_the_caller_asks_what_else(profiles) -> None:
    for asked in ("hmm, what else ya got that day?", "is that everything you've got?",
                  "any other openings?", "what've you got open?"):
        state, replies = await call(profiles, "dealership", "I need a tire rotation Wednesday", asked)
        first, more = _times(replies[0]), _times(replies[1])
        assert len(first) == 2 and more and not set(first) & set(more), (asked, replies)
        assert state.awaiting == "pick_alternative" and not state.booking_slots.preferred_time, asked
        assert "information" not in replies[1], (asked, replies)


async def test_later_times_are_later_than_the_ones_offered(profiles) -> None:
    for asked in ("got anything a bit later?", "ugh, those are both way too early for me",
                  "nothing later than that?"):
        state, replies = await call(profiles, "dealership", "can I bring my car in for an oil change Tuesday",
                                    asked, "the last one", "Jo Park")
        slots = state.booking_slots
        assert "Later" in replies[1], (asked, replies)
        assert "5:30 PM" in replies[1] and slots.preferred_time == "17:30", (asked, replies)
        assert slots.customer_name == "Jo Park", replies


async def test_a_time_of_the_offer_called_early_is_no_choice_of_it(profiles) -> None:
    state, replies = await call(profiles, "dealership", "oil change Friday please",
                                "seven thirty's too early for me, anything later?")
    assert "Later" in replies[1] and state.booking_slots.preferred_time is None, replies


async def test_an_hour_asked_with_later_is_that_hour(profiles) -> None:
    state, _ = await call(profiles, "dealership", "oil change Friday please", "nothing later? like four?")
    assert state.booking_slots.preferred_time == "16:00"


async def test_one_of_the_two_taken_is_not_a_question_for_more(profiles) -> None:
    state, _ = await call(profiles, "dealership", "oil change Friday please", "I'll go with the later one")
    assert state.booking_slots.preferred_time == "09:30", state.booking_slots


async def test_an_afternoon_asked_for_is_offered_without_a_noted(profiles) -> None:
    _, replies = await call(profiles, "dealership", "I need a tire rotation Wednesday",
                            "do you have something after lunch?")
    assert "noted" not in replies[1] and "PM" in replies[1], replies


# -- "you can reach me on this number" -------------------------------------------------------------------


async def test_where_to_reach_the_caller_is_no_call_asked_for(profiles) -> None:
    for said in ("you can always get me on this line, he never picks up his phone",
                 "just use the number I'm calling from, his cell's dead half the time",
                 "feel free to text me at this number. she's not great with phones"):
        state, replies = await call(profiles, "dealership", "I'd like a brake inspection tomorrow at 10",
                                    "Ray Okafor", said, "yes")
        assert not [t for t in state.pending_tasks if t.task_type == "callback"], (said, replies)
        assert "number you're calling from" in replies[2] and "confirm" in replies[2], (said, replies)
        assert state.appointment is not None, (said, replies)


async def test_a_call_asked_on_this_number_at_a_time_is_still_a_call(profiles) -> None:
    _, replies = await call(profiles, "dealership", "can someone call me on this number tomorrow at nine")
    assert "call you back" in replies[0], replies


async def test_why_a_number_is_wanted_is_answered_beside_the_times_offered(profiles) -> None:
    state, replies = await call(profiles, "dealership", "oil change Friday please",
                                "wait, you'll want my phone number too? why? it's the one I'm on")
    assert "reach you" in replies[1] and "information" not in replies[1], replies
    assert state.awaiting == "pick_alternative", replies


# -- the name the booking goes under, said by someone else -------------------------------------------------


async def test_the_name_a_booking_goes_under_is_the_one_named_for_it(profiles) -> None:
    for said, name in (("the name on it should be Priya Raman, it's her car", "Priya Raman"),
                       ("it's for Dmitri Volkov, I'm just his neighbor, I'm Sam", "Dmitri Volkov"),
                       ("the booking goes under her: Joanne Whitfield", "Joanne Whitfield"),
                       ("it ought to be Hank Jorgensen, he's the one driving it", "Hank Jorgensen")):
        state, _ = await call(profiles, "dealership", "I want a tire rotation Tuesday at 2", said)
        assert state.booking_slots.customer_name == name, (said, state.booking_slots.customer_name)


async def test_the_name_is_put_right_at_the_read_back_under_someone_elses_name(profiles) -> None:
    state, replies = await call(profiles, "dealership", "hi this is Marta from Dr. Greene's office, she needs"
                                " an oil change Tuesday at 2", "Marta Diaz",
                                "oh, under her name please, Alicia Greene", "yes")
    assert state.appointment is not None and state.appointment.customer_name == "Alicia Greene", replies


# -- facts said of someone else, and said loosely -------------------------------------------------------


def test_a_loan_not_started_said_of_someone_else(profiles) -> None:
    for said in ("my son hasn't spoken to any lenders yet", "he has not talked to a bank at all"):
        assert heard(profiles, "real_estate", said, awaiting="financing").financing == "not_started", said


def test_a_figure_said_to_be_the_most_after_a_rounder_one(profiles) -> None:
    u = heard(profiles, "real_estate", "oh, under five hundred, honestly four-sixty is the most",
              awaiting="budget")
    assert u.budget == (None, 460_000), u.budget


def test_a_renter_in_the_third_person_and_a_grandchild_buying(profiles) -> None:
    u = heard(profiles, "real_estate", "my nephew just needs to rent something for the summer")
    assert u.lead_intent == "rent", u.lead_intent
    u = heard(profiles, "real_estate", "I'm calling for my grandson, he's buying a townhouse after school")
    assert u.lead_intent == "buy", u.lead_intent


def test_weekdays_heard_by_their_sound(profiles) -> None:
    assert heard(profiles, "dealership", "when's day morning", awaiting="date").date.weekday() == 2
    assert heard(profiles, "dealership", "choose day at ten works", awaiting="date").date.weekday() == 1


def test_an_inspection_said_as_a_verb_or_as_a_sticker_running_out(profiles) -> None:
    for said in ("my daughter needs her van inspected before she drives back to school",
                 "we have a work truck whose sticker expires Friday, can you fit it in",
                 "we've got a Camry that needs a state inspection"):
        u = heard(profiles, "dealership", said)
        assert u.services == ["state_inspection"], (said, u.services)
        assert u.intent != "lookup_appointment", said


async def test_lead_facts_said_with_the_read_back_said_back_are_kept(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "can we see the Mueller listing Saturday at 11",
                                "Dana Ortiz", "oh and we're paying cash. so Saturday at eleven, lovely")
    assert state.appointment is not None and state.lead.financing == "cash", replies


async def test_texts_rather_than_calls_asked_while_booking_keeps_the_booking(profiles) -> None:
    state, replies = await call(profiles, "dealership", "I need a brake inspection Tuesday at 10",
                                "Kim Lo. oh and could y'all text me instead of calling? I never answer",
                                "yes")
    assert "no calls" in replies[1] and "confirm" in replies[1], replies
    assert state.appointment is not None, replies
    assert not [t for t in state.pending_tasks if t.task_type == "callback"], state.pending_tasks


async def test_a_reason_the_visit_is_not_needed_answers_the_cancel_read_back(profiles) -> None:
    from datetime import datetime

    from tests.brain.calls import booked

    for said in ("eh, we went with another agency, so we're all set",
                 "my brother-in-law fixed it already, so"):
        calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 25, 10, 0))
        _, replies = await call(profiles, "real_estate", "I need to cancel my consultation Wednesday", said,
                                calendar=calendar)
        assert [a.status for a in calendar.appointments] == ["cancelled"], (said, replies)


# -- round 47, second batch -------------------------------------------------------------------------------


def test_when_my_booking_is_asked_as_what_day_i_got(profiles) -> None:
    for said in ("could you just tell me what day and time we have",
                 "can you remind me what day I have, I lost the card"):
        assert heard(profiles, "dealership", said).intent == "lookup_appointment", said


def test_a_calendar_moved_at_home_is_no_booking_moved(profiles) -> None:
    u = heard(profiles, "dealership", "I set up a battery check with you guys but my son moved my planner "
              "and I can't find it, was it Monday?")
    assert u.intent == "lookup_appointment", u.intent


async def test_a_closed_day_asked_before_the_kind_of_meeting_is_said_closed_first(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "could I swing by your office this Sunday around one "
                            "and chat with someone about houses?")
    assert "closed on Sunday" in replies[0], replies


def test_buying_ruled_out_in_other_words_and_renting_wanted(profiles) -> None:
    for said in ("buying's off the table for now, we need to rent a place in Round Rock",
                 "renting, not buying, do y'all do that?"):
        assert heard(profiles, "real_estate", said).lead_intent == "rent", said


async def test_called_again_and_again_for_someone_else_comes_off_the_list(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "yeah hi, you guys keep calling my cell looking "
                                "for a Marcus, I don't know any Marcus")
    assert state.lead.do_not_call and "call list" in replies[0], replies


def test_a_town_called_too_dear_is_no_objection_to_our_fees(profiles) -> None:
    u = heard(profiles, "real_estate", "Round Rock has gotten way too pricey for us, we're looking in Hutto",
              awaiting="location")
    assert u.intent != "objection_price" and u.location and u.location[0] == "Hutto", (u.intent, u.location)
    assert heard(profiles, "real_estate", "your fees are just too expensive").intent == "objection_price"


async def test_a_showing_asked_stays_a_showing_when_an_agent_is_to_meet_them_there(profiles) -> None:
    state, _ = await call(profiles, "real_estate", "we'd love to see that bungalow in Hyde Park",
                          "Tuesday at four, if someone can meet us at the house")
    assert state.booking_slots.appointment_type == "property_showing", state.booking_slots


async def test_a_call_about_a_trade_in_beside_work_we_do_not_do_is_the_call(profiles) -> None:
    state, replies = await call(profiles, "dealership", "my Silverado needs a whole new transmission and I'm "
                                "thinking of trading it instead. can somebody in sales call me about it?")
    assert state.awaiting == "callback_time" and "call you" in replies[0], replies


def test_call_me_then_a_part_of_the_day_is_no_name(profiles) -> None:
    u = heard(profiles, "real_estate", "just have somebody call me — evenings work best")
    assert u.name is None, u.name


# -- what the whole-library run caught ---------------------------------------------------------------------


async def test_an_offered_time_named_with_later_is_taken_and_any_time_leaves_it_to_us(profiles) -> None:
    state, _ = await call(profiles, "dealership", "oil change Tuesday please",
                          "hmm, anything a bit later? like nine thirty maybe?")
    assert state.booking_slots.preferred_time == "09:30", state.booking_slots
    state, replies = await call(profiles, "dealership", "oil change Tuesday please",
                                "any time that day works")
    assert "also have" not in replies[1] and state.booking_slots.preferred_time, replies


async def test_taking_the_number_off_the_list_is_still_a_strike_off(profiles) -> None:
    state, _ = await call(profiles, "real_estate", "please take this number off your list")
    assert state.lead.do_not_call


def test_work_done_already_is_no_inspection_wanted(profiles) -> None:
    u = heard(profiles, "dealership", "I just got it inspected last week, but now the brakes squeak")
    assert u.services == ["brake_inspection"], u.services


def test_a_question_opened_in_spanish_is_a_question(profiles) -> None:
    u = heard(profiles, "real_estate", "¿Ustedes cobran por la consulta? we're first-time buyers",
              awaiting="location")
    assert u.intent == "faq" or any(a.intent == "faq" for a in u.acts), u.intent


# -- round 47, third batch ----------------------------------------------------------------------------------


def test_a_day_away_said_beside_the_day_chosen_is_no_place_to_look(profiles) -> None:
    u = heard(profiles, "real_estate", "the fifth works — the fourth we're up in Dallas", awaiting="date")
    assert u.location is None, u.location


def test_a_sale_that_pays_cash_keeps_a_buyer(profiles) -> None:
    u = heard(profiles, "real_estate", "we're selling my dad's old place, so it'll be all cash",
              awaiting="financing")
    assert u.lead_intent == "buy", u.lead_intent


async def test_a_visit_on_file_said_to_stay_at_the_new_visits_read_back_changes_nothing(profiles) -> None:
    from datetime import datetime

    from tests.brain.calls import booked

    calendar = await booked("dealership", "tire_rotation", datetime(2026, 11, 24, 9, 0))
    state, replies = await call(profiles, "dealership", "I've got the tire rotation tomorrow at nine",
                                "can I test drive the Outback Saturday at ten", "Lee Park",
                                "yes, Saturday at ten, and keep the rotation where it is", calendar=calendar)
    assert state.appointment is not None and state.appointment.appointment_type == "test_drive", replies


async def test_a_day_checked_and_said_wrong_is_told_not_moved(profiles) -> None:
    from datetime import datetime

    from tests.brain.calls import booked

    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 25, 14, 0))
    _, replies = await call(profiles, "real_estate", "the consultation's Friday at two? making sure I "
                            "have it right", "wait, so what day is it?", calendar=calendar)
    assert "Wednesday" in replies[0] and "move" not in replies[0], replies
    assert "Wednesday" in replies[1], replies


async def test_a_yes_with_a_person_asked_after_it_books_first(profiles) -> None:
    state, replies = await call(profiles, "dealership", "I need a brake inspection Tuesday at 10", "Ana Ruiz",
                                "yes, go ahead and book it, and then please connect me with the manager")
    assert state.appointment is not None and "all set" in replies[2], replies


def test_a_deal_that_can_move_quick_moves_no_booking(profiles) -> None:
    u = heard(profiles, "dealership", "I'd like to drive the Camry Friday at five, I'm pre-approved so we "
              "can move fast")
    assert u.intent == "book", u.intent


def test_the_inside_of_a_home_asked_to_be_seen_is_a_showing(profiles) -> None:
    u = heard(profiles, "real_estate", "we'd love to get a look inside that bungalow on Elm")
    assert u.appointment_type == "property_showing", u.appointment_type


def test_same_time_is_fine_is_a_yes_and_a_loan_paid_early_is_no_morning(profiles) -> None:
    u = heard(profiles, "dealership", "same hour's fine, whatever it was. ten?", awaiting="confirm_change")
    assert u.affirm and u.intent == "affirm", u.intent
    u = heard(profiles, "dealership", "can finance call me tonight about paying my balance off early")
    assert u.time_of_day != "morning", u.time_of_day
