"""Profile edits as pure data: what changed between two versions, the registry the brain
reads, and the greeting templates the schema refuses."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.brain.nlu.understand import understand
from frontdesk.knowledge.changes import describe_changes
from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.knowledge.registry import ProfileRegistry
from tests.conftest import fixed_clock


def edited(profile: BusinessProfile, edit) -> BusinessProfile:
    data = profile.model_dump(mode="json")
    edit(data)
    return BusinessProfile.model_validate(data)


def test_changes_read_by_item_key_and_hours_as_typed(profiles) -> None:
    old = profiles["dealership"]

    def edit(d):
        d["faq"] = [f for f in d["faq"] if f["key"] != "hours"]  # everything after shifts
        next(f for f in d["faq"] if f["key"] == "loaner")["answer"] = "No loaners."
        d["services"][0]["price_min"] = 55
        d["departments"]["service"]["hours"] = {"mon": "08:00-17:00", "tue": "07:30-18:00",
                                                "wed": "07:30-18:00", "thu": "07:30-18:00",
                                                "fri": "07:30-18:00", "sat": "closed"}
        d["follow_up"]["staff"].append({"email": "desk@example.com"})

    assert describe_changes(old, edited(old, edit)) == [
        'departments.service.hours.mon: "07:30-18:00" → "08:00-17:00"',
        'departments.service.hours.sat: "08:00-14:00" → "closed"',
        "services[oil_change].price_min: 49.0 → 55.0",
        "faq[hours]: removed",
        'faq[loaner].answer: "Yes, we offer loaner cars for repairs expected to take more than '
        '4 hours." → "No loaners."',
        "follow_up.staff[2]: added",
    ]
    assert describe_changes(old, edited(old, lambda d: None)) == []


def test_the_registry_keeps_the_latest_version_and_the_brain_reads_it(profiles) -> None:
    registry = ProfileRegistry(profiles)
    brain = Brain(registry, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    v3 = edited(profiles["dealership"], lambda d: d.update(agent_name="Zoe"))
    v2 = edited(profiles["dealership"], lambda d: d.update(agent_name="Max"))
    assert registry.version("dealership") is None
    assert registry.apply(v3, 3) and not registry.apply(v2, 2)  # an older one never wins
    assert registry.version("dealership") == 3 and brain.profile("dealership").agent_name == "Zoe"
    assert registry["real_estate"] is profiles["real_estate"] and len(registry) == 2


async def test_a_new_greeting_is_said_by_the_next_conversation(profiles) -> None:
    registry = ProfileRegistry(profiles)
    brain = Brain(registry, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    before = await brain.start(await brain.new_state("c1", "dealership"))
    assert before.reply.startswith("Thanks for calling Riverside Motors, this is Ava.")
    registry.apply(edited(profiles["dealership"], lambda d: d["replies"].update(
        greeting_inbound="Riverside service, {agent} here.")), 1)
    after = await brain.start(await brain.new_state("c2", "dealership"))
    assert after.reply == "Riverside service, Ava here."


@pytest.mark.parametrize(("greeting", "says"), [
    ("Hi from {bussiness}", "unknown placeholder(s) {bussiness}"),
    ("Hi {", "Single '{' encountered"),
    ("Hi {agent.__class__}", "is not a placeholder"),
    ("Hi {name_part}", "unknown placeholder(s) {name_part}"),  # only when calling out
])
def test_the_schema_refuses_a_greeting_that_would_break_the_call(profiles, greeting, says) -> None:
    with pytest.raises(ValidationError, match=r"reply greeting_inbound: .*") as caught:
        edited(profiles["dealership"], lambda d: d["replies"].update(greeting_inbound=greeting))
    assert says in str(caught.value)
    assert edited(profiles["dealership"], lambda d: d["replies"].update(
        greeting_outbound="Hi{name_part}, {agent} from {business}; {{braces}} are fine"))


def test_a_version_saved_by_an_older_release_understands_this_release_s_phrasings(profiles) -> None:
    """Frames, synonyms and only-alone services are language, not facts: a stored version
    without them (saved before they existed) takes them from the YAML profile, and keeps the
    owner's own edits."""
    def older(d):
        d["agent_name"] = "Zoe"
        for kind in d["appointment_types"]:
            kind["frames"], kind["synonyms"] = [], []
        for service in d["services"]:
            service["only_alone"] = False
    registry = ProfileRegistry(profiles, words=profiles)
    registry.apply(edited(profiles["real_estate"], older), 2)
    registry.apply(edited(profiles["dealership"], older), 2)
    brain = Brain(registry, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    showing = brain.profile("real_estate").appointment_type("property_showing")
    assert showing.frames == profiles["real_estate"].appointment_type("property_showing").frames
    assert brain.profile("real_estate").agent_name == "Zoe"
    alone = [s.key for s in brain.profile("dealership").services if s.only_alone]
    assert alone and alone == [s.key for s in profiles["dealership"].services if s.only_alone]
    heard = understand("we'd love to walk through that bungalow you have listed on your site",
                       brain.profile("real_estate"), date(2026, 11, 23))
    assert heard.appointment_type == "property_showing"
