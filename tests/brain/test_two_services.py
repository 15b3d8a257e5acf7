"""Two services in one visit: every service the caller wants is kept, whether named by its
words ("an oil change"), by the part worked on ("the oil and the tires done") or counted
("could you do both?")."""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand
from tests.brain.test_references import talk

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(("text", "services"), [
    ("I need an oil change and my brakes looked at", ["oil_change", "brake_inspection"]),
    ("tire rotation, and while it's there can you check the brakes",
     ["tire_rotation", "brake_inspection"]),
    ("I need to change the oil and also the tires, to rotate them. both in one time",
     ["oil_change", "tire_rotation"]),
    ("It's about time for the oil and the tires done, the usual. Thursday the 3rd",
     ["oil_change", "tire_rotation"]),
    ("can y'all swap the battery and do the sticker while it's in?",
     ["battery_replacement", "state_inspection"]),
    ("the oil's overdue and, um, the tires could use rotating too", ["oil_change", "tire_rotation"]),
    ("brakes are grinding, and honestly it needs a good detail while you have it",
     ["brake_inspection", "detailing"]),
])
def test_every_service_of_the_visit_is_kept(profiles, text, services) -> None:
    assert understand(text, profiles["dealership"], MONDAY).services == services


@pytest.mark.parametrize(("text", "services"), [
    ("my tires are fine, just the oil", ["oil_change"]),
    ("I got new tires last month, so just an oil change", ["oil_change"]),
    ("just the oil change. I don't need the tires or anything else, thanks", ["oil_change"]),
    ("a tire rotation, no wait, not the rotation, mine needs the inspection sticker",
     ["state_inspection"]),
])
def test_a_part_ruled_out_or_done_already_is_no_service(profiles, text, services) -> None:
    u = understand(text, profiles["dealership"], MONDAY)
    assert u.services == services
    assert not u.intent.startswith("objection")


async def test_both_with_one_service_named_asks_for_the_other_once(profiles) -> None:
    state, replies = await talk(profiles, "my inspection sticker runs out this month, and it's "
                                          "probably due for the other thing too. could you do both "
                                          "Saturday morning, like nine?", "the oil change")
    assert "other thing" in replies[0]
    assert state.booking_slots.services == ["state_inspection", "oil_change"]
    assert "other thing" not in replies[1]
