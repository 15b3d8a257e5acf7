"""What a voice call is built from, fully built by the composition root (``frontdesk.app``)."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.config import VoiceSettings
from frontdesk.conversations.service import ConversationError, ConversationService
from frontdesk.voice.engines import VoiceEngines


class VoiceDisabledError(ConversationError):
    """A call arrived while this process runs without speech models."""

    status = 503


@dataclass(frozen=True, slots=True)
class CallServices:
    """The process-wide pieces every call borrows: speech engines, the conversation service and
    the voice tuning. Built once per process; a call never owns or closes them."""

    engines: VoiceEngines
    conversations: ConversationService
    settings: VoiceSettings
