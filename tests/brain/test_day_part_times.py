"""A time said without AM or PM takes the part of the day said with it: "tonight at 10" is 10 PM
(it was read as 10 in the morning, and a callback was due twelve hours early)."""

from __future__ import annotations

from datetime import time

import pytest

from frontdesk.brain.nlu.clock import extract_time
from frontdesk.brain.nlu.text import normalise


@pytest.mark.parametrize(("said", "expected"), [
    ("can you call me back tonight at 10", time(22, 0)),
    ("try me this evening around 7:30", time(19, 30)),
    ("ring me tonight, say nine o'clock", time(21, 0)),
    ("this afternoon at 3 works", time(15, 0)),
    ("after work, like at 8", time(20, 0)),
    ("saturday morning at 6 if you open that early", time(6, 0)),
    ("tomorrow morning at 7", time(7, 0)),
    ("call me at 9 tomorrow", time(9, 0)),       # no part of the day: business hours
    ("how about 2 on friday", time(14, 0)),
])
def test_the_part_of_the_day_decides_am_or_pm(said: str, expected: time) -> None:
    assert extract_time(normalise(said)) == expected, said
