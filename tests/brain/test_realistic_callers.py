"""How real callers talk: fillers, slang for money, corrections, asides, two things at once.

Each case is a phrasing the rules of the first wave got wrong (issue 11): a caller would notice
every one of them — a wrong name read back, a budget off by a factor of a thousand, a question
left unanswered, a call ended by mistake.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.classifier import default_classifier

MONDAY = date(2026, 11, 23)


def u(text, profiles, profile="dealership", awaiting=None):
    return understand(text, profiles[profile], MONDAY, awaiting)


@pytest.mark.parametrize(("text", "awaiting", "name"), [
    ("Actually, yeah, I need an oil change", None, None),
    ("sure", "name", None),
    ("probably tuesday", "name", None),
    ("um my name is, uh, actually it's Dana Whitfield", None, "Dana Whitfield"),
    ("it's Siobhan, S-I-O-B-H-A-N, Siobhan Doyle", "name", "Siobhan Doyle"),
    ("yeah I'm pre-approved, it's Brianna Cole", None, "Brianna Cole"),
    ("I'm calling about my truck", None, None),
])
def test_names_only_from_name_giving_words(profiles, text, awaiting, name) -> None:
    assert u(text, profiles, awaiting=awaiting).name == name


@pytest.mark.parametrize(("text", "budget"), [
    ("a quarter mil maybe", (None, 250_000)),
    ("we're looking in the mid fours", (440_000, 460_000)),
    ("three fifty-ish", (315_000, 350_000)),
    ("a buck seventy-five", (None, 175_000)),
    ("somewhere in the threes", (300_000, 400_000)),
    ("between four and four fifty", (400_000, 450_000)),
    ("could stretch to four twenty-five", (None, 425_000)),
    ("a million two", (None, 1_200_000)),
])
def test_money_the_way_people_say_it(profiles, text, budget) -> None:
    assert u(text, profiles, "real_estate", awaiting="budget").budget == budget


def test_a_span_in_the_past_or_a_rent_is_not_a_timeline(profiles) -> None:
    assert u("we bought it twelve years ago", profiles, "real_estate").timeline is None
    assert u("rent went up three hundred bucks a month", profiles, "real_estate").timeline is None
    assert u("our lease is up in March", profiles, "real_estate").timeline[0] == 4.0


def test_a_place_ruled_out_is_not_the_place(profiles) -> None:
    assert u("anywhere but Round Rock, maybe Georgetown", profiles,
             "real_estate").location == ("Georgetown", True)
    assert u("we're working with a lender", profiles, "real_estate").location is None


@pytest.mark.parametrize(("text", "day", "clock"), [
    ("the 3rd works", date(2026, 12, 3), None),
    ("Thursday the 3rd at two", date(2026, 12, 3), time(14)),
    ("a week from tomorrow, around noonish", date(2026, 12, 1), time(12)),
    ("probably thursday, maybe friday, let's say friday at half past one",
     date(2026, 11, 27), time(13, 30)),
    ("Tuesday at— no wait, Tuesday I'm slammed. Friday. Friday at two.", date(2026, 11, 27),
     time(14)),
    ("oh wait, tomorrow's parent-teacher night. can we do the day after instead?",
     date(2026, 11, 25), None),
    ("brakes at ten or ten-thirty, ten-thirty's safer", None, time(10, 30)),
    ("I've got a standup at eight, so make it ten", None, time(10)),
])
def test_the_day_and_time_settled_on(profiles, text, day, clock) -> None:
    r = u(text, profiles)
    assert (r.date, r.time) == (day, clock)


def test_a_time_for_something_else_is_not_the_appointment(profiles) -> None:
    r = u("I drop the kids at eight so anytime after nine works", profiles)
    assert r.time is None
    assert r.window is not None and r.window.start == time(9)


@pytest.mark.parametrize(("text", "part"), [
    ("try me Thursday evening", "evening"), ("before lunch", "morning"),
    ("after work", "evening"), ("tomorrow after lunch", "afternoon"),
])
def test_parts_of_the_day_stay_windows(profiles, text, part) -> None:
    assert u(text, profiles).window.part_of_day == part
    assert u("good afternoon!", profiles).window is None  # a greeting, not a time


def test_services_wanted_and_services_put_off(profiles) -> None:
    r = u("I need an oil change, and while it's up could y'all rotate the tires too?", profiles)
    assert set(r.services) == {"oil_change", "tire_rotation"}
    r = u("my brakes might need looking at eventually, but not yet. so just the oil", profiles)
    assert r.services == ["oil_change"]
    assert u("skip the rotation, just the oil", profiles).dropped_services == ["tire_rotation"]


@pytest.mark.parametrize(("text", "intent"), [
    ("is there an actual person I could speak with?", "escalation"),
    ("please don't ring this number again", "do_not_call"),
    ("we already bought a house, so please don't ring again", "do_not_call"),
    ("we already work with a broker from another firm", "objection_have_agent"),
    ("you still there?", "line_check"),
    ("what company is this?", "identity"),
    ("where did you get my info?", "how_got_number"),
    ("I think you have the wrong number", "wrong_number"),
    ("sorry, can you say that again?", "repeat"),
    ("hang on a sec", "hold"),
    ("am I talking to a robot?", "bot_check"),
])
def test_acts_nobody_wrote_a_pattern_for(profiles, text, intent) -> None:
    profile = "real_estate" if "broker" in text else "dealership"
    assert u(text, profiles, profile).intent == intent


@pytest.mark.parametrize("text", [
    "this is Raj Patel",                            # a name, not a wrong number
    "what are you asking for it?",                  # a price, not "who is this?"
    "what would that one run me?",                  # a price, not "say that again"
    "yeah hi, I need an oil change Friday, half past two if you got it",  # books, moves nothing
])
def test_closed_acts_need_their_own_words(profiles, text) -> None:
    assert u(text, profiles, awaiting="name" if "Raj" in text else None).intent not in {
        "wrong_number", "identity", "repeat", "reschedule"}


def test_an_aside_is_read_apart_from_the_answer(profiles) -> None:
    r = u("Wednesday works. Oh and do you have a shuttle?", profiles, awaiting="date")
    assert r.date == date(2026, 11, 25)
    assert [a.intent for a in r.acts] == ["faq"] and "shuttle" in r.acts[0].text


def test_the_classifier_confidence_is_calibrated_and_fast() -> None:
    model = default_classifier()
    sure = model.predict("can I talk to a real person please")
    assert sure.label == "escalation" and sure.confidence > 0.8
    assert 0.5 < model.temperature < 5


async def _talk(brain, profile, lines):
    state = await brain.new_state("rc", profile, caller_phone="+15125550123")
    outcome = await brain.start(state)
    for line in lines:
        outcome = await brain.respond(outcome.state, line)
    return outcome


async def test_a_yes_to_what_would_you_like_to_change_books_nothing(brain) -> None:
    outcome = await _talk(brain, "dealership", [
        "my name is Otis Grant, brake check tomorrow at one", "no", "yes"])
    assert outcome.state.appointment is None
    assert outcome.state.awaiting == "confirm_booking"


async def test_a_time_said_instead_of_an_offered_one_is_taken(brain) -> None:
    outcome = await _talk(brain, "dealership", [
        "my name is Renee Park, I'd like a detail Saturday before lunch",
        "nine would be perfect", "yes"])
    assert outcome.state.appointment is not None
    assert outcome.state.appointment.scheduled_time == "09:00"
    outcome = await _talk(brain, "dealership", [
        "my name is Otis Grant, brake check Wednesday at one", "no, I meant 3", "yes"])
    assert outcome.state.appointment.scheduled_time == "15:00"
