"""``frontdesk nlu``: how well the act classifier reads utterances it was never trained on.

The held-out bank (``brain/nlu/bank/heldout/``) is written apart from the training bank and is
never used for training or tuning; this report is the honest measure of the classifier. It
also times one prediction, the cost every caller turn pays per clause.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.classifier import bank_files, default_classifier, evaluate, load_bank
from frontdesk.knowledge.profile import load_profiles

_INTENT_OF_ACT = {"question": "faq", "thanks": "greeting"}
"""The brain's intent for each act of the bank, where the names differ."""


def pipeline_report(files: list[Path]) -> dict[str, Any]:
    """The whole reading (clauses, rules and classifier), message by message, as the brain
    gets it at the start of a call (no question pending): the intent it acts on."""
    profiles = load_profiles()
    today = date(2026, 11, 23)
    rows: list[tuple[str, str, str]] = []
    for path in files:
        profile = profiles.get(path.stem) or next(iter(profiles.values()))
        for text, act in load_bank([path]):
            got = understand(text, profile, today).intent
            got = "provide_info" if got == "lead" else got  # "we're selling mom's place" gives a fact
            rows.append((text, _INTENT_OF_ACT.get(act, act), got))
    per_intent: dict[str, dict[str, float]] = {}
    for intent in sorted({want for _, want, _ in rows}):
        tp = sum(w == intent and g == intent for _, w, g in rows)
        predicted = sum(g == intent for _, _, g in rows)
        actual = sum(w == intent for _, w, _ in rows)
        per_intent[intent] = {"precision": round(tp / predicted, 3) if predicted else 0.0,
                              "recall": round(tp / actual, 3) if actual else 0.0,
                              "support": actual}
    right = sum(w == g for _, w, g in rows)
    return {"examples": len(rows), "accuracy": round(right / len(rows), 4) if rows else 0.0,
            "per_intent": per_intent,
            "errors": [{"text": t, "want": w, "got": g} for t, w, g in rows if w != g]}


def nlu_report() -> dict[str, Any]:
    """Held-out accuracy, macro F1, calibration error, per-act precision/recall and latency."""
    model = default_classifier()
    train = load_bank(bank_files())
    heldout = load_bank(bank_files(heldout=True))
    report = evaluate(model, heldout)
    timings = []
    for text, _ in heldout[:300]:
        started = time.perf_counter()
        model.predict(text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "frontdesk_nlu": 1,
        "train_examples": len(train),
        "heldout_files": [p.name for p in bank_files(heldout=True)],
        "temperature": round(model.temperature, 3),
        "predict_ms": {"p50": round(statistics.median(timings), 3),
                       "p95": round(timings[int(len(timings) * 0.95) - 1], 3)} if timings else {},
        "heldout": report,
        "heldout_pipeline": pipeline_report(bank_files(heldout=True)),
    }


def print_report(report: dict[str, Any]) -> None:
    held = report["heldout"]
    print(f"act classifier: {report['train_examples']} training utterances; held-out "
          f"{held['examples']}: accuracy {held['accuracy']:.1%}, macro F1 {held['macro_f1']:.3f}, "
          f"calibration error {held['ece']:.3f}; predict p50 {report['predict_ms'].get('p50')} ms")
    pipe = report["heldout_pipeline"]
    print(f"whole reading (clauses, rules, classifier) on the same held-out messages: "
          f"intent accuracy {pipe['accuracy']:.1%}")
    print(f"{'act':26} {'precision':>9} {'recall':>7} {'support':>8}")
    for act, row in sorted(held["per_act"].items()):
        print(f"{act:26} {row['precision']:9.2f} {row['recall']:7.2f} {row['support']:8d}")


def add_nlu_parser(sub: Any) -> None:
    p = sub.add_parser("nlu", help="the act classifier on the held-out phrase bank "
                                   "(accuracy, per-act precision/recall, latency)")
    p.add_argument("--out", type=Path, default=Path("eval-results"),
                   help="folder for nlu.json (default: eval-results)")
    p.add_argument("--min-accuracy", type=float, default=0.0,
                   help="exit with status 1 below this held-out accuracy (0–1)")


def main_nlu(args: argparse.Namespace) -> int:
    report = nlu_report()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "nlu.json").write_text(json.dumps(report, indent=2, default=str),
                                       encoding="utf-8")
    print_report(report)
    print(f"wrote {args.out / 'nlu.json'}")
    return 0 if report["heldout"]["accuracy"] >= args.min_accuracy else 1
