"""The state keeps the last few messages, not the whole call (it is the per-turn checkpoint)."""

from __future__ import annotations

import pytest

from frontdesk.brain.state import Message
from frontdesk.config import BrainSettings

pytestmark = pytest.mark.unit


async def test_the_state_keeps_a_window_and_what_the_outcome_needs_of_older_messages(
        brain) -> None:
    state = (await brain.start(await brain.new_state("s1", "dealership"))).state
    state = (await brain.respond(state, "what are your hours?")).state
    for _ in range(10):
        outcome = await brain.respond(state, "hang on a second")
        state = outcome.state
    assert outcome.reply == "Sure, take your time. I'll be right here."
    kept = BrainSettings().recent_messages
    assert len(state.messages) == kept
    assert state.earlier_messages == 1 + 2 * 11 - kept  # greeting + 11 exchanges
    assert state.messages[-1].content == outcome.reply
    # The FAQ question scrolled out of the window; the call still provided information.
    assert all(m.intent != "faq" for m in state.messages)
    finished = await brain.finish(state)
    assert finished.outcome == "information_provided"


async def test_a_repeat_request_still_repeats_the_last_line(brain) -> None:
    state = (await brain.start(await brain.new_state("s2", "dealership"))).state
    for _ in range(8):
        state = (await brain.respond(state, "hang on a second")).state
    state = (await brain.respond(state, "do you have a shuttle?")).state
    shuttle = state.messages[-1].content
    repeated = await brain.respond(state, "sorry, can you say that again?")
    assert shuttle in repeated.reply


def test_history_counts_the_messages_no_longer_kept() -> None:
    from frontdesk.brain.state import ConversationState
    from frontdesk.llm.prompts import history

    state = ConversationState(conversation_id="s", profile="dealership")
    state.messages = [Message(role="user", content=f"line {i}") for i in range(40)]
    state.forget_older_messages(12)
    assert [m.content for m in state.messages] == [f"line {i}" for i in range(28, 40)]
    assert history(state, budget_tokens=2000, keep_last=6).startswith("(Earlier: 34 messages.")
