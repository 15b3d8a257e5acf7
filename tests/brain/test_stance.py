"""Which day or time a caller settles on when they name several (``nlu/stance.py``).

The rule: a value ruled out anywhere is never chosen ("instead of Thursday", "not Tuesday",
"Tuesday's no good", "rather X than Y", "tomorrow's my doctor thing"), and of the values left
the last one affirmed wins ("how about", "can we do", "actually", "X works better", "eleven's
better"). Phrasings here are fresh: none is in the scenario library or dev sets.
"""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from frontdesk.brain.nlu import clock, stance, understand, when
from frontdesk.brain.nlu.change import split_change
from frontdesk.brain.nlu.text import normalise

MONDAY = date(2026, 11, 23)
TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = (date(2026, 11, d) for d in (24, 25, 26, 27, 28))
NEXT_MONDAY = date(2026, 11, 30)


def day_of(text: str) -> date | None:
    return when.extract_date(normalise(text), MONDAY)


def time_of(text: str) -> time | None:
    return clock.extract_time(normalise(text))


@pytest.mark.parametrize(("text", "expected"), [
    # "instead of X" rules X out wherever X is named again
    ("could we do Friday instead of Wednesday, my husband's got the car Wednesday", FRIDAY),
    ("Saturday instead of Tuesday if that's cool", SATURDAY),
    ("instead of Tuesday can it be Wednesday", WEDNESDAY),
    ("let's go Wednesday rather than Tuesday", WEDNESDAY),
    ("I'd rather come Friday than Wednesday", FRIDAY),
    ("I'd prefer Tuesday over, like, Saturday... no, Tuesday, not Saturday", TUESDAY),
    # a turn without a turn word right before the day
    ("Wednesday, hmm, actually Saturday would be better for me", SATURDAY),
    ("Tuesday, no wait, Friday works better", FRIDAY),
    ("Tuesday won't work for me, how about the day after", WEDNESDAY),
    ("Wednesday is no good for us, what about the day after that", THURSDAY),
    ("Friday's bad, can we do the day before", THURSDAY),
    ("not Wednesday — Friday", FRIDAY),
    ("not tuesday, saturday", SATURDAY),
    ("maybe Tuesday? nah, probably not Tuesday, Saturday morning", SATURDAY),
    ("tomorrow's my kid's recital, so Wednesday", WEDNESDAY),
    ("Wednesday I've got a dentist appointment, Friday's fine", FRIDAY),
    ("Friday works, Tuesday I'm slammed", FRIDAY),
    ("Tuesday's bad but Friday works", FRIDAY),
    ("I can't do Tuesday, Wednesday's open though", WEDNESDAY),
    ("let's say Wednesday. wait, Wednesday I have book club. Thursday? no, that's the holiday. Friday",
     FRIDAY),
    ("how about Tuesday? oh wait, I can't Tuesday, my bad, Wednesday", WEDNESDAY),
    ("Saturday, or Friday I guess, Saturday's better", SATURDAY),
    ("Friday if you've got room, otherwise Saturday", FRIDAY),
    ("Wednesday, or failing that Friday", WEDNESDAY),
    ("next saturday? not the 28th, the one after", date(2026, 12, 5)),
    ("Tuesday's no good, how about the one after", date(2026, 12, 1)),
    ("my appointment is on Tuesday but can we do Friday", FRIDAY),
    # one day, or a day other words belong to, still read as before
    ("Wednesday, I'm working late Tuesday", WEDNESDAY),
    ("I'm working late Tuesday, so any other day, maybe Wednesday", WEDNESDAY),
    ("next Monday please", NEXT_MONDAY),
    ("anything but Tuesday", WEDNESDAY),  # any day but one: the first other day is offered
])
def test_the_day_settled_on(text: str, expected: date | None) -> None:
    assert day_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("at ten, no, eleven's better", time(11, 0)),
    ("nine, uh, no, ten is better, I've got my standup at nine", time(10, 0)),
    ("not at nine, how about ten thirty", time(10, 30)),
    ("3 pm? actually 4 pm works better", time(16, 0)),
    ("at 2 pm instead of 11 am", time(14, 0)),
    ("tomorrow at five, or is that too late? if so four thirty", time(17, 0)),
    ("at 10, or if that's taken, 11", time(10, 0)),
])
def test_the_time_settled_on(text: str, expected: time) -> None:
    assert time_of(text) == expected


def test_settle_rules_out_a_value_everywhere_and_keeps_the_last_affirmed() -> None:
    text = "how about X, or Y? not Z. Z is what I said before, so Y then"
    mentions = [stance.Mention(m.start(), m.end(), m.group(0))
                for m in re.finditer(r"[XYZ]", text)]
    assert stance.settle(text, mentions, "Z") == "Y"
    assert stance.settle(text, mentions[:3], "Z") == "X"  # Z ruled out, X the last affirmed
    assert stance.settle("not Z", [stance.Mention(4, 5, "Z")], "Z") is None


@pytest.mark.parametrize(("text", "current", "target"), [
    ("I have an oil change Wednesday, can we do Friday instead of Wednesday?", WEDNESDAY, FRIDAY),
    ("my showing's Tuesday, could we do Saturday instead", TUESDAY, SATURDAY),
])
def test_a_move_instead_of_the_old_day_goes_to_the_new_one(text, current, target) -> None:
    old, new = split_change(text, MONDAY)
    assert (old.date, new.date) == (current, target)


@pytest.mark.parametrize(("text", "focus", "expected"), [
    ("the 26th then, ten am", date(2026, 12, 25), date(2026, 12, 26)),
    ("okay, the 23rd at noon", date(2026, 12, 24), date(2026, 12, 23)),
    ("the 2nd?", date(2026, 12, 31), date(2027, 1, 2)),
    ("the 26th then", None, date(2026, 11, 26)),  # nothing ahead in focus: the next 26th
    ("December 26th then", date(2027, 3, 1), date(2026, 12, 26)),  # a month named stands
])
def test_an_ordinal_day_resolves_near_the_day_under_discussion(profiles, text, focus, expected):
    u = understand(text, profiles["dealership"], MONDAY, "pick_alternative", None, focus)
    assert u.date == expected


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Saturday, but not before ten", time(10, 0), time(23, 0)),
    ("no earlier than 9 please", time(9, 0), time(23, 0)),
    ("any day, no later than 3", time(0, 0), time(15, 0)),
    ("not after four, I pick up the kids", time(0, 0), time(16, 0)),
])
def test_a_bound_said_in_the_negative_is_turned_around(text, start, end) -> None:
    window = clock.extract_window(normalise(text))
    assert window is not None and (window.start, window.end) == (start, end)
