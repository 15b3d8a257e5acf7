"""Holiday closures: the rules, the profile schema, slots offered around them, and the answers.

Both demo businesses close on Thanksgiving (Thursday 26 November 2026, the clock's week) and
Christmas Day; the dealership's service desk opens 8 AM to noon on Christmas Eve.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.availability import AvailabilityCalendar, closed_reply
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.knowledge.holidays import FEDERAL, HOLIDAYS, holiday_on, nth_weekday
from frontdesk.knowledge.profile import BusinessProfile, Closure
from frontdesk.llm.prompts import business_facts
from tests.conftest import fixed_clock

NOW = datetime(2026, 11, 23, 9, 0)
THANKSGIVING, FRIDAY = date(2026, 11, 26), date(2026, 11, 27)


@pytest.mark.parametrize(("key", "year", "expected"), [
    ("thanksgiving", 2026, date(2026, 11, 26)),
    ("thanksgiving", 2027, date(2027, 11, 25)),
    ("memorial_day", 2026, date(2026, 5, 25)),
    ("labor_day", 2027, date(2027, 9, 6)),
    ("martin_luther_king_day", 2026, date(2026, 1, 19)),
    ("day_after_thanksgiving", 2026, date(2026, 11, 27)),
    ("juneteenth", 2026, date(2026, 6, 19)),
])
def test_holidays_are_computed_by_rule(key, year, expected) -> None:
    assert HOLIDAYS[key].on(year) == expected


def test_the_federal_list_and_the_last_weekday_of_a_month() -> None:
    assert len(FEDERAL) == 11 and "christmas_eve" not in FEDERAL
    assert nth_weekday(2026, 12, 4, -1) == date(2026, 12, 25)  # the last Friday of December
    assert holiday_on(date(2026, 12, 24)).name == "Christmas Eve"
    assert holiday_on(date(2026, 12, 23)) is None


def test_a_closure_needs_one_day_and_a_known_holiday() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Closure.model_validate({})
    with pytest.raises(ValueError, match="unknown holiday"):
        Closure.model_validate({"holiday": "festivus"})
    with pytest.raises(ValueError):
        Closure.model_validate({"holiday": "christmas_eve", "hours": "noon-ish"})
    staff_party = Closure.model_validate({"date": "2026-12-18", "label": "our staff party"})
    assert staff_party.on(date(2026, 12, 18)) == "our staff party"
    assert Closure.model_validate({"holiday": "us_federal"}).on(THANKSGIVING) == "Thanksgiving"


def test_closures_round_trip_through_the_stored_profile_json(profiles) -> None:
    profile = profiles["dealership"]
    again = BusinessProfile.model_validate(profile.model_dump(mode="json"))
    assert again.closures == profile.closures and again.closures


def test_a_closure_for_an_unknown_department_is_refused(profiles) -> None:
    raw = profiles["real_estate"].model_dump(mode="json")
    raw["closures"] = [{"holiday": "thanksgiving", "departments": ["service"]}]
    with pytest.raises(ValueError, match="unknown department"):
        BusinessProfile.model_validate(raw)


def test_hours_on_a_day_honour_closures_and_short_days(profiles) -> None:
    dealer = profiles["dealership"]
    service, sales = dealer.departments["service"], dealer.departments["sales"]
    assert dealer.hours_on(service, THANKSGIVING) is None
    assert dealer.hours_on(service, FRIDAY) == (time(7, 30), time(18, 0))
    assert dealer.hours_on(service, date(2026, 12, 24)) == (time(8, 0), time(12, 0))
    assert dealer.hours_on(sales, date(2026, 12, 24)) == (time(9, 0), time(15, 0))
    assert dealer.hours_on(service, date(2026, 12, 27)) is None  # a Sunday stays closed


async def test_no_slot_is_offered_on_a_closed_day(profiles) -> None:
    for key, department in (("dealership", "service"), ("real_estate", "office")):
        profile = profiles[key]
        dept = profile.departments[department]
        availability = AvailabilityCalendar(profile, InMemoryCalendar(), NOW)
        assert await availability.open_slots(dept, THANKSGIVING, 30) == []
        check = await availability.check(dept, datetime(2026, 11, 26, 10, 0), 30)
        assert check.problem == "closed_day"
        assert all(a.date() != THANKSGIVING for a in check.alternatives)
        nearest = await availability.nearest(dept, datetime(2026, 12, 25, 10, 0), 30, count=4)
        assert nearest and all(a.date() != date(2026, 12, 25) for a in nearest)
        assert closed_reply(profile, dept, THANKSGIVING) == ("closed_holiday", {"holiday": "Thanksgiving"})
    service = profiles["dealership"].departments["service"]
    short = await AvailabilityCalendar(profiles["dealership"], InMemoryCalendar(), NOW).open_slots(
        service, date(2026, 12, 24), 60)
    assert short[0].time() == time(8, 0) and short[-1].time() == time(11, 0)
    assert closed_reply(profiles["dealership"], service, date(2026, 11, 29))[0] == "closed_day"


async def _say(profiles, profile: str, *lines: str) -> str:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = (await brain.start(await brain.new_state("holiday", profile,
                                                      caller_phone="+15125550111"))).state
    reply = ""
    for line in lines:
        outcome = await brain.respond(state, line)
        state, reply = outcome.state, outcome.reply
    return reply


@pytest.mark.parametrize(("profile", "line", "says", "avoids"), [
    ("dealership", "could I get the oil changed on Thanksgiving, around 10?", ["closed", "Thanksgiving"],
     ["Thursday, November 26 at"]),
    ("dealership", "any chance I can drop off the truck for new brakes christmas day",
     ["closed", "Christmas Day"], ["December 25 at"]),
    ("real_estate", "I'd like to tour the house on Elm on thanksgiving afternoon",
     ["closed", "Thanksgiving"], ["November 26 at"]),
])
async def test_a_booking_on_a_holiday_is_told_the_closure_and_offered_open_days(
        profiles, profile, line, says, avoids) -> None:
    reply = await _say(profiles, profile, line)
    assert all(s in reply for s in says), reply
    assert not any(a in reply for a in avoids), reply


@pytest.mark.parametrize(("profile", "line", "says"), [
    ("dealership", "y'all open christmas eve?", ["Christmas Eve", "8 AM to noon"]),
    ("dealership", "what time do you close on christmas eve", ["noon", "3 PM"]),
    ("dealership", "is anybody there on thanksgiving?", ["closed", "Thanksgiving", "Friday, November 27"]),
    ("real_estate", "is your office open on christmas eve",
     ["closed", "Christmas Eve", "Saturday, December 26"]),
    ("real_estate", "are you guys open the friday after thanksgiving", ["9 AM to 7 PM"]),
])
async def test_a_question_about_a_holiday_gets_that_days_hours(profiles, profile, line, says) -> None:
    reply = await _say(profiles, profile, line)
    assert all(s in reply for s in says), reply


def test_the_language_model_is_told_the_closures_too(profiles) -> None:
    facts = business_facts(profiles["dealership"]).splitlines()
    assert "Thanksgiving: closed." in facts and "The Fourth of July: closed." in facts
    assert "Christmas Eve (service department): open 8:00 AM to 12:00 PM." in facts
