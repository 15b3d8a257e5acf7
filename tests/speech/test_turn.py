"""Smart Turn: whether the caller's voice says the sentence is finished."""

from __future__ import annotations

import asyncio

import pytest

from frontdesk.audio.pcm import Audio
from frontdesk.speech.tts import first_audio_ms
from frontdesk.speech.turn import SmartTurn
from frontdesk.voice.processors import HeardFrame, last_voiced_at, rms

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def smart_turn():
    engine = SmartTurn()
    yield engine
    engine.close()


async def _phone(tts, text: str) -> Audio:
    _, chunks = await first_audio_ms(tts, text)
    audio = Audio(b"".join(c.pcm for c in chunks), chunks[0].sample_rate_hz).to_rate(8000)
    return Audio(audio.pcm + b"\x00\x00" * 1600, 8000)  # the 0.2 s pause it is asked at


async def test_a_finished_sentence_and_a_trailing_one(smart_turn, piper) -> None:
    for finished in ("Can I book an oil change for Friday morning?", "No, that's all, thanks."):
        assert await smart_turn.complete(await _phone(piper, finished)) > 0.5, finished
    assert await smart_turn.complete(await _phone(piper, "So I was wondering if, um")) < 0.5


async def test_a_failing_model_gives_no_verdict(smart_turn, piper) -> None:
    class Broken:
        def run(self, *args):
            raise RuntimeError("onnxruntime: bad input")

    engine = SmartTurn()
    engine._session = Broken()
    try:
        assert await engine.complete(await _phone(piper, "Yes.")) is None
        assert engine.failures == 1
        assert await engine.complete(Audio(b"", 8000)) is None
    finally:
        engine.close()


async def test_a_busy_model_is_not_queued_behind(smart_turn, piper) -> None:
    """Three calls pause at once: the one-thread model answers the first; the others get no
    verdict at once (their silence endpoint) instead of waiting behind it."""
    audio = await _phone(piper, "Can I book an oil change for Friday morning?")
    skipped = smart_turn.skipped
    verdicts = await asyncio.gather(*(smart_turn.complete(audio) for _ in range(3)))
    assert verdicts[0] > 0.5 and verdicts[1:] == [None, None]
    assert smart_turn.skipped == skipped + 2
    assert await smart_turn.complete(audio) > 0.5  # free again once the verdict is back


def test_the_turn_clock_starts_at_the_last_voiced_frame() -> None:
    loud, quiet = b"\x00\x10" * 160, b"\x05\x00" * 160  # 4096 vs 5 of 32767
    frames = [HeardFrame(pcm, t / 50, rms(pcm)) for t, pcm in
              enumerate([quiet, loud, loud, quiet, loud, quiet, quiet, quiet])]
    assert last_voiced_at(frames) == 4 / 50
    assert last_voiced_at([]) is None
    assert last_voiced_at([HeardFrame(b"\x00\x00" * 160, 1.0, 0.0)]) is None
