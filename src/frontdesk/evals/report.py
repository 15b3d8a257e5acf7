"""Evaluation reports: totals, JSON, and a self-contained HTML page with charts.

The HTML has no scripts and no external files: charts are inline SVG, transcripts sit in
``<details>``, so the page can be attached to an issue or mailed as is.
"""

from __future__ import annotations

import html
import math
import os
import platform
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from frontdesk.evals.runner import ScenarioResult


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)], 1)

    return {"n": len(ordered), "p50": at(0.5), "p95": at(0.95), "p99": at(0.99),
            "max": round(ordered[-1], 1)}


def _rate(passed: int, total: int) -> float | None:
    return round(passed / total, 4) if total else None


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform()}


def build_report(results: list[ScenarioResult], meta: dict[str, Any]) -> dict[str, Any]:
    judged = [r for r in results if r.skipped is None]
    passed = sum(r.passed for r in judged)
    stages: dict[str, list[float]] = defaultdict(list)
    for r in judged:
        for stage, values in r.stages.items():
            stages[stage] += values
    by_kind: dict[str, dict[str, Any]] = {}
    for key in ("kind", "profile", "behaviour"):
        groups: dict[str, list[ScenarioResult]] = defaultdict(list)
        for r in judged:
            groups[getattr(r, key)].append(r)
        by_kind[f"by_{key}"] = {name: {"scenarios": len(rs), "passed": sum(r.passed for r in rs),
                                       "success": _rate(sum(r.passed for r in rs), len(rs))}
                                for name, rs in sorted(groups.items())}
    slots_right = sum(r.slots_right for r in judged)
    slots_expected = sum(r.slots_expected for r in judged)
    totals = {
        "scenarios": len(results),
        "judged": len(judged),
        "skipped": len(results) - len(judged),
        "passed": passed,
        "errors": sum(r.error is not None for r in judged),
        "task_success": _rate(passed, len(judged)),
        "slot_accuracy": _rate(slots_right, slots_expected),
        "slots": {"right": slots_right, "expected": slots_expected},
        "avg_caller_turns": round(sum(r.caller_turns for r in judged) / len(judged), 2)
        if judged else None,
        "avg_call_s": round(sum(r.call_s for r in judged) / len(judged), 1) if judged else None,
        "cost_per_call_usd": round(sum(r.cost_usd for r in judged) / len(judged), 5)
        if judged else None,
        "latency_ms": {stage: percentiles(values) for stage, values in sorted(stages.items())},
    }
    return {"frontdesk_eval": 1, **meta, "machine": machine(),
            "date": datetime.now(UTC).isoformat(timespec="seconds"), "totals": totals,
            **by_kind, "results": [r.as_dict() for r in results]}


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """B against A on the same scenarios: totals side by side and every scenario that flipped."""
    ta, tb = a["totals"], b["totals"]
    keys = ("task_success", "slot_accuracy", "avg_caller_turns", "avg_call_s", "cost_per_call_usd")
    totals = {k: {"a": ta.get(k), "b": tb.get(k),
                  "delta": None if ta.get(k) is None or tb.get(k) is None
                  else round(tb[k] - ta[k], 5)} for k in keys}
    latency = {}
    for stage in sorted(set(ta["latency_ms"]) & set(tb["latency_ms"])):
        sa, sb = ta["latency_ms"][stage], tb["latency_ms"][stage]
        if sa.get("n") and sb.get("n"):
            latency[stage] = {q: {"a": sa[q], "b": sb[q], "delta": round(sb[q] - sa[q], 1)}
                              for q in ("p50", "p95")}
    results_a = {r["name"]: r for r in a["results"]}
    flips = []
    for r in b["results"]:
        before = results_a.get(r["name"])
        if before is not None and before["passed"] != r["passed"]:
            flips.append({"name": r["name"], "kind": r["kind"],
                          "a": "pass" if before["passed"] else "fail",
                          "b": "pass" if r["passed"] else "fail",
                          "failures": r["failures"] or before["failures"]})
    return {"frontdesk_eval_compare": 1, "a": a.get("label"), "b": b.get("label"),
            "totals": totals, "latency_ms": latency, "flipped": flips,
            "by_kind": {k: {"a": a["by_kind"].get(k, {}).get("success"),
                            "b": b["by_kind"].get(k, {}).get("success")}
                        for k in sorted(set(a["by_kind"]) | set(b["by_kind"]))}}


# --- HTML ---------------------------------------------------------------------------------------

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2430}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;border-bottom:1px solid #e3e6ea;
text-align:left;vertical-align:top}.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#1a7f37;font-weight:600}.fail{color:#c62828;font-weight:600}.skip{color:#8a6d00}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #e3e6ea;border-radius:8px;
padding:.7rem 1rem;min-width:9rem}.card b{display:block;font-size:1.35rem}
details{margin:.2rem 0}.t{font-family:ui-monospace,monospace;font-size:12px;white-space:pre-wrap}
.charts{display:flex;gap:2rem;flex-wrap:wrap}svg text{font:11px system-ui,sans-serif}
"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def bar_chart(rows: list[tuple[str, float, str]], title: str, width: int = 460) -> str:
    """Horizontal bars, values 0–1, each labelled."""
    row_h, label_w = 22, 130
    height = 30 + row_h * len(rows)
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="{_e(title)}">',
             f'<text x="0" y="14" font-weight="600">{_e(title)}</text>']
    span = width - label_w - 60
    for i, (label, value, note) in enumerate(rows):
        y = 26 + i * row_h
        colour = "#1a7f37" if value >= 0.95 else "#d97706" if value >= 0.8 else "#c62828"
        parts += [f'<text x="0" y="{y + 13}">{_e(label)}</text>',
                  f'<rect x="{label_w}" y="{y + 2}" width="{span}" height="14" fill="#eef0f3"/>',
                  f'<rect x="{label_w}" y="{y + 2}" width="{span * value:.1f}" height="14" '
                  f'fill="{colour}"/>',
                  f'<text x="{label_w + span + 6}" y="{y + 13}">{_e(note)}</text>']
    return "".join(parts) + "</svg>"


def histogram(values: list[float], title: str, unit: str = "ms", width: int = 460,
              bins: int = 20) -> str:
    height, pad = 190, 34
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="{_e(title)}">',
             f'<text x="0" y="14" font-weight="600">{_e(title)}</text>']
    if not values:
        return "".join(parts) + '<text x="0" y="40">no data</text></svg>'
    low, high = min(values), max(values)
    step = (high - low) / bins or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((v - low) / step))] += 1
    top = max(counts)
    plot_w, plot_h = width - 2 * pad, height - 2 * pad
    bar_w = plot_w / bins
    for i, count in enumerate(counts):
        h = plot_h * count / top
        parts.append(f'<rect x="{pad + i * bar_w:.1f}" y="{pad + plot_h - h:.1f}" '
                     f'width="{bar_w - 1:.1f}" height="{h:.1f}" fill="#3b6fb6">'
                     f'<title>{low + i * step:.0f}–{low + (i + 1) * step:.0f} {unit}: '
                     f'{count}</title></rect>')
    stats = percentiles(values)
    for q, colour in (("p50", "#1a7f37"), ("p95", "#c62828")):
        x = pad + plot_w * (stats[q] - low) / (high - low or 1)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{pad}" y2="{pad + plot_h}" '
                     f'stroke="{colour}" stroke-dasharray="4 3"/>'
                     f'<text x="{x + 3:.1f}" y="{pad + 10}" fill="{colour}">{q} {stats[q]:.0f}</text>')
    parts += [f'<text x="{pad}" y="{height - 8}">{low:.0f} {unit}</text>',
              f'<text x="{width - pad}" y="{height - 8}" text-anchor="end">{high:.0f} {unit}'
              f'</text>', f'<text x="{width - pad}" y="14" text-anchor="end">n = {len(values)}'
              "</text></svg>"]
    return "".join(parts)


def _transcript(r: dict[str, Any]) -> str:
    lines = []
    for line in r["transcript"]:
        who = "agent " if line["role"] == "agent" else "caller"
        extra = f"  [{line['wait_ms']:.0f} ms]" if line.get("wait_ms") is not None else ""
        said = f"\n        (meant: {line['said']})" if line.get("said") else ""
        lines.append(f"{who}: {line['text']}{extra}{said}")
    return "\n".join(lines)


def render_html(report: dict[str, Any]) -> str:
    t = report["totals"]
    lat = t["latency_ms"]
    wait = lat.get("wait_ms", {})
    cards = [("task success", _pct(t["task_success"])),
             ("slot accuracy", _pct(t["slot_accuracy"])),
             ("scenarios", f"{t['passed']}/{t['judged']}"),
             ("avg caller turns", t["avg_caller_turns"]),
             ("reply wait p50 / p95",
              f"{wait.get('p50', '–')} / {wait.get('p95', '–')} ms"),
             ("est. cost per call", f"${t['cost_per_call_usd']:.4f}"
              if t["cost_per_call_usd"] is not None else "–")]
    kinds = [(k, v["success"] or 0.0, f"{v['passed']}/{v['scenarios']}")
             for k, v in report["by_kind"].items()]
    waits = [w for r in report["results"] for w in r["stages"].get("wait_ms", [])]
    stage_rows = "".join(
        f"<tr><td>{_e(stage)}</td>" + "".join(
            f'<td class="num">{s.get(q, "–")}</td>' for q in ("n", "p50", "p95", "p99", "max"))
        + "</tr>" for stage, s in lat.items())
    rows = []
    for r in report["results"]:
        status = ("skip", "skipped") if r["skipped"] else (
            ("pass", "pass") if r["passed"] else ("fail", "FAIL"))
        why = _e(r["skipped"] or "; ".join(r["failures"]))
        rows.append(
            f'<tr><td class="{status[0]}">{status[1]}</td><td>{_e(r["name"])}'
            f'<details><summary>transcript</summary><div class="t">{_e(_transcript(r))}'
            f'</div></details></td><td>{_e(r["profile"])}</td><td>{_e(r["kind"])}</td>'
            f'<td>{_e(r["behaviour"])}</td><td class="num">{r["caller_turns"]}</td>'
            f"<td>{why}</td></tr>")
    meta = " · ".join(f"{k}: {_e(report.get(k))}" for k in ("label", "mode", "seed", "now")
                      if report.get(k) is not None)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Frontdesk eval — {_e(report.get("label", ""))}</title><style>{_STYLE}</style></head><body>
<h1>Frontdesk evaluation</h1><p>{meta}<br>{_e(report["date"])} · {_e(report["machine"])}</p>
<div class="cards">{"".join(f"<div class=card>{_e(k)}<b>{_e(v)}</b></div>" for k, v in cards)}
</div>
<h2>Charts</h2><div class="charts">{bar_chart(kinds, "Task success by scenario type")}
{histogram(waits, "Reply wait at the caller (every turn)")}</div>
<h2>Latency per stage (ms)</h2><table><tr><th>stage</th><th class=num>n</th><th class=num>p50</th>
<th class=num>p95</th><th class=num>p99</th><th class=num>max</th></tr>{stage_rows}</table>
<h2>Scenarios</h2><table><tr><th></th><th>scenario</th><th>business</th><th>type</th>
<th>caller</th><th class=num>turns</th><th>failing expectation</th></tr>{"".join(rows)}</table>
</body></html>
"""


def render_compare_html(diff: dict[str, Any]) -> str:
    def cell(v: Any) -> str:
        return "–" if v is None else _e(v)

    totals = "".join(f"<tr><td>{_e(k)}</td><td class=num>{cell(v['a'])}</td>"
                     f"<td class=num>{cell(v['b'])}</td><td class=num>{cell(v['delta'])}</td></tr>"
                     for k, v in diff["totals"].items())
    latency = "".join(f"<tr><td>{_e(stage)} {q}</td><td class=num>{v['a']}</td>"
                      f"<td class=num>{v['b']}</td><td class=num>{v['delta']}</td></tr>"
                      for stage, qs in diff["latency_ms"].items() for q, v in qs.items())
    kinds = "".join(f"<tr><td>{_e(k)}</td><td class=num>{_pct(v['a'])}</td>"
                    f"<td class=num>{_pct(v['b'])}</td><td></td></tr>"
                    for k, v in diff["by_kind"].items())
    flips = "".join(f"<tr><td>{_e(f['name'])}</td><td>{_e(f['kind'])}</td>"
                    f"<td class={'pass' if f['a'] == 'pass' else 'fail'}>{f['a']}</td>"
                    f"<td class={'pass' if f['b'] == 'pass' else 'fail'}>{f['b']}</td>"
                    f"<td>{_e('; '.join(f['failures']))}</td></tr>" for f in diff["flipped"])
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Frontdesk eval: {_e(diff["a"])} vs {_e(diff["b"])}</title><style>{_STYLE}</style></head>
<body><h1>A = {_e(diff["a"])} · B = {_e(diff["b"])}</h1>
<table><tr><th></th><th class=num>A</th><th class=num>B</th><th class=num>B − A</th></tr>
{totals}{latency}{kinds}</table>
<h2>Scenarios that changed ({len(diff["flipped"])})</h2>
<table><tr><th>scenario</th><th>type</th><th>A</th><th>B</th><th>failures</th></tr>{flips}</table>
</body></html>
"""
