"""Play scenarios through a channel with a simulated caller and judge each call.

A scenario passes when every one of its expectations holds (the task succeeded). Slot accuracy
counts each expected appointment field (weekday, time, service, type) and lead verdict
separately, so a booking on the right day at the wrong time is half right, not just wrong.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from frontdesk.evals.caller import SimulatedCaller
from frontdesk.evals.channels import Channel, ChannelError, ChannelUnsupported, Finished
from frontdesk.evals.schema import WEEKDAYS, EvalScenario

log = logging.getLogger(__name__)

MAX_CALLER_TURNS = 24
"""A conversation still going after this many caller turns is stuck; it is judged as it is."""


@dataclass
class Prices:
    """What a call costs, to estimate cost per call. Local models cost nothing per call."""

    telephony_per_min: float = 0.0085
    """Twilio inbound to a US local number, per minute."""
    tts_per_1k_chars: float = 0.0
    """A premium voice (ElevenLabs bills characters); 0 when Piper speaks."""
    words_per_min: float = 150.0
    """Speaking pace used to estimate a text conversation's length as a phone call."""


@dataclass
class ScenarioResult:
    name: str
    profile: str
    kind: str
    behaviour: str
    channel: str
    passed: bool
    failures: list[str]
    transcript: list[dict[str, Any]]
    caller_turns: int
    stages: dict[str, list[float]]
    slots_right: int
    slots_expected: int
    call_s: float
    cost_usd: float
    outcome: str | None = None
    error: str | None = None
    skipped: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def normalise(text: str) -> str:
    """Lower case, no punctuation, "a.m." as "am": speech transcripts and text compare."""
    text = text.lower().replace("a.m.", "am").replace("p.m.", "pm").replace("%", " percent")
    text = re.sub(r"(?<=\d)[:.,](?=\d)", "", text)
    text = re.sub(r"\b(\d{1,2}) (\d{2})\b", r"\1\2", text)  # "7 30 am", as Whisper writes 7:30
    text = re.sub(r"[^a-z0-9$ ]+", " ", text)
    return " ".join(text.split())


def said_in(needle: str, heard: str) -> bool:
    """Is the phrase in what the agent said? A figure is a whole figure: "3%" is not in
    "February 13", "$35" is not in "$350"."""
    said = normalise(needle)
    return re.search(rf"(?<!\d){re.escape(said)}(?!\d)", heard) is not None


@dataclass
class _Judge:
    failures: list[str] = field(default_factory=list)
    right: int = 0
    expected: int = 0

    def field(self, label: str, got: Any, want: Any) -> None:
        self.expected += 1
        if got == want:
            self.right += 1
        else:
            self.failures.append(f"{label}: expected {want!r}, got {got!r}")

    def check(self, ok: bool, failure: str) -> None:
        if not ok:
            self.failures.append(failure)


def judge(scenario: EvalScenario, final: dict[str, Any], replies: list[str], caller_turns: int,
          waits: list[float], existing: list[dict[str, Any]] | None = None) -> _Judge:
    """Every expectation of ``scenario`` against the call's final state and what was heard
    (and the calendar's rows of the scenario's ``existing`` appointments)."""
    want = scenario.expect
    j = _Judge()
    for expected in want.existing:
        _judge_existing(j, expected, (existing or [])[expected.index:expected.index + 1])
    appointment = final.get("appointment")
    lead = final.get("lead") or {}
    if want.appointment is not None:
        a = want.appointment
        # a call that booked two visits ("the oil Saturday, and the truck's brakes Tuesday") is
        # judged on the one that is meant; the last one booked when none fits better
        appointment = max([v for v in (appointment, *reversed(final.get("booked_before") or ())) if v],
                          key=lambda v: _fits(a, v), default=None)
        if appointment is None:
            j.failures.append("no appointment was booked")
            j.expected += sum(v is not None for v in (a.date, a.weekday, a.time, a.service,
                                                      a.type, a.services))
        else:
            day = date.fromisoformat(appointment["scheduled_date"])
            if a.date is not None:
                j.field("appointment date", appointment["scheduled_date"], a.date)
            if a.weekday is not None:
                j.field("appointment weekday", WEEKDAYS[day.weekday()], a.weekday)
            if a.time is not None:
                j.field("appointment time", appointment["scheduled_time"][:5], a.time)
            if a.service is not None:
                j.field("appointment service", appointment["service_type"], a.service)
            if a.type is not None:
                j.field("appointment type", appointment["appointment_type"], a.type)
            if a.services is not None:
                booked = appointment.get("services") or [appointment["service_type"]]
                j.field("appointment services", sorted(s for s in booked if s),
                        sorted(a.services))
    if want.booked is not None:
        j.check((appointment is not None) == want.booked,
                f"booked: expected {want.booked}, got {appointment}")
    if want.qualified is not None:
        j.field("lead qualified", bool(lead.get("qualified")), want.qualified)
    if want.do_not_call is not None:
        j.field("do not call", bool(lead.get("do_not_call")), want.do_not_call)
    if want.escalation is not None:
        started = final.get("escalation_in_progress") or any(
            t.get("task_type") == "human_escalation" and t.get("status") != "cancelled"
            for t in final.get("pending_tasks", []))  # one called off ("never mind") is none
        j.check(started == want.escalation,
                f"escalation: expected {want.escalation}, got {started}")
    callbacks = [t for t in final.get("pending_tasks", []) if t.get("task_type") == "callback"]
    if want.callback is not None:
        j.check(bool(callbacks) == want.callback,
                f"callback: expected {want.callback}, got {[t.get('reason') for t in callbacks]}")
    if want.callback_window is not None:
        windows = [t.get("window") for t in callbacks]
        j.field("callback window", windows[-1] if windows else None, want.callback_window)
    if want.customer_name is not None:
        name = (final.get("customer") or {}).get("name") or ""
        # (an apostrophe is not heard: "mike oconnor" said is Mike O'Connor)
        j.field("customer name", name.lower().replace("'", ""), want.customer_name.lower().replace("'", ""))
    if want.lead is not None:
        _judge_lead(j, want.lead, lead)
    if want.max_repeats is not None:
        run, worst = 1, 1
        for before, after in pairwise(replies):
            run = run + 1 if normalise(before) == normalise(after) else 1
            worst = max(worst, run)
        j.check(worst <= want.max_repeats,
                f"the same reply came {worst} times in a row, at most {want.max_repeats}")
    if want.outcome is not None:
        j.check(final.get("outcome") == want.outcome,
                f"outcome: expected {want.outcome!r}, got {final.get('outcome')!r}")
    if want.ended is not None:
        j.check(bool(final.get("ended")) == want.ended,
                f"ended: expected {want.ended}, got {final.get('ended')}")
    heard = normalise(" ".join(replies))
    for needle in want.replies_contain:
        j.check(said_in(needle, heard), f"no reply contained {needle!r}")
    for needle in want.replies_avoid:
        j.check(not said_in(needle, heard), f"a reply contained {needle!r}")
    if want.max_turns is not None:
        j.check(caller_turns <= want.max_turns,
                f"took {caller_turns} caller turns, at most {want.max_turns} expected")
    if want.max_latency_ms is not None and waits:
        worst = max(waits)
        j.check(worst <= want.max_latency_ms,
                f"slowest reply {worst:.0f} ms, at most {want.max_latency_ms:.0f} ms expected")
    return j


def _fits(want, visit: dict[str, Any]) -> int:
    """How many of the expected appointment's fields this booked visit has."""
    day = date.fromisoformat(visit["scheduled_date"])
    return sum((want.date == visit["scheduled_date"], want.weekday == WEEKDAYS[day.weekday()],
                want.time == visit["scheduled_time"][:5], want.service == visit["service_type"],
                want.type == visit["appointment_type"]))


def _judge_existing(j: _Judge, want, found: list[dict[str, Any]]) -> None:
    label = f"existing #{want.index}"
    if not found:
        j.failures.append(f"{label}: not on the calendar")
        return
    row = found[0]
    if want.status is not None:
        j.field(f"{label} status", row["status"], want.status)
    if want.date is not None:
        j.field(f"{label} date", row["scheduled_date"], want.date)
    if want.weekday is not None:
        day = date.fromisoformat(row["scheduled_date"])
        j.field(f"{label} weekday", WEEKDAYS[day.weekday()], want.weekday)
    if want.time is not None:
        j.field(f"{label} time", row["scheduled_time"], want.time)


def _judge_lead(j: _Judge, want, lead: dict[str, Any]) -> None:
    for key in ("intent", "location", "in_area", "budget_min", "budget_max", "financing"):
        wanted = getattr(want, key)
        if wanted is not None:
            got = lead.get("in_service_area" if key == "in_area" else key)
            if key == "location" and isinstance(got, str):
                got, wanted = got.lower(), wanted.lower()
            j.field(f"lead {key}", got, wanted)
    months = lead.get("timeline_months")
    if want.timeline_known is not None:
        j.field("lead timeline known", months is not None, want.timeline_known)
    if want.timeline_max_months is not None or want.timeline_min_months is not None:
        low = want.timeline_min_months if want.timeline_min_months is not None else 0
        high = want.timeline_max_months if want.timeline_max_months is not None else 1e9
        j.expected += 1
        if months is not None and low <= months <= high:
            j.right += 1
        else:
            j.failures.append(f"lead timeline: expected {low}–{high} months, got {months!r}")


def estimate_cost(transcript: list[dict[str, Any]], call_s: float, prices: Prices) -> float:
    agent_chars = sum(len(line["text"]) for line in transcript if line["role"] == "agent")
    return round(call_s / 60 * prices.telephony_per_min
                 + agent_chars / 1000 * prices.tts_per_1k_chars, 5)


def caller_phone(scenario: EvalScenario, index: int) -> str | None:
    """The number the call comes from: the persona's, or a distinct one per scenario so no two
    scenarios meet as the same returning customer."""
    if scenario.persona.phone:
        digits = re.sub(r"\D", "", scenario.persona.phone)[-10:]
        return f"+1{digits}"
    return f"+1737555{1000 + index:04d}"


async def run_scenario(scenario: EvalScenario, channel: Channel, *, seed: int = 0,
                       index: int = 0, prices: Prices | None = None,
                       caller: SimulatedCaller | None = None) -> ScenarioResult:
    """One simulated call, judged. A channel failure is recorded as the scenario's error."""
    prices = prices or Prices()
    spoken = channel.name == "audio"
    caller = caller or SimulatedCaller(scenario, seed, spoken=spoken)
    phone = caller_phone(scenario, index)
    transcript: list[dict[str, Any]] = []
    waits: list[float] = []
    caller_turns = 0
    result = ScenarioResult(scenario.name, scenario.profile, scenario.kind, scenario.behaviour,
                            channel.name, False, [], transcript, 0, {}, 0, 0, 0.0, 0.0)
    respond = getattr(caller, "respond_async", None)  # a model-driven caller is async
    try:
        heard = await channel.start(scenario,
                                    phone if (scenario.persona.caller_id
                                              or scenario.direction == "outbound") else None)
        transcript.append(_line("agent", heard))
        while caller_turns < MAX_CALLER_TURNS:
            text = (await respond(heard.reply, heard.state) if respond
                    else caller.respond(heard.reply, heard.state))
            if text is None:
                break
            caller_turns += 1
            transcript.append({"role": "caller", "text": text})
            cut_in = spoken and caller.interrupting and caller_turns == 2
            heard = await channel.say(text, cut_in=cut_in)
            transcript.append(_line("agent", heard))
            if heard.wait_ms is not None:
                waits.append(round(heard.wait_ms, 1))
        final: Finished = await channel.finish()
    except ChannelError as exc:
        if isinstance(exc, ChannelUnsupported):
            result.skipped = str(exc)
        else:
            result.error = str(exc)
        result.failures = [f"channel: {exc}"]
        result.transcript = transcript
        return result
    replies = [line["text"] for line in transcript if line["role"] == "agent"]
    j = judge(scenario, final.state, replies, caller_turns, waits, final.existing)
    if caller_turns >= MAX_CALLER_TURNS and not final.state.get("ended"):
        j.failures.append(f"no end after {MAX_CALLER_TURNS} caller turns")
    words = sum(len(line["text"].split()) for line in transcript)
    call_s = final.call_s if final.call_s is not None else (
        words / prices.words_per_min * 60 + sum(waits) / 1000)
    result.passed = not j.failures
    result.failures = j.failures
    result.caller_turns = caller_turns
    result.stages = {**final.stages, "wait_ms": waits}
    result.slots_right, result.slots_expected = j.right, j.expected
    result.call_s = round(call_s, 1)
    result.cost_usd = estimate_cost(transcript, call_s, prices)
    result.outcome = final.state.get("outcome")
    return result


def _line(role: str, heard) -> dict[str, Any]:
    line: dict[str, Any] = {"role": role, "text": heard.reply}
    if heard.wait_ms is not None:
        line["wait_ms"] = round(heard.wait_ms, 1)
    if heard.said is not None and normalise(heard.said) != normalise(heard.reply):
        line["said"] = heard.said
    line["awaiting"] = heard.state.get("awaiting")
    return line
