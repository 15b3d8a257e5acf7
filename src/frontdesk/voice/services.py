"""What a voice call is built from, fully built by the composition root (``frontdesk.app``)."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.config import VoiceSettings
from frontdesk.conversations.service import ConversationError, ConversationService
from frontdesk.storage.recordings import RecordingStore
from frontdesk.voice.engines import VoiceEngines


class VoiceDisabledError(ConversationError):
    """A call arrived while this process runs without speech models."""

    status = 503


@dataclass(frozen=True, slots=True)
class CallServices:
    """The process-wide pieces every call borrows: speech engines, the conversation service,
    the voice tuning and where recordings go. Built once per process; a call never owns or
    closes them."""

    engines: VoiceEngines
    conversations: ConversationService
    settings: VoiceSettings
    recordings: RecordingStore
    """Where a recorded call's audio is written (the business's profile says which are)."""
