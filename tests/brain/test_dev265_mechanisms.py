"""Mechanisms built in round 36 from sets 265 to 268 (a booking on file told beside a new ask,
leads who give their money and their time in pieces, callers who leave to call back), each
checked here on fresh phrasings, not the sets' own words.
The clock is Monday 23 November 2026, nine in the morning (Thanksgiving is Thursday the 26th).
"""

from __future__ import annotations

from datetime import datetime

from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

WEDNESDAY_NOV_25_10 = datetime(2026, 11, 25, 10, 0)
FRIDAY_NOV_27_16 = datetime(2026, 11, 27, 16, 0)
SATURDAY_NOV_28_11 = datetime(2026, 11, 28, 11, 0)


# -- a lead's money, said in pieces ------------------------------------------------------------------


def test_the_low_end_said_alone_then_the_top(profiles) -> None:
    u = _u(profiles, "real_estate",
           "the low end of our range is two seventy-five, nothing livable under that", "budget")
    assert u.budget == (None, 275_000) and "budget_floor" in u.flags
    both = _u(profiles, "real_estate", "we'd start at about three-twenty, and four hundred is the top",
              "budget")
    assert both.budget == (320_000, 400_000)


async def test_a_low_end_is_kept_when_the_top_comes_next(profiles) -> None:
    state, _replies = await call(
        profiles, "real_estate",
        "we're buying in Cedar Park",
        "at least three hundred, there's nothing decent under that",
        "the most we'd do is three-sixty",
    )
    assert (state.lead.budget_min, state.lead.budget_max) == (300_000, 360_000)


def test_a_lenders_figure_the_caller_wont_spend_is_no_budget(profiles) -> None:
    u = _u(profiles, "real_estate",
           "the bank approved us up to five-fifty but we're not going anywhere near that")
    assert u.budget is None
    kept = _u(profiles, "real_estate", "we're approved for nine hundred but six is the number for us")
    assert kept.budget == (None, 600_000)


def test_what_they_would_spend_after_an_approval_they_wont_max(profiles) -> None:
    u = _u(profiles, "real_estate", "we qualified for five hundred but we don't want to max it out. maybe "
                                    "between four and, um, four-forty? four-sixty, that's the real top")
    assert u.budget == (400_000, 460_000)


def test_call_it_settles_the_figure(profiles) -> None:
    u = _u(profiles, "real_estate", "we want to stay under four, call it three seventy-five", "budget")
    assert u.budget == (None, 375_000)


# -- how they pay ------------------------------------------------------------------------------------


def test_a_loan_still_to_come_is_under_way(profiles) -> None:
    for said in ("the lender says we should have the approval letter by friday",
                 "not approved yet, we just filled out the application with our bank"):
        assert _u(profiles, "real_estate", said).financing == "in_progress", said
    assert _u(profiles, "real_estate", "we haven't applied for a mortgage yet").financing == "not_started"


def test_a_sale_paying_beside_a_loan_is_no_cash_buyer(profiles) -> None:
    assert _u(profiles, "real_estate", "the condo money plus a little loan, we haven't applied yet"
              ).financing == "not_started"
    assert _u(profiles, "real_estate", "we'll buy it with what the house brings, we don't want a loan"
              ).financing == "cash"


# -- who they are and where they look ----------------------------------------------------------------


def test_a_sale_with_the_next_step_undecided_is_a_seller(profiles) -> None:
    u = _u(profiles, "real_estate", "we're listing our place in Georgetown, and after that maybe we buy "
                                    "something or maybe we rent, we're not sure")
    assert u.lead_intent == "sell"


def test_a_renter_not_buying_for_a_while(profiles) -> None:
    u = _u(profiles, "real_estate",
           "we won't be buying again for a while, we just need a rental in Round Rock")
    assert u.lead_intent == "rent"


def test_rentals_owned_are_not_where_an_investor_looks(profiles) -> None:
    u = _u(profiles, "real_estate", "we own three rentals out in Pflugerville and we're shopping for a "
                                    "fourplex in Georgetown")
    assert u.location == ("Georgetown", True)


def test_a_month_named_after_a_season_settles_the_timeline(profiles) -> None:
    u = _u(profiles, "real_estate", "sometime in the spring, before the baby comes, so by April", "timeline")
    assert u.timeline is not None and u.timeline[0] == 5.0


def test_someone_looking_at_our_place_is_a_listing_visit(profiles) -> None:
    u = _u(profiles, "real_estate", "could somebody take a look at our townhouse Thursday at two?")
    assert u.appointment_type == "listing_appointment"


def test_who_pays_the_agent_asks_the_fee(profiles) -> None:
    u = _u(profiles, "real_estate", "who pays the realtor in all this?")
    assert u.intent != "identity"


# -- leaving, deferring, asking for a person ---------------------------------------------------------


async def test_a_lead_who_will_call_back_is_let_go(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "we're thinking about selling, what's your commission like?",
        "alright, let me run it by my wife and we'll give you a call back",
    )
    assert state.ended and "?" not in replies[-1], replies


def test_talking_to_someone_about_buying_is_a_meeting(profiles) -> None:
    u = _u(profiles, "real_estate",
           "we'd like to talk with one of your agents about buying, maybe Friday at ten?")
    assert u.intent in {"book", "lead"}  # a meeting (asked now, or after the lead's questions), no transfer
    assert _u(profiles, "real_estate", "can I talk to somebody about selling right now, a real person"
              ).intent == "escalation"


async def test_no_thanks_bye_to_the_times_offered_books_nothing(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "can I get the brakes looked at wednesday",
        "nah, I'm good, thanks. bye",
    )
    assert state.ended and state.appointment is None, replies


def test_first_said_of_what_the_caller_does_picks_no_time(profiles) -> None:
    from frontdesk.brain.agents.offered import pick_offered
    offered = [datetime(2026, 11, 25, 9, 0), datetime(2026, 11, 25, 11, 0)]
    assert pick_offered(offered, _u(profiles, "dealership", "I'll ask my brother first",
                                    "pick_alternative")) is None
    assert pick_offered(offered, _u(profiles, "dealership", "the first one's fine", "pick_alternative")
                        ) == offered[0]


def test_a_meeting_had_is_no_callback_day(profiles) -> None:
    u = _u(profiles, "real_estate", "could Sarah call me? we spoke with her on Wednesday about the condo")
    assert u.date is None


# -- a booking on file told beside a new ask ---------------------------------------------------------


async def test_a_new_visit_takes_its_own_hour_not_the_one_on_file(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", FRIDAY_NOV_27_16)
    _state, replies = await call(
        profiles, "real_estate",
        "we're touring a house with y'all Friday at four, and I'd love to meet an agent before that, "
        "say two that same day?",
        "Austin",
        "Dana Flores",
        "yes please",
        calendar=calendar,
    )
    assert "2 PM" in replies[-2] and "consultation" in replies[-2], replies
    assert on_calendar(calendar, sort=True) == [("Fri 27 14:00", "scheduled"), ("Fri 27 16:00", "scheduled")]


async def test_another_kind_asked_by_could_someone_is_a_new_visit(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", FRIDAY_NOV_27_16)
    _state, replies = await call(
        profiles, "real_estate",
        "we're seeing a home with your agent Friday at four. could someone come value our condo "
        "that morning at ten?",
        "it's in Round Rock",
        "Dana Flores",
        "yes",
        calendar=calendar,
    )
    assert "move" not in " ".join(replies).lower(), replies
    both = [("Fri 27 10:00", "scheduled"), ("Fri 27 16:00", "scheduled")]
    assert on_calendar(calendar, sort=True) == both, replies


async def test_the_one_told_as_a_plan_moved_earlier(profiles) -> None:
    calendar = await booked("dealership", "test_drive", SATURDAY_NOV_28_11, vehicle="2024 Tesla Model 3")
    _state, replies = await call(
        profiles, "dealership",
        "I'm test driving the Tesla with y'all Saturday at eleven, could we make it ten thirty instead?",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Sat 28 10:30", "scheduled")], replies


async def test_work_added_to_the_visit_on_file_is_not_booked_twice(profiles) -> None:
    calendar = await booked("dealership", "oil_change", WEDNESDAY_NOV_25_10, vehicle="2018 Honda Pilot")
    _state, replies = await call(
        profiles, "dealership",
        "I've got the Pilot coming in Wednesday at ten for an oil change. since it's in there, could "
        "you guys check the battery too?",
        "Dana Flores",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Wed 25 10:00", "scheduled")], replies
    assert "battery" in replies[-1].lower(), replies
    # read back as the visit grown, not as a second booking
    assert "added to your oil change" in replies[-2] and "Shall I add it?" in replies[-2], replies


async def test_an_hours_question_beside_a_booking_told_is_answered(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", FRIDAY_NOV_27_16)
    _state, replies = await call(
        profiles, "real_estate",
        "I'm down for a showing Friday at four. what time do y'all close on Saturdays?",
        calendar=calendar,
    )
    assert "7 PM" in replies[0], replies


# -- the second batch (sets 269 to 272) --------------------------------------------------------------


def test_my_names_as_a_line_hears_it(profiles) -> None:
    u = _u(profiles, "dealership", "yeah hi my names marcus webb im calling about my truck")
    assert u.name == "Marcus Webb"


def test_a_statement_with_a_tag_is_a_question(profiles) -> None:
    u = _u(profiles, "real_estate", "we dont need an agent to buy a house do we")
    assert u.intent == "faq" or any(a.intent == "faq" for a in u.acts)


def test_not_yet_talked_to_a_bank_is_not_started(profiles) -> None:
    assert _u(profiles, "real_estate", "we haven't even talked to a lender yet").financing == "not_started"


async def test_the_place_asked_about_is_the_one_ruled_on(profiles) -> None:
    _state, replies = await call(profiles, "real_estate", "do y'all work in Hutto or only Round Rock?")
    assert "Hutto is outside" in replies[0], replies


async def test_a_booking_told_then_off_the_list_is_cancelled(profiles) -> None:
    calendar = await booked("dealership", "test_drive", SATURDAY_NOV_28_11, vehicle="2024 Tesla Model 3")
    _state, replies = await call(
        profiles, "dealership",
        "I've got a test drive booked for Saturday on the Tesla but we went with a Honda, so take me "
        "off the list",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Sat 28 11:00", "cancelled")], replies


async def test_cancel_it_and_call_me_back_does_both(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", FRIDAY_NOV_27_16)
    state, replies = await call(
        profiles, "real_estate",
        "I've got a showing Friday at four",
        "please cancel it and have someone call me next week, afternoons are best",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Fri 27 16:00", "cancelled")], replies
    assert [t for t in state.pending_tasks if t.task_type == "callback"], replies


async def test_rather_first_thing_moves_the_one_told(profiles) -> None:
    calendar = await booked("dealership", "oil_change", WEDNESDAY_NOV_25_10, vehicle="2018 Honda Pilot")
    _state, replies = await call(
        profiles, "dealership",
        "my oil change is Wednesday at ten, but I'd rather come in first thing that morning",
        "seven thirty",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Wed 25 07:30", "scheduled")], replies


def test_a_name_heard_as_it_sounds_takes_its_spelling(profiles) -> None:
    # "tye" and T-A-I share no more than a sound: the spelling is the name
    u = _u(profiles, "dealership", "it's tye spelled t a i and the last name is kim", "name")
    assert u.name == "Tai Kim"


def test_a_name_after_please_on_a_line_with_no_stops(profiles) -> None:
    u = _u(profiles, "dealership", "can you put me through to sarah please its nadia brooks")
    assert u.name == "Nadia Brooks"
