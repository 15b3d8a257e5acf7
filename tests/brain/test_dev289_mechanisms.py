"""Mechanisms built in round 39 (sets 289 to 292), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from tests.brain.calls import heard as _u


def test_work_one_would_like_is_work_asked_not_a_comparison(profiles) -> None:
    # "I'd like the tires done" wants the tires; only a smell or a sound "like" something compares
    for said, wanted in (("hi, I'd like the tires done on thursday if you can", ["tire_rotation"]),
                         ("we would also like the brakes looked at while it's there", ["brake_inspection"]),
                         ("there's a smell kinda like hot oil when I park it", ["diagnostic"])):
        assert _u(profiles, "dealership", said, None).services == wanted, said
