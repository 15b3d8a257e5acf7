"""Holidays a caller names for a visit: "the day after Thanksgiving", "Christmas Eve", "the
Tuesday right after Labor Day" (:func:`holiday_date`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from frontdesk.brain.nlu.other_days import TRIP
from frontdesk.brain.nlu.text import DATE_SPAN, WEEKDAY, WEEKDAYS, clause_before, ruled_out, weekday_index


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 the last) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAYS = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "new year'?s eve": lambda y: date(y, 12, 31),
    "new year'?s(?: day)?": lambda y: date(y, 1, 1),
    "(?:the )?(?:4th of july|july 4th|independence day)": lambda y: date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "halloween": lambda y: date(y, 10, 31),
    "valentine'?s(?: day)?": lambda y: date(y, 2, 14),
    "veterans'? day": lambda y: date(y, 11, 11),
    "(?:mlk|martin luther king(?: jr\.?)?)(?: day)?": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents'? day": lambda y: _nth_weekday(y, 2, 0, 3),
    "columbus day|indigenous peoples'? day": lambda y: _nth_weekday(y, 10, 0, 2),
    "juneteenth": lambda y: date(y, 6, 19),
    "mother'?s day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father'?s day": lambda y: _nth_weekday(y, 6, 6, 3),
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
        coming = [d for d in (f(y) for f in _HOLIDAYS.values() for y in (today.year, today.year + 1))
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
    day = _HOLIDAYS[name](today.year)
    if day < today:
        day = _HOLIDAYS[name](today.year + 1)
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
