"""A name the agent cannot make out (a bad line, a name the recogniser cannot follow) does not
cost the caller the booking: after asking twice, the agent books under the phone number."""

from __future__ import annotations

import pytest

from tests.brain.calls import call as _call


@pytest.mark.parametrize(("profile", "request_", "garbled"), [
    # garbled words, not only "um" (a caller finding words is given time: test_dev133_mechanisms)
    ("dealership", "I need an oil change Wednesday at ten", ["uh, the hmm", "the, the um"]),
    ("dealership", "can you fit a tire rotation in on Friday at two?", ["erm the", "the, uh"]),
    ("real_estate", "I'd like to see the house on Pecan Saturday at eleven", ["er it", "uh huh uh"]),
])
async def test_a_name_not_heard_twice_books_under_the_phone_number(profiles, profile, request_,
                                                                   garbled) -> None:
    state, replies = await _call(profiles, profile, request_, *garbled, "yes")
    assert "your phone number" in replies[-2] and "512" in replies[-2].replace("-", " ")
    assert state.appointment is not None, replies
    assert not state.pending_tasks  # no callback nobody asked for
    assert sum("name" in r.lower() for r in replies[:-2]) == 2  # asked, then asked once more


async def test_without_a_number_nothing_is_booked_for_nobody(profiles) -> None:
    """A web caller with no number and no name heard: nothing identifies them, so the agent
    does not book; it changes strategy instead of asking a third time."""
    state, replies = await _call(profiles, "dealership", "oil change Wednesday at ten please",
                                 "uh the", "um, the", phone=None)
    assert state.appointment is None and not state.booking_slots.name_declined
    assert "your phone number" not in " ".join(replies)
    assert replies[-1] != replies[-2]
