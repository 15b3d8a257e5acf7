"""Holidays by rule: the US federal holidays and the days around them businesses close on.

A business profile names the holidays it closes on (``closures: [{holiday: thanksgiving}]``),
so its calendar stays right every year without dates to update; the date of each is computed
here with the standard library (the n-th weekday of a month, or a fixed day). The names are the
ones callers use, so the agent can say "we're closed on Thanksgiving".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 the last) ``weekday`` (Monday is 0) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


@dataclass(frozen=True, slots=True)
class Holiday:
    """One holiday: how callers name it, and its date in a given year."""

    key: str
    name: str
    on: Callable[[int], date]
    federal: bool = False


HOLIDAYS: dict[str, Holiday] = {h.key: h for h in (
    Holiday("new_years_day", "New Year's Day", lambda y: date(y, 1, 1), federal=True),
    Holiday("martin_luther_king_day", "Martin Luther King Jr. Day",
            lambda y: nth_weekday(y, 1, 0, 3), federal=True),
    Holiday("presidents_day", "Presidents' Day", lambda y: nth_weekday(y, 2, 0, 3), federal=True),
    Holiday("memorial_day", "Memorial Day", lambda y: nth_weekday(y, 5, 0, -1), federal=True),
    Holiday("juneteenth", "Juneteenth", lambda y: date(y, 6, 19), federal=True),
    Holiday("independence_day", "the Fourth of July", lambda y: date(y, 7, 4), federal=True),
    Holiday("labor_day", "Labor Day", lambda y: nth_weekday(y, 9, 0, 1), federal=True),
    Holiday("columbus_day", "Columbus Day", lambda y: nth_weekday(y, 10, 0, 2), federal=True),
    Holiday("veterans_day", "Veterans Day", lambda y: date(y, 11, 11), federal=True),
    Holiday("thanksgiving", "Thanksgiving", lambda y: nth_weekday(y, 11, 3, 4), federal=True),
    Holiday("day_after_thanksgiving", "the day after Thanksgiving",
            lambda y: nth_weekday(y, 11, 3, 4) + timedelta(days=1)),
    Holiday("christmas_eve", "Christmas Eve", lambda y: date(y, 12, 24)),
    Holiday("christmas_day", "Christmas Day", lambda y: date(y, 12, 25), federal=True),
    Holiday("new_years_eve", "New Year's Eve", lambda y: date(y, 12, 31)),
    # days callers name for a visit more than businesses close on
    Holiday("valentines_day", "Valentine's Day", lambda y: date(y, 2, 14)),
    Holiday("mothers_day", "Mother's Day", lambda y: nth_weekday(y, 5, 6, 2)),
    Holiday("fathers_day", "Father's Day", lambda y: nth_weekday(y, 6, 6, 3)),
    Holiday("halloween", "Halloween", lambda y: date(y, 10, 31)),
)}
"""Every holiday a profile may name, by key."""

FEDERAL = tuple(k for k, h in HOLIDAYS.items() if h.federal)
"""The eleven US federal holidays; ``holiday: us_federal`` in a profile closes on all of them."""


def holiday_on(day: date, keys: tuple[str, ...] | list[str] = tuple(HOLIDAYS)) -> Holiday | None:
    """The holiday (of ``keys``) that falls on ``day``, if any."""
    return next((HOLIDAYS[k] for k in keys if HOLIDAYS[k].on(day.year) == day), None)
