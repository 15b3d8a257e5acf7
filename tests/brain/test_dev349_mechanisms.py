"""Mechanisms built in round 48 (sets 349 to 356 and the backlog's calls seen twice), each
checked here on fresh phrasings, not the sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

from datetime import datetime

from tests.brain.calls import booked, call

# -- "anything sooner?" of a booking on file ---------------------------------------------------------------


async def test_sooner_asked_of_a_booking_on_file_offers_the_soonest_openings(profiles) -> None:
    for said in ("I'm down for a tire rotation a week from Thursday, but it's wobbling. anything sooner?",
                 "got my rotation on the third of december. any chance you could get me in sooner?",
                 "I've got a tire rotation thing on your calendar, Thursday after next. "
                 "any openings earlier?"):
        calendar = await booked("dealership", "tire_rotation", datetime(2026, 12, 3, 10, 0))
        state, replies = await call(profiles, "dealership", said, calendar=calendar)
        assert "sooner than" in replies[0] and state.awaiting == "pick_alternative", (said, replies)
        assert "December 3" not in replies[0].split("soonest")[1], (said, replies)
        assert all(o < "2026-12-03" for o in state.desk.offered), (said, state.desk.offered)


async def test_a_weekday_said_after_sooner_was_asked_is_the_coming_one(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", datetime(2026, 12, 3, 10, 0))
    _, replies = await call(profiles, "dealership",
                                "my tire rotation's a week from Thursday, could I come in earlier?",
                                "wednesday would be great, morning if you can", "the first one", "yes",
                                calendar=calendar)
    assert [(a.status, a.start.date().isoformat()) for a in calendar.appointments] == [
        ("scheduled", "2026-11-25")], replies


async def test_a_brake_check_on_file_is_not_a_check_of_its_day(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", datetime(2026, 12, 3, 10, 0))
    _, replies = await call(profiles, "dealership",
                                "I have a brake check booked the third, can you get me in sooner?",
                                calendar=calendar)
    assert "sooner than" in replies[0], replies


async def test_a_booking_checked_is_still_only_told(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", datetime(2026, 12, 3, 10, 0))
    _, replies = await call(profiles, "dealership", "can you check what day my tire rotation is?",
                            calendar=calendar)
    assert "December 3" in replies[0] and "sooner" not in replies[0], replies


# -- a cancel and a new visit in one breath ------------------------------------------------------------


async def test_a_new_visit_asked_with_a_cancel_is_named_and_its_day_is_the_yes(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 10, 0))
    said = ("ok two things. the oil change wednesday, we're selling the car so just cancel it. "
            "and then I'd love to come drive the Outback you've got")
    state, replies = await call(profiles, "dealership", said, "friday, two-ish?", "Lee Park", "yes",
                                calendar=calendar)
    assert "test drive" in replies[0] and "cancel" in replies[0], replies
    assert "cancelled" in replies[1], replies
    assert calendar.appointments[0].status == "cancelled", replies
    assert state.appointment is not None and state.appointment.appointment_type == "test_drive", replies
    assert state.appointment.scheduled_time == "14:00", state.appointment


async def test_a_sit_down_asked_after_a_showing_is_cancelled_follows_it(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 26, 12, 0))
    said = ("the place we were supposed to see thursday sold, so cancel that one. honestly we should "
            "probably sit down with somebody first")
    _, replies = await call(profiles, "real_estate", said, "saturday at ten maybe?", calendar=calendar)
    assert "buyer consultation" in replies[0], replies
    assert [a.status for a in calendar.appointments] == ["cancelled"], replies


# -- a call asked beside a booking on file -----------------------------------------------------------


async def test_a_call_asked_beside_a_booking_told_leaves_the_booking(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 26, 16, 0))
    said = ("we're seeing that condo thursday at four and I have some questions about the HOA first. "
            "could Priya give me a call tomorrow afternoon?")
    state, replies = await call(profiles, "real_estate", said, calendar=calendar)
    assert [t for t in state.pending_tasks if t.task_type == "callback"], replies
    assert [(a.status, a.start.hour) for a in calendar.appointments] == [("scheduled", 16)], replies
    assert "move" not in replies[0], replies


async def test_a_move_that_waits_on_a_schedule_is_a_call_first(profiles) -> None:
    for said in ("I might need to move my oil change wednesday but I don't know my shifts yet. "
                 "can someone call me friday morning and we'll sort it out?",
                 "the oil change on wednesday probably has to move, I won't know my schedule till friday. "
                 "could you guys give me a call then, in the morning, and we'll figure it out"):
        calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 10, 0))
        state, replies = await call(profiles, "dealership", said, calendar=calendar)
        assert [t for t in state.pending_tasks if t.task_type == "callback"], (said, replies)
        on_file = [(a.status, a.start.day) for a in calendar.appointments]
        assert on_file == [("scheduled", 25)], (said, replies)


async def test_a_ride_asked_while_the_car_is_in_is_no_new_visit(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 10, 0))
    said = "is my oil change wednesday still on? and could somebody drive me home while it's in there?"
    state, replies = await call(profiles, "dealership", said, calendar=calendar)
    assert "Wednesday" in replies[0] and "shuttle" in replies[0], replies
    assert state.awaiting == "anything_else", (state.awaiting, replies)


async def test_a_move_asked_as_can_it_be_the_day_is_a_move(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 26, 15, 0))
    said = "our consult's thursday afternoon but weekdays don't work. could it be the saturday after?"
    _, replies = await call(profiles, "real_estate", said, calendar=calendar)
    assert "Saturday" in replies[0] and "move" in replies[0], replies


# -- a statement made a question by its tag -----------------------------------------------------------------


async def test_a_statement_with_a_question_tag_is_asked_and_answered(profiles) -> None:
    for said in ("there's no charge for the consultation, is there?",
                 "and we don't have to pay anything for this meeting, do we?"):
        _, replies = await call(profiles, "real_estate", said)
        assert "no charge" in replies[0] and "automated" not in replies[0], (said, replies)


# -- a call asked first, a visit after it ------------------------------------------------------------------


async def test_a_visit_asked_after_a_call_is_booked_and_the_call_kept(profiles) -> None:
    for said, kind in (
            ("could you have Marcus ring me this afternoon? it's about the quote he did for my brakes. "
             "oh and while I have you, I need an oil change tuesday at ten", "oil_change"),
            ("first, I'd like someone in finance to call me tonight about a loan. second thing, can I test "
             "drive the Outback saturday at eleven?", "test_drive")):
        state, replies = await call(profiles, "dealership", said, "Dee Lowe", "yes")
        a = state.appointment
        assert a is not None and kind in {a.appointment_type, a.service_type}, (said, replies)
        assert "call you back today at" not in replies[0], (said, replies)


async def test_a_showing_asked_after_a_call_about_another_house_is_booked(profiles) -> None:
    said = ("can somebody call me back about the Round Rock ranch, the price went down? and the other one, "
            "the bungalow in Georgetown, I want to go see it saturday at one")
    state, replies = await call(profiles, "real_estate", said, "Vi Tran", "yes")
    assert state.appointment is not None and state.appointment.scheduled_time == "13:00", replies


# -- the afternoon of the other visit is not this hour's -----------------------------------------------------


async def test_an_hour_said_beside_another_visits_afternoon_is_a_morning_hour(profiles) -> None:
    said = "can we see the Cedar Park house saturday at nine, and then sit down with an agent that afternoon?"
    _, replies = await call(profiles, "real_estate", said)
    assert "9 PM" not in replies[0] and "outside our hours" not in replies[0], replies


# -- the couple's sale ----------------------------------------------------------------------------------


async def test_a_spouses_sale_beside_the_couples_buy_is_both(profiles) -> None:
    said = ("my husband still owns a townhouse in Pflugerville, he wants to sell that, and we're buying "
            "together in Austin")
    state, _ = await call(profiles, "real_estate", said)
    assert state.lead.intent == "both", state.lead


async def test_what_to_have_ready_for_the_listing_visit_is_answered(profiles) -> None:
    said = "before the agent comes to look at our house, do we need to have any paperwork ready?"
    _, replies = await call(profiles, "real_estate", said)
    assert "survey" in replies[0] and "call you back" not in replies[0], replies


# -- our own call: not now, try later ----------------------------------------------------------------------


async def _outbound(profiles, profile: str, *lines: str):
    from frontdesk.brain.memory import InMemoryCustomers

    customers = InMemoryCustomers()
    customers.add("+15125550177", "Robin Hale")
    return await call(profiles, profile, *lines, phone="+15125550177", direction="outbound",
                      customers=customers)


async def test_a_busy_callee_who_names_a_time_is_called_then(profiles) -> None:
    for said in ("ugh, not a good time, I'm at the gym. could you try thursday? mornings are best",
                 "I'm on another call right now. tomorrow maybe? around five?"):
        state, replies = await _outbound(profiles, "dealership", said)
        tasks = [t for t in state.pending_tasks if t.task_type == "callback"]
        assert tasks and state.appointment is None, (said, replies)
        assert "What does your car need" not in replies[0], (said, replies)


async def test_call_back_then_said_to_buying_or_selling_is_the_call(profiles) -> None:
    state, replies = await _outbound(profiles, "real_estate", "yes",
                                     "call back friday evening when my husband's home, around six")
    assert [t for t in state.pending_tasks if t.task_type == "callback"], replies


async def test_text_me_instead_is_no_call_back(profiles) -> None:
    said = "I'm at work. can you just text me? I don't do calls"
    state, replies = await _outbound(profiles, "dealership", said)
    assert not [t for t in state.pending_tasks if t.task_type == "callback"], replies
    assert "text" in replies[0], replies


async def test_a_callee_who_doubts_we_have_the_right_person_is_told_who_we_are(profiles) -> None:
    state, replies = await _outbound(profiles, "dealership",
                                     "Riverside Motors? are you sure you've got the right person?")
    assert "wrong number" not in replies[0] and "Riverside Motors" in replies[0], replies
    assert not state.lead.do_not_call, replies


async def test_someone_who_will_never_call_us_is_no_stop_asked(profiles) -> None:
    _, replies = await _outbound(profiles, "dealership", "sure",
                                 "book it under my name, he'll never call you back anyway")
    assert "removed your number" not in " ".join(replies), replies


# -- a rambler's facts --------------------------------------------------------------------------------------


async def test_a_place_looked_for_to_rent_is_a_renter(profiles) -> None:
    said = "my son's starting a job in Round Rock, so we're looking for a place for him to rent, nothing big"
    state, _ = await call(profiles, "real_estate", said)
    assert state.lead.intent == "rent", state.lead


async def test_sell_the_one_and_buy_the_other_is_both(profiles) -> None:
    state, _ = await call(profiles, "real_estate", "we've got a house in Cedar Park, want a smaller one",
                          "honestly both, sell the one and buy the other")
    assert state.lead.intent == "both", state.lead


async def test_months_pregnant_is_no_timeline(profiles) -> None:
    state, _ = await call(profiles, "real_estate", "we want to buy in Pflugerville before the baby, I'm not "
                          "house hunting seven months pregnant")
    assert state.lead.timeline_months != 7, state.lead


async def test_a_call_back_asked_for_a_day_is_the_call(profiles) -> None:
    state, replies = await call(profiles, "dealership", "my wife's car needs an oil change",
                                "could someone just call back tonight after six? she picks the days")
    assert [t for t in state.pending_tasks if t.task_type == "callback"], replies
    assert state.appointment is None and "open" not in replies[1], replies


# -- said loosely, heard right ----------------------------------------------------------------------


async def test_a_part_of_the_day_the_caller_is_busy_in_is_not_the_calls(profiles) -> None:
    state, replies = await call(profiles, "dealership", "could you have Marcus give me a call?",
                                "evenings work, I'm at work all afternoon. it's Lena Ruiz")
    tasks = [t for t in state.pending_tasks if t.task_type == "callback"]
    assert tasks and "afternoon" not in replies[1] and "evening" in replies[1], replies


def test_hesitations_do_not_hide_that_no_lender_was_asked(profiles) -> None:
    from datetime import date

    from frontdesk.brain.nlu import understand

    u = understand("um we uh haven't um gone to a lender or anything yet", profiles["real_estate"],
                   date(2026, 11, 23), "timeline")
    assert u.financing == "not_started", u.financing
    u = understand("do we need the approval letter first? we're still working on it with our bank",
                   profiles["real_estate"], date(2026, 11, 23))
    assert u.financing == "in_progress", u.financing


def test_an_hour_asked_with_is_that_possible_is_the_hour(profiles) -> None:
    from datetime import date, time

    from frontdesk.brain.nlu import understand

    u = understand("ok what about tomorrow then like four is that possible", profiles["dealership"],
                   date(2026, 11, 23), "pick_alternative")
    assert u.time == time(16, 0), u.time


def test_a_part_told_after_but_is_the_work_wanted(profiles) -> None:
    from datetime import date

    from frontdesk.brain.nlu import understand

    said = "it started fine this time but the battery is old, I need a new one"
    u = understand(said, profiles["dealership"], date(2026, 11, 23))
    assert u.services == ["battery_replacement"], u.services


def test_what_we_do_said_back_is_no_lead(profiles) -> None:
    from datetime import date

    from frontdesk.brain.nlu import understand

    said = "oh ok so you guys just do buying and selling? no worries, thanks"
    u = understand(said, profiles["real_estate"], date(2026, 11, 23), "anything_else")
    assert u.lead_intent is None, u.lead_intent
    u = understand("what would it cost me to sell through y'all?", profiles["real_estate"],
                   date(2026, 11, 23))
    assert u.lead_intent == "sell", u.lead_intent


async def test_take_this_number_off_is_a_stop(profiles) -> None:
    state, replies = await _outbound(profiles, "dealership", "not really",
                                     "could you just take this number off please? nobody here drives it")
    assert state.lead.do_not_call, replies


async def test_a_person_asked_after_the_yes_comes_after_the_booking(profiles) -> None:
    state, replies = await call(profiles, "dealership", "I need a brake inspection Tuesday at 10", "Ana Ruiz",
                                "Tuesday at ten, yes. Now can you put me through to the manager?")
    assert state.appointment is not None and "all set" in replies[2], replies


async def test_one_kept_of_two_after_the_price_is_that_one(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "I need an oil change and how much is a detail? may as well do both",
                                "yikes, that's too much. just the oil then", "Friday at nine", "Sam Lee")
    assert state.booking_slots.services == ["oil_change"], (state.booking_slots, replies)
    assert "other thing" not in replies[1], replies


async def test_a_name_said_first_then_whose_it_is_is_the_name(profiles) -> None:
    state, replies = await call(profiles, "dealership", "two oil changes friday at eight, one's my husband's",
                                "Kim Duarte. You can put both under my name")
    assert state.booking_slots.customer_name == "Kim Duarte", replies


async def test_too_early_to_talk_is_answered_not_a_person_fetched(profiles) -> None:
    said = "we won't move till next summer. is it too soon to be talking to somebody?"
    state, replies = await call(profiles, "real_estate", said)
    assert "Not at all" in replies[0] and "One moment" not in replies[0], replies
    state, replies = await call(profiles, "real_estate", "we'd be selling", "okay, no rush then. "
                                "I'll reach out again in the fall, thanks")
    assert state.awaiting is None or "give us a call" in replies[1], replies


async def test_dont_cancel_it_with_its_own_day_and_hour_keeps_it(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 27, 13, 0))
    said = "oh wait, he just texted, he got the day off. don't cancel it, we'll be there friday at one"
    _, replies = await call(profiles, "real_estate", "I need to cancel the consultation friday", said,
                            calendar=calendar)
    assert [(a.status, a.start.hour) for a in calendar.appointments] == [("scheduled", 13)], replies
    assert "move it to" not in replies[1], replies


def test_where_to_text_taken_out_leaves_the_name_said_before_it(profiles) -> None:
    from datetime import date

    from frontdesk.brain.nlu import understand

    said = "put it under her name, Rosa Vidal, but text me at this number — her phone's never charged"
    u = understand(said, profiles["real_estate"], date(2026, 11, 23), "name")
    assert u.name == "Rosa Vidal", u.name


# -- corrections and someone else's facts ------------------------------------------------------------------


def test_corrections_of_an_hour_a_span_and_a_place_are_the_last_said(profiles) -> None:
    from datetime import date, time

    from frontdesk.brain.nlu import understand

    today = date(2026, 11, 23)
    said = "ten — no, not ten, I've got a call then. Eleven. Eleven works"
    u = understand(said, profiles["dealership"], today, "pick_alternative")
    assert u.time == time(11, 0), u.time
    u = understand("we'd buy in maybe two months, well, realistically five", profiles["real_estate"], today)
    assert u.timeline is not None and u.timeline[0] == 5.0, u.timeline
    said = "it was Round Rock at first, but now we're thinking Pflugerville"
    u = understand(said, profiles["real_estate"], today, "location")
    assert u.location == ("Pflugerville", True), u.location


def test_a_sticker_that_ran_out_months_ago_is_the_inspection_due(profiles) -> None:
    from datetime import date

    from frontdesk.brain.nlu import understand

    u = understand("my daughter's inspection sticker ran out back in march, nobody caught it",
                   profiles["dealership"], date(2026, 11, 23))
    assert u.services == ["state_inspection"], u.services


async def test_use_my_number_the_one_im_calling_from_is_where_not_a_question(profiles) -> None:
    said = "and just use my number, the one I'm calling from. if you call him it goes to voicemail"
    state, replies = await call(profiles, "dealership", "oil change for my son's car Friday at nine",
                                "Tyler Brandt", said, "yes")
    assert state.appointment is not None, replies
    assert not [t for t in state.pending_tasks if t.task_type == "callback"], replies


def test_selling_his_rental_is_a_sale_and_put_it_in_an_email_no_booking(profiles) -> None:
    from datetime import date

    from frontdesk.brain.nlu import understand

    today = date(2026, 11, 23)
    said = "my wife wants to sell her rental in Georgetown, the tenants leave in March"
    u = understand(said, profiles["real_estate"], today)
    assert u.lead_intent == "sell", u.lead_intent
    u = understand("just put it in an email for me, I'll read it tonight", profiles["real_estate"], today,
                   "location")
    assert u.intent != "book", u.intent


async def test_a_call_back_asked_as_the_easier_way_is_the_call(profiles) -> None:
    said = "it'd be simpler if somebody from service just called him back. tomorrow morning"
    state, replies = await call(profiles, "dealership", "my boss got a recall letter on his Camry", said)
    assert [t for t in state.pending_tasks if t.task_type == "callback"], replies
    assert state.appointment is None and "open" not in replies[1], replies
