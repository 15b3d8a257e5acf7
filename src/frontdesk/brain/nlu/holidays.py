"""Holidays a caller names for a visit: "the day after Thanksgiving", "Christmas Eve", "the
Tuesday right after Labor Day" (:func:`holiday_date`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from frontdesk.brain.nlu.other_days import TRIP
from frontdesk.brain.nlu.stance import clause_before
from frontdesk.brain.nlu.text import DATE_SPAN, WEEKDAY, WEEKDAYS, ruled_out, weekday_index
from frontdesk.knowledge.holidays import HOLIDAYS

_HOLIDAYS = {  # how callers say each holiday → its key in the profile's holiday list
    "thanksgiving": "thanksgiving",
    "christmas eve": "christmas_eve",
    "christmas": "christmas_day",
    "new year'?s eve": "new_years_eve",
    "new year'?s(?: day)?": "new_years_day",
    "(?:the )?(?:4th of july|july 4th|independence day)": "independence_day",
    "labor day": "labor_day",
    "memorial day": "memorial_day",
    "halloween": "halloween",
    "valentine'?s(?: day)?": "valentines_day",
    "veterans'? day": "veterans_day",
    r"(?:mlk|martin luther king(?: jr\.?)?)(?: day)?": "martin_luther_king_day",
    "presidents'? day": "presidents_day",
    "columbus day|indigenous peoples'? day": "columbus_day",
    "juneteenth": "juneteenth",
    "mother'?s day": "mothers_day",
    "father'?s day": "fathers_day",
}
HOLIDAY = re.compile(
    rf"\b(?:(?:the\s+)?(?P<rel>day|{WEEKDAY}|week|weekend)\s+(?P<dir>after|before)\s+)?"
    rf"(?P<name>{'|'.join(_HOLIDAYS)})\b")
def names_holiday(text: str) -> bool:
    """Does the text name a holiday ("the day after Thanksgiving", "Christmas Eve")?"""
    return HOLIDAY.search(text) is not None




_DONE_ON_HOLIDAY = re.compile(r"\b(?:spent|filled|sent|submitted|signed|did|was|were|went|saw|celebrated|"
                              r"came|drove|flew|looked|found|clicked|called|emailed|talked|spoke|"
                              r"noticed|started|happened|broke|bought)\b[^.?!]{0,30}$")
"""A past deed said before a holiday: the holiday is when it happened, not a day wanted."""


def holiday_date(text: str, today: date) -> date | None:
    """"the Tuesday after Thanksgiving", "the day before Christmas Eve", "New Year's Day"."""
    if (after := re.search(rf"\bthe ({WEEKDAY}) (?:right |just )?after\b(?!\s+(?:the |that |this )?\w)"
                           r"(?![\s,]+(?:the )?\d)", text)) and HOLIDAY.search(text, 0, after.start()) and (
            (named := holiday_date(text[: after.start()], today)) is not None):
        # "open on Labor Day? … if you're not then the Tuesday right after, at eight": that weekday
        # after the holiday named before it
        return named + timedelta(days=(weekday_index(after.group(1)) - named.weekday() - 1) % 7 + 1)
    if (after := re.search(r"\bthe day (?:right |just )?after\b(?!\s+(?:the |that |this )?\w)", text)) and (
            HOLIDAY.search(text, 0, after.start())) and (named := holiday_date(text[: after.start()], today)):
        return named + timedelta(days=1)  # "open Thanksgiving? and if not, … the day after, that Friday"
    if (unnamed := re.search(r"\b(?:sometime |some time |anytime |any time |right )?after the holiday\b(?!s)",
                             text)) and not ruled_out(text, unnamed.start()):
        # "can we do it sometime after the holiday?": the day after the one coming up
        coming = [d for d in (HOLIDAYS[k].on(y) for k in _HOLIDAYS.values()
                              for y in (today.year, today.year + 1))
                  if today <= d <= today + timedelta(days=14)]
        if coming and (named := re.search(rf"({WEEKDAY})\s+(?:right\s+)?after the holiday", text)):
            # "the wednesday after the holiday": that weekday, after the holiday coming up
            gap = (weekday_index(named.group(1)) - min(coming).weekday() - 1) % 7 + 1
            return min(coming) + timedelta(days=gap)
        if any(not unnamed.start() <= m.start() < unnamed.end() for m in DATE_SPAN.finditer(text)):
            return None  # "right after the holiday, tuesday the sixth": the day said is the one
        if coming:
            return min(coming) + timedelta(days=1)
    match = HOLIDAY.search(text)
    if match is not None and (later := HOLIDAY.search(text, match.end())) is not None and re.search(
            r"\b(?:for|over|around|during|since)\s+(?:the\s+)?$", text[: match.start()]):
        match = later  # "in town for Christmas … is Christmas Eve possible?": the one asked about
    if match is None or ruled_out(text, match.start()):
        return None
    name = next(k for k in _HOLIDAYS if re.fullmatch(k, match.group("name")))
    day = HOLIDAYS[_HOLIDAYS[name]].on(today.year)
    if day < today:
        day = HOLIDAYS[_HOLIDAYS[name]].on(today.year + 1)
    rel, forward = match.group("rel"), match.group("dir") != "before"
    if rel is None and re.search(r"\b(?:sometime |some time |anytime |any time |right |just )after\s+$",
                                 text[: match.start()]):
        return day + timedelta(days=1)  # "sometime after Thanksgiving": from the day after on
    if rel is None and re.search(r"\b(?:before|after|by|until|till|around|over|for|since)\s+(?:the\s+)?$",
                                 text[: match.start()]):
        return None  # "sometime before Christmas" bounds the day; it is not the day
    if TRIP.search(text[max(0, match.start() - 60): match.start()]):
        return None  # "we're driving up to Amarillo on Christmas Day": the trip's day
    if rel is None and _DONE_ON_HOLIDAY.search(clause_before(text, match.start())):
        return None  # "I filled that out on Christmas Day", "we spent Christmas driving around"
    restated = [m for m in DATE_SPAN.finditer(text) if not (
        re.fullmatch(WEEKDAY, m.group(0)) and weekday_index(m.group(0)) == day.weekday()) and not (
        # "on Labor Day, the sixth": the holiday's own day of the month, said again
        re.fullmatch(r"(?:on )?(?:the )?(\d{1,2})(?:st|nd|rd|th)?", m.group(0))
        and int(re.search(r"\d+", m.group(0))[0]) == day.day)]
    if rel is None and (restated or re.match(
            r"\s+(?:market|party|parties|tree|lights|shopping|sale|dinner|break|vacation|trip|"
            r"week|weekend|season|card|gift|present|concert|show)", text[match.end():])):
        return None  # "the Christmas market … this Saturday": the holiday names something else
    step = timedelta(days=1 if forward else -1)
    if rel == "day":
        return day + step
    if rel in {"week", "weekend"}:
        target = 0 if rel == "week" and forward else 5
        day += step
        while day.weekday() != target:
            day += step
        return day
    if rel:
        target = next(i for i, w in enumerate(WEEKDAYS) if re.fullmatch(WEEKDAY, rel)
                      and w.startswith(rel[:3]))
        day += step
        while day.weekday() != target:
            day += step
    return day
