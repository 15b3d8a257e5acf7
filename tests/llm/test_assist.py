"""The brain with a language model: better answers when it helps, the deterministic reply
whenever the model is slow, failing or wrong — and never a booking or do-not-call by itself."""

from __future__ import annotations

import time

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.llm.assist import LLMAssist
from tests.auth import authorize
from tests.conftest import fixed_clock
from tests.fakes.live import free_port
from tests.llm.conftest import llm_settings

UNMATCHED = "What does it cost me to work with one of your agents as a buyer?"
HONEST = "I don't have that information"


async def _ask(brain: Brain, profile: str, text: str, channel: str = "text"):
    state = await brain.new_state("sess_llm", profile, channel=channel)
    opened = await brain.start(state)
    return await brain.respond(opened.state, text)


async def test_without_a_model_the_question_gets_the_honest_answer(profiles) -> None:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    outcome = await _ask(brain, "real_estate", UNMATCHED)
    assert HONEST in outcome.reply


async def test_a_grounded_answer_from_the_business_facts(assisted_brain, assist, fake_llm) -> None:
    outcome = await _ask(assisted_brain, "real_estate", UNMATCHED)
    assert HONEST not in outcome.reply
    faq = {e.answer for e in assisted_brain.profile("real_estate").faq}
    assert any(answer in outcome.reply for answer in faq)
    prompt = fake_llm.requests[-1]["messages"][0]["content"]
    assert "Lakeside Realty" in prompt and "Q: How does commission work?" in prompt
    assert assist.stats.used == 1 and assist.snapshot()["prompt_tokens"]["answer"] > 100
    again = await _ask(assisted_brain, "real_estate", UNMATCHED)  # same question: cached
    assert again.reply == outcome.reply
    assert assist.cache.stats.l1_hits == 1 and len(fake_llm.requests) == 1


async def test_a_hallucinated_price_is_replaced_by_the_honest_answer(assisted_brain, assist,
                                                                     fake_llm) -> None:
    fake_llm.mode = "hallucinate"
    outcome = await _ask(assisted_brain, "real_estate", UNMATCHED)
    assert "19.99" not in outcome.reply and "6 AM" not in outcome.reply
    assert HONEST in outcome.reply
    assert assist.stats.rejected == 1


@pytest.mark.parametrize("mode", ["http500", "http429", "malformed"])
async def test_server_faults_fall_back_to_the_deterministic_reply(assisted_brain, assist,
                                                                 fake_llm, mode) -> None:
    fake_llm.mode = mode
    outcome = await _ask(assisted_brain, "real_estate", UNMATCHED)
    assert HONEST in outcome.reply
    assert assist.stats.errors == 1 and assist.stats.used == 0


async def test_a_slow_model_does_not_hold_up_a_voice_turn(assisted_brain, assist,
                                                          fake_llm) -> None:
    fake_llm.first_token_delay_s = 6.0
    started = time.perf_counter()
    outcome = await _ask(assisted_brain, "real_estate", UNMATCHED, channel="phone")
    elapsed = time.perf_counter() - started
    assert HONEST in outcome.reply
    assert elapsed < 3.0, f"voice budget is 0.5 s, the turn took {elapsed:.2f} s"
    assert assist.stats.timeouts == 1


async def test_a_dead_model_server_opens_the_breaker(profiles) -> None:
    assist = LLMAssist.from_settings(llm_settings(f"http://127.0.0.1:{free_port()}/v1"))
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock,
                  assist=assist)
    try:
        for _ in range(7):
            outcome = await _ask(brain, "real_estate", UNMATCHED)
            assert HONEST in outcome.reply
        snapshot = assist.snapshot()
        assert snapshot["errors_by_kind"] == {"connect": 5}
        assert snapshot["breaker"] == "open" and snapshot["skipped_breaker_open"] == 2
    finally:
        await assist.close()


async def test_the_model_reads_an_unclear_message(assisted_brain, fake_llm) -> None:
    outcome = await _ask(assisted_brain, "dealership", "a living soul please")
    assert outcome.agent == "escalation" and outcome.effects[0].kind == "start_escalation"
    tool_request = fake_llm.requests[0]
    assert tool_request["tools"][0]["function"]["name"] == "caller_intent"
    assert "do_not_call" not in tool_request["tools"][0]["function"]["parameters"][
        "properties"]["intent"]["enum"]


@pytest.mark.parametrize("mode", ["bad_tool_json", "wrong_intent"])
async def test_invalid_or_forbidden_readings_are_discarded(assisted_brain, assist, fake_llm,
                                                           mode) -> None:
    fake_llm.mode = mode
    outcome = await _ask(assisted_brain, "dealership", "hmm well the thing is")
    assert outcome.intent == "unknown" and not outcome.state.lead.do_not_call
    assert "didn't quite catch that" in outcome.reply
    assert assist.stats.rejected == 1


async def test_rephrasing_keeps_the_facts_or_is_dropped(profiles, fake_llm) -> None:
    assist = LLMAssist.from_settings(llm_settings(fake_llm.url, rephrase=True))
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock,
                  assist=assist)
    line = "I need an oil change on Wednesday at 2 pm, this is Tom Becker, 512-555-0142."
    try:
        reworded = await _ask(brain, "dealership", line)
        assert reworded.reply.startswith("Happy to help.")
        assert "Wednesday, November 25 at 2 PM" in reworded.reply
        fake_llm.mode = "hallucinate"
        assist.cache.clear_l1()
        kept = await _ask(brain, "dealership", line)
        assert not kept.reply.startswith("Happy to help.")
        assert "Wednesday, November 25 at 2 PM" in kept.reply
    finally:
        await assist.close()


async def test_the_summary_gets_model_notes(assisted_brain) -> None:
    outcome = await _ask(assisted_brain, "dealership", "What are your hours?")
    finished = await assisted_brain.finish(outcome.state)
    assert "Notes: Caller asked about their request" in finished.summary
    assert "**" not in finished.summary


async def test_the_app_wires_the_model_and_reports_it(tmp_path, fake_llm, redis_server) -> None:
    import httpx

    from frontdesk.app import create_app
    from frontdesk.config import Settings

    settings = Settings(env="test", data_dir=tmp_path, voice_enabled=False,
                        llm=llm_settings(fake_llm.url, redis_url=redis_server.url))
    app = create_app(settings, clock=fixed_clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            await authorize(app, http)
            created = (await http.post("/api/sessions", json={"profile": "real_estate"})).json()
            reply = (await http.post("/api/chat", json={"session_id": created["session_id"],
                                                        "message": UNMATCHED})).json()["reply"]
            report = (await http.get("/api/llm")).json()
    assert HONEST not in reply
    assert report["enabled"] and report["model"] == "llama3.1:8b" and report["used"] == 1
    assert report["breaker"] == "closed" and report["cache"]["misses"] == 1
    assert report["prompt_tokens"]["answer"] > 100
