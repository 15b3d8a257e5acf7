"""Voice pieces without a pipeline: what was heard, phone-line VAD tuning."""

from __future__ import annotations

import asyncio
import time

import numpy as np
import pytest
from pipecat.audio.vad.silero import SileroVADAnalyzer
from pipecat.audio.vad.vad_analyzer import VADParams, VADState
from pipecat.frames.frames import ErrorFrame
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineWorker
from pipecat.processors.frame_processor import FrameProcessor
from pipecat.workers.runner import WorkerRunner

from frontdesk.config import VoiceSettings
from frontdesk.conversations.service import new_conversation_id
from frontdesk.speech.tts import first_audio_ms
from frontdesk.voice.processors import BrainTurns, CallerTurnFrame
from frontdesk.voice.state import CallState, ReplyProgress
from frontdesk.voice.talk import phone_line


def test_spoken_text_keeps_what_was_heard() -> None:
    reply = ReplyProgress(sentences=[("Our service department is open weekdays.", 2.0),
                                     ("Saturday we open at eight.", 2.0)], played_s=3.0)
    assert reply.spoken_text() == "Our service department is open weekdays. Saturday we…"
    reply.played_s = 0.0
    assert reply.spoken_text() == ""


async def test_the_record_keeps_what_the_caller_heard_of_a_cut_off_reply() -> None:
    call = CallState()
    first = ReplyProgress(text="Our service department is open weekdays. Saturday we open at 8.",
                          sentences=[("Our service department is open weekdays.", 2.0),
                                     ("Saturday we open at eight.", 2.0)])
    call.lines.append(("agent", first))
    call.playback.begin(first)
    call.lines.append(("caller", "can I talk to a manager"))  # the caller's words land first
    first.played_s = 3.0
    call.playback.cut(first)
    assert call.transcript == [
        ("agent", "Our service department is open weekdays. Saturday we… [interrupted]"),
        ("caller", "can I talk to a manager")]
    assert call.playback.quiet and call.replies_completed == 0


async def test_waiting_for_the_agent_to_finish_wakes_on_the_change_not_on_a_timer() -> None:
    playback = CallState().playback
    reply = ReplyProgress(text="One moment.")
    playback.begin(reply)
    playback.set_speaking(True)
    waiter = asyncio.create_task(playback.until(lambda: playback.quiet, timeout_s=5))
    await asyncio.sleep(0)
    assert not waiter.done()
    playback.set_speaking(False)
    playback.finished(reply)
    started = time.monotonic()
    assert await waiter is True
    assert time.monotonic() - started < 0.05 and playback.completed == 1
    assert await playback.until(lambda: playback.completed > 1, timeout_s=0.05) is False


async def _onset_ms(analyzer: SileroVADAnalyzer, samples: np.ndarray,
                    rate: int) -> float | None:
    """Audio time (not wall time) at which the VAD declares speech: deterministic."""
    analyzer.set_sample_rate(rate)
    step = analyzer.num_frames_required()
    pcm = (samples * 32767).astype("<i2").tobytes()
    for i in range(0, len(pcm) // 2 - step, step):
        state = await analyzer.analyze_audio(pcm[i * 2: (i + step) * 2])
        if state == VADState.SPEAKING:
            return i / rate * 1000
    return None


@pytest.mark.engine
async def test_phone_tuning_hears_a_short_stop_quickly(engines) -> None:
    _, chunks = await first_audio_ms(engines.local_tts, "Stop.")
    from frontdesk.audio.pcm import Audio, pcm16_to_float

    stop = phone_line(Audio(b"".join(c.pcm for c in chunks), chunks[0].sample_rate_hz))
    samples = np.concatenate([np.zeros(4000, np.float32), pcm16_to_float(stop.pcm),
                              np.zeros(8000, np.float32)])
    tuning = VoiceSettings().phone_vad
    tuned = await _onset_ms(SileroVADAnalyzer(params=VADParams(
        confidence=tuning.confidence, start_secs=tuning.start_secs, stop_secs=tuning.stop_secs,
        min_volume=tuning.min_volume)), samples, 8000)
    default = await _onset_ms(SileroVADAnalyzer(params=VADParams()), samples, 8000)
    assert tuned is not None
    assert default is None or tuned < default
    assert tuned - 500 < 400  # within 0.4 s of the word's start (500 ms of leading silence)


async def _states(analyzer, pcm: bytes, rate: int, frame_ms: int = 40) -> list[VADState]:
    analyzer.set_sample_rate(rate)
    step = rate * frame_ms // 1000 * 2
    return [await analyzer.analyze_audio(pcm[i:i + step]) for i in range(0, len(pcm), step)]


def _utterances(states: list[VADState]) -> list[tuple[int, int]]:
    """(first speaking frame, first quiet frame after it) of each utterance."""
    spans, start = [], None
    for i, state in enumerate(states):
        if state == VADState.SPEAKING and start is None:
            start = i
        elif state == VADState.QUIET and start is not None:
            spans.append((start, i))
            start = None
    return spans


@pytest.mark.engine
async def test_the_shared_vad_hears_a_call_as_silero_does(engines) -> None:
    """The shared VAD does not ask Silero about a silent line while nobody speaks; on a call of
    words, pauses, line hiss and dead line it hears the same utterances as Pipecat's own
    analyzer, each starting and ending within a few 32 ms windows of it (the model starting
    afresh after silence moves a boundary by a window or so, as Pipecat's own periodic reset
    does)."""
    from frontdesk.audio.pcm import Audio, pcm16_to_float
    from frontdesk.voice.vad import SharedSileroVAD, load_silero_session

    rng = np.random.default_rng(7)
    parts = [np.zeros(4000, np.float32)]
    for text in ("Hi, I need an oil change.", "Tuesday at nine.", "Yes please.",
                 "Can you, um, do Thursday morning instead?"):
        _, chunks = await first_audio_ms(engines.local_tts, text)
        words = phone_line(Audio(b"".join(c.pcm for c in chunks), chunks[0].sample_rate_hz))
        parts += [pcm16_to_float(words.pcm), rng.normal(0, 0.0004, 6000).astype(np.float32),
                  np.zeros(6000, np.float32)]  # faint line hiss, then a dead line
    pcm = (np.concatenate(parts) * 32767).astype("<i2").tobytes()
    tuning = VoiceSettings().phone_vad
    params = dict(confidence=tuning.confidence, start_secs=tuning.start_secs,
                  stop_secs=tuning.stop_secs, min_volume=tuning.min_volume)
    vad = SharedSileroVAD(load_silero_session(), params=VADParams(**params))
    shared = _utterances(await _states(vad, pcm, 8000))
    stock = _utterances(await _states(SileroVADAnalyzer(params=VADParams(**params)), pcm, 8000))
    assert len(stock) >= 4 and len(shared) == len(stock)
    assert all(abs(a - b) <= 5 for ours, theirs in zip(shared, stock, strict=True)
               for a, b in zip(ours, theirs, strict=True)), (shared, stock)
    assert vad.windows_skipped >= 40  # the dead line between sentences never reached Silero


class _LocalVoice:
    """A call's voice that never switches to the premium tier."""

    def escalate(self) -> bool:
        return False


class _Errors(FrameProcessor):
    def __init__(self) -> None:
        super().__init__()
        self.errors: list[ErrorFrame] = []

    async def process_frame(self, frame, direction) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, ErrorFrame):
            self.errors.append(frame)
        await self.push_frame(frame, direction)


async def _until(predicate, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return predicate()


async def test_a_turn_after_the_conversation_ended_elsewhere_ends_the_call(runtime) -> None:
    """A caller turn (keypad 0, or speech) arriving after ``POST /api/sessions/{id}/end`` raised
    SessionEndedError inside the pipeline; it ends the call instead."""
    call = CallState(conversation_id=new_conversation_id())
    errors_before, errors_after = _Errors(), _Errors()
    worker = PipelineWorker(Pipeline([
        errors_before,
        BrainTurns(runtime.conversations, call, VoiceSettings(), _LocalVoice(),  # type: ignore[arg-type]
                   profile="dealership", direction="inbound", channel="phone",
                   caller_phone=None),
        errors_after]), idle_timeout_secs=None, enable_rtvi=False)
    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(worker)
    run = asyncio.create_task(runner.run())
    assert await _until(lambda: call.started), "no greeting"
    await runtime.conversations.end(call.conversation_id)  # over REST, while the line is open
    now = time.monotonic()
    await worker.queue_frame(CallerTurnFrame(text="I'd like to speak to a person, please.",
                                             confidence=1.0, speech_end_at=now,
                                             endpoint_at=now))
    await asyncio.wait_for(run, 10)  # the call ended itself
    assert call.ended
    assert errors_before.errors == errors_after.errors == []
    state, turns = await runtime.conversations.get(call.conversation_id)
    assert state.ended and [t.role for t in turns] == ["assistant"]
