"""Builds one call's Pipecat pipeline over any transport (file, Twilio, WebRTC)."""

from __future__ import annotations

from dataclasses import dataclass

from pipecat.audio.vad.vad_analyzer import VADParams
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.task import PipelineParams
from pipecat.pipeline.worker import PipelineWorker
from pipecat.processors.audio.vad_processor import VADProcessor
from pipecat.transports.base_transport import BaseTransport

from frontdesk.config import VADTuning
from frontdesk.knowledge.vocabulary import spoken_vocabulary
from frontdesk.voice.control import CallControl, Transfer
from frontdesk.voice.processors import (
    BargeIn,
    BrainTurns,
    CallState,
    PlaybackTracker,
    SpeechToText,
    TextToSpeech,
)
from frontdesk.voice.recording import CallRecorder
from frontdesk.voice.services import CallServices


@dataclass(slots=True)
class CallOptions:
    profile: str
    direction: str = "inbound"
    channel: str = "voice"
    caller_phone: str | None = None
    in_rate_hz: int = 16_000
    out_rate_hz: int = 16_000
    phone_audio: bool = False
    """8 kHz µ-law telephone audio: uses the phone VAD tuning."""
    conversation_id: str | None = None
    """A record registered ahead (a Twilio or browser call); None: a new id, whose conversation
    the greeting creates."""
    resume: bool = False
    """The call comes back to a conversation already under way (a transfer nobody answered):
    no greeting; the agent says what is waiting for the caller and the conversation goes on."""


def build_call(transport: BaseTransport, services: CallServices, options: CallOptions, *,
               transfer: Transfer | None = None) -> tuple[PipelineWorker, CallState]:
    """One call: VAD → barge-in → STT → call control → brain → TTS → output → playback, then
    the recorder when the business records calls on this channel (the STT then passes the
    caller's audio on to it)."""
    engines, conversations, settings = services.engines, services.conversations, services.settings
    call = CallState(conversation_id=options.conversation_id) if options.conversation_id else CallState()
    tuning: VADTuning = settings.phone_vad if options.phone_audio else settings.browser_vad
    # With speculative STT the VAD reports the pause early and SpeechToText holds the turn
    # until the tuning's endpoint.
    pause_s = min(tuning.stop_secs, settings.speculate_after_s or tuning.stop_secs)
    vad = VADProcessor(vad_analyzer=engines.vad_for_call(VADParams(
        confidence=tuning.confidence, start_secs=tuning.start_secs, stop_secs=pause_s,
        min_volume=tuning.min_volume), resume_within_s=tuning.stop_secs - pause_s))
    voice = engines.voice_for_call()
    # A resumed call (back from a transfer) is the same conversation, already recorded.
    profile = conversations.brain.profiles.get(options.profile)
    recorded = (not options.resume and profile is not None
                and profile.recording.records(options.channel))
    pipeline = Pipeline([
        transport.input(),
        vad,
        BargeIn(call, settings),
        SpeechToText(engines.stt, call, settings, endpoint_s=tuning.stop_secs,
                     forward_audio=recorded, turn=engines.turn,
                     vocabulary=spoken_vocabulary(profile)
                     if profile is not None and settings.business_vocabulary else ""),
        CallControl(conversations, call, profile=options.profile, transfer=transfer),
        BrainTurns(conversations, call, settings, voice, profile=options.profile,
                   direction=options.direction, channel=options.channel,
                   caller_phone=options.caller_phone, resume=options.resume),
        TextToSpeech(voice, conversations, call, options.out_rate_hz),
        transport.output(),
        PlaybackTracker(conversations, call),
        *([CallRecorder(services.recordings, call.conversation_id, options.in_rate_hz)]
          if recorded else []),
    ])
    worker = PipelineWorker(pipeline, params=PipelineParams(
        audio_in_sample_rate=options.in_rate_hz, audio_out_sample_rate=options.out_rate_hz),
        # Pipecat's turn tracking observes every frame of every processor through a queue and
        # a task of its own: per-frame event-loop work for figures Frontdesk keeps itself.
        idle_timeout_secs=None, enable_rtvi=False, enable_turn_tracking=False)
    return worker, call
