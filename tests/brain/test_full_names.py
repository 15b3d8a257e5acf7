"""Full names that are also words — a month, a day, a season, a verb — are read whole; an email
address is not a name; fillers are never names."""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(("text", "awaiting", "name"), [
    ("hi, this is June Park, I need a detail Saturday", None, "June Park"),
    ("my name is April Stone", None, "April Stone"),
    ("yeah it's Will Summers", "name", "Will Summers"),
    ("sure, it's Dawn Friday", "name", "Dawn Friday"),
    ("Augusta Monday", "name", "Augusta Monday"),
    ("hey, May Chen here, calling about my brakes", None, "May Chen"),
    ("It's Sunday Rose, R-O-S-E", "name", "Sunday Rose"),
    ("my name's Summer Day", None, "Summer Day"),
])
def test_a_full_name_with_a_word_in_it_is_read_whole(profiles, text, awaiting, name) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting).name == name


@pytest.mark.parametrize(("text", "awaiting"), [
    ("honestly email is the best way to reach me, it's june dot park at gmail dot com", None),
    ("it's june.park@gmail.com", "email"),
    ("Actually, Sure", "name"),
    ("Sure", "name"),
    ("It's Friday at two", None),
    ("Probably Tuesday", "name"),
])
def test_no_name_from_an_email_a_day_or_a_filler(profiles, text, awaiting) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting).name is None
