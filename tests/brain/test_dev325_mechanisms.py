"""Mechanisms built in round 45's second batch (sets 325 to 328), each checked here on fresh
phrasings, not the sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from frontdesk.brain.memory import InMemoryCalendar
from tests.brain.calls import call, on_calendar
from tests.brain.calls import heard as _u

# -- a call asked beside a booking ---------------------------------------------------------------------


async def test_somebody_needs_to_call_me_beside_a_booking_books_then_calls(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "I want a battery replacement Wednesday at ten. and, unrelated, someone should call me about the "
        "warranty on my transmission",
        "Rosa Diaz", "yes", "tomorrow afternoon",
        calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 10:00", "scheduled")], replies
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies


async def test_id_love_for_a_salesperson_to_call_beside_a_booking(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "could I get a tire rotation Tuesday at two? and I'd love for a sales rep to call me about "
        "trading in my truck, evenings are best",
        "Omar Haddad", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Tue 24 14:00", "scheduled")], replies
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies


async def test_tell_her_to_call_then_a_showing_asked_books_the_showing(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "real_estate",
        "hi, can you tell Priya to give me a ring? and also we'd love to see the place on Oak Hollow, Friday "
        "at eleven",
        "Ana Cruz", "yes", "this afternoon",
        calendar=calendar)
    assert ("Fri 27 11:00", "scheduled") in on_calendar(calendar), replies
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies


def test_a_person_let_go_in_the_same_breath_is_no_transfer(profiles) -> None:
    u = _u(profiles, "dealership", "is Marcus around? ah, never mind him, you can probably just handle this. "
           "oil change Friday at eight")
    assert u.intent == "book" and u.services == ["oil_change"], (u.intent, u.services)


async def test_a_name_said_with_a_goodbye_to_the_call_back_name_ask_is_kept(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "I'm not booking today, just have someone from sales call me back tomorrow morning about the red "
        "Tacoma",
        "nope, that's all, only the call back. it's Lena Ford")
    assert state.customer.name == "Lena Ford", replies


# -- loans, budgets and places ----------------------------------------------------------------------------


def test_lenders_being_talked_to_is_financing_under_way(profiles) -> None:
    for text in ("we're talking with a few banks right now to see who's best",
                 "I'm chatting with a lender, no letter yet though, I don't have the letter yet"):
        assert _u(profiles, "real_estate", text, awaiting="financing").financing == "in_progress", text


def test_cash_put_right_to_a_loan_is_the_loan(profiles) -> None:
    u = _u(profiles, "real_estate", "we'd pay cash — no wait, sorry, we'll need a mortgage, haven't "
           "started on that yet")
    assert u.financing == "not_started", u.financing


def test_a_budget_stretched_after_a_stop(profiles) -> None:
    u = _u(profiles, "real_estate", "I can't go over like two-twenty. two-forty if I really have to",
           awaiting="budget")
    assert u.budget == (220000, 240000), u.budget
    u = _u(profiles, "real_estate", "our budget's two hundred thousand. Maybe two-twenty")
    assert u.budget == (200000, 220000), u.budget


def test_a_road_by_its_number_is_no_budget(profiles) -> None:
    u = _u(profiles, "real_estate", "we're buying, under five hundred, let's say under four-fifty. and "
           "actually not Austin itself. Round Rock. my commute's up 183.")
    assert u.budget == (None, 450000), u.budget


def test_a_place_set_on_before_and_changed_is_the_new_one(profiles) -> None:
    u = _u(profiles, "real_estate", "we were pretty set on Round Rock, but after driving around, nah. "
           "Pflugerville. we want Pflugerville")
    assert u.location == ("Pflugerville", True), u.location


def test_an_investor_in_rentals_of_a_kind_buys(profiles) -> None:
    u = _u(profiles, "real_estate", "we invest in small multifamily rentals and want more in Georgetown")
    assert u.lead_intent == "buy", u.lead_intent


def test_sell_it_and_get_another_is_both(profiles) -> None:
    u = _u(profiles, "real_estate", "we outgrew the townhouse, we have to sell it and get a house, honestly")
    assert u.lead_intent == "both", u.lead_intent


def test_within_the_month_or_so_is_a_month(profiles) -> None:
    u = _u(profiles, "real_estate", "we'd like to list within the month or so")
    assert u.timeline is not None and u.timeline[0] == 1.0, u.timeline


# -- the service desk --------------------------------------------------------------------------------------


def test_detail_asked_then_the_mess_told_is_still_a_detail(profiles) -> None:
    u = _u(profiles, "dealership", "I need the van detailed, my kid threw up in the third row on the road "
           "trip. Friday at nine?")
    assert u.services == ["detailing"], u.services


def test_a_walk_in_question_beside_a_booking_is_not_its_work(profiles) -> None:
    u = _u(profiles, "dealership", "my battery light keeps flickering, could someone check it out Tuesday at "
           "ten? also, for next time, can I just drop in for a tire rotation or do I always need to book")
    assert u.services == ["diagnostic"] or "battery_replacement" in u.services, u.services
    assert "tire_rotation" not in u.services, u.services


async def test_swinging_by_some_morning_instead_books_nothing(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "dealership",
        "how long's an oil change take? do I need an appointment for that?",
        "ok, I'll probably just swing by one morning next week then, thanks",
        calendar=calendar)
    assert on_calendar(calendar) == [], replies
    assert "name" not in replies[-1], replies


def test_letters_said_to_be_wrong_spell_no_part_of_the_name() -> None:
    from frontdesk.brain.nlu.spelling import respelled
    from frontdesk.brain.nlu.text import normalise
    fixed = respelled(normalise("no, N-I-A-M-H, not N-E-E. and Neal with an a"), "Niamh Neal")
    assert fixed in {None, "Niamh Neal"}, fixed
