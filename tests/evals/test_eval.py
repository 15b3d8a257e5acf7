"""``frontdesk eval`` in text mode: the shipped library, the caller, judging, reports, HTTP."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import get_args

import pytest

from frontdesk.app import create_app
from frontdesk.cli import main
from frontdesk.config import Settings
from frontdesk.evals.caller import SimulatedCaller
from frontdesk.evals.report import build_report, compare, render_html
from frontdesk.evals.runner import judge, normalise, run_scenario, said_in
from frontdesk.evals.schema import (
    Behaviour,
    EvalScenario,
    Kind,
    ScenarioFileError,
    default_library,
    load_library,
)
from frontdesk.evals.server import LiveServer
from frontdesk.evals.suite import EvalOptions, run_eval
from tests.conftest import fixed_clock

NOW, LIBRARY = load_library([default_library()])
# A fixed third of the library, picked by a hash of each name (so a new file neither reshuffles the
# pick nor leaves it out): every business, kind and round is in it. The whole library is `make eval`,
# run on every round before it lands; here it would be two thirds of `make test`'s time.
REGRESSION_THIRD = [s for s in LIBRARY if zlib.crc32(s.name.encode()) % 3 == 0]


def _settings(tmp_path: Path) -> Settings:
    return Settings(env="test", data_dir=tmp_path, voice_enabled=False)


def _pick(*names: str) -> list[EvalScenario]:
    return [s for s in LIBRARY if s.name in names]


def test_library_covers_both_businesses_every_type_and_behaviour():
    assert len(LIBRARY) >= 60
    assert {s.profile for s in LIBRARY} == {"dealership", "real_estate"}
    assert {s.kind for s in LIBRARY} == set(get_args(Kind))
    assert {s.behaviour for s in LIBRARY} == set(get_args(Behaviour))
    phones = [s.persona.phone for s in LIBRARY if s.persona.phone]
    assert len(phones) == len(set(phones)), "two scenarios would meet as one returning customer"
    assert sum(s.audio for s in LIBRARY) >= 4


def test_the_regression_third_is_a_fair_share_of_the_library():
    assert 0.3 < len(REGRESSION_THIRD) / len(LIBRARY) < 0.37
    assert {s.kind for s in REGRESSION_THIRD} == set(get_args(Kind))
    assert {s.behaviour for s in REGRESSION_THIRD} == set(get_args(Behaviour))
    assert {s.profile for s in REGRESSION_THIRD} == {"dealership", "real_estate"}
    clocks = {s.now for s in LIBRARY}  # nearly one per file
    assert len({s.now for s in REGRESSION_THIRD}) > 0.9 * len(clocks)


async def test_a_third_of_the_library_passes_in_text_mode(tmp_path):
    # each file runs at the clock it was written against (its own ``now``)
    report = await run_eval(REGRESSION_THIRD, _settings(tmp_path), EvalOptions(processes=2))
    totals = report["totals"]
    failed = [(r["name"], r["failures"]) for r in report["results"] if not r["passed"]]
    assert totals["task_success"] >= 0.95, failed
    assert totals["judged"] == len(REGRESSION_THIRD)
    assert totals["slot_accuracy"] >= 0.95
    assert totals["latency_ms"]["brain_ms"]["n"] > 300
    assert 3 < totals["avg_caller_turns"] < 10
    assert 0 < totals["cost_per_call_usd"] < 0.05  # a one-minute call at Twilio's rate
    assert set(report["by_kind"]) == set(get_args(Kind))


async def test_processes_share_the_work_and_change_nothing_in_the_report(tmp_path):
    # every 150th scenario: files written on different days, both businesses, existing bookings;
    # not a call that asks for a person: the staff check runs beside the call, and whether its
    # answer lands before the caller's next line is the event loop's choice in any process count
    chosen = [s for s in LIBRARY[::150] if s.kind != "escalation" and not s.expect.escalation]
    one = await run_eval(chosen, _settings(tmp_path / "one"), EvalOptions())
    three = await run_eval(chosen, _settings(tmp_path / "three"), EvalOptions(processes=3))
    assert [r["name"] for r in three["results"]] == [s.name for s in chosen]
    for a, b in zip(one["results"], three["results"], strict=True):
        assert (a["passed"], a["failures"]) == (b["passed"], b["failures"])
        assert [line["text"] for line in a["transcript"]] == [line["text"] for line in b["transcript"]]
    assert one["totals"]["task_success"] == three["totals"]["task_success"]


async def test_files_written_against_different_days_each_run_on_their_own(tmp_path):
    for name, now, date in (("monday", "2026-11-23T09:00:00-06:00", "2026-11-24"),
                            ("wednesday", "2026-12-02T16:30:00-06:00", "2026-12-03")):
        (tmp_path / f"{name}.yaml").write_text(
            f"now: {now}\nscenarios:\n- name: {name} caller\n  profile: dealership\n"
            f"  kind: booking\n  script: ['oil change tomorrow at 10', 'Ann Lee', 'yes']\n"
            f"  persona: {{name: Ann Lee, phone: '512-555-77{len(name)}0'}}\n"
            f"  expect: {{appointment: {{date: '{date}', time: '10:00'}}, booked: true}}\n")
    _, scenarios = load_library([tmp_path / "monday.yaml", tmp_path / "wednesday.yaml"])
    report = await run_eval(scenarios, _settings(tmp_path / "run"), EvalOptions())
    assert [r["passed"] for r in report["results"]] == [True, True], report["results"]
    with pytest.raises(ValueError, match="different days"):
        await run_eval(scenarios, Settings(), EvalOptions(url="http://127.0.0.1:9"))


async def test_caller_answers_what_is_asked_deterministically_per_seed(tmp_path):
    scenario = _pick("hot buyer qualified and booked")
    runs = {}
    for seed in (0, 0, 7):
        report = await run_eval(scenario, _settings(tmp_path / str(len(runs))),
                                EvalOptions(now=NOW, seed=seed))
        result = report["results"][0]
        assert result["passed"], result["failures"]
        runs.setdefault(seed, []).append([line["text"] for line in result["transcript"]
                                          if line["role"] == "caller"])
    assert runs[0][0] == runs[0][1]  # same seed, same words
    assert runs[0][0] != runs[7][0]  # another seed, other words, same outcome
    # Each answer follows the question actually asked (state.awaiting), not a fixed script.
    transcript = report["results"][0]["transcript"]
    asked_budget = next(i for i, line in enumerate(transcript) if line.get("awaiting") == "budget")
    assert "450" in transcript[asked_budget + 1]["text"]


async def test_a_wrong_expectation_fails_with_the_reason(tmp_path):
    wrong = _pick("tire rotation on friday morning")[0].model_copy(deep=True)
    wrong.expect.appointment.time = "15:00"
    wrong.expect.replies_contain = ["free coffee"]
    report = await run_eval([wrong], _settings(tmp_path), EvalOptions(now=NOW))
    result = report["results"][0]
    assert not result["passed"]
    assert "appointment time: expected '15:00', got '10:00'" in result["failures"]
    assert "no reply contained 'free coffee'" in result["failures"]
    assert result["slots_right"] == 2 and result["slots_expected"] == 3  # day, time, service
    html = render_html(report)
    assert html.count("<svg") == 2 and "got &#x27;10:00&#x27;" in html


def test_bad_scenario_files_say_which_scenario_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: x\n  profile: dealership\n  kind: bookings\n"
                   "  persona: {nmae: Tom}\n  expect: {appointment: {weekday: funday}}\n")
    with pytest.raises(ScenarioFileError) as err:
        load_library([bad])
    message = str(err.value)
    assert "scenario #1 ('x')" in message
    for field in ("kind", "persona.nmae", "expect.appointment.weekday"):
        assert field in message
    bad.write_text("scenarios: [ {name: x")
    with pytest.raises(ScenarioFileError, match="not YAML"):
        load_library([bad])
    with pytest.raises(ScenarioFileError, match="no such file"):
        load_library([tmp_path / "missing.yaml"])


async def test_http_mode_against_a_running_server(tmp_path):
    app = create_app(_settings(tmp_path), clock=fixed_clock)
    chosen = _pick("oil change, answers one thing at a time", "areas and office hours",
                   "both bays taken at the asked time")
    async with LiveServer(app) as server:
        report = await run_eval(chosen, Settings(), EvalOptions(url=server.url, now=NOW))
    by_name = {r["name"]: r for r in report["results"]}
    assert by_name["oil change, answers one thing at a time"]["passed"]
    assert by_name["areas and office hours"]["passed"]
    assert "in-process" in by_name["both bays taken at the asked time"]["skipped"]
    assert report["totals"]["judged"] == 2 and report["target"] == server.url


async def test_compare_shows_what_a_stricter_threshold_changes(tmp_path):
    # the first library's qualification calls (not every development set's: a minute less)
    chosen = [s for s in LIBRARY if s.profile == "real_estate" and s.kind == "qualification"
              and not s.name.lower().startswith(("dev", "nlu", "realistic"))]
    a = await run_eval(chosen, _settings(tmp_path / "a"), EvalOptions(now=NOW, label="a"))
    strict = _settings(tmp_path / "b").model_copy(deep=True)
    strict.brain.qualification_threshold = 0.99
    b = await run_eval(chosen, strict, EvalOptions(now=NOW, label="strict"))
    diff = compare(a, b)
    assert diff["totals"]["task_success"]["delta"] < 0
    flipped = {f["name"] for f in diff["flipped"]}
    assert "buyer will not say a budget" in flipped
    assert all(f["a"] == "pass" and f["b"] == "fail" for f in diff["flipped"])


def test_cli_writes_reports_and_fails_below_the_bar(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--data-dir", str(tmp_path), "eval", "--only", "service hours",
                 "--out", str(out)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["totals"]["passed"] == 1 and (out / "report.html").exists()
    assert "task success 100.0%" in capsys.readouterr().out
    broken = tmp_path / "broken.yaml"
    broken.write_text("- name: y\n  profile: dealership\n  kind: faq\n"
                      "  persona: {questions: ['what are your hours?']}\n"
                      "  expect: {replies_contain: [open 24 hours]}\n")
    assert main(["--data-dir", str(tmp_path), "eval", str(broken), "--out", str(out)]) == 1
    assert "no reply contained 'open 24 hours'" in capsys.readouterr().out
    broken.write_text("- name: z\n")
    assert main(["eval", str(broken)]) == 2
    assert "profile" in capsys.readouterr().err


async def test_a_caller_who_keeps_being_asked_the_same_thing_gives_up():
    caller = SimulatedCaller(_pick("oil change, answers one thing at a time")[0])
    caller.respond("How can I help?", {"awaiting": None})
    answers = [caller.respond("What day?", {"awaiting": "date"}) for _ in range(5)]
    assert answers[3].startswith("forget it") and answers[4] is None


async def test_channel_failure_is_reported_not_raised():
    class Down:
        name = "http"

        async def start(self, scenario, phone):
            from frontdesk.evals.channels import ChannelError

            raise ChannelError("http://127.0.0.1:9: connection refused")

    result = await run_scenario(LIBRARY[0], Down())
    assert not result.passed and "connection refused" in result.error
    report = build_report([result], {"label": "down"})
    assert report["totals"]["errors"] == 1 and report["totals"]["task_success"] == 0


def test_realistic_answers_keep_every_persona_fact_recoverable():
    import string

    from frontdesk.evals.caller import ANSWER_BANKS, answer_bank

    scenario = _pick("hot buyer qualified and booked")[0]
    known = set(SimulatedCaller(scenario, answers="realistic")._slots()) | {
        "last", "last_spelled", "service", "a_service", "vehicle", "appointment_type",
        "callback_time", "ordinal", "offered", "change", "what", "time", "time_words",
        "other_time", "day", "other_day", "phone"}
    for answers in ANSWER_BANKS:  # both parts: every placeholder is a persona fact
        for state, templates in answer_bank(answers).items():
            for template in templates:
                fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
                assert fields <= known, (answers, state, template)
    for seed in range(12):
        caller = SimulatedCaller(scenario, seed, answers="realistic")
        said = caller._answer("name", "Can I get your name, please?") or ""
        assert all(part.lower() in said.lower() for part in scenario.persona.name.split())


async def test_realistic_answers_are_deterministic_per_seed_and_still_pass(tmp_path):
    scenario = _pick("hot buyer qualified and booked")
    words = []
    for run, seed in enumerate((3, 3)):
        report = await run_eval(scenario, _settings(tmp_path / str(run)),
                                EvalOptions(now=NOW, seed=seed, answers="realistic"))
        result = report["results"][0]
        assert result["passed"], result["failures"]
        assert report["answers"] == "realistic"
        words.append([line["text"] for line in result["transcript"] if line["role"] == "caller"])
    assert words[0] == words[1]


@pytest.mark.parametrize(("needle", "reply", "found"), [
    ("3%", "You're all set for Saturday, February 13 at 1 PM.", False),  # a date holds no percentage
    ("3%", "Our fee is 3% of the price.", True),
    ("$35", "A state inspection is $350 here.", False),
    ("$35", "It's $35 and takes 45 minutes.", True),
    ("7:30", "We open at 7:30 AM.", True),
])
def test_a_figure_the_agent_must_or_must_not_say_is_matched_whole(needle, reply, found):
    assert said_in(needle, normalise(reply)) is found


def _visit(day: str, at: str, service: str) -> dict:
    return {"id": 1, "appointment_type": "service", "service_type": service, "services": [service],
            "scheduled_date": day, "scheduled_time": at, "customer_name": "Lena Brooks",
            "status": "scheduled"}


def test_a_call_that_booked_two_visits_is_judged_on_the_one_expected():
    scenario = EvalScenario.model_validate({
        "name": "two visits", "profile": "dealership", "kind": "multi_act",
        "persona": {"name": "Lena Brooks"}, "script": ["hi"],
        "expect": {"appointment": {"weekday": "tuesday", "time": "09:00", "service": "tire_rotation"}}})
    final = {"appointment": _visit("2026-11-28", "10:00", "state_inspection"),
             "booked_before": [_visit("2026-11-24", "09:00", "tire_rotation")]}
    assert judge(scenario, final, [], 1, []).failures == []
    final["booked_before"] = []  # only the other visit was booked: that one is judged, and fails
    assert "appointment time: expected '09:00', got '10:00'" in judge(scenario, final, [], 1, []).failures
