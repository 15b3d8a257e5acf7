"""A business that records calls says so first, on the recorded channels only, word for word."""

from __future__ import annotations

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.knowledge.profile import RecordingPolicy
from tests.conftest import fixed_clock

DISCLOSURE = "This call may be recorded for quality."


def _brain(profiles, **policy) -> Brain:
    recorded = {key: p.model_copy(update={"recording": RecordingPolicy(**policy)})
                for key, p in profiles.items()}
    return Brain(recorded, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)


@pytest.mark.parametrize("direction", ["inbound", "outbound"])
async def test_the_disclosure_comes_before_the_greeting_on_a_recorded_call(profiles,
                                                                           direction) -> None:
    brain = _brain(profiles, enabled=True)
    state = await brain.new_state("sess_r", "dealership", channel="phone", direction=direction,
                                  caller_phone="+15125550142")
    reply = (await brain.start(state)).reply
    assert reply.startswith(DISCLOSURE + " ")
    assert ("Thanks for calling" if direction == "inbound" else "Hi") in reply


async def test_no_disclosure_when_off_or_on_a_channel_not_recorded(profiles, brain) -> None:
    off = await brain.new_state("sess_a", "dealership", channel="phone")
    assert "recorded" not in (await brain.start(off)).reply
    recorded = _brain(profiles, enabled=True, channels=["phone"])
    text = await recorded.new_state("sess_b", "real_estate", channel="text")
    web = await recorded.new_state("sess_c", "real_estate", channel="web")
    assert "recorded" not in (await recorded.start(text)).reply
    assert "recorded" not in (await recorded.start(web)).reply
    assert (await recorded.start(await recorded.new_state(
        "sess_d", "real_estate", channel="phone"))).reply.startswith(DISCLOSURE)


def test_recording_is_off_by_default(profiles) -> None:
    assert all(not p.recording.enabled for p in profiles.values())
    assert RecordingPolicy().retention_days == 30
