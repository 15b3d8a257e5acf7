"""Mechanisms built in round 50 (sets 381 to 396), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

from datetime import datetime

from frontdesk.brain.agents.qualification import appointment_type_for
from frontdesk.brain.memory import InMemoryCalendar
from frontdesk.brain.nlu.names import extract_name
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.state import ConversationState
from tests.brain.calls import booked, call, heard, on_calendar

# -- bookings on file: the new hour said bare after a verb of moving ---------------------------------------


async def test_a_bare_hour_after_slide_me_to_is_the_new_time_whatever_day_words_follow(profiles) -> None:
    for said, hour in (("there's no way I make two. could you slide me to four? still today.", "16:00"),
                       ("can you push it back to five, same day?", "17:00"),
                       ("I'm stuck at the dentist, could you move me to four today", "16:00")):
        calendar = await booked("dealership", "oil_change", datetime(2026, 11, 23, 14, 0))
        _, replies = await call(profiles, "dealership", "I've got an oil change at two today", said, "yes",
                                calendar=calendar)
        assert on_calendar(calendar) == [(f"Mon 23 {hour}", "scheduled")], (said, replies)


# -- work said flat, beside the booking ----------------------------------------------------------------------


async def test_more_work_said_flat_after_the_first_is_booked_with_it(profiles) -> None:
    for said in ("I need to bring it in for an oil change and also have the tires rotated while it's there",
                 "hi, I'd like to set up a detail, and have y'all rotate the tires while it's there"):
        state, replies = await call(profiles, "dealership", said)
        assert len(state.booking_slots.services) == 2, (said, state.booking_slots.services, replies)


def test_work_said_flat_is_no_question(profiles) -> None:
    for said in ("have the tires rotated while it's there", "have y'all rotate the tires while it's there",
                 "and also have the battery looked at while it's in"):
        u = heard(profiles, "dealership", said)
        assert u.intent != "faq" and u.services, (said, u.intent, u.services)


# -- financing, said the caller's own way ------------------------------------------------------------------


def test_financing_said_as_a_story_is_read(profiles) -> None:
    for said, financing in (("We're pre-approved, yeah", "pre_approved"),
                            ("our credit union sent us the pre-approval on Friday", "pre_approved"),
                            ("the mortgage, we are working on it now. the paperwork is not finished yet",
                             "in_progress"),
                            ("the application isn't complete yet, the bank wants more pay stubs",
                             "in_progress")):
        u = heard(profiles, "real_estate", said, awaiting="name")
        assert u.financing == financing and not u.is_question, (said, u.financing, u.intent)


def test_here_is_and_a_name_gives_the_name() -> None:
    for said, name in (("Hello, here is Ingrid Sørensen, I call about the oil change", "Ingrid Sørensen"),
                       ("good afternoon, here is Paolo Ricci", "Paolo Ricci")):
        assert extract_name(normalise(said)) == name, said
    for said in ("here is the thing, my car makes a noise", "here is my number, five one two"):
        assert extract_name(normalise(said)) is None, said


# -- an hour set aside for the caller's own errand, right after a correction ---------------------------------


async def test_an_hour_taken_by_the_callers_own_errand_after_no_wait_is_not_booked(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "I need a tire rotation Wednesday at nine",
                                "oh no, sorry. at nine I have class. better is one o'clock, same day",
                                "Tomasz Wójcik")
    assert state.booking_slots.preferred_time == "13:00", replies


def test_an_hour_made_the_new_one_keeps_it_whatever_errand_follows(profiles) -> None:
    for said in ("no, make it ten, I have work at eight", "actually ten, we've got a meeting at noon"):
        assert heard(profiles, "dealership", said, awaiting="time").time.hour == 10, said


# -- taken off the list, said as a learner of English says it ------------------------------------------------


def test_take_out_my_number_said_plainly_stops_the_calls(profiles) -> None:
    for said in ("Please, no call me again. Take out my number of the list.",
                 "take my name out from your list, please, gracias",
                 "no calling me more please, take out my number",
                 "take out my name of your list, por favor"):
        assert heard(profiles, "dealership", said, awaiting="service").intent == "do_not_call", said


def test_a_day_put_forward_with_what_about_is_a_day_not_a_question(profiles) -> None:
    for said in ("I can't do weekdays. what about Saturday?", "what about the 20th?",
                 "I can't really do weekdays, I'm on shift till five. what about Saturday? not this one, "
                 "the next"):
        u = heard(profiles, "dealership", said, awaiting="service")
        assert u.intent != "faq" and u.date is not None, (said, u.intent, u.date)


# -- someone to talk to about buying or selling is the lead, not a person now -----------------------------


def test_talking_to_someone_about_buying_or_selling_is_the_lead(profiles) -> None:
    for said in ("hello, I'd like to talk to somebody about buying a condo in Round Rock",
                 "can I speak with an agent about selling our house?"):
        u = heard(profiles, "real_estate", said)
        assert u.intent == "lead" and u.lead_intent in {"buy", "sell"}, (said, u.intent)
    assert heard(profiles, "real_estate", "I want to talk to a real person, please").intent == "escalation"


async def test_a_day_and_its_open_hours_said_to_how_soon_are_kept_for_the_meeting(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "we're looking to buy a place in Pflugerville",
                                "Tuesday is best for us. any time after four, we both work till three thirty")
    assert state.booking_slots.preferred_date == "2026-11-24", (state.booking_slots, replies)
    assert state.booking_slots.window_start == "16:00", (state.booking_slots, replies)


# -- thanks, and nothing else, to a read back ---------------------------------------------------------------


async def test_thanks_and_nothing_else_to_a_cancel_read_back_cancels_it(profiles) -> None:
    for said in ("oh thank you so much! no, that's all", "thanks a lot, appreciate it"):
        calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 25, 14, 0))
        _, replies = await call(profiles, "real_estate",
                                "hi, please cancel my showing on Wednesday, we found a place", said,
                                calendar=calendar)
        assert on_calendar(calendar) == [("Wed 25 14:00", "cancelled")], (said, replies)


def test_a_no_after_thanks_is_still_a_no(profiles) -> None:
    for said in ("thanks, but no", "thanks. no, wait"):
        assert not heard(profiles, "real_estate", said, awaiting="confirm_change").affirm, said


# -- what the car has, told as a story ----------------------------------------------------------------------


def test_a_part_of_the_car_said_with_where_and_since_when_is_trouble_looked_at(profiles) -> None:
    for said in ("the air in the Tahoe has been blowing warm since Sunday",
                 "the AC in the Camry's been blowing hot all week"):
        assert heard(profiles, "dealership", said).services == ["diagnostic"], said


def test_work_that_can_probably_wait_is_not_booked(profiles) -> None:
    for said, wanted in (("the rotation can probably wait, but my brakes are squealing", "brake_inspection"),
                         ("an oil change, and the detail can definitely wait till next month", "oil_change")):
        assert heard(profiles, "dealership", said).services == [wanted], said


def test_a_home_to_buy_around_a_place_is_no_showing(profiles) -> None:
    for said in ("we're looking to buy a condo around the Domain", "hoping to find a ranch around Leander"):
        assert heard(profiles, "real_estate", said).appointment_type is None, said
    assert heard(profiles, "real_estate", "could you show us around the house on Elm?").appointment_type == (
        "property_showing")


# -- a name the line mangled, then spelled ------------------------------------------------------------------


def test_a_name_heard_as_sound_alikes_then_spelled_is_the_letters(profiles) -> None:
    for said, name in (("name is leaf on leif l e i f and erickson", "Leif Erickson"),
                       ("its rosh and ross shawn r o s h a n patel", "Roshan Patel"),
                       ("name is true on truong t r u o n g hoa", "Truong Hoa"),
                       ("its van says vanessa v a n e s s a okoro o k o r o", "Vanessa Okoro"),
                       ("my name is colm doyle cull um is c o l m", "Colm Doyle")):
        got = heard(profiles, "dealership", said, awaiting="name").name
        assert got == name, (said, got)


def test_a_spelling_put_right_or_a_whole_name_spelled_keeps_its_reading(profiles) -> None:
    for said, name in (("it's Jon Reyes. J-O-N. no wait, sorry, it's J-O-H-N, John", "John Reyes"),
                       ("my name is sam jones j o n e s", "Sam Jones"),
                       ("megan oh leery o apostrophe l e a r y", "Megan O'Leary")):
        assert heard(profiles, "dealership", said, awaiting="name").name == name, said


# -- told when it is, the caller asks for it sooner --------------------------------------------------------


async def test_any_way_to_do_it_sooner_after_being_told_moves_it_to_the_soonest(profiles) -> None:
    for said in ("is there any way to do it sooner? I don't want to be stuck waiting all week",
                 "hmm, could y'all have somebody out earlier? I don't wanna lose the buyer"):
        calendar = await booked("real_estate", "listing_appointment", datetime(2026, 11, 30, 16, 0))
        _, replies = await call(profiles, "real_estate", "I have a listing appointment on Monday, right?",
                                said, calendar=calendar)
        assert "sooner" in replies[-1] and "Have a great day" not in replies[-1], (said, replies)


def test_not_wanting_to_be_kept_waiting_is_no_refusal(profiles) -> None:
    for said in ("I don't want to be second in line",
                 "my sister's selling too and I don't wanna lose my spot"):
        u = heard(profiles, "real_estate", said, awaiting="anything_else")
        assert u.intent not in {"deny", "objection_not_interested"} and not u.deny, (said, u.intent)


# -- our call, and the customer already booked -----------------------------------------------------------


async def test_on_our_call_a_visit_booked_already_is_looked_up_not_booked_again(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 28, 9, 0))
    _, replies = await call(profiles, "dealership",
                            "oh, hi. I think I already did that? I phoned in Friday and booked an oil "
                            "change for this Saturday, at nine", "could you make sure I'm still on there?",
                            direction="outbound", calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 09:00", "scheduled")], replies
    assert "Saturday" in replies[0] and "hear you" not in replies[1], replies


def test_still_on_there_asks_after_the_booking_not_the_line(profiles) -> None:
    for said in ("can you just check it's still on there?", "could you confirm we're still booked?"):
        u = heard(profiles, "dealership", said, awaiting="anything_else")
        assert u.intent == "lookup_appointment", (said, u.intent)
    assert heard(profiles, "dealership", "hello? you still there?", awaiting="anything_else").intent == (
        "line_check")


# -- two things at once: the visit's time and the call's, the price and the hour ---------------------------


async def test_yes_to_the_visit_and_a_call_tonight_books_the_day_read_back(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(profiles, "real_estate",
                            "I'd like to see the house on Oak Lane Saturday at ten, and could somebody call "
                            "me this evening about selling my townhouse", "Priyanka Rao",
                            "yep, Saturday at ten, plus a call tonight, great", calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 10:00", "scheduled")], replies
    u = heard(profiles, "real_estate", "yes, Friday at two, plus a call tonight. perfect",
              awaiting="confirm_booking")
    assert (u.date.weekday(), u.time.hour) == (4, 14), (u.date, u.time)


def test_a_price_and_the_meetings_hour_said_together_to_the_budget_question(profiles) -> None:
    u = heard(profiles, "real_estate", "for the new place we're thinking around four-seventy. could we "
              "come in Wednesday, like five in the evening?", awaiting="budget")
    assert u.time is not None and u.time.hour == 17 and u.budget, (u.time, u.budget)


# -- our call: the work said to be fine, and the day after a holiday asked about ---------------------------


def test_work_the_caller_thinks_is_fine_is_not_booked(profiles) -> None:
    for said, wanted in (("the tires I'm pretty sure are fine, but the battery keeps dying",
                          "battery_replacement"),
                         ("the oil I think is still good, it's the brakes, they grind", "brake_inspection")):
        assert heard(profiles, "dealership", said, awaiting="service").services == [wanted], said


async def test_the_day_after_a_holiday_asked_about_is_that_day_after(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "sure. I'm off on Christmas, are y'all open that day?",
                                "oh right. the day after then, Saturday, around ten", direction="outbound")
    assert state.booking_slots.preferred_date == "2026-12-26", (state.booking_slots, replies)


async def test_on_our_call_is_it_the_car_asks_what_it_is_about_and_put_it_down_books(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "hi, yes. oh, is it the van? that's my wife's really, she forgets things",
                                "just put it down for Friday at nine, I'll make sure she brings it",
                                direction="outbound")
    assert "$" not in replies[0] and "Riverside Motors" in replies[0], replies
    assert state.booking_slots.preferred_date == "2026-11-27" and "call her" not in replies[-1], (
        state.booking_slots, replies)


async def test_whatever_it_is_due_for_on_our_call_is_the_service_we_called_about(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "I only have a sec, I'm at work. just book whatever the car needs",
                                "Thursday the 3rd at two", direction="outbound")
    assert state.booking_slots.services == ["oil_change"], (state.booking_slots, replies)
    assert state.booking_slots.preferred_date == "2026-12-03", replies


async def test_a_call_back_asked_until_someone_elses_schedule_is_known_is_the_call(profiles) -> None:
    state, replies = await call(profiles, "dealership", "my son's Civic needs an oil change",
                                "honestly I don't know his schedule this week. can I check with him and have "
                                "someone call me back this afternoon?")
    assert state.booking_slots.preferred_date is None and "call you back" in replies[-1], replies


async def test_its_own_hour_said_back_after_being_told_books_nothing_new(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 25, 16, 30))
    state, replies = await call(profiles, "real_estate", "what time is our showing on Wednesday again?",
                                "four thirty. see, I told my wife. okay thanks", calendar=calendar)
    assert len(calendar.appointments) == 1 and state.booking_slots.preferred_time is None, replies


def test_work_asked_at_the_same_time_as_a_price_asked_is_both(profiles) -> None:
    u = heard(profiles, "dealership", "what do y'all charge for a brake job? mine are grinding bad, and "
              "could you rotate the tires at the same time? maybe Thursday")
    assert set(u.services) == {"brake_inspection", "tire_rotation"}, u.services
    assert any("price_question" in a.flags for a in u.acts), u.acts


# -- running late for a booking on file --------------------------------------------------------------------


async def test_running_late_is_answered_and_the_booking_stays(profiles) -> None:
    for profile, kind in (("dealership", "oil_change"), ("real_estate", "property_showing")):
        calendar = await booked(profile, kind, datetime(2026, 11, 23, 15, 0))
        _, replies = await call(profiles, profile, "hi, I'm booked for three today",
                                "traffic's awful, I'll be ten minutes late or so. will I lose my spot?",
                                calendar=calendar)
        assert "stays on the books" in replies[-1] and "call you back" not in replies[-1], replies
        assert on_calendar(calendar) == [("Mon 23 15:00", "scheduled")], replies


async def test_the_second_of_two_pushed_back_an_hour_while_the_first_stands(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 25, 13, 0))
    await booked("real_estate", "property_showing", datetime(2026, 11, 25, 15, 0), calendar=calendar)
    _, replies = await call(profiles, "real_estate",
                            "hi, about Wednesday's showings. could we bump the second one back an hour? the "
                            "first one is fine", "yes", calendar=calendar)
    assert on_calendar(calendar, sort=True) == [
        ("Wed 25 13:00", "scheduled"), ("Wed 25 16:00", "scheduled")], replies


def test_a_name_said_as_one_item_of_a_list_of_facts_is_the_callers() -> None:
    said = "hi, quick one. oil change Friday at eight, Priya Raman, it's the white Civic. thanks"
    assert extract_name(normalise(said)) == "Priya Raman"
    for said in ("my neighbor, Jose Martinez, told me about you",
                 "the house on Monday, Grace Street, right?"):
        assert extract_name(normalise(said)) is None, said


async def test_synthetic_oil_asked_about_is_answered_from_the_businesss_facts(profiles) -> None:
    _, replies = await call(profiles, "dealership", "do y'all do full synthetic? my truck takes it")
    assert "synthetic" in replies[-1] and "call you back" not in replies[-1], replies


def test_a_range_with_both_ends_heard_as_for_is_the_fours(profiles) -> None:
    u = heard(profiles, "real_estate", "looking in round rock budgets like three fifty to for twenty")
    assert u.budget == (350000, 420000), u.budget


def test_a_seller_asking_a_showing_for_a_grown_child_books_a_showing(profiles) -> None:
    s = ConversationState(conversation_id="c", profile="real_estate")
    s.lead.intent = "sell"
    for said in ("my son wants to see a townhouse in Leander, could we set up a showing for him Friday",
                 "and could we book a showing of a house off Parmer for my mom on Sunday?"):
        u = heard(profiles, "real_estate", said)
        assert appointment_type_for(s, u) == "property_showing", (said, u.appointment_type)


async def test_two_cars_work_said_first_then_whose_day_is_whose(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(profiles, "dealership",
                            "so two things. my SUV needs a state inspection, and my son's car needs an oil "
                            "change",
                            "mine can be Wednesday at nine, and his Friday at nine", "Dana Whitfield", "yes",
                            "yes", calendar=calendar)
    booked_now = sorted((a.start.strftime("%a %H:%M"), a.request.service_type) for a in calendar.appointments)
    assert booked_now == [("Fri 09:00", "oil_change"), ("Wed 09:00", "state_inspection")], replies


def test_a_place_the_search_has_left_is_not_where_they_look(profiles) -> None:
    u = heard(profiles, "real_estate", "so we're not looking in Round Rock anymore, my job moved us to "
              "Houston", awaiting="permission")
    assert u.location is not None and u.location[0] != "Round Rock", u.location
