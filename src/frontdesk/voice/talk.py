"""``frontdesk talk``: a whole call from WAV files through the real voice pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from frontdesk.audio.pcm import Audio, ulaw_decode, ulaw_encode, write_wav
from frontdesk.logs import conversation
from frontdesk.voice.caller import ScriptedTurn, run_scripted_call
from frontdesk.voice.file_transport import FileTransport
from frontdesk.voice.pipeline import CallOptions, build_call
from frontdesk.voice.services import CallServices
from frontdesk.voice.state import CallState


@dataclass(slots=True)
class TalkResult:
    call: CallState
    mixed: Audio


def phone_line(audio: Audio) -> Audio:
    """What a caller sounds like through Twilio: 8 kHz, G.711 µ-law."""
    narrow = audio.to_rate(8000)
    return Audio(ulaw_decode(ulaw_encode(narrow.pcm)), 8000)


async def talk(services: CallServices, profile: str, turns: list[Audio], *, phone: bool = False,
               speed: float = 1.0, caller_phone: str | None = None) -> TalkResult:
    rate = 8000 if phone else 16_000
    if phone:
        turns = [phone_line(t) for t in turns]
    transport = FileTransport(in_rate_hz=rate, out_rate_hz=rate, speed=speed)
    worker, call = build_call(transport, services,
                              CallOptions(profile=profile, channel="voice", in_rate_hz=rate,
                                          out_rate_hz=rate, phone_audio=phone,
                                          caller_phone=caller_phone))
    with conversation(call.conversation_id):
        await run_scripted_call(worker, call, transport, [ScriptedTurn(t) for t in turns])
    return TalkResult(call, transport.timeline.mix(rate))


def report(result: TalkResult, out: Path | None) -> int:
    """Print the call (transcript with per-turn latency), write its audio; 1 if it had errors."""
    call = result.call
    print(f"session {call.conversation_id}")
    latencies = iter(call.turns)
    for n, (who, text) in enumerate(call.transcript):
        line = f"{who:>6}: {text}"
        if who == "agent" and n > 0:  # the greeting has no caller turn to time
            timing = next(latencies, None)
            if timing is not None:
                line += (f"   [vad {timing.vad_stop_ms:.0f} · stt {timing.stt_ms:.0f} · "
                         f"tts {timing.tts_first_ms:.0f} · total {timing.total_ms:.0f} ms]")
        print(line)
    if call.first_audio_at is not None:
        print(f"first audio {1000 * (call.first_audio_at - call.connected_at):.0f} ms after connect")
    for error in call.errors:
        print(f"error: {error}")
    if out is not None:
        write_wav(out, result.mixed)
        print(f"wrote {out} ({result.mixed.duration_s:.1f} s)")
    return 0 if not call.errors else 1
