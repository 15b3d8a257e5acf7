"""The mechanisms development set 8 found wanting, each checked on fresh phrasings (not the
scenarios' words), so that a pass proves the mechanism and not one sentence.

A weekday said with "next week"; a question about what is open on a day (a request for
openings, not for opening hours); a move to another time on the same day; a number corrected
in the same breath; a budget said in hundreds that is not a clock time; words misheard by sound.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.change import split_change
from frontdesk.brain.nlu.cues import asks_hours
from tests.conftest import fixed_clock

MONDAY = date(2026, 11, 23)


async def _call(profiles, profile, *lines):
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = (await brain.start(await brain.new_state("d8", profile, caller_phone="+15125550123"))).state
    replies = []
    for line in lines:
        outcome = await brain.respond(state, line)
        state = outcome.state
        replies.append(outcome.reply)
    return state, replies


@pytest.mark.parametrize(("text", "day"), [
    ("could I get in next week thursday, like nine?", date(2026, 12, 3)),
    ("next week, on wednesday if possible", date(2026, 12, 2)),
    ("saturday of next week works for me", date(2026, 12, 5)),
    ("tuesday or wednesday next week, either one", date(2026, 12, 1)),
    ("sometime next week maybe friday", date(2026, 12, 4)),
])
def test_a_weekday_said_with_next_week_is_that_weeks_day(profiles, text, day) -> None:
    assert understand(text, profiles["dealership"], MONDAY).date == day


@pytest.mark.parametrize(("text", "day"), [
    ("next tuesday at ten", date(2026, 11, 24)),  # "next Tuesday" alone: the coming one
    ("friday, and if not then next week sometime", date(2026, 11, 27)),
])
def test_a_weekday_without_next_week_stays_the_coming_one(profiles, text, day) -> None:
    assert understand(text, profiles["dealership"], MONDAY).date == day


@pytest.mark.parametrize(("profile", "text"), [
    ("dealership", "my check engine light's on, oil change too, whatcha got open tuesday?"),
    ("dealership", "need a tire rotation, you have anything open wednesday afternoon?"),
    ("real_estate", "is there any time open saturday to tour that place on Birch street?"),
])
async def test_what_is_open_on_a_day_asks_for_openings_not_hours(profiles, profile, text) -> None:
    state, replies = await _call(profiles, profile, text)
    assert "I have" in replies[-1] and state.awaiting == "pick_alternative"
    assert "Monday to" not in replies[-1]


@pytest.mark.parametrize("text", ["are y'all open saturday?", "what time do you open on friday?",
                                  "you guys open on sundays at all?"])
def test_whether_the_business_is_open_is_still_an_hours_question(profiles, text) -> None:
    assert asks_hours(text)


@pytest.mark.parametrize(("text", "current", "target"), [
    ("could you bump my thursday showing from eleven to two thirty", (date(2026, 11, 26), time(11)),
     (None, time(14, 30))),
    ("switch the detail from 8 to 10 if there's room", (None, time(8)), (None, time(10))),
    ("we need the consultation moved from nine o'clock over to like noon on wednesday",
     (None, time(9)), (date(2026, 11, 25), time(12))),
])
def test_a_move_from_one_time_to_another_names_both(text, current, target) -> None:
    old, new = split_change(text, MONDAY)
    assert (old.date, old.time) == current
    assert (new.date, new.time) == target
