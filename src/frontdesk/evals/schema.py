"""The evaluation scenario format: who calls, how they behave, and what must come of the call.

A scenario describes a caller (a persona with facts), not a script: the simulated caller
(:mod:`frontdesk.evals.caller`) answers whatever the agent actually asks from those facts. A
library file is a YAML list of scenarios, or a mapping with ``now`` (the clock the scenarios
were written against) and ``scenarios``.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

Behaviour = Literal["cooperative", "volunteers", "corrects", "interrupts", "silent", "off_topic",
                    "refuses"]
"""How the caller talks:

- ``cooperative``: answers what is asked, one thing at a time;
- ``volunteers``: says everything it knows in the first sentence;
- ``corrects``: changes the day or time (``persona.alt_day`` / ``alt_time``) at the read-back;
- ``interrupts``: cuts the agent off (audio: speaks over it; text: answers before being asked);
- ``silent``: hesitates ("um…", long pauses) before answering;
- ``off_topic``: asks ``persona.questions`` in the middle of the flow;
- ``refuses``: declines to give what ``persona.refuse`` lists, or to go on at all.
"""

Kind = Literal["booking", "change_of_mind", "closed_day", "faq", "objection", "do_not_call",
               "escalation", "noisy", "qualification", "outbound", "multi_act", "wrong_number",
               "callback", "line_check", "existing_appointment"]
# libyaml's parser when PyYAML was built with it (the library's 14,000 calls load in a quarter
# of the time), the pure-Python one otherwise; both build the same objects.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(value: str) -> str:
    if value.lower() not in WEEKDAYS:
        raise ValueError(f"not a weekday: {value!r}")
    return value.lower()


def _clock_time(value: str) -> str:
    datetime.strptime(value, "%H:%M")
    return value


Weekday = Annotated[str, AfterValidator(_weekday)]
"""``monday`` … ``sunday`` (any case)."""
ClockTime = Annotated[str, AfterValidator(_clock_time)]
"""24-hour ``HH:MM``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Persona(_Strict):
    """What the caller knows and wants. Missing facts are answered with "I'm not sure"."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    vehicle: str | None = None
    appointment_type: str | None = None
    """As the caller would say it: "service", "a test drive", "a showing", "a consultation"."""
    service: str | None = None
    day: str | None = None
    time: str | None = None
    alt_day: str | None = None
    """The day a ``corrects`` caller switches to at the read-back (or a change of mind)."""
    alt_time: str | None = None
    pick: int = 0
    """Which offered alternative the caller takes (0 = the first)."""
    intent: str | None = None
    """Real estate: "buy", "sell", "rent"…, as a sentence or a word."""
    area: str | None = None
    budget: str | None = None
    timeline: str | None = None
    financing: str | None = None
    motivation: str | None = None
    callback_time: str | None = None
    wants_appointment: bool = True
    """Accepts the agent's offer of an appointment or a callback."""
    questions: list[str] = []
    """Questions the caller asks (FAQ, off-topic); each reply is checked by ``expect``."""
    objection: str | None = None
    """What the caller objects with when the agent pitches (outbound) or offers a booking."""
    refuse: list[str] = []
    """Facts a ``refuses`` caller will not give (e.g. ``budget``, ``phone``); ``all`` ends the call."""
    wants_person: bool = False
    """Asks for a human being."""
    caller_id: bool = True
    """The phone number arrives with the call (caller ID), as on a real phone line."""


class AppointmentExpect(_Strict):
    date: str | None = None
    """``YYYY-MM-DD`` (for "the 3rd", "next Friday" and other exact dates)."""
    weekday: Weekday | None = None
    time: ClockTime | None = None
    """24-hour ``HH:MM``."""
    service: str | None = None
    """A service key of the profile (``oil_change``)."""
    type: str | None = None
    """An appointment type key of the profile (``test_drive``)."""
    services: list[str] | None = None
    """Every service key booked in this visit, in any order (two services in one call)."""


class LeadExpect(_Strict):
    """Lead facts the agent must have recorded (only the fields given are checked)."""

    intent: Literal["buy", "sell", "both", "rent"] | None = None
    location: str | None = None
    in_area: bool | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    financing: Literal["pre_approved", "cash", "in_progress", "not_started"] | None = None
    """As the agent records it (``pre_approved``, not "pre-approved")."""
    timeline_max_months: float | None = None
    """The recorded timeline must be at most this many months."""
    timeline_min_months: float | None = None
    timeline_known: bool | None = None
    """``false``: no timeline may be recorded (a fact about something else is not one)."""


class Existing(_Strict):
    """An appointment the caller booked before this call (in-process runs only): on the
    calendar under their number, for calls that look it up, cancel it or move it."""

    service: str | None = None
    """A service key of the profile (``oil_change``)."""
    type: str = "service"
    """An appointment type key of the profile (``property_showing``)."""
    weekday: Weekday | None = None
    """The next such weekday after the library's clock (``date`` wins when both are given)."""
    date: str | None = None
    """``YYYY-MM-DD``."""
    time: ClockTime
    """24-hour ``HH:MM``."""
    phone: str | None = None
    """The number it is under; by default the one the caller calls from (or the persona's)."""
    vehicle: str | None = None


class ExistingExpect(_Strict):
    """How an ``existing`` appointment must stand after the call (only the fields given)."""

    index: int = 0
    status: Literal["scheduled", "cancelled"] | None = None
    """``cancelled``, or ``scheduled`` (kept, or moved)."""
    date: str | None = None
    weekday: Weekday | None = None
    time: ClockTime | None = None
    """Where it is now: its old day and time when kept, the new ones when moved."""


class Expect(_Strict):
    appointment: AppointmentExpect | None = None
    booked: bool | None = None
    """``false``: no appointment may be booked."""
    qualified: bool | None = None
    escalation: bool | None = None
    do_not_call: bool | None = None
    callback: bool | None = None
    """Whether a callback task was created (``false``: the caller never agreed to one)."""
    callback_window: Literal["morning", "afternoon", "evening"] | None = None
    """The part of the day the callback was asked for, kept as asked."""
    customer_name: str | None = None
    """The caller's name as recorded; ``""`` means no name may be recorded."""
    lead: LeadExpect | None = None
    max_repeats: int | None = Field(default=None, ge=1)
    """No agent reply may be said more than this many times in a row."""
    outcome: str | None = None
    ended: bool | None = None
    replies_contain: list[str] = []
    """Facts that some agent reply must contain (FAQ answers, alternatives, prices)."""
    replies_avoid: list[str] = []
    """Text no agent reply may contain (an invented fact, a forbidden promise)."""
    max_turns: int | None = Field(default=None, ge=1)
    """Caller turns allowed before the task is done."""
    max_latency_ms: float | None = Field(default=None, gt=0)
    """Every agent reply must start within this (the channel's own measure of a turn)."""
    existing: list[ExistingExpect] = []
    """The scenario's ``existing`` appointments after the call: cancelled, moved, or kept."""


class Busy(_Strict):
    """Calendar load put in place before the call (in-process runs only)."""

    department: str
    weekday: Weekday
    time: ClockTime
    count: int = 1
    minutes: int = 30


class EvalScenario(_Strict):
    name: str
    profile: str
    kind: Kind
    direction: Literal["inbound", "outbound"] = "inbound"
    behaviour: Behaviour = "cooperative"
    persona: Persona = Persona()
    opening: str | None = None
    """The caller's first words; by default built from the persona and the behaviour."""
    script: list[str] = []
    """What the caller says, line by line, whatever the agent asks: the first line opens the
    call (inbound) or answers the agent's opener (outbound). When the lines run out, the
    simulated caller goes on answering what the agent asks from ``persona``."""
    busy: list[Busy] = []
    existing: list[Existing] = []
    """Appointments the caller already has when the call starts."""
    expect: Expect = Expect()
    audio: bool = False
    """Part of the small audio subset the test suite runs over the phone path."""
    now: datetime | None = None
    """The clock the scenario was written against: its file's ``now`` (set when loading)."""


class Library(_Strict):
    now: datetime | None = None
    scenarios: list[EvalScenario] = Field(min_length=1)


class ScenarioFileError(ValueError):
    """A scenario file that cannot be used, with the file and the field that is wrong."""


def _describe(error: ValidationError, raw: object) -> str:
    lines = []
    for err in error.errors():
        where = list(err["loc"])
        label = ""
        if len(where) >= 2 and where[0] == "scenarios" and isinstance(where[1], int):
            item = raw["scenarios"][where[1]] if isinstance(raw, dict) else None
            name = item.get("name") if isinstance(item, dict) else None
            label = f"scenario #{where[1] + 1}" + (f" ({name!r})" if name else "")
            where = where[2:]
        path = ".".join(str(p) for p in where)
        lines.append(f"{label}{': ' if label else ''}{path or '(top)'}: {err['msg']}")
    return "; ".join(lines)


def load_library(paths: list[Path]) -> tuple[datetime | None, list[EvalScenario]]:
    """Every scenario of the given files (or ``*.yaml`` under given folders), validated.

    Returns the first file's ``now`` (if one names it) and the scenarios, each carrying its
    own file's ``now``: files written against different days run together in text mode. Raises
    :class:`ScenarioFileError` naming the file, the scenario and the field for anything wrong.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("*.yaml"))
        elif path.exists():
            files.append(path)
        else:
            raise ScenarioFileError(f"{path}: no such file or folder")
    if not files:
        raise ScenarioFileError(f"no scenario files in {', '.join(map(str, paths))}")
    now: datetime | None = None
    scenarios: list[EvalScenario] = []
    for file in files:
        try:
            raw = yaml.load(file.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            raise ScenarioFileError(f"{file}: not YAML: {exc}") from exc
        data = {"scenarios": raw} if isinstance(raw, list) else raw
        try:
            library = Library.model_validate(data)
        except ValidationError as exc:
            raise ScenarioFileError(f"{file}: {_describe(exc, data)}") from exc
        if library.now is not None:
            now = now or library.now
            for scenario in library.scenarios:
                scenario.now = scenario.now or library.now
        scenarios += library.scenarios
    duplicates = [n for n, c in Counter(s.name for s in scenarios).items() if c > 1]
    if duplicates:
        raise ScenarioFileError(f"scenario names must be unique: {', '.join(duplicates)}")
    return now, scenarios


def default_library() -> Path:
    """The scenario library that ships with Frontdesk (both demo businesses)."""
    return Path(__file__).parent / "library"


def heldout_library() -> Path:
    """Scenarios never looked at while tuning the agent: its honest score (``--heldout``)."""
    return Path(__file__).parent / "heldout"
