"""Families of everyday phrasings a caller would notice going wrong (issue: realistic callers).

Each test covers a mechanism, not a sentence: the wordings here are our own, different from the
scenarios that showed the gap, so they check that the whole family of phrasings works.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from frontdesk.brain.nlu import understand

MONDAY = date(2026, 11, 23)


def u(text, profiles, profile="dealership", awaiting=None):
    return understand(text, profiles[profile], MONDAY, awaiting)


# --- money: hyphenated figures and caps said after the number ---------------------------------

@pytest.mark.parametrize(("text", "budget"), [
    ("seven-fifty, that's the max", (None, 750_000)),
    ("we'd top out at three twenty-five", (None, 325_000)),
    ("five-twenty-five is our limit", (None, 525_000)),
    ("the lender okayed us, two-ninety at the most", (None, 290_000)),
    ("not over four seventy-five", (None, 475_000)),
])
def test_a_cap_said_after_the_figure_is_a_ceiling(profiles, text, budget) -> None:
    assert u(text, profiles, "real_estate").budget == budget


def test_money_is_not_read_as_a_clock_time(profiles) -> None:
    r = u("the credit union approved me for three seventy-five", profiles, "real_estate")
    assert r.budget == (None, 375_000) and r.time is None
    r = u("approved for 4 50, could we meet thursday at 5", profiles, "real_estate")
    assert r.time == time(17) and r.budget == (None, 450_000)


# --- timelines: months, the school year, holidays ----------------------------------------------

@pytest.mark.parametrize(("text", "months"), [
    ("probably around April", 5.0),
    ("not until the semester ends", 7.0),
    ("early February would be ideal", 3.0),
    ("by Christmas if at all possible", 1.0),
    ("May-ish", 6.0),
])
def test_a_month_or_a_season_of_life_is_a_timeline(profiles, text, months) -> None:
    r = u(text, profiles, "real_estate", awaiting="timeline")
    assert r.timeline is not None and r.timeline[0] == months


def test_a_bare_month_counts_only_when_asked_how_soon(profiles) -> None:
    assert u("April, I think", profiles, "real_estate", awaiting="timeline").timeline[0] == 5.0
    assert u("we may look around", profiles, "real_estate", awaiting="timeline").timeline is None


# --- financing in other words ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "financing"), [
    ("we'd pay for it outright", "cash"),
    ("no mortgage needed, the inheritance covers it", "cash"),
    ("our mortgage application went in Friday", "in_progress"),
])
def test_financing_in_everyday_words(profiles, text, financing) -> None:
    assert u(text, profiles, "real_estate").financing == financing


# --- buying said without the word "buy" ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "we want to get into a bigger home before the twins start school",
    "I'm hunting for a townhouse in Cedar Park",
    "we're house hunting, Pflugerville mostly",
])
def test_wanting_a_home_is_buying(profiles, text) -> None:
    assert u(text, profiles, "real_estate").lead_intent == "buy"


def test_a_place_to_rent_is_not_buying(profiles) -> None:
    assert u("we need a place to rent for a year", profiles, "real_estate").lead_intent == "rent"


# --- where the caller lives is not where they look ------------------------------------------------

def test_the_place_the_caller_lives_is_not_where_they_look(profiles) -> None:
    r = u("we're renting in Austin right now but want something in Cedar Park", profiles,
          "real_estate")
    assert r.location == ("Cedar Park", True)
    r = u("our place over in Round Rock sold, so now we need a condo in Georgetown", profiles,
          "real_estate")
    assert r.location == ("Georgetown", True)
    assert u("as soon as our Pflugerville house sells", profiles, "real_estate").location is None
    assert u("we'd like to sell our Round Rock house", profiles,
             "real_estate").location == ("Round Rock", True)


# --- dates that belong to something else, and dates named after holidays --------------------

def test_a_date_for_something_else_is_not_the_appointment(profiles) -> None:
    assert u("my lease ends December 15th", profiles, "real_estate").date is None
    assert u("our flight leaves Friday, so Thursday at ten", profiles).date == date(2026, 11, 26)
    assert u("it started making that noise this week", profiles).date is None
    assert u("can we start Tuesday at 10", profiles).date == date(2026, 11, 24)


@pytest.mark.parametrize(("text", "day"), [
    ("the Friday after Thanksgiving", date(2026, 11, 27)),
    ("the Wednesday before Christmas at nine", date(2026, 12, 23)),
    ("the day after Christmas", date(2026, 12, 26)),
    ("New Year's Eve morning", date(2026, 12, 31)),
    ("before Christmas, maybe the 18th", date(2026, 12, 18)),
    ("we saw it at the Thanksgiving parade. could we drive it Friday at 2?", date(2026, 11, 27)),
])
def test_days_named_after_a_holiday(profiles, text, day) -> None:
    assert u(text, profiles).date == day


# --- questions asked the long way round reach the business's answer ---------------------------

@pytest.mark.parametrize(("text", "key", "profile"), [
    ("can I settle up with my visa when it's done?", "payment", "dealership"),
    ("is it cool if I pay with apple pay?", "payment", "dealership"),
    ("the transmission job will take all week, how am I supposed to get to work?", "loaner",
     "dealership"),
    ("if the alternator goes out again after you fix it, who pays?", "warranty", "dealership"),
    ("can I swing by for an oil change whenever, or do I need to book?", "walk_ins", "dealership"),
    ("how do I find you coming off the interstate?", "address", "dealership"),
    ("I've got some bad credit, would I still get approved for a car loan?", "financing",
     "dealership"),
    ("what's your cut when my condo sells?", "commission", "real_estate"),
    ("what's this letter from the lender everybody talks about?", "pre_approval", "real_estate"),
    ("we've always rented, can you help folks like that buy?", "first_time_buyers", "real_estate"),
])
def test_everyday_words_find_the_faq_entry(profiles, text, key, profile) -> None:
    from frontdesk.brain.agents.faq_match import faq_answers

    entries = faq_answers(text, profiles[profile].faq)
    assert entries and entries[0].key == key


@pytest.mark.parametrize(("text", "profile"), [
    ("how late can I bring the truck in on a Friday?", "dealership"),
    ("until what time are you taking cars this Saturday?", "dealership"),
    ("if we stop by the office on Sunday, is anybody around?", "real_estate"),
])
def test_questions_about_how_late_you_are_open_are_questions(profiles, text, profile) -> None:
    assert u(text, profiles, profile).intent == "faq"


def test_saying_you_drive_somewhere_is_not_being_busy(profiles) -> None:
    assert u("I'm driving over from Killeen, where's your lot exactly?", profiles).intent == "faq"
    assert u("I'm at work right now, can you call me later?", profiles).intent == "objection_busy"


def test_a_where_question_is_not_who_is_calling(profiles) -> None:
    assert u("where are you guys, exactly?", profiles).intent == "faq"


def test_what_about_a_topic_is_a_question(profiles) -> None:
    assert u("and what about a loaner?", profiles, awaiting="anything_else").intent == "faq"


def test_a_lead_in_clause_stays_with_its_question(profiles) -> None:
    r = u("when I come grab the car, can I pay by card?", profiles)
    assert r.intent == "faq" and not r.acts


def test_renters_asking_about_help_are_not_a_wrong_number(profiles) -> None:
    r = u("we've rented our whole lives. is that something you work with?", profiles,
          "real_estate")
    assert r.intent != "wrong_number"


def test_money_at_the_budget_question_is_not_a_time(profiles) -> None:
    r = u("around four seventy-five", profiles, "real_estate", awaiting="budget")
    assert r.budget is not None and r.time is None


def test_a_day_and_time_after_an_answer_is_not_a_goodbye(profiles) -> None:
    r = u("alright cool. next Tuesday around ten then", profiles, awaiting="anything_else")
    assert r.intent != "goodbye" and r.time == time(10)


# --- a name given in passing is heard ---------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("oil change friday at ten. oh and this is Ramona Diaz", "Ramona Diaz"),
    ("battery's dead, tomorrow at 8 if you can. Felix Oduya, by the way.", "Felix Oduya"),
    ("Tire rotation on Saturday at nine. Lena Park.", "Lena Park"),
])
def test_a_name_said_in_passing_is_kept(profiles, text, name) -> None:
    assert u(text, profiles).name == name


def test_a_place_said_alone_is_not_a_name(profiles) -> None:
    r = u("we're buying. Round Rock.", profiles, "real_estate")
    assert r.name is None and r.location == ("Round Rock", True)


# --- wrong numbers realised in the middle of a call -------------------------------------------

@pytest.mark.parametrize("text", [
    "hold on, you're a real estate company? not the lake cabin rentals? oops",
    "wait, this is a car dealer? I wanted the dentist's office, sorry",
])
def test_realising_the_number_is_wrong_ends_politely(profiles, text) -> None:
    profile = "real_estate" if "real estate" in text else "dealership"
    assert u(text, profiles, profile, awaiting="appointment_type").intent == "wrong_number"


# --- coming back from a hold --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "okay sorry, I'm back. what were you asking?",
    "we're back, where did we leave off?",
    "alright, I'm back",
])
def test_coming_back_from_a_hold_asks_for_the_question_again(profiles, text) -> None:
    assert u(text, profiles, awaiting="name").intent == "repeat"
