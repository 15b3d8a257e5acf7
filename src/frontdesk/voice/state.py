"""One call's shared state, each piece with one owner, and the one way a call hangs up.

- :class:`Playback` is the agent's voice: the text-to-speech starts a reply, the tracker after
  the output transport says what was heard, when the voice stopped and when a reply finished.
  Whoever waits for a moment (call control before it speaks up, a transfer after its line was
  heard) awaits it; nothing polls.
- The transcript: caller lines are the brain processor's, agent lines the text-to-speech's (every
  reply is spoken there, whoever made it); an interrupted line is cut through its reply's
  progress, so the record says what the caller actually heard.
- :func:`hang_up` is the only place a call ends itself.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pipecat.frames.frames import EndWorkerFrame
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

from frontdesk.conversations.service import TurnTimings, new_conversation_id

log = logging.getLogger(__name__)


@dataclass(eq=False)
class ReplyProgress:
    """One reply being played: its sentences with durations, and how much has been heard."""

    text: str = ""
    sentences: list[tuple[str, float]] = field(default_factory=list)
    played_s: float = 0.0
    finished_pushing: bool = False
    heard: str | None = None
    """What was heard of it when the caller cut in; None while it played on (or to the end)."""

    @property
    def duration_s(self) -> float:
        return sum(d for _, d in self.sentences)

    def spoken_text(self) -> str:
        """Whole sentences heard, plus the heard share of the one cut off."""
        heard, elapsed = [], 0.0
        for text, duration in self.sentences:
            if elapsed + duration <= self.played_s + 0.05:
                heard.append(text)
            elif self.played_s > elapsed:
                words = text.split()
                share = (self.played_s - elapsed) / duration
                cut = words[: max(0, int(len(words) * share))]
                if cut:
                    heard.append(" ".join(cut) + "…")
                break
            else:
                break
            elapsed += duration
        return " ".join(heard)

    def transcript_line(self) -> str:
        return self.text if self.heard is None else f"{self.heard} [interrupted]"


class Playback:
    """The agent's voice on this call; waiters are woken on every change."""

    def __init__(self) -> None:
        self.speaking = False
        """The output transport is playing the agent's audio."""
        self.reply: ReplyProgress | None = None
        """The reply being played, until it finished or was cut off."""
        self.completed = 0
        """Replies played to the end (an interrupted one does not count)."""
        self._changed = asyncio.Event()

    def begin(self, reply: ReplyProgress) -> None:
        self.reply = reply
        self._notify()

    def set_speaking(self, speaking: bool) -> None:
        self.speaking = speaking
        self._notify()

    def finished(self, reply: ReplyProgress) -> None:
        """``reply`` was played to its end (or had nothing to play)."""
        if self.reply is reply:
            self.reply = None
        self.completed += 1
        self._notify()

    def cut(self, reply: ReplyProgress) -> None:
        """The caller cut ``reply`` off: record what was heard of it."""
        reply.heard = reply.spoken_text()
        if self.reply is reply:
            self.reply = None
        self._notify()

    @property
    def quiet(self) -> bool:
        return not self.speaking and self.reply is None

    async def until(self, done: Callable[[], bool], timeout_s: float) -> bool:
        """Wait until ``done()`` holds (checked at every change), at most ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return done()
        return True

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()


@dataclass
class CallState:
    """Per-call facts the processors share."""

    conversation_id: str = field(default_factory=new_conversation_id)
    """The conversation's id, chosen before it exists (a registered record's, or a new one)."""
    started: bool = False
    """The greeting created the conversation: caller turns can reach the brain."""
    awaiting: str | None = None
    playback: Playback = field(default_factory=Playback)
    answering: bool = False
    """The brain is working on a turn of this call (its events are this call's own doing)."""
    agent_ending: bool = False
    """The brain ended the conversation in a reply that is still to be spoken."""
    ended: bool = False
    """The call is over (see :func:`hang_up`)."""
    end_reason: str | None = None
    transferred: bool = False
    interruptions: int = 0
    speculations_dropped: int = 0
    """Transcriptions started at a pause and dropped because the caller went on."""
    turns_ended_early: int = 0
    """Turns Smart Turn heard as finished, committed at the pause."""
    turns_held: int = 0
    """Pauses Smart Turn heard as mid-sentence, waited out longer."""
    turns: list[TurnTimings] = field(default_factory=list)
    lines: list[tuple[str, str | ReplyProgress]] = field(default_factory=list)
    connected_at: float = field(default_factory=time.monotonic)
    first_audio_at: float | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def transcript(self) -> list[tuple[str, str]]:
        """``(who, text)`` in order; an interrupted agent line is what the caller heard."""
        return [(who, line if isinstance(line, str) else line.transcript_line())
                for who, line in self.lines]

    @property
    def last_agent_line(self) -> str | None:
        """What the agent said last, as the caller heard it (the STT's context)."""
        for who, line in reversed(self.lines):
            if who == "agent":
                return line if isinstance(line, str) else (line.heard or line.text)
        return None

    @property
    def bot_speaking(self) -> bool:
        return self.playback.speaking

    @property
    def replies_completed(self) -> int:
        return self.playback.completed


async def hang_up(call: CallState, by: FrameProcessor, reason: str) -> None:
    """End the call from inside, once: the pipeline stops, then the transport hangs up the line
    (Twilio: a REST call update; a browser: the peer connection closes).

    Reasons: ``agent`` (the agent's goodbye was spoken), ``ended_elsewhere`` (over REST),
    ``not_started`` (no conversation: do-not-call, a second stream…)."""
    if call.ended:
        return
    call.ended, call.end_reason = True, reason
    log.info("hanging up", extra={"reason": reason})
    await by.push_frame(EndWorkerFrame(), FrameDirection.UPSTREAM)
