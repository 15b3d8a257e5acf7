"""``frontdesk eval``: run a scenario library through a channel and write the report.

Modes:

- text, in-process (default): a fresh temporary database and the conversation service, with
  the library's clock, so every run books against the same empty calendar;
- text against ``--url``: a running server's HTTP API;
- audio (``--audio``): real-time phone calls over Twilio Media Streams, against ``--url`` or
  an in-process server with the local speech models.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import multiprocessing
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from frontdesk.config import Settings
from frontdesk.evals.caller import LLMCaller, SimulatedCaller
from frontdesk.evals.channels import (
    CALLER_PITCH,
    CallerVoice,
    HttpChannel,
    PhoneChannel,
    ServiceChannel,
)
from frontdesk.evals.report import build_report
from frontdesk.evals.runner import Prices, ScenarioResult, run_scenario
from frontdesk.evals.schema import EvalScenario
from frontdesk.logs import configure_logging

log = logging.getLogger(__name__)


@dataclass
class EvalOptions:
    mode: str = "text"
    """``text`` or ``audio``."""
    url: str | None = None
    """A running server; in-process when not given."""
    seed: int = 0
    now: datetime | None = None
    label: str = "default"
    prices: Prices = field(default_factory=Prices)
    auth_token: str = ""
    """Signs the simulated Twilio webhooks when the server checks signatures."""
    api_key: str | None = None
    """A back-office key with the read scope (audio against ``url``: a phone call's state is
    read through the API)."""
    llm_caller: bool = False
    listener: str | None = None
    """The STT model that transcribed the agent (audio mode)."""
    caller_voice: str = "piper"
    """``piper``: the Piper voice pitched up 18% (a different, higher speaker than the agent);
    ``espeak``: espeak-ng, robotic, a harder test for speech recognition."""
    calls_at_once: int = 1
    """Audio mode: scenarios phoned in side by side (each its own call), as a busy line would
    get them; the report keeps the scenarios' order. Text mode runs one at a time."""
    answers: str = "tidy"
    """How the simulated callers answer the agent's questions: ``tidy`` templates, or
    ``realistic`` (``realistic-heldout``) ones from a bank (see :mod:`.caller`)."""
    processes: int = 1
    """Text mode, in process: the scenarios shared out among this many worker processes, each
    with its own temporary database. Scenarios are independent (each starts with an empty
    calendar, callers have their own numbers), so the report is the same, sooner."""


def default_now(tz: str = "America/Chicago") -> datetime:
    """Next Monday 9:00 in the business's zone: a full week of open days ahead."""
    local = datetime.now(ZoneInfo(tz))
    monday = (local + timedelta(days=7 - local.weekday())).replace(hour=9, minute=0, second=0,
                                                                    microsecond=0)
    return monday.astimezone(UTC)


def _caller(scenario: EvalScenario, options: EvalOptions, client: Any) -> SimulatedCaller:
    spoken = options.mode == "audio"
    if client is not None:
        return LLMCaller(scenario, client, options.seed, spoken=spoken, answers=options.answers)
    return SimulatedCaller(scenario, options.seed, spoken=spoken, answers=options.answers)


async def run_eval(scenarios: list[EvalScenario], settings: Settings,
                   options: EvalOptions, *, engines: Any = None) -> dict[str, Any]:
    """Every scenario, one after another (or shared out among processes); returns the report
    (see :mod:`.report`)."""
    now = options.now or next((s.now for s in scenarios if s.now is not None), None) or default_now()
    days = {s.now for s in scenarios if s.now is not None and not options.now}
    if len(days) > 1 and (options.mode != "text" or options.url):
        raise ValueError("scenarios written against different days run only in text mode, "
                         "in process (or give one --now)")
    indexed = list(enumerate(scenarios))
    if (options.processes > 1 and options.mode == "text" and not options.url and not options.llm_caller
            and engines is None and len(scenarios) > 1):
        results = await _in_processes(indexed, settings, options, now)
    else:
        results = await _run(indexed, settings, options, now, engines)
    meta = {"label": options.label, "mode": options.mode,
            "target": options.url or "in-process", "seed": options.seed,
            "now": now.isoformat(), "llm_caller": options.llm_caller,
            "answers": options.answers}
    if options.mode == "audio":
        meta.update(caller_voice=options.caller_voice, listener=options.listener)
    return build_report(results, meta)


async def _in_processes(indexed: list[tuple[int, EvalScenario]], settings: Settings,
                        options: EvalOptions, now: datetime) -> list[ScenarioResult]:
    """The scenarios dealt out in turn to ``options.processes`` fresh processes (each file's
    callers spread over all of them); each keeps its scenario's index, so a caller without a
    number of their own gets the same one as in a single process."""
    parts = min(options.processes, len(indexed))
    hands = [indexed[i::parts] for i in range(parts)]
    alone = dataclasses.replace(options, processes=1)
    loop = asyncio.get_running_loop()
    # each process logs as this one does (and Pipecat's import banner goes the same way)
    level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
    with ProcessPoolExecutor(parts, mp_context=multiprocessing.get_context("spawn"),
                             initializer=configure_logging, initargs=(level,)) as pool:
        done = await asyncio.gather(*(loop.run_in_executor(pool, _run_in_process, hand, settings, alone, now)
                                      for hand in hands))
    by_index = {index: result for hand, results in zip(hands, done, strict=True)
                for (index, _), result in zip(hand, results, strict=True)}
    return [by_index[index] for index, _ in indexed]


def _run_in_process(indexed: list[tuple[int, EvalScenario]], settings: Settings, options: EvalOptions,
                    now: datetime) -> list[ScenarioResult]:
    return asyncio.run(_run(indexed, settings, options, now, None))


async def _run(indexed: list[tuple[int, EvalScenario]], settings: Settings, options: EvalOptions,
               now: datetime, engines: Any) -> list[ScenarioResult]:
    clock = [now]  # in process, each scenario runs at the time it was written against
    client = None
    if options.llm_caller:
        from frontdesk.llm.client import ChatClient

        client = ChatClient(settings.llm)
    async with contextlib.AsyncExitStack() as stack:
        if client is not None:
            stack.push_async_callback(client.close)
        channel = await _open_channel(stack, settings, options, lambda: clock[0], engines)
        lanes = [channel]
        if isinstance(channel, PhoneChannel):
            for _ in range(min(options.calls_at_once, len(indexed)) - 1):
                lanes.append(channel.another_line())
                stack.push_async_callback(lanes[-1].close)
        waiting = list(indexed)
        done: dict[int, ScenarioResult] = {}

        async def lane(line: Any) -> None:
            while waiting:
                index, scenario = waiting.pop(0)
                clock[0] = options.now or scenario.now or now
                done[index] = result = await run_scenario(
                    scenario, line, seed=options.seed, index=index, prices=options.prices,
                    caller=_caller(scenario, options, client))
                log.info("%s %s", "pass" if result.passed else "FAIL", scenario.name)

        await asyncio.gather(*(lane(line) for line in lanes))
    return [done[index] for index, _ in indexed]


async def _open_channel(stack: contextlib.AsyncExitStack, settings: Settings,
                        options: EvalOptions, clock: Callable[[], datetime], engines: Any):
    if options.mode == "text" and options.url:
        channel = HttpChannel(options.url)
        stack.push_async_callback(channel.close)
        return channel
    work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="frontdesk-eval-")))
    local = settings.model_copy(update={"data_dir": work, "database_url": None})
    if options.mode == "text":
        from frontdesk.app import build_runtime

        runtime = await build_runtime(local.model_copy(update={"voice_enabled": False}),
                                      clock=clock)
        stack.push_async_callback(runtime.close)
        return ServiceChannel(runtime)
    return await _phone_channel(stack, local, options, clock(), engines, settings)


async def load_caller_voice(kind: str, settings: Settings,
                            stack: contextlib.AsyncExitStack) -> CallerVoice:
    """The simulated callers' voice. Piper gets its own engine without random variation, so a
    line is the same audio in every run and results move only when the agent does."""
    from frontdesk.speech.tts import EspeakTTS, PiperTTS

    if kind == "espeak":
        return CallerVoice(EspeakTTS(settings.tts.model_copy(update={"espeak_rate_wpm": 140})),
                           name="espeak-ng")
    piper = await asyncio.to_thread(PiperTTS, settings.tts.model_copy(update={
        "workers": 1, "piper_noise_scale": 0.0, "piper_noise_w_scale": 0.0}))
    stack.callback(piper.close)
    return CallerVoice(piper, pitch=CALLER_PITCH, name=f"piper ×{CALLER_PITCH}")


async def listener(settings: Settings, engines: Any) -> tuple[Any, str]:
    """What transcribes the agent for the simulated caller: Whisper base when installed (a
    better ear than the server's tiny.en, so the check is about what was said, not about the
    caller's hearing), else the shared model."""
    from frontdesk.speech.stt import FasterWhisperSTT, resolve_model_dir

    stt_settings = settings.stt.model_copy(update={"model": "base", "workers": 1})
    try:
        model_dir = await asyncio.to_thread(resolve_model_dir, stt_settings, settings.data_dir)
        stt = await asyncio.to_thread(FasterWhisperSTT, stt_settings, model_dir)
    except Exception as exc:  # not installed (pip install .[accurate]) or unreadable
        log.info("listening with the server's STT model (%s)", exc)
        return engines.stt, settings.stt.model
    return stt, "base"


async def _eval_key(app: Any) -> str:
    """A read-only key on the eval's own server, to read the phone conversations' state."""
    from frontdesk.auth.secrets import new_token

    accounts = app.state.services.accounts
    owner = await accounts.create_user("eval@frontdesk.invalid", new_token(), "owner")
    key, _ = await accounts.create_api_key(owner, "eval", ("read",))
    return key


async def _phone_channel(stack: contextlib.AsyncExitStack, settings: Settings,
                         options: EvalOptions, now: datetime, engines: Any,
                         home: Settings) -> PhoneChannel:
    from frontdesk.voice.engines import VoiceEngines

    if engines is None:
        engines = await VoiceEngines.load(settings)
        stack.push_async_callback(engines.close)
    voice = await load_caller_voice(options.caller_voice, settings, stack)
    stt, options.listener = await listener(home, engines)
    if stt is not engines.stt:
        stack.callback(stt.close)
    url, token = options.url, options.auth_token
    if url is None:
        from frontdesk.app import create_app
        from frontdesk.evals.server import LiveServer, free_port

        port = free_port()
        token = token or "eval-token"
        local = settings.model_copy(update={
            "public_url": f"http://127.0.0.1:{port}", "voice_enabled": True,
            "twilio": settings.twilio.model_copy(update={"auth_token": token})})
        app = create_app(local, clock=lambda: now, engines=engines)
        server = await stack.enter_async_context(LiveServer(app, port))
        url = server.url
        api_key = await _eval_key(app)
    else:
        api_key = options.api_key
    channel = PhoneChannel(url, voice=voice, stt=stt, auth_token=token, api_key=api_key)
    stack.push_async_callback(channel.close)
    return channel
