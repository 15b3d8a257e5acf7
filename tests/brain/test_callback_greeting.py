"""A call the agent makes to return a promised callback greets as one, not as a campaign."""

from __future__ import annotations

from frontdesk.brain import Brain


async def _callback_call(brain: Brain):
    state = await brain.new_state("cb-call", "real_estate", direction="outbound", channel="phone",
                                  caller_phone="+15125550147", caller_name="Dana Whitfield",
                                  callback_for="cb_task_1")
    return await brain.start(state)


async def test_the_greeting_says_it_returns_their_call(brain) -> None:
    outcome = await _callback_call(brain)
    assert "returning your call" in outcome.reply and "Dana" in outcome.reply
    assert outcome.state.callback_for == "cb_task_1"


async def test_yes_lets_the_caller_say_what_they_called_about(brain) -> None:
    outcome = await _callback_call(brain)
    after = await brain.respond(outcome.state, "yeah now's fine")
    assert after.reply == "Great. What can I help you with?"
    then = await brain.respond(after.state, "I wanted to talk about listing my condo downtown")
    assert then.state.lead.intent == "sell"


async def test_who_is_this_is_answered_with_the_callback(brain) -> None:
    outcome = await _callback_call(brain)
    after = await brain.respond(outcome.state, "sorry, who is this?")
    assert "You asked us to call you back" in after.reply


async def test_a_campaign_call_still_pitches(brain) -> None:
    state = await brain.new_state("campaign", "dealership", direction="outbound",
                                  channel="phone", caller_phone="+15125550147")
    outcome = await brain.start(state)
    assert "returning your call" not in outcome.reply
    assert "due for service" in outcome.reply


async def test_listing_or_putting_a_home_on_the_market_is_selling(brain) -> None:
    for said in ("I wanted to talk about listing my condo downtown",
                 "we're thinking about putting our townhouse on the market",
                 "my wife and I want to get the house up for sale this spring",
                 "I'd like to list my dad's ranch"):
        state = await brain.new_state(f"s-{hash(said)}", "real_estate")
        started = await brain.start(state)
        after = await brain.respond(started.state, said)
        assert after.state.lead.intent == "sell", said
