"""A scripted caller for file calls: speaks WAV turns, waiting for the agent like a person.

Used by ``frontdesk talk``, the voice tests and the voice-to-voice benchmark. A turn can also
talk over the agent (``barge_in_after_s``) to exercise interruptions.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from pipecat.frames.frames import EndFrame
from pipecat.pipeline.worker import PipelineWorker
from pipecat.workers.runner import WorkerRunner

from frontdesk.audio.pcm import Audio
from frontdesk.voice.file_transport import FileInputTransport, FileTransport
from frontdesk.voice.state import CallState


@dataclass(slots=True)
class ScriptedTurn:
    audio: Audio
    barge_in_after_s: float | None = None
    """Talk over the agent's reply this long after it starts (None: wait until it's done)."""


async def _line_until(source: FileInputTransport, done, timeout_s: float) -> bool:
    """Keep sending silence (a live line) until ``done()`` or the timeout."""
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            return False
        await source.silence(0.1)
    return True


async def run_scripted_call(worker: PipelineWorker, call: CallState, transport: FileTransport,
                            turns: list[ScriptedTurn], *, pause_s: float = 0.4,
                            reply_timeout_s: float = 30.0) -> None:
    """Play the turns through the call and end it; returns when the pipeline has finished."""
    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(worker)
    run = asyncio.create_task(runner.run())
    source = transport.input()
    await source.ready.wait()
    await _line_until(source, lambda: call.replies_completed >= 1, reply_timeout_s)  # greeting
    for index, turn in enumerate(turns):
        if call.ended:
            break
        if turn.barge_in_after_s is None:
            await source.silence(pause_s)
        else:
            await source.silence(turn.barge_in_after_s)  # the agent is talking: cut in
        before = call.replies_completed
        await source.feed(turn.audio)
        following = turns[index + 1] if index + 1 < len(turns) else None
        if following is not None and following.barge_in_after_s is not None:
            # The next turn talks over this turn's reply: wait only until the reply starts.
            started = await _line_until(source, lambda: call.bot_speaking, reply_timeout_s)
        else:
            started = await _line_until(
                source, lambda b=before: call.replies_completed > b or call.ended, reply_timeout_s)
        if not started:
            call.errors.append("no reply within the timeout")
    if not call.ended:
        await source.silence(0.3)
        await worker.queue_frame(EndFrame())
    await run
