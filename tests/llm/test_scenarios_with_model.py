"""The whole scenario suite again, with the (fake) model helping on every turn: it reads
unclear messages, answers unmatched questions, rewords every reply and writes the summary —
and every scenario's bookings, refusals and outcomes come out the same."""

from __future__ import annotations

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.evals.scenarios import run_scenario
from frontdesk.llm.assist import LLMAssist
from tests.brain.test_scenarios import SCENARIOS
from tests.conftest import fixed_clock
from tests.llm.conftest import llm_settings


@pytest.fixture(scope="module")
async def rewording_assist(fake_llm):
    made = LLMAssist.from_settings(llm_settings(fake_llm.url, rephrase=True))
    yield made
    await made.close()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
async def test_scenario_with_model(scenario, profiles, rewording_assist) -> None:
    calendar = InMemoryCalendar()
    brain = Brain(profiles, calendar, InMemoryCustomers(), clock=fixed_clock,
                  assist=rewording_assist)
    result = await run_scenario(brain, calendar, scenario)
    assert result.passed, result.report()


def test_the_model_was_really_used(rewording_assist) -> None:
    stats = rewording_assist.snapshot()
    assert stats["used"] > 100 and stats["errors"] == 0
