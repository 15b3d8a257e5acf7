"""Mechanisms built in round 39 (sets 289 to 292), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import date, datetime, time

from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

FRIDAY_NOV_27_10 = datetime(2026, 11, 27, 10, 0)


def test_work_one_would_like_is_work_asked_not_a_comparison(profiles) -> None:
    # "I'd like the tires done" wants the tires; only a smell or a sound "like" something compares
    for said, wanted in (("hi, I'd like the tires done on thursday if you can", ["tire_rotation"]),
                         ("we would also like the brakes looked at while it's there", ["brake_inspection"]),
                         ("there's a smell kinda like hot oil when I park it", ["diagnostic"])):
        assert _u(profiles, "dealership", said, None).services == wanted, said


def test_the_day_of_the_month_said_as_a_plain_number(profiles) -> None:
    # "twenty-eight of February" (as many speakers of other languages say it) is the 28th, and
    # its number is no hour
    u = _u(profiles, "dealership", "Tuesday, eight of December, four o'clock in the afternoon please", "date")
    assert (u.date, u.time) == (date(2026, 12, 8), time(16, 0))
    assert _u(profiles, "real_estate", "we can do the thirty of november at ten", "date").date == date(
        2026, 11, 30)


def test_an_hour_kept_beside_a_thing_on_another_day_or_after_a_question(profiles) -> None:
    for said, hour in (("Wednesday at ten in the morning. I have my physical therapy on the Thursday.", 10),
                       ("Could we do the 1st? At nine. I have my hair appointment in the afternoons.", 9),
                       ("Is Friday good for work? Around eight in the morning, I like to be early.", 8)):
        assert _u(profiles, "dealership", said, "date").time == time(hour, 0), said
    # the thing at that very hour still rules it out
    assert _u(profiles, "dealership", "Wednesday at ten. I have the dentist at ten.", "date").time is None


async def test_a_question_that_stops_the_cancel_keeps_the_visit(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", FRIDAY_NOV_27_10)
    _, replies = await call(
        profiles, "real_estate",
        "hi, I need to cancel my consultation on Friday",
        "hang on. I only wanted to cancel since we haven't got a loan yet. "
        "do we need to be pre-approved first?",
        "oh okay, then leave it as it is",
        calendar=calendar)
    assert "lender" in replies[1].lower() and "cancelled" not in replies[1], replies  # answered
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled")], replies
    # an explicit yes with a question is still the yes
    assert _u(profiles, "dealership", "wait, yes that's right. do you guys have a shuttle?",
              "confirm_booking").affirm


def test_the_most_said_before_its_figure_is_the_top(profiles) -> None:
    u = _u(profiles, "real_estate", "around three hundred eighty thousand, maximum four twenty", "budget")
    assert u.budget == (380_000, 420_000)
    top = _u(profiles, "real_estate", "four hundred max, three fifty would be nicer", "budget").budget
    assert top is not None and top[1] == 400_000


async def test_a_loan_not_gone_for_and_a_yes_to_meet_are_no_approval(profiles) -> None:
    state, _ = await call(profiles, "real_estate",
                          "we want buy a condo in Austin, near of my job",
                          "maybe two hundred fifty. and we don't go to the bank yet")
    assert state.lead.financing == "not_started"
    state, replies = await call(profiles, "real_estate",
                                "we want buy a condo in Austin", "in four months more or less",
                                "Yes, we can come and meet the agent, Saturday at ten is good")
    assert state.lead.financing is None, replies


def test_a_car_not_to_be_driven_far_is_no_test_drive(profiles) -> None:
    for said in ("tomorrow at nine? I'd rather not drive it far like this",
                 "I don't want to drive it much until it's fixed"):
        assert _u(profiles, "dealership", said, "date").appointment_type != "test_drive", said
    assert _u(profiles, "dealership", "can I come drive the Outback on Saturday", None).appointment_type == (
        "test_drive")


async def test_another_day_said_for_the_visit_just_told_moves_it(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", FRIDAY_NOV_27_10)
    _, replies = await call(
        profiles, "real_estate",
        "hi, someone's coming out Friday at ten to look at our house, and my husband wants to be there",
        "he's free Mondays, so Monday the 30th, same time",
        "yes please", calendar=calendar)
    assert on_calendar(calendar) == [("Mon 30 10:00", "scheduled")], replies  # moved, not a second visit
    # a visit checked is not moved ("and that's definitely Friday? my wife says Monday")
    calendar = await booked("dealership", "oil_change", FRIDAY_NOV_27_10)
    _, replies = await call(profiles, "dealership", "calling to check on my oil change",
                            "and it's definitely Friday? my wife swears it was Monday", calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled")], replies
    # a second visit asked for in so many words is still a second one
    calendar = await booked("dealership", "oil_change", FRIDAY_NOV_27_10)
    _, replies = await call(profiles, "dealership", "is my oil change still on for friday?",
                            "great. can I also bring my wife's car monday at nine for a tire rotation?",
                            calendar=calendar)
    assert "move" not in replies[-1].lower(), replies


def test_a_home_to_be_valued_or_a_smaller_one_is_a_sale(profiles) -> None:
    for said in ("the kids are gone and we're thinking of downsizing, what might we get for our home?",
                 "what could we ask for our condo these days?"):
        assert _u(profiles, "real_estate", said, None).lead_intent == "sell", said
    assert _u(profiles, "real_estate", "my parents are downsizing and we may buy their house",
              None).lead_intent == "buy"


def test_renting_or_buying_not_decided_is_a_buyer_weighing_it(profiles) -> None:
    u = _u(profiles, "real_estate", "we're relocating and we're torn between renting or buying", None)
    assert u.lead_intent == "buy"
    assert _u(profiles, "real_estate", "we'd like to rent for a year or so before we buy anything",
              None).lead_intent == "rent"


def test_someone_to_talk_to_about_the_move_is_a_meeting_not_a_person_now(profiles) -> None:
    for said in ("we never bought before. we want to sit down with an agent, to understand how it works",
                 "I think talking with someone would really help. could we do Thursday at four?"):
        assert _u(profiles, "real_estate", said, "date").intent in {"book", "lead"}, said
    assert _u(profiles, "real_estate", "I want to talk to a real person now, it would help", None).intent == (
        "escalation")


def test_not_till_a_season_is_that_season(profiles) -> None:
    from frontdesk.brain.nlu.text import normalise
    from frontdesk.brain.nlu.timeline import extract_timeline

    said = normalise("still looking but not until the summer, when my daughter finishes the school year")
    assert extract_timeline(said, date(2026, 11, 23)) == (7.0, "until the summer")  # June, from November


def test_a_home_on_our_website_to_see_is_the_buying_side(profiles) -> None:
    u = _u(profiles, "real_estate", "we need to sell our place in Cedar Park, and there's a townhouse "
           "on your website in Round Rock we'd love to tour", None)
    assert u.lead_intent == "both"
    found = _u(profiles, "real_estate", "our buyers found our house on your website", None)
    assert found.lead_intent != "buy"


async def test_the_same_day_as_the_visit_told_is_that_day(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", FRIDAY_NOV_27_10)
    state, replies = await call(
        profiles, "real_estate", "hi, is my showing still on for Friday?",
        "great. can we also sit down with an agent afterwards about buying in general?",
        "same day, right after, eleven?", calendar=calendar)
    slots = state.booking_slots
    assert (slots.preferred_date, slots.preferred_time) == ("2026-11-27", "11:00"), replies


async def test_our_street_checked_is_the_address_asked(profiles) -> None:
    _, replies = await call(profiles, "dealership", "you guys are off River, right? what's the number there?")
    assert "1200 River Road" in replies[-1] and "don't have" not in replies[-1], replies


async def test_a_call_back_asked_first_then_a_visit_gets_both(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "two things. could Marcus call me back tomorrow morning about my warranty? and I also need the tires "
        "rotated, Wednesday at ten if possible",
        "Lena Ortiz", "yes")
    assert state.appointment is not None and state.appointment.scheduled_time == "10:00", replies
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies


def test_what_the_whole_library_run_caught(profiles) -> None:
    # a comparison after a comma is still one ("… like something burning, like hot oil"); a "no,
    # wait" with a new hour at the cancel read back changes it, it asks nothing; the lender's paper
    # given is a pre-approval
    smell = _u(profiles, "dealership", "there's a smell, kind of burning, like hot oil, when I stop", None)
    assert smell.services == ["diagnostic"]
    u = _u(profiles, "dealership", "no, wait, don't cancel it. could I come later, like two? is two open?",
           "confirm_change")
    assert u.time == time(14, 0) and u.intent != "faq"
    paper = _u(profiles, "real_estate", "the credit union already gave us the paper for it", None)
    assert paper.financing == "pre_approved"
