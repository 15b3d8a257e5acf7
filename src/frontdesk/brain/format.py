"""Speakable formatting of times, dates, money and lists for replies.

Replies are read aloud on calls, so they say "2 PM" and "Wednesday, November 25", never
"14:00" or "2026-11-25".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time


def say_time(value: time) -> str:
    """``14:00`` → ``2 PM``; ``09:30`` → ``9:30 AM``; ``12:00`` → ``noon``."""
    if value.hour == 12 and value.minute == 0:
        return "noon"
    hour = value.hour % 12 or 12
    suffix = "AM" if value.hour < 12 else "PM"
    return f"{hour} {suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d} {suffix}"


def say_date(value: date, today: date | None = None) -> str:
    """``Wednesday, November 25``; ``today`` / ``tomorrow`` when that is what it is."""
    if today is not None:
        delta = (value - today).days
        if delta == 0:
            return "today"
        if delta == 1:
            return "tomorrow"
    return f"{value:%A}, {value:%B} {value.day}"


def say_on_date(value: date, today: date | None = None) -> str:
    """``on Wednesday, November 25``, but ``today`` / ``tomorrow`` without the preposition."""
    text = say_date(value, today)
    return text if text in {"today", "tomorrow"} else f"on {text}"


def say_duration(minutes: int) -> str:
    """``45`` → ``45 minutes``; ``60`` → ``an hour``; ``90`` → ``1.5 hours``."""
    return f"{minutes} minutes" if minutes < 60 or (minutes % 60 and minutes < 90) else (
        "an hour" if minutes == 60 else f"{minutes / 60:g} hours")


def say_slot(value: datetime, today: date | None = None) -> str:
    return f"{say_date(value.date(), today)} at {say_time(value.time())}"


def say_money(amount: float) -> str:
    """``49`` → ``$49``; ``28900`` → ``$28,900``; ``450000`` → ``$450,000``."""
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def say_price_range(low: float, high: float) -> str:
    if high == 0:
        return "free"
    if low == high:
        return say_money(low)
    if low == 0:
        return f"up to {say_money(high)}"  # "a diagnostic check costs up to $129", not "$0 to $129"
    return f"{say_money(low)} to {say_money(high)}"


def say_list(items: list[str], conjunction: str = "or") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return f"{', '.join(items[:-1])}, {conjunction} {items[-1]}"


def say_phone(e164: str) -> str:
    """``+15125550199`` → ``512-555-0199`` (US numbers), other numbers unchanged."""
    digits = re.sub(r"\D", "", e164)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return e164


def say_reminder_channels(planned: list[tuple[float, str]]) -> str:
    """How reminders will come ("text and email"), from the planned (hours before, channel)."""
    names = {"sms": "text", "email": "email"}
    return " and ".join(sorted({names.get(channel, channel) for _, channel in planned},
                               key=lambda n: n != "text"))


def say_reminder_leads(planned: list[tuple[float, str]]) -> str:
    """When reminders will come ("the day before and an hour before")."""
    def lead(hours: float) -> str:
        if hours == 24:
            return "the day before"
        if hours % 24 == 0:
            return f"{hours // 24:g} days before"
        if hours == 1:
            return "an hour before"
        return f"{hours:g} hours before"

    return " and ".join(lead(h) for h in sorted({h for h, _ in planned}, reverse=True))
