"""The ``frontdesk eval`` and ``frontdesk loadtest`` commands: arguments and output files."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from frontdesk.config import Settings
from frontdesk.evals.caller import ANSWER_BANKS
from frontdesk.evals.report import compare, render_compare_html, render_html
from frontdesk.evals.runner import Prices
from frontdesk.evals.schema import (
    EvalScenario,
    ScenarioFileError,
    default_library,
    heldout_library,
    load_library,
)


def add_eval_parser(sub: Any) -> None:
    p = sub.add_parser(
        "eval", help="simulated callers against the agent: task success, slots, latency, cost",
        description="Run the scenario library (or your own YAML files) with simulated callers "
                    "and write report.json and report.html.")
    p.add_argument("paths", nargs="*", type=Path,
                   help="scenario files or folders (default: the library that ships)")
    p.add_argument("--heldout", action="store_true",
                   help="the held-out scenarios (never used for tuning) instead of the library")
    p.add_argument("--url", help="a running server (http://host:port); in-process otherwise")
    p.add_argument("--audio", action="store_true",
                   help="real-time phone calls over Twilio Media Streams, replies transcribed")
    p.add_argument("--audio-subset", action="store_true",
                   help="only the scenarios marked audio: true")
    p.add_argument("--only", action="append", default=[],
                   help="scenarios whose name contains this (repeatable)")
    p.add_argument("--kind", action="append", default=[], help="only this scenario type")
    p.add_argument("--profile", action="append", default=[], help="only this business")
    p.add_argument("--seed", type=int, default=0, help="the simulated callers' phrasing seed")
    p.add_argument("--answers", choices=["tidy", *ANSWER_BANKS], default="tidy",
                   help="how the simulated callers answer: tidy templates, or realistic ones "
                        "(fillers, hedges, self-corrections; realistic-heldout: the bank's "
                        "held-out part, never tuned on)")
    p.add_argument("--now", type=datetime.fromisoformat,
                   help="the clock (ISO time); default: the library's, else next Monday 9:00")
    p.add_argument("--label", default=None, help="name of this run in the report")
    p.add_argument("--config", type=Path,
                   help="settings overrides (YAML) or a folder of business profiles")
    p.add_argument("--compare", nargs=2, metavar=("A", "B"),
                   help="two configs (YAML settings, profile folders) or saved report.json files")
    p.add_argument("--out", type=Path, default=Path("eval-results"), help="output folder")
    p.add_argument("--min-success", type=float, default=0.95,
                   help="exit 1 when task success is below this")
    p.add_argument("--llm-caller", action="store_true",
                   help="a language model (FRONTDESK_LLM__*) plays the callers")
    p.add_argument("--auth-token", default=None,
                   help="the server's Twilio auth token, to sign simulated webhooks (--audio)")
    p.add_argument("--api-key", default=os.environ.get("FRONTDESK_API_KEY"),
                   help="a back-office API key (read scope) for --audio against --url: the "
                        "calls' state is read through the API (default: FRONTDESK_API_KEY)")
    p.add_argument("--caller-voice", choices=["piper", "espeak"], default="piper",
                   help="the simulated caller's voice (--audio); never the agent's")
    p.add_argument("--calls-at-once", type=int, default=1, metavar="N",
                   help="--audio: phone N scenarios in side by side, each its own call")
    p.add_argument("--processes", type=int, default=0, metavar="N",
                   help="text mode, in process: share the scenarios out among N processes, each "
                        "with its own database; the report is the same (default: one per core, "
                        "at most 4)")
    p.add_argument("--telephony-per-min", type=float, default=Prices.telephony_per_min,
                   help="price of a phone minute for the cost estimate (USD)")
    p.add_argument("--tts-per-1k-chars", type=float, default=Prices.tts_per_1k_chars,
                   help="price of a premium voice per 1,000 characters (USD); 0 for Piper")


def add_loadtest_parser(sub: Any) -> None:
    p = sub.add_parser(
        "loadtest", help="N concurrent simulated phone calls against a running server",
        description="Concurrent real-time phone conversations over Twilio Media Streams "
                    "against a server on this machine; writes loadtest.json and loadtest.png.")
    p.add_argument("--url", default="http://127.0.0.1:8000",
                   help="the server (loopback only)")
    p.add_argument("--spawn", action="store_true",
                   help="start `frontdesk serve` in a child process on a free port first")
    p.add_argument("--calls", type=int, nargs="+", default=[1, 5, 10, 20],
                   help="concurrency levels, run one after another")
    p.add_argument("--max-calls", type=int, default=50, help="refuse levels above this")
    p.add_argument("--level-timeout-s", type=float, default=240.0,
                   help="calls still talking after this are hung up and counted as dropped")
    p.add_argument("--auth-token", default=None,
                   help="the server's Twilio auth token (default: FRONTDESK_TWILIO__AUTH_TOKEN)")
    p.add_argument("--api-key", default=os.environ.get("FRONTDESK_API_KEY"),
                   help="a back-office API key with the read scope, to read call state and the "
                        "server's CPU and memory (--url; default: FRONTDESK_API_KEY; --spawn "
                        "makes its own)")
    p.add_argument("--out", type=Path, default=Path("loadtest-results"), help="output folder")
    p.add_argument("--seed", type=int, default=0, help="the simulated callers' phrasing seed")


def _settings_for(config: Path | None, base: Settings) -> Settings:
    if config is None:
        return base
    if config.is_dir():
        return base.model_copy(update={"profiles_dir": config})
    try:
        overrides = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{config}: {exc}") from exc
    if not isinstance(overrides, dict):
        raise ValueError(f"{config}: expected a mapping of settings")
    merged = base.model_dump()
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return Settings(**merged)


def _select(scenarios: list[EvalScenario], args: argparse.Namespace) -> list[EvalScenario]:
    chosen = [s for s in scenarios
              if (not args.only or any(o.lower() in s.name.lower() for o in args.only))
              and (not args.kind or s.kind in args.kind)
              and (not args.profile or s.profile in args.profile)
              and (not args.audio_subset or s.audio)]
    if not chosen:
        raise ValueError("no scenario matches the filters")
    return chosen


def _write(out: Path, name: str, report: dict[str, Any], html: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out / f"{name}.html").write_text(html, encoding="utf-8")


def _print_summary(report: dict[str, Any]) -> None:
    t = report["totals"]
    wait = t["latency_ms"].get("wait_ms", {})
    for r in report["results"]:
        if r["skipped"]:
            print(f"  skip  {r['name']}: {r['skipped']}")
        elif not r["passed"]:
            print(f"  FAIL  {r['name']}: {'; '.join(r['failures'])}")
    success = "–" if t["task_success"] is None else f"{100 * t['task_success']:.1f}%"
    slots = "–" if t["slot_accuracy"] is None else f"{100 * t['slot_accuracy']:.1f}%"
    print(f"[{report['label']}] task success {success} ({t['passed']}/{t['judged']}), "
          f"slot accuracy {slots}, avg turns {t['avg_caller_turns']}, "
          f"reply wait p50 {wait.get('p50', '–')} ms p95 {wait.get('p95', '–')} ms, "
          f"est. cost/call ${t['cost_per_call_usd']}")


def main_eval(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.evals.suite import EvalOptions, run_eval

    try:
        default = heldout_library() if args.heldout else default_library()
        _, scenarios = load_library(args.paths or [default])
        scenarios = _select(scenarios, args)
    except ScenarioFileError as exc:
        print(f"frontdesk eval: {exc}", file=sys.stderr)
        return 2
    prices = Prices(args.telephony_per_min, args.tts_per_1k_chars)

    def options(label: str) -> EvalOptions:
        return EvalOptions(mode="audio" if args.audio else "text", url=args.url, seed=args.seed,
                           now=args.now, label=label, prices=prices,
                           auth_token=args.auth_token or settings.twilio.auth_token or "",
                           api_key=args.api_key,
                           llm_caller=args.llm_caller, caller_voice=args.caller_voice,
                           calls_at_once=max(1, args.calls_at_once), answers=args.answers,
                           processes=args.processes or min(4, os.cpu_count() or 1))

    async def one(config: Path | None, label: str) -> dict[str, Any]:
        if config is not None and config.suffix == ".json":
            return json.loads(config.read_text(encoding="utf-8"))
        try:
            return await run_eval(scenarios, _settings_for(config, settings), options(label))
        except ValueError as exc:  # scenarios of several days over HTTP or audio
            raise SystemExit(f"frontdesk eval: {exc}") from exc

    if args.compare:
        a_path, b_path = (Path(p) for p in args.compare)
        a = asyncio.run(one(a_path, a_path.stem))
        b = asyncio.run(one(b_path, b_path.stem))
        for report in (a, b):
            _print_summary(report)
            _write(args.out, report["label"], report, render_html(report))
        diff = compare(a, b)
        _write(args.out, "compare", diff, render_compare_html(diff))
        print(f"B − A task success: {diff['totals']['task_success']['delta']}; "
              f"{len(diff['flipped'])} scenarios changed → {args.out / 'compare.html'}")
        return 0
    label = args.label or (args.config.stem if args.config else "default")
    report = asyncio.run(one(args.config, label))
    _write(args.out, "report", report, render_html(report))
    _print_summary(report)
    print(f"wrote {args.out / 'report.json'} and {args.out / 'report.html'}")
    success = report["totals"]["task_success"]
    return 0 if success is not None and success >= args.min_success else 1
