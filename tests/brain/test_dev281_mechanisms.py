"""Mechanisms built in round 38 (sets 281 to 288), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from tests.brain.calls import call
from tests.brain.calls import heard as _u


async def test_a_statement_with_a_tag_that_asks_nothing_is_no_question(profiles) -> None:
    # "…, you know?" at the end of what a caller tells is not a question we failed to answer
    _, replies = await call(profiles, "real_estate",
                                "hi, we're thinking about buying",
                                "honestly we just want a yard for the dog, you know what I mean?")
    assert "don't have that information" not in replies[-1], replies
    for said in ("the car pulls to the left a little when I brake, ya know?",
                 "I'm just sick of paying rent, right?"):
        assert not _u(profiles, "dealership", said, None).is_question, said
    # a question put with a tag, a fact of ours checked, and an indirect question still ask
    for asked in ("is the shop open saturday, you know?", "you guys open at seven, right?",
                  "we'd put it on the business card. that works, right?",
                  "I was wondering what the consultation costs, you know?"):
        assert "question" in _u(profiles, "real_estate", asked, None).flags, asked
