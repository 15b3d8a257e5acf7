"""A fake OpenAI-compatible server on a real port, and assists/brains wired to it."""

from __future__ import annotations

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.config import LLMSettings
from frontdesk.llm.assist import LLMAssist
from tests.conftest import fixed_clock
from tests.fakes.live import LiveServer
from tests.fakes.openai import MODEL, FakeOpenAI
from tests.redis_server import RedisServer


@pytest.fixture(scope="session")
async def fake_llm():
    fake = FakeOpenAI()
    async with LiveServer(fake.app) as server:
        fake.url = f"{server.url}/v1"  # type: ignore[attr-defined]
        yield fake


@pytest.fixture(autouse=True)
def _reset_fake(fake_llm):
    fake_llm.mode = "ok"
    fake_llm.first_token_delay_s = 0.0
    fake_llm.requests.clear()


@pytest.fixture(scope="session")
def redis_server():
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def llm_settings(url: str, **overrides) -> LLMSettings:
    values = dict(enabled=True, base_url=url, model=MODEL, voice_budget_s=0.5,
                  text_budget_s=10.0, first_token_timeout_s=10.0, rephrase=False)
    return LLMSettings(**{**values, **overrides})


@pytest.fixture
async def assist(fake_llm):
    made = LLMAssist.from_settings(llm_settings(fake_llm.url))
    yield made
    await made.close()


@pytest.fixture
def assisted_brain(profiles, assist):
    return Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock,
                 assist=assist)
