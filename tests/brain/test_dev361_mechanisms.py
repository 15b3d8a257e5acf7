"""Mechanisms built in round 49 (sets 361 to 368), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

from datetime import datetime

from frontdesk.brain.memory import InMemoryCalendar
from frontdesk.brain.nlu.names import extract_name
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.timeline import extract_timeline
from tests.brain.calls import MONDAY, booked, call, heard, on_calendar

# -- how soon: a month the move is due by, said of the lease, the job, or put right ----------------------


def test_a_month_something_ends_is_the_timeline_not_the_week_of_the_meeting() -> None:
    for said, months in (
            ("our lease is up in March, so we need to buy before that. can we sit down with someone "
             "next week, like Tuesday?", 4.0),
            ("we're hoping to be all moved in by February", 3.0),
            ("my husband's start date was January, no wait, they pushed it back, it's March now", 4.0),
            ("probably in like tree months or so", 3.0),
            ("scratch that, his transfer came through early, it's more like two months now", 2.0)):
        found = extract_timeline(normalise(said), MONDAY)
        assert found is not None and found[0] == months, (said, found)


def test_a_span_lived_up_to_now_is_still_no_timeline() -> None:
    for said in ("we've been in this rental six months now", "we've had the house two years now"):
        assert extract_timeline(normalise(said), MONDAY) is None, said


async def test_a_timeline_put_right_in_a_later_turn_replaces_the_first(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "we want to sell our place in Round Rock in about a year",
                                "oh, actually no, her job moved things up. it's more like two months now")
    assert state.lead.timeline_months == 2.0, (state.lead, replies)


# -- weekdays as a transcript spells them ----------------------------------------------------------------


def test_a_misspelt_weekday_is_that_weekday(profiles) -> None:
    for said, day in (("can i get the oil done wendsday at 9", 2), ("thirsday around ten works", 3),
                      ("teusday at 3 please", 1), ("how about fridy morning at nine", 4),
                      ("saterday at 10", 5)):
        u = heard(profiles, "dealership", said, awaiting="date")
        assert u.date is not None and u.date.weekday() == day, (said, u.date)


def test_words_that_only_end_like_a_weekday_stay_as_they_are() -> None:
    for said in ("I'm ready today", "my daughter Sandy is driving", "it's a holiday, right?"):
        assert normalise(said).lower == said.lower(), said


async def test_a_move_to_a_misspelt_weekday_is_read_back(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 9, 0))
    state, replies = await call(profiles, "dealership",
                                "i got a oil change wensday at nine can we move it to fridy same time",
                                calendar=calendar)
    assert "Friday" in replies[0] and state.awaiting == "confirm_change", replies


# -- names: a month, a title, a surname put right, names the 1990 census missed -------------------------


def test_a_month_or_a_title_alone_is_no_name() -> None:
    for said in ("they moved the closing, it's October now", "I'm calling for my aunt, Mrs. Delgado",
                 "it's for Mr. Abernathy next door"):
        assert extract_name(normalise(said)) is None, said


def test_a_surname_put_right_takes_the_first_name_said_with_it() -> None:
    said = "Priya Shah. oh shoot, no, it's Mehta now, I got married in June. Priya Mehta."
    assert extract_name(normalise(said)) == "Priya Mehta"


def test_given_names_beyond_the_census_list_are_names() -> None:
    for said in ("Jun Park", "Arjun Patel", "Chidi Okonkwo", "Oksana Bilyk", "Ximena Duarte"):
        assert extract_name(normalise(said), expecting=True) == said, said


# -- two visits in one breath ---------------------------------------------------------------------------


async def test_the_car_named_later_takes_the_work_said_of_it_before(profiles) -> None:
    said = ("my daughter's Civic needs a tire rotation and my van is due for the state inspection. "
            "can we do the rotation Tuesday at nine and the van Wednesday at two?")
    calendar = InMemoryCalendar()
    _, replies = await call(profiles, "dealership", said, "Dana Ruiz", "yes", "yes", calendar=calendar)
    mine = [(a.start.strftime("%a %H:%M"), a.request.service_type) for a in calendar.appointments]
    assert mine == [("Tue 09:00", "tire_rotation"), ("Wed 14:00", "state_inspection")], replies


async def test_the_other_one_right_after_is_a_second_showing(profiles) -> None:
    said = "we want to see two houses in Cedar Park Saturday. one at ten and the other one at eleven?"
    calendar = InMemoryCalendar()
    _, replies = await call(profiles, "real_estate", said, "Mei Lin", "yes", "yes", calendar=calendar)
    mine = [(a.start.strftime("%a %H:%M"), a.request.appointment_type) for a in calendar.appointments]
    assert mine == [("Sat 10:00", "property_showing"), ("Sat 11:00", "property_showing")], replies


# -- the car and the work -------------------------------------------------------------------------------


async def test_a_lot_car_talked_of_by_a_buyer_is_a_test_drive(profiles) -> None:
    said = "my son's shopping for his first truck and he's got his eye on that F-150 you have"
    state, replies = await call(profiles, "dealership", said)
    assert state.booking_slots.appointment_type == "test_drive", replies
    assert "service appointment or a test drive" not in replies[0], replies


def test_kicking_the_tires_is_no_tire_work(profiles) -> None:
    u = heard(profiles, "dealership", "I'll come along too, I'm just the guy who kicks the tires")
    assert "tire_rotation" not in u.services, u.services


def test_a_van_owned_is_no_work_done(profiles) -> None:
    u = heard(profiles, "dealership", "we got a delivery van and the brakes started grinding this week")
    assert u.services == ["brake_inspection"], u.services


# -- our own calls --------------------------------------------------------------------------------------


async def test_text_me_when_busy_asks_when_and_a_meeting_picked_then_is_booked(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "can you just text me? I'm driving right now",
                                "fine, let's just set something up so nobody has to call me back. "
                                "Wednesday at four, to meet with an agent",
                                direction="outbound")
    assert "better time" in replies[0] and not state.ended, replies
    assert state.booking_slots.preferred_date == "2026-11-25" and state.pending_callback is None, replies


async def test_text_me_from_someone_who_never_takes_calls_still_ends_politely(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "just text me instead, I don't do phone calls",
                                direction="outbound")
    assert state.ended and "texts" in replies[0], replies


async def test_is_it_about_the_car_on_our_call_says_what_the_call_is_about(profiles) -> None:
    _, replies = await call(profiles, "dealership", "is it about the car?", direction="outbound")
    assert "due for service" in replies[0] and "priced at" not in replies[0], replies


async def test_he_will_call_you_himself_takes_no_call_back(profiles) -> None:
    state, replies = await call(profiles, "dealership", "this is his son, he's at work",
                                "I'll let him know, he can call you guys back himself", direction="outbound")
    assert state.ended and state.pending_callback is None, replies
    assert not any(t.task_type == "callback" for t in state.pending_tasks), replies


# -- heard loosely --------------------------------------------------------------------------------------


async def test_a_move_said_back_by_its_part_of_the_day_is_the_yes(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 28, 10, 0))
    _, replies = await call(profiles, "real_estate",
                            "i have a showing saturday at ten can we push it to three",
                            "yeah to in the afternoon that works", calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 15:00", "scheduled")], replies


def test_show_us_those_is_a_showing(profiles) -> None:
    u = heard(profiles, "real_estate", "we found three houses in Georgetown we like. "
              "could somebody show us those on Friday?")
    assert u.appointment_type == "property_showing", u.appointment_type


def test_pretty_much_our_max_caps_the_budget(profiles) -> None:
    u = heard(profiles, "real_estate", "three twenty five is pretty much our max")
    assert u.budget == (None, 325_000), u.budget


async def test_a_price_range_asked_by_a_figure_is_answered(profiles) -> None:
    said = "would y'all even handle something under two hundred thousand?"
    _, replies = await call(profiles, "real_estate", said)
    assert "150,000" in replies[0], replies


# -- work said done, prices by sound, one more visit beside the one on file -------------------------------


def test_a_service_said_done_in_the_next_breath_is_not_wanted_nor_priced(profiles) -> None:
    u = heard(profiles, "dealership", "is this about the tires? we just got those rotated. "
              "we actually had that done last week", awaiting="permission")
    assert u.services == [] and "price_question" not in u.flags, (u.services, u.flags)
    u = heard(profiles, "dealership", "I need the oil changed. I had that done in June so it's due again")
    assert u.services == ["oil_change"], u.services


def test_a_price_said_by_its_sound_is_the_price(profiles) -> None:
    u = heard(profiles, "real_estate", "we're thinking like to fifty to three hundred", awaiting="budget")
    assert u.budget == (250_000, 300_000), u.budget


async def test_one_more_showing_tacked_on_after_the_one_on_file_is_booked_beside_it(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 28, 10, 0))
    told = "we've got a showing with you Saturday at ten and we just saw another one we like"
    _, replies = await call(profiles, "real_estate", told,
                            "can we tack that one on right after? like eleven?", "Noor Haddad",
                            "Noor Haddad, and yes, keep the ten o'clock too", calendar=calendar)
    both = [("Sat 28 10:00", "scheduled"), ("Sat 28 11:00", "scheduled")]
    assert on_calendar(calendar, sort=True) == both, replies


def test_an_hour_said_with_same_morning_is_that_hour(profiles) -> None:
    for said in ("like eleven, same morning?", "like eleven, same day, if you can"):
        u = heard(profiles, "real_estate", said, awaiting="anything_else")
        assert u.time is not None and u.time.hour == 11, (said, u.time)


# -- set 369 to 372: a booking no longer needed, only finding out, a weekday said again ---------------------


async def test_a_cancel_asked_mid_booking_goes_to_the_booking_on_file(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 25, 16, 0))
    _, replies = await call(profiles, "real_estate", "hi, we have a showing with y'all Wednesday at four",
                            "and we'd love to come in sometime too", "oh wait, never mind, we won't need "
                            "the showing, we're under contract on another place. you can cancel it", "yes",
                            calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 16:00", "cancelled")], replies


async def test_news_of_a_home_bought_elsewhere_reads_back_the_cancel(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 27, 11, 0))
    _, replies = await call(profiles, "real_estate", "calling about our showing Friday at eleven",
                            "so funny story, we got an offer accepted on a different house last night!",
                            calendar=calendar)
    assert "cancel" in replies[1] and on_calendar(calendar) == [("Fri 27 11:00", "scheduled")], replies


async def test_only_finding_out_books_nothing(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "would an agent do a showing on a Sunday if we found a place we liked?",
                                "ok. we're not even ready yet, just wanted to know. thanks")
    assert "openings" in replies[0], replies
    assert state.appointment is None and "won't book" in replies[-1], replies


def test_a_dated_weekday_said_again_after_a_doubt_keeps_its_date(profiles) -> None:
    said = "hmm, Wednesday the 2nd? or Thursday... no, Wednesday. Wednesday at ten"
    u = heard(profiles, "real_estate", said, awaiting="pick_alternative")
    assert u.date is not None and u.date.isoformat() == "2026-12-02", u.date


async def test_an_errand_on_one_day_leaves_the_other_day_of_that_week(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "I'd like to meet with an agent about buying in Austin, "
                                "Tuesday or Wednesday next week, whichever you've got",
                                "mornings are better, like ten? and let's say Wednesday, I'm getting my "
                                "teeth cleaned Tuesday")
    assert state.booking_slots.preferred_date == "2026-12-02", replies


async def test_what_a_fee_comes_off_and_who_may_come_along_are_answered(profiles) -> None:
    _, replies = await call(profiles, "dealership", "if y'all find the problem, does the diagnostic charge "
                            "get knocked off the bill?")
    assert "goes toward" in replies[0], replies
    _, replies = await call(profiles, "real_estate", "is it okay if my husband comes too?")
    assert "Of course" in replies[0], replies


def test_the_town_a_home_was_sold_in_is_not_where_they_buy(profiles) -> None:
    u = heard(profiles, "real_estate", "we'll pay cash, we just closed on our old house in Dallas")
    assert u.location is None, u.location


# -- set 373 to 380: two visits put right at the first's read back, a move said with a can't-make-it -------


async def test_the_second_visit_put_right_at_the_first_read_back_keeps_the_first(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(profiles, "dealership",
                            "two things: an oil change Tuesday at nine, and I want to test drive that F-150 "
                            "you have, Tuesday too, around four",
                            "Ana Ruiz", "shoot, four won't work. can we do the test drive Wednesday at four "
                            "instead? the oil change can stay Tuesday morning", "yes, both of those",
                            calendar=calendar)
    mine = [(a.start.strftime("%a %H:%M"), a.request.appointment_type) for a in calendar.appointments]
    assert mine == [("Tue 09:00", "service"), ("Wed 16:00", "test_drive")], replies


async def test_one_at_ten_one_at_eleven_is_two_showings(profiles) -> None:
    calendar = InMemoryCalendar()
    said = "we'd like to see two houses in Georgetown on Saturday. one at ten, one at eleven"
    _, replies = await call(profiles, "real_estate", said, "Dev Patel", "yes",
                            "yep. ten and eleven, you got it", calendar=calendar)
    hours = sorted(a.start.strftime("%a %H:%M") for a in calendar.appointments)
    assert hours == ["Sat 10:00", "Sat 11:00"], replies


async def test_cant_make_it_with_a_new_hour_moves_the_booking(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 27, 16, 0))
    said = ("hey, I've got a showing set up Friday at four and I'm not going to make it off work in "
            "time. could we push it to five instead?")
    _, replies = await call(profiles, "real_estate", said, "yes", calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 17:00", "scheduled")], replies


async def test_a_booking_said_to_be_there_already_is_no_cancel(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 26, 15, 0))
    _, replies = await call(profiles, "real_estate", "hi, I have a showing Thursday at three already",
                            calendar=calendar)
    assert "cancel" not in replies[0] and on_calendar(calendar) == [("Thu 26 15:00", "scheduled")], replies


async def test_one_of_two_told_moved_by_its_work_while_the_other_is_left(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 27, 10, 0))
    await booked("dealership", "state_inspection", datetime(2026, 11, 27, 15, 0), calendar=calendar)
    _, replies = await call(profiles, "dealership",
                            "I've got two things with y'all Friday, the oil change and the inspection",
                            "I need to shift just the inspection to Monday, same time. "
                            "leave the oil change where it is", "yes", calendar=calendar)
    both = [("Fri 27 10:00", "scheduled"), ("Mon 30 15:00", "scheduled")]
    assert on_calendar(calendar, sort=True) == both, replies


def test_words_heard_in_sets_373_to_380(profiles) -> None:
    said = "yes, hello, this is, um, Walter Brandt. it's about my truck"
    assert extract_name(normalise(said)) == "Walter Brandt"
    assert extract_name(normalise("that's right. thank you, young man."), expecting=True) is None
    assert heard(profiles, "real_estate", "so she says four hundred, I say four-fifty, somewhere in there",
                 awaiting="budget").budget == (400_000, 450_000)
    assert heard(profiles, "real_estate", "my in-laws sold their place in Temple and want to move near us, "
                 "to Georgetown").location == ("Georgetown", True)
    assert heard(profiles, "real_estate", "under four hundred, and we still need to get pre-approved",
                 awaiting="financing").financing == "not_started"
    assert heard(profiles, "real_estate", "I'm more thinking about selling my townhouse than buying right now"
                 ).lead_intent == "sell"
    found = extract_timeline(normalise("we have to be moved in by mid-February"), MONDAY)
    assert found == (3.0, "by mid-february"), found
    assert extract_timeline(normalise("we're probably not moving for about six months"), MONDAY)[0] == 6.0
    u = heard(profiles, "dealership", "you guys left me a voicemail Monday. can I get the oil done Friday?")
    assert u.date is not None and u.date.weekday() == 4, u.date
    u = heard(profiles, "real_estate", "I'm a first-time buyer looking at condos near downtown")
    assert u.appointment_type != "property_showing", u.appointment_type
