"""The scenario suite: whole conversations for both businesses, one-shot and step by step."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.evals.scenarios import load_scenarios, run_scenario
from tests.conftest import fixed_clock

SCENARIOS = load_scenarios(Path(__file__).parents[1] / "scenarios")


def test_library_is_large_enough_and_covers_both_businesses() -> None:
    assert len(SCENARIOS) >= 30
    assert {s.profile for s in SCENARIOS} == {"dealership", "real_estate"}
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS), "scenario names must be unique"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
async def test_scenario(scenario, profiles) -> None:
    calendar = InMemoryCalendar()
    brain = Brain(profiles, calendar, InMemoryCustomers(), clock=fixed_clock)
    result = await run_scenario(brain, calendar, scenario)
    assert result.passed, result.report()
