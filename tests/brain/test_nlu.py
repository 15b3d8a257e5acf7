"""Understanding varied, speech-like phrasings without an LLM."""

from __future__ import annotations

from datetime import date, time

import pytest

from frontdesk.brain.nlu import understand

MONDAY = date(2026, 11, 23)


def u(text, profiles, profile="dealership", awaiting=None):
    return understand(text, profiles[profile], MONDAY, awaiting)


def test_several_facts_in_one_utterance(profiles) -> None:
    r = u("this is Tom Becker, can I bring my 2016 Ford F-150 in for an oil change Wednesday "
          "at 2 pm?", profiles)
    assert (r.intent, r.name, r.services) == ("book", "Tom Becker", ["oil_change"])
    assert (r.date, r.time) == (date(2026, 11, 25), time(14, 0))
    assert (r.vehicle.year, r.vehicle.make, r.vehicle.model) == (2016, "Ford", "F-150")


@pytest.mark.parametrize(("text", "day"), [
    ("tuesday", date(2026, 11, 24)), ("tomorrow morning", date(2026, 11, 24)),
    ("next friday", date(2026, 11, 27)), ("November 30th", date(2026, 11, 30)),
    ("the 2nd of December", date(2026, 12, 2)), ("12/3", date(2026, 12, 3)),
    ("today", MONDAY), ("in two weeks", date(2026, 12, 7)),
])
def test_relative_dates(profiles, text, day) -> None:
    assert u(text, profiles).date == day


@pytest.mark.parametrize(("text", "clock"), [
    ("2 pm", time(14)), ("9:30 am", time(9, 30)), ("nine thirty am", time(9, 30)),
    ("at 3", time(15)), ("noon", time(12)), ("at 10 in the morning", time(10)),
    ("two p.m.", time(14)),
])
def test_times(profiles, text, clock) -> None:
    assert u(text, profiles).time == clock


@pytest.mark.parametrize("text", [
    "(512) 555-0199", "512.555.0199", "5125550199", "+1 512 555 0199",
    "five one two five five five zero one nine nine", "my number is 512 555 oh one nine nine",
])
def test_phone_numbers_in_any_common_format(profiles, text) -> None:
    assert u(text, profiles).phone == "+15125550199"


@pytest.mark.parametrize("text", ["tom.becker@gmail.com", "tom dot becker at gmail dot com"])
def test_emails(profiles, text) -> None:
    assert u(text, profiles).email == "tom.becker@gmail.com"


@pytest.mark.parametrize(("text", "name"), [
    ("my name is maria lopez", "Maria Lopez"), ("it's Priya Shah", "Priya Shah"),
    ("I'm looking for an oil change", None), ("this is a great day", None),
])
def test_names(profiles, text, name) -> None:
    assert u(text, profiles).name == name


@pytest.mark.parametrize(("text", "budget"), [
    ("450 to 500 thousand", (450_000, 500_000)), ("600k", (None, 600_000)),
    ("four hundred fifty to five hundred thousand", (450_000, 500_000)),
    ("under $1.2 million", (None, 1_200_000)), ("between 300 and 350k", (300_000, 350_000)),
])
def test_money_ranges(profiles, text, budget) -> None:
    assert u(text, profiles, "real_estate", awaiting="budget").budget == budget


@pytest.mark.parametrize(("text", "months"), [
    ("within two months", 2.0), ("by March", 4.0), ("a couple of years", 24.0),
    ("asap", 0.5), ("in 6 months", 6.0), ("next year", 12.0),
])
def test_timelines(profiles, text, months) -> None:
    assert u(text, profiles, "real_estate").timeline[0] == months


def test_locations_matched_to_service_areas(profiles) -> None:
    assert u("somewhere in round rock", profiles, "real_estate").location == ("Round Rock", True)
    assert u("we like Dallas", profiles, "real_estate").location == ("Dallas", False)
    assert u("pflugervile", profiles, "real_estate").location == ("Pflugerville", True)


@pytest.mark.parametrize(("text", "intent"), [
    ("take me off your list", "do_not_call"), ("stop calling me", "do_not_call"),
    ("I want to speak to a manager", "escalation"), ("let me talk to a real person", "escalation"),
    ("not interested", "objection_not_interested"), ("I already have a mechanic",
                                                     "objection_have_agent"),
    ("I'm busy right now, call me later", "objection_busy"),
    ("that's too expensive", "objection_price"), ("what are your hours?", "faq"),
    ("how much is a tire rotation", "faq"), ("yes please", "affirm"), ("nope", "deny"),
    ("bye now", "goodbye"),
])
def test_intents(profiles, text, intent) -> None:
    assert u(text, profiles).intent == intent


def test_correction_carries_the_new_value(profiles) -> None:
    r = u("no, I said Thursday", profiles, awaiting="confirm_booking")
    assert r.deny and r.date == date(2026, 11, 26)


def test_choice_ordinals_are_not_dates(profiles) -> None:
    assert u("the first one", profiles, awaiting="pick_alternative").date is None
    assert u("December first", profiles).date == date(2026, 12, 1)


@pytest.mark.parametrize(("text", "key"), [
    ("Do you have loner cars?", "loaner"),  # tiny.en's hearing of "loaner cars"
    ("can I get a loan", "financing"),
    ("where are you located", "address"),
    ("is there a shutle", "shuttle"),
])
def test_faq_matching_tolerates_recognition_slips(profiles, text, key) -> None:
    from frontdesk.brain.agents.faq_match import best_faq

    entry, _ = best_faq(text, profiles["dealership"].faq)
    assert entry.key == key
