"""Round 52's mechanisms (sets 413–428), each on phrasings of its own."""

from __future__ import annotations

from frontdesk.spoken import said_once
from tests.brain.calls import call


async def test_the_areas_are_read_out_once_when_an_aside_and_the_answer_both_tell_them(profiles) -> None:
    # the coverage question answered as an aside and again by the qualification answer read the
    # five towns out twice in one reply
    for said in ("hi, we're looking to buy a house, do you guys cover Hutto?",
                 "do you all work out in Manor? we wanna buy out there, like 350"):
        _, replies = await call(profiles, "real_estate", said)
        assert replies[-1].count("Pflugerville") == 1, replies


def test_a_statement_said_in_full_elsewhere_in_the_reply_is_left_out() -> None:
    assert said_once("We serve Austin, Round Rock and Cedar Park. Manor is outside our area; we cover "
                     "Austin, Round Rock, and Cedar Park.") == (
        "Manor is outside our area; we cover Austin, Round Rock, and Cedar Park.")


def test_sentences_that_differ_by_a_figure_or_are_questions_both_stay() -> None:
    two_times = ("Your oil change is Tuesday, July 18 at 10 AM. "
                 "Your tire rotation is Tuesday, July 18 at 11 AM.")
    assert said_once(two_times) == two_times
    asked = ("Does Tuesday at 10 AM work for the oil change? "
             "We have Tuesday at 10 AM open for the oil change today.")
    assert said_once(asked) == asked
