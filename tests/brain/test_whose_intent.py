"""Whose plan a caller states: a landlord selling is not the caller selling, a buy ruled out for
now is a renter, and a caller who meant to reach another place is a wrong number."""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(("text", "intent"), [
    ("our landlord is selling the house we rent, so we need to find something to buy", "buy"),
    ("the owner told us she's putting the place on the market, so we're looking to buy", "buy"),
    ("I own a duplex that I rent out, and I want to sell it", "sell"),
    ("we have a rental property, tenants move out in May, thinking about selling it", "sell"),
    ("honestly we can only rent for now", "rent"),
    ("we looked at the numbers and we can't buy right now, we'll just rent another year", "rent"),
    ("we're not ready to buy yet, gonna keep renting a while longer", "rent"),
    ("we rent right now but want to buy", "buy"),
    ("we can only rent for now, buying's gonna have to wait a couple years", "rent"),
])
def test_the_lead_intent_is_the_callers_own(profiles, text, intent) -> None:
    assert understand(text, profiles["real_estate"], MONDAY).lead_intent == intent


@pytest.mark.parametrize(("profile", "text"), [
    ("dealership", "oh, a dealership. no, I need the actual DMV. sorry to bother you"),
    ("dealership", "ah shoot, I thought this was the county tax office"),
    ("dealership", "wait, is this not the tag office? I must have the wrong number"),
    ("real_estate", "oh, realty. no, wrong Lakeside, sorry about that"),
    ("real_estate", "hang on, this isn't the boat storage place? sorry, wrong number"),
    ("real_estate", "oops, I thought you were the apartment leasing office, sorry to bother you"),
])
def test_a_caller_who_meant_someone_else_is_a_wrong_number(profiles, profile, text) -> None:
    assert understand(text, profiles[profile], MONDAY).intent == "wrong_number"


@pytest.mark.parametrize("text", [
    "no, I need the brakes done, not an oil change",
    "sorry, I meant Thursday, not Tuesday",
])
def test_a_correction_is_no_wrong_number(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).intent != "wrong_number"
