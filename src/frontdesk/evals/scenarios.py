"""Scripted conversation scenarios (YAML) and a runner against a :class:`Brain`.

A scenario is a caller's lines with per-turn expectations and end-of-call expectations
(appointment booked, lead qualified, do-not-call, outcome…). The same files run in the test
suite and, later, from ``frontdesk eval``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar
from frontdesk.brain.ports import BookingRequest


class TurnExpect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    contains: list[str] = []
    """Case-insensitive substrings every one of which the reply must contain."""
    not_contains: list[str] = []
    agent: str | None = None
    awaiting: str | None = None


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    say: str
    expect: TurnExpect = TurnExpect()


class Busy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    department: str
    start: datetime
    minutes: int = 30
    count: int = 1


class Existing(BaseModel):
    """An appointment the caller booked before this call (written to the calendar first)."""

    model_config = ConfigDict(extra="forbid")
    phone: str
    """The E.164 number it is booked under."""
    start: datetime
    appointment_type: str = "service"
    service: str | None = None
    name: str | None = None
    vehicle: str | None = None


class ExistingAfter(BaseModel):
    """How an ``existing`` appointment (by its index) must stand after the call."""

    model_config = ConfigDict(extra="forbid")
    index: int = 0
    status: str | None = None
    """``scheduled`` (kept or moved) or ``cancelled``."""
    start: datetime | None = None


class EndExpect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ended: bool | None = None
    outcome: str | None = None
    appointment: dict[str, Any] | None = None
    no_appointment: bool = False
    lead: dict[str, Any] = {}
    customer: dict[str, Any] = {}
    escalation: bool | None = None
    effects: list[str] = []
    existing: list[ExistingAfter] = []
    desk: dict[str, Any] = {}
    """Fields of the state's appointment desk (``kept``, ``action``…)."""


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    profile: str
    direction: str = "inbound"
    caller_phone: str | None = None
    caller_name: str | None = None
    busy: list[Busy] = []
    existing: list[Existing] = []
    greeting_contains: list[str] = []
    turns: list[Turn] = Field(min_length=1)
    end: EndExpect = EndExpect()


def load_scenarios(path: Path) -> list[Scenario]:
    """All scenarios of a YAML file or of every ``*.yaml`` under a folder."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    scenarios: list[Scenario] = []
    for file in files:
        raw = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        if not isinstance(raw, list):
            raise ValueError(f"{file}: expected a list of scenarios")
        for i, item in enumerate(raw):
            try:
                scenarios.append(Scenario.model_validate(item))
            except ValueError as exc:
                raise ValueError(f"{file}: scenario #{i + 1}: {exc}") from exc
    return scenarios


@dataclass
class ScenarioResult:
    scenario: Scenario
    failures: list[str] = field(default_factory=list)
    transcript: list[tuple[str, str]] = field(default_factory=list)
    brain_ms: list[float] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def report(self) -> str:
        lines = [f"scenario {self.scenario.name!r}:"] + [f"  FAIL {f}" for f in self.failures]
        lines += [f"  {who}: {text}" for who, text in self.transcript]
        return "\n".join(lines)


def _check_fields(prefix: str, actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    failures = []
    for key, want in expected.items():
        got = actual.get(key)
        if isinstance(want, str) and want.startswith(">="):
            ok = got is not None and float(got) >= float(want[2:])
        elif isinstance(want, str) and want.startswith("<"):
            ok = got is not None and float(got) < float(want[1:])
        else:
            ok = got == want
        if not ok:
            failures.append(f"{prefix}.{key}: expected {want!r}, got {got!r}")
    return failures


async def run_scenario(brain: Brain, calendar: InMemoryCalendar, scenario: Scenario,
                       conversation_id: str = "scenario") -> ScenarioResult:
    """Play one scenario against ``brain`` (whose calendar is ``calendar``)."""
    result = ScenarioResult(scenario)
    for busy in scenario.busy:
        for _ in range(busy.count):
            calendar.add_busy(scenario.profile, busy.department, busy.start, busy.minutes)
    seeded = [await _seed(brain, calendar, scenario.profile, e) for e in scenario.existing]
    state = await brain.new_state(conversation_id, scenario.profile, direction=scenario.direction,
                                  caller_phone=scenario.caller_phone,
                                  caller_name=scenario.caller_name)
    outcome = await brain.start(state)
    result.transcript.append(("agent", outcome.reply))
    for needle in scenario.greeting_contains:
        if needle.lower() not in outcome.reply.lower():
            result.failures.append(f"greeting lacks {needle!r}")
    effects: list[str] = []
    state = outcome.state
    for n, turn in enumerate(scenario.turns, start=1):
        if state.ended:
            result.failures.append(f"turn {n}: conversation ended before {turn.say!r}")
            break
        outcome = await brain.respond(state, turn.say)
        state = outcome.state
        effects += [e.kind for e in outcome.effects]
        result.brain_ms.append(outcome.brain_ms)
        result.transcript += [("caller", turn.say), (f"agent[{outcome.agent}]", outcome.reply)]
        reply = outcome.reply.lower()
        for needle in turn.expect.contains:
            if needle.lower() not in reply:
                result.failures.append(f"turn {n}: reply lacks {needle!r}")
        for needle in turn.expect.not_contains:
            if needle.lower() in reply:
                result.failures.append(f"turn {n}: reply must not contain {needle!r}")
        if turn.expect.agent and outcome.agent != turn.expect.agent:
            result.failures.append(f"turn {n}: agent {outcome.agent!r}, "
                                   f"expected {turn.expect.agent!r}")
        if turn.expect.awaiting and state.awaiting != turn.expect.awaiting:
            result.failures.append(f"turn {n}: awaiting {state.awaiting!r}, "
                                   f"expected {turn.expect.awaiting!r}")
    end = scenario.end
    if end.ended is not None and state.ended != end.ended:
        result.failures.append(f"ended is {state.ended}, expected {end.ended}")
    if end.outcome is not None and state.outcome != end.outcome:
        result.failures.append(f"outcome {state.outcome!r}, expected {end.outcome!r}")
    if end.appointment is not None:
        if state.appointment is None:
            result.failures.append("no appointment was booked")
        else:
            result.failures += _check_fields("appointment", state.appointment.model_dump(),
                                              end.appointment)
    if end.no_appointment and state.appointment is not None:
        result.failures.append(f"unexpected appointment {state.appointment}")
    result.failures += _check_fields("lead", state.lead.model_dump(), end.lead)
    result.failures += _check_fields("customer", state.customer.model_dump(), end.customer)
    if end.escalation is not None:
        started = any(t.task_type == "human_escalation" for t in state.pending_tasks)
        if started != end.escalation:
            result.failures.append(f"escalation started: {started}, expected {end.escalation}")
    for kind in end.effects:
        if kind not in effects:
            result.failures.append(f"effect {kind!r} not requested (got {effects})")
    result.failures += _check_fields("desk", state.desk.model_dump(), end.desk)
    for after in end.existing:
        stored = next(a for a in calendar.appointments if a.id == seeded[after.index])
        if after.status is not None and stored.status != after.status:
            result.failures.append(f"existing #{after.index}: status {stored.status!r}, "
                                   f"expected {after.status!r}")
        if after.start is not None and stored.start != after.start:
            result.failures.append(f"existing #{after.index}: at {stored.start}, "
                                   f"expected {after.start}")
    return result


async def _seed(brain: Brain, calendar: InMemoryCalendar, profile_key: str,
                existing: Existing) -> int:
    profile = brain.profile(profile_key)
    appt = profile.appointment_type(existing.appointment_type)
    assert appt is not None, existing.appointment_type
    department = profile.departments[appt.department]
    booked = await calendar.book(BookingRequest(
        business=profile_key, department=department.key, capacity=department.capacity,
        appointment_type=appt.key, service_type=existing.service, start=existing.start,
        duration_min=profile.duration_min(appt.key, existing.service) or 30,
        customer_name=existing.name, customer_phone=existing.phone, customer_email=None,
        vehicle=existing.vehicle, conversation_id="earlier"))
    return booked.id
