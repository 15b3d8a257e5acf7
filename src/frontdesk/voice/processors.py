"""The call's own Pipecat processors: STT, brain, TTS, barge-in and playback tracking.

    transport.input → VADProcessor → BargeIn → SpeechToText → BrainTurns → TextToSpeech
                    → transport.output → PlaybackTracker

They share one :class:`~frontdesk.voice.state.CallState`, each piece of it with one owner
(see that module). Engines are process-wide and only borrowed here; CPU work runs in their
worker pools, never on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import numpy as np
from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    DataFrame,
    Frame,
    InputAudioRawFrame,
    InterruptionFrame,
    OutputAudioRawFrame,
    OutputTransportMessageFrame,
    StartFrame,
    TTSAudioRawFrame,
    TTSStartedFrame,
    TTSStoppedFrame,
    VADUserStartedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

from frontdesk.audio.pcm import Audio, resample_pcm16
from frontdesk.config import VoiceSettings
from frontdesk.conversations.service import (
    ConversationEndedError,
    ConversationNotFoundError,
    ConversationService,
    TurnTimings,
)
from frontdesk.speech.errors import SpeechError
from frontdesk.speech.premium import TieredTTS
from frontdesk.speech.stt import FasterWhisperSTT
from frontdesk.speech.turn import SmartTurn
from frontdesk.spoken import speakable
from frontdesk.voice.state import CallState, ReplyProgress, hang_up

log = logging.getLogger(__name__)

_DIGIT_WAITS = {"phone", "email", "callback_time"}
REPEAT_PLEASE = "Sorry, I didn't catch that. Could you say it again?"


@dataclass
class CallerTurnFrame(DataFrame):
    """What the caller said in one turn, with the clock marks of its making."""

    text: str = ""
    confidence: float = 0.0
    speech_end_at: float = 0.0
    endpoint_at: float = 0.0
    stt_ms: float = 0.0


@dataclass
class AgentReplyFrame(DataFrame):
    """What the agent will say now."""

    text: str = ""
    brain_ms: float = 0.0
    timings: TurnTimings | None = None
    speech_end_at: float | None = None
    end_call: bool = False


@dataclass
class ReplyMarkFrame(OutputTransportMessageFrame):
    """Sent after a reply's audio, in order with it: the transport reports when it was heard
    (Twilio echoes a ``mark``; a browser gets a data-channel message).
    ``message`` is ``{"type": "reply_played", "name": ...}``."""

    @property
    def mark_name(self) -> str:
        return str(self.message.get("name", ""))


class _Writes:
    """A processor's records written in the background (latency, interruptions): at cleanup
    they are given time to finish, since cancelling one would lose what it records."""

    SETTLE_S = 5.0

    def __init__(self, owner: FrameProcessor) -> None:
        self._owner = owner
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, write: Coroutine[Any, Any, None]) -> None:
        task = self._owner.create_task(write)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def settle(self) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=self.SETTLE_S)
        for task in list(self._tasks):
            await self._owner.cancel_task(task)


class BargeIn(FrameProcessor):
    """Caller speech over the agent's voice interrupts it — after a minimum duration (echo guard)."""

    def __init__(self, call: CallState, settings: VoiceSettings) -> None:
        super().__init__(name="barge_in")
        self._call = call
        self._min_s = settings.barge_in_min_speech_s
        self._guard: asyncio.Task[None] | None = None

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, VADUserStartedSpeakingFrame) and self._call.playback.speaking:
            self._guard = self.create_task(self._interrupt_if_still_speaking())
        elif isinstance(frame, VADUserStoppedSpeakingFrame) and self._guard is not None:
            await self.cancel_task(self._guard)  # too short: an echo or a cough
            self._guard = None
        await self.push_frame(frame, direction)

    async def cleanup(self) -> None:
        await super().cleanup()
        if self._guard is not None:
            await self.cancel_task(self._guard)
            self._guard = None

    async def _interrupt_if_still_speaking(self) -> None:
        await asyncio.sleep(self._min_s)
        self._guard = None
        if self._call.playback.speaking:
            self._call.interruptions += 1
            await self.broadcast_interruption()


class SpeechToText(FrameProcessor):
    """Collects the caller's speech between VAD start and the endpoint, then transcribes it.

    The endpoint is ``endpoint_s`` of silence (VAD's stop when it is not earlier), extended to
    ``digits_endpoint_s`` while the agent waits for digits (a phone number, an email), so a
    caller pausing between digit groups is not cut off. When the VAD reports the pause before
    the endpoint (speculative STT), transcription starts at the pause and the turn is committed
    at the endpoint — or dropped, and the utterance goes on, when the caller speaks again first.
    With Smart Turn (``turn``) the endpoint moves with what the voice says: a finished sentence
    is committed at the pause, an unfinished one waits ``unfinished_endpoint_s``.
    Nothing reaches the brain before the endpoint.

    The turn's clock starts at the caller's last voiced frame (its arrival time), read from the
    audio itself, not from the VAD's report, which comes later by the VAD's own lag.
    """

    def __init__(self, stt: FasterWhisperSTT, call: CallState, settings: VoiceSettings,
                 preroll_s: float = 0.3, *, endpoint_s: float | None = None,
                 forward_audio: bool = False, turn: SmartTurn | None = None,
                 vocabulary: str = "") -> None:
        super().__init__(name="speech_to_text")
        self._vocabulary = vocabulary
        """The business's own words, heard before the agent's last line (see stt.py)."""
        self._endpoint_s = endpoint_s
        """Silence that ends a turn; None: the VAD's own stop."""
        self._forward_audio = forward_audio
        """Pass the caller's audio on (to the recorder at the end of a recorded call)."""
        self._stt = stt
        self._turn = turn if settings.smart_turn else None
        self._call = call
        self._settings = settings
        self._preroll: deque[HeardFrame] = deque()
        self._preroll_s = preroll_s
        self._buffer: list[HeardFrame] = []
        self._speaking = False
        self._rate = 16_000
        self._frame_bytes = 640
        self._finalize: asyncio.Task[None] | None = None
        self._cut_at: int | None = None
        self._tail_s = 0.15

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, InputAudioRawFrame):
            self._on_audio(frame)
            if self._forward_audio:
                await self.push_frame(frame, direction)
            return  # otherwise raw caller audio stops here
        if isinstance(frame, VADUserStartedSpeakingFrame):
            if self._finalize is not None:  # speech resumed inside the endpoint window
                await self.cancel_task(self._finalize)
                self._finalize = None
                self._cut_at = None
            else:
                self._buffer = list(self._preroll)
            self._speaking = True
        elif isinstance(frame, VADUserStoppedSpeakingFrame):
            self._speaking = False
            speech_end = last_voiced_at(self._buffer) or time.monotonic() - frame.stop_secs
            # Keep only a short tail after the words: long trailing silence makes Whisper
            # drop or merge words ("512-55-0199"), and costs encoder time.
            tail_s = max(0.0, frame.stop_secs - self._tail_s)
            self._cut_at = max(0, len(self._buffer) - self._frames_in(tail_s))
            endpoint_s = max(frame.stop_secs, self._endpoint_s or 0.0)
            digits = self._call.awaiting in _DIGIT_WAITS
            if digits:
                endpoint_s = max(endpoint_s, self._settings.digits_endpoint_s)
            # While digits are dictated pauses are the rule: no transcription is wasted on them.
            self._finalize = self.create_task(self._transcribe_after(
                endpoint_s - frame.stop_secs, speech_end, speculate=not digits,
                unfinished_s=self._settings.unfinished_endpoint_s - frame.stop_secs))
        await self.push_frame(frame, direction)

    async def cleanup(self) -> None:
        await super().cleanup()
        if self._finalize is not None:
            await self.cancel_task(self._finalize)
            self._finalize = None

    def _frames_in(self, seconds: float) -> int:
        return int(seconds * self._rate * 2 / max(1, self._frame_bytes))

    def _on_audio(self, frame: InputAudioRawFrame) -> None:
        self._rate = frame.sample_rate
        self._frame_bytes = len(frame.audio) or self._frame_bytes
        # When the words reached the server (the transport's stamp), not when this processor
        # got to them: under load frames can queue on the way, and the caller waits for that too.
        arrived = frame.metadata.get("received_at") or time.monotonic()
        heard = HeardFrame(frame.audio, arrived, rms(frame.audio))
        if self._speaking or self._finalize is not None:
            self._buffer.append(heard)
        self._preroll.append(heard)
        max_chunks = max(1, int(self._preroll_s * frame.sample_rate * 2 / max(1, len(frame.audio))))
        while len(self._preroll) > max_chunks:
            self._preroll.popleft()

    async def _transcribe_after(self, hold_s: float, speech_end: float, *,
                                speculate: bool, unfinished_s: float = 0.0) -> None:
        """Transcribe the utterance and pass it on once ``hold_s`` more of silence confirms the
        endpoint (Smart Turn may shorten it, or stretch it to ``unfinished_s``); cancelled (with
        any speculative transcription) when the caller goes on."""
        kept = self._buffer if self._cut_at is None else self._buffer[: self._cut_at]
        audio = Audio(b"".join(h.pcm for h in kept), self._rate)
        context = " ".join(filter(None, (self._vocabulary, self._call.last_agent_line))) or None
        early: asyncio.Task[Any] | None = None
        if hold_s > 0:
            if speculate:
                early = asyncio.ensure_future(self._stt.transcribe(audio, context=context))
            try:
                if speculate and self._turn is not None:
                    await self._hold_by_turn(audio, hold_s, unfinished_s)
                else:
                    await asyncio.sleep(hold_s)
            except asyncio.CancelledError:
                if early is not None:
                    early.cancel()
                    self._call.speculations_dropped += 1
                raise
        endpoint_at = time.monotonic()
        self._buffer = []
        self._cut_at = None
        self._finalize = None
        try:
            result = await (early if early is not None
                            else self._stt.transcribe(audio, context=context))
        except SpeechError as exc:
            log.warning("stt failed", extra={"category": exc.category})
            self._call.errors.append(str(exc))
            text, confidence = "", 0.0
        else:
            text, confidence = result.text, result.confidence
        # The part of STT the caller waited for: what was left of it at the endpoint.
        stt_ms = (time.monotonic() - endpoint_at) * 1000
        await self.push_frame(CallerTurnFrame(text=text, confidence=confidence,
                                              speech_end_at=speech_end, endpoint_at=endpoint_at,
                                              stt_ms=stt_ms))


    async def _hold_by_turn(self, audio: Audio, hold_s: float, unfinished_s: float) -> None:
        """Wait for the endpoint as Smart Turn hears the utterance: none when it is finished,
        ``unfinished_s`` when it is not, ``hold_s`` when the model is slow (a loaded server) or
        cannot say."""
        assert self._turn is not None
        started = time.monotonic()
        verdict = asyncio.ensure_future(self._turn.complete(audio))
        try:
            done, _ = await asyncio.wait({verdict}, timeout=hold_s)
            probability = verdict.result() if done else None
        finally:
            verdict.cancel()
        if probability is None:
            wait_s = hold_s
        elif probability >= self._settings.smart_turn_threshold:
            self._call.turns_ended_early += 1
            return
        else:
            self._call.turns_held += 1
            wait_s = max(hold_s, unfinished_s)
        await asyncio.sleep(max(0.0, wait_s - (time.monotonic() - started)))


@dataclass(slots=True)
class HeardFrame:
    """One frame of caller audio, when it arrived, and how loud it was."""

    pcm: bytes
    at: float
    level: float


def rms(pcm: bytes) -> float:
    samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype=np.int16).astype(np.float32)
    return float(np.sqrt(np.mean(samples * samples))) if len(samples) else 0.0


VOICED_FRACTION = 0.1
"""A frame is voiced when it is at least this loud against the utterance's loudest frame
(−20 dB): breath, line noise and the VAD's trailing silence are not."""


def last_voiced_at(heard: list[HeardFrame]) -> float | None:
    """When the last voiced frame of an utterance arrived: the end of the caller's words."""
    if not heard:
        return None
    floor = max(h.level for h in heard) * VOICED_FRACTION
    return next((h.at for h in reversed(heard) if h.level >= floor and h.level > 0), None)


class BrainTurns(FrameProcessor):
    """Runs the conversation: greets on connect, answers each caller turn through the service.

    It also owns the conversation's end on this call: whatever ends the call (the agent's
    goodbye, the caller hanging up, a dropped stream, a transfer, a hang-up over REST, a
    pipeline that never got going), the processor's cleanup stops the greeting if it is still
    being made and ends the conversation, so no call leaves an ``active`` conversation behind.
    """

    def __init__(self, service: ConversationService, call: CallState, settings: VoiceSettings,
                 tts: TieredTTS, *, profile: str, direction: str, channel: str,
                 caller_phone: str | None, resume: bool = False) -> None:
        super().__init__(name="brain")
        self._service = service
        self._call = call
        self._settings = settings
        self._tts = tts
        self._start = dict(profile=profile, direction=direction, channel=channel,
                           caller_phone=caller_phone)
        self._resume = resume
        self._greeting: asyncio.Task[None] | None = None

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, StartFrame):
            await self.push_frame(frame, direction)
            self._greeting = self.create_task(self._greet())
            return
        if isinstance(frame, CallerTurnFrame):
            # Shielded: an interruption must stop the agent's audio, never lose a turn mid-write.
            await asyncio.shield(self._answer(frame))
            return
        await self.push_frame(frame, direction)

    async def cleanup(self) -> None:
        """The call is over, however it ended: stop greeting, end the conversation."""
        await super().cleanup()
        if self._greeting is not None:
            await self.cancel_task(self._greeting)
            self._greeting = None
        if self._call.transferred:
            # Put through to a person: the conversation is not over while the dial rings. It
            # ends when Twilio reports the dial answered (or the call completed), and goes on
            # with the agent when nobody answered (telephony's dial-status webhook).
            return
        # Analytics writes outcome and summary; a no-op if the agent already ended it, and
        # nothing to end if the greeting never created it.
        with contextlib.suppress(ConversationNotFoundError):
            await asyncio.shield(self._service.end(self._call.conversation_id))

    async def _greet(self) -> None:
        if self._resume:
            await self._welcome_back()
            return
        self._call.answering = True
        try:
            outcome = await self._service.create(self._start["profile"],
                                                 direction=self._start["direction"],
                                                 channel=self._start["channel"],
                                                 caller_phone=self._start["caller_phone"],
                                                 conversation_id=self._call.conversation_id)
        except Exception as exc:  # no conversation (do-not-call, a second stream…): end the call
            log.error("call could not start", extra={"error": type(exc).__name__,
                                                     "reason": str(exc)})
            self._call.errors.append(f"could not start: {exc}")
            await hang_up(self._call, self, "not_started")
            return
        finally:
            self._call.answering = False
        self._call.started = True
        self._call.awaiting = outcome.state.awaiting
        await self.push_frame(AgentReplyFrame(text=outcome.reply, brain_ms=outcome.brain_ms))

    async def _welcome_back(self) -> None:
        """The caller is back from a transfer nobody answered: say the news waiting for them
        (the offer to take a message) instead of a greeting; the conversation goes on."""
        conversation_id = self._call.conversation_id
        try:
            state, _ = await self._service.get(conversation_id)
        except ConversationNotFoundError:
            state = None
        if state is None or state.ended:
            self._call.errors.append("could not resume: the conversation is over")
            await hang_up(self._call, self, "not_started")
            return
        self._call.started = True
        for waiting in [n for n in state.notifications_queue if not n.delivered]:
            note = await self._service.deliver_notification(conversation_id,
                                                            waiting.notification_id)
            if note is not None:
                await self.push_frame(AgentReplyFrame(text=note.message))
        self._call.awaiting = state.awaiting

    async def _answer(self, turn: CallerTurnFrame) -> None:
        if not self._call.started or self._call.ended:  # no conversation (yet, or any more)
            return
        timings = TurnTimings(vad_stop_ms=round((turn.endpoint_at - turn.speech_end_at) * 1000, 1),
                              stt_ms=round(turn.stt_ms, 1))
        if not turn.text.strip() or turn.confidence < self._settings.min_stt_confidence:
            self._call.lines.append(("caller", f"[unclear: {turn.text!r}]"))
            await self.push_frame(AgentReplyFrame(text=REPEAT_PLEASE, timings=timings,
                                                  speech_end_at=turn.speech_end_at))
            return
        self._call.lines.append(("caller", turn.text))
        ended_by_agent = False
        self._call.answering = True
        try:
            outcome = await self._service.chat(self._call.conversation_id, turn.text, timings)
            ended_by_agent = outcome.state.ended
        except ConversationEndedError:  # ended elsewhere (over REST) while the caller spoke
            log.info("turn after the conversation ended")
            await hang_up(self._call, self, "ended_elsewhere")
            return
        finally:
            # Set before ``answering`` drops, so call control never mistakes the agent's own
            # goodbye for a hang-up from elsewhere.
            self._call.agent_ending = self._call.agent_ending or ended_by_agent
            self._call.answering = False
        state = outcome.state
        self._call.awaiting = state.awaiting
        if state.lead.qualified and self._tts.escalate():
            await self._service.record_event(state.conversation_id, "tier_escalation", {
                "from_tier": "local", "to_tier": "premium", "lead_score": state.lead.score})
        await self.push_frame(AgentReplyFrame(text=outcome.reply, brain_ms=outcome.brain_ms,
                                              timings=timings, speech_end_at=turn.speech_end_at,
                                              end_call=state.ended))


class TextToSpeech(FrameProcessor):
    """Speaks replies sentence by sentence through the call's tiered voice; records latency."""

    def __init__(self, tts: TieredTTS, service: ConversationService, call: CallState,
                 out_rate_hz: int) -> None:
        super().__init__(name="text_to_speech")
        self._tts = tts
        self._service = service
        self._call = call
        self._rate = out_rate_hz
        self._marks = 0
        self._writes = _Writes(self)

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, AgentReplyFrame):
            await self._speak(frame)
            return
        await self.push_frame(frame, direction)

    async def cleanup(self) -> None:
        await super().cleanup()
        await self._writes.settle()

    async def _speak(self, reply: AgentReplyFrame) -> None:
        started = time.monotonic()
        progress = ReplyProgress(text=reply.text)
        self._call.lines.append(("agent", progress))
        self._call.playback.begin(progress)
        first_at: float | None = None
        await self.push_frame(TTSStartedFrame())
        try:
            async for chunk in self._tts.stream(speakable(reply.text)):
                pcm = resample_pcm16(chunk.pcm, chunk.sample_rate_hz, self._rate)
                progress.sentences.append((chunk.text, len(pcm) / 2 / self._rate))
                await self.push_frame(TTSAudioRawFrame(audio=pcm, sample_rate=self._rate,
                                                       num_channels=1))
                if first_at is None:
                    first_at = time.monotonic()
                    await self._record(reply, started, first_at)
        except SpeechError as exc:  # every engine failed: the turn is recorded, not the audio
            log.error("tts failed")
            self._call.errors.append(str(exc))
        progress.finished_pushing = True
        if progress.sentences:
            self._marks += 1
            await self.push_frame(ReplyMarkFrame(message={"type": "reply_played",
                                                          "name": f"reply-{self._marks}"}))
        else:  # nothing was playable: count the reply as done
            self._call.playback.finished(progress)
        await self.push_frame(TTSStoppedFrame())
        if reply.end_call:
            await hang_up(self._call, self, "agent")

    async def _record(self, reply: AgentReplyFrame, started: float, first_at: float) -> None:
        if self._call.first_audio_at is None:
            self._call.first_audio_at = first_at
        if reply.timings is None or reply.speech_end_at is None or not self._call.conversation_id:
            return
        timings = reply.timings
        timings.tts_first_ms = round((first_at - started) * 1000, 1)
        timings.total_ms = round((first_at - reply.speech_end_at) * 1000, 1)
        self._call.turns.append(timings)
        self._writes.start(self._service.record_latency(self._call.conversation_id, timings,
                                                       reply.brain_ms))


class PlaybackTracker(FrameProcessor):
    """After the output transport: counts what was actually played, for interrupted replies."""

    def __init__(self, service: ConversationService, call: CallState) -> None:
        super().__init__(name="playback")
        self._service = service
        self._call = call
        self._writes = _Writes(self)

    async def cleanup(self) -> None:
        await super().cleanup()
        await self._writes.settle()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        playback = self._call.playback
        reply = playback.reply
        if isinstance(frame, OutputAudioRawFrame) and reply is not None:
            reply.played_s += len(frame.audio) / 2 / frame.sample_rate
        elif isinstance(frame, BotStartedSpeakingFrame):
            playback.set_speaking(True)
        elif isinstance(frame, InterruptionFrame) and reply is not None and (
                not reply.finished_pushing or reply.played_s + 0.05 < reply.duration_s):
            playback.cut(reply)
            self._writes.start(self._service.mark_interrupted(self._call.conversation_id,
                                                              reply.heard or ""))
        elif isinstance(frame, BotStoppedSpeakingFrame):
            playback.set_speaking(False)
            if reply is not None and reply.finished_pushing:
                playback.finished(reply)
        await self.push_frame(frame, direction)
