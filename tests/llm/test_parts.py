"""The LLM layer's parts on their own: client protocol and faults, checks, cache."""

from __future__ import annotations

import asyncio

import pytest

from frontdesk.llm import checks
from frontdesk.llm.cache import ResponseCache, cache_key
from frontdesk.llm.client import ChatClient, LLMError
from tests.fakes.live import free_port
from tests.llm.conftest import llm_settings

ASK = [{"role": "system", "content": "Reword the reply below."},
       {"role": "user", "content": "We open at 7 AM on Monday."}]


async def test_client_streams_text_and_assembles_tool_calls(fake_llm) -> None:
    client = ChatClient(llm_settings(fake_llm.url))
    try:
        pieces = [d.text async for d in client.stream(ASK)]
        assert len(pieces) > 3 and "".join(pieces) == "Happy to help. We open at 7 AM on Monday."
        tool = {"type": "function", "function": {"name": "caller_intent", "parameters": {
            "type": "object", "properties": {"intent": {"type": "string",
                                                        "enum": ["faq", "book"]}}}}}
        done = await client.complete([ASK[0], {"role": "user", "content": "Caller: hours?"}],
                                     tools=[tool])
        assert [(c.name, c.arguments) for c in done.tool_calls] == [
            ("caller_intent", '{"intent": "faq", "slots": {}}')]
        assert fake_llm.requests[-1]["stream"] is True and fake_llm.requests[-1]["tools"]
        assert await client.ollama_has_model() is True
    finally:
        await client.close()


@pytest.mark.parametrize(("mode", "category"), [
    ("http500", "http"), ("http429", "rate_limited"), ("malformed", "protocol")])
async def test_client_faults_are_categorised(fake_llm, mode, category) -> None:
    fake_llm.mode = mode
    client = ChatClient(llm_settings(fake_llm.url))
    try:
        with pytest.raises(LLMError) as error:
            await client.complete(ASK)
        assert error.value.category == category
    finally:
        await client.close()


async def test_client_times_out_on_the_first_token_and_on_refused_connections(fake_llm) -> None:
    fake_llm.first_token_delay_s = 3.0
    client = ChatClient(llm_settings(fake_llm.url))
    refused = ChatClient(llm_settings(f"http://127.0.0.1:{free_port()}/v1"))
    try:
        started = asyncio.get_running_loop().time()
        with pytest.raises(LLMError) as slow:
            await client.complete(ASK, first_token_s=0.3)
        assert slow.value.category == "timeout"
        assert asyncio.get_running_loop().time() - started < 1.5
        with pytest.raises(LLMError) as down:
            await refused.complete(ASK)
        assert down.value.category == "connect"
    finally:
        await client.close()
        await refused.close()


def test_fact_checks() -> None:
    facts = "Oil change: $49 to $89, about 45 minutes. Service hours: Monday 7:00 AM to 6:00 PM."
    assert checks.unsupported("An oil change is $49 to $89 and takes 45 minutes.", facts) == set()
    assert checks.unsupported("An oil change is just $19.99.", facts) == {"19.99"}
    assert checks.unsupported("It costs forty-nine dollars.", facts) == set()
    assert checks.unsupported("It costs twenty dollars.", facts) == {"20"}
    assert checks.unsupported("Ask for Jennifer at the desk.", facts) == {"jennifer"}
    assert checks.unsupported("We open at 7 AM on Monday.", facts) == set()
    assert checks.unsupported("We open Saturday.", facts) == {"saturday"}
    assert checks.keeps_facts("Booked: Wednesday, November 25 at 2 PM for Tom Becker.",
                              "All set, Tom Becker: Wednesday, November 25 at 2 PM.")
    assert not checks.keeps_facts("Booked for 2 PM on Wednesday.", "Booked for 3 PM on Wednesday.")
    assert not checks.keeps_facts("Booked for 2 PM on Wednesday.", "Booked for 2 PM.")


async def test_cache_l1_ttl_and_l2_redis(redis_server) -> None:
    key = cache_key("m", "answer", ["dealership", "hours?"])
    assert key != cache_key("m", "answer", ["dealership", "price?"])
    one = ResponseCache(entries=2, ttl_s=60, redis_url=redis_server.url)
    two = ResponseCache(entries=2, ttl_s=60, redis_url=redis_server.url)  # another process
    try:
        assert await one.get(key) is None
        await one.put(key, "We open at 7.")
        assert await one.get(key) == "We open at 7."
        assert await two.get(key) == "We open at 7."  # from Redis, then kept in its L1
        assert await two.get(key) == "We open at 7."
        assert one.stats.as_dict()["l1_hits"] == 1 and one.stats.misses == 1
        assert (two.stats.l2_hits, two.stats.l1_hits) == (1, 1)
        short = ResponseCache(entries=2, ttl_s=0.05)
        await short.put(key, "x")
        await asyncio.sleep(0.1)
        assert await short.get(key) is None
    finally:
        await one.close()
        await two.close()


async def test_cache_survives_redis_being_down() -> None:
    cache = ResponseCache(entries=4, ttl_s=60, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    try:
        await cache.put("k", "v")  # L2 write fails, L1 keeps it
        assert await cache.get("k") == "v"
        assert await cache.get("missing") is None
        assert cache.stats.l2_errors == 2
    finally:
        await cache.close()


def test_context_is_pruned_to_the_budget_keeping_what_is_known() -> None:
    from frontdesk.brain.state import ConversationState, Message
    from frontdesk.llm.prompts import estimate_tokens, history

    state = ConversationState(conversation_id="s", profile="dealership")
    state.booking_slots.customer_name = "Tom Becker"
    state.booking_slots.preferred_date = "2026-11-25"
    for i in range(30):
        state.messages.append(Message(role="user" if i % 2 else "assistant",
                                      content=f"message number {i} " + "words " * 30))
    pruned = history(state, budget_tokens=120)
    assert "message number 29" in pruned and "message number 3 " not in pruned
    assert pruned.startswith("(Earlier:") and "name Tom Becker" in pruned
    assert "date 2026-11-25" in pruned
    assert estimate_tokens(pruned) < 200


async def test_a_first_token_racing_the_deadline_ends_in_a_timeout_not_a_crash(fake_llm, monkeypatch) -> None:
    """pipecat swaps ``asyncio.wait_for`` for wait_for2, which raises ``CancelledWithResultError``
    when the first token lands just as the caller's deadline cancels the call; the deadline must
    still read as a timeout (a failed call would take the turn down)."""
    from wait_for2 import CancelledWithResultError

    from frontdesk.llm import client as client_module

    async def racing(awaitable, timeout):  # the deadline cancels us as the token arrives
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            awaitable.close()
            raise CancelledWithResultError("Hello", False) from None

    monkeypatch.setattr(client_module.asyncio, "wait_for", racing)
    client = ChatClient(llm_settings(fake_llm.url))
    try:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.05):
                await client.complete(ASK, first_token_s=1.0)
    finally:
        await client.close()
