"""Mechanisms that round 16 found wanting: round 15's last backlog call and development sets 49
to 56 (``evals/library/dev49_*.yaml`` … ``dev56_*.yaml``, callers written before they were run),
each checked on fresh phrasings, not the sets' own words.
"""

from __future__ import annotations

import pytest

from tests.brain.calls import call

# -- a policy asked the way a service is ---------------------------------------------------------


@pytest.mark.parametrize("asked", ["do you guys do a senior discount?", "y'all do loaners, right?",
                                   "can you do financing on repairs?"])
async def test_a_policy_asked_like_a_service_is_a_question_not_a_missing_service(profiles, asked) -> None:
    _, replies = await call(profiles, "dealership", asked)
    assert "among our services" not in replies[0] and "We do oil change" not in replies[0]


async def test_a_service_we_do_not_do_is_still_said_to_be_none_of_ours(profiles) -> None:
    _, replies = await call(profiles, "dealership", "do you guys do transmission rebuilds?")
    assert "We do oil change" in replies[0]


# -- the service our own call was about ----------------------------------------------------------


@pytest.mark.parametrize("also", ["could you check the brakes too while it's there?",
                                  "can y'all rotate the tires as well"])
async def test_another_service_too_on_our_due_service_call_adds_to_that_service(profiles, also) -> None:
    state, replies = await call(profiles, "dealership", "oh, uh, yeah I guess it's about time", also,
                                direction="outbound")
    assert state.booking_slots.services[0] == "oil_change" and len(state.booking_slots.services) == 2
    assert "other thing" not in replies[-1]


async def test_another_service_too_on_an_inbound_call_asks_what_else(profiles) -> None:
    _, replies = await call(profiles, "dealership", "hi I need to bring my car in thursday",
                            "can you do the tires too while it's in?")
    assert "other thing" in replies[-1]


# -- two questions we cannot answer -------------------------------------------------------------


async def test_two_questions_without_an_answer_get_one_offer_that_covers_both(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "is there wifi in the waiting room and do you sell gift cards", "yes please")
    assert replies[0].count("I don't have that information") == 1 and "call you back" in replies[0]
    [task] = [t for t in state.pending_tasks if t.task_type == "callback"]
    assert "wifi" in task.reason and "gift cards" in task.reason
