"""Calling hours: outbound calls only between 8 AM and 9 PM in the callee's local time.

The callee's time zone comes from the number (phonenumbers' area-code data). A number whose
area spans several zones must be inside the window in every one of them; a number with no
known zone falls back to the business's own zone.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import timezone as number_timezones


def callee_zones(number: str, fallback: str) -> list[ZoneInfo]:
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return [ZoneInfo(fallback)]
    names = [n for n in number_timezones.time_zones_for_number(parsed) if n != "Etc/Unknown"]
    return [ZoneInfo(n) for n in names] or [ZoneInfo(fallback)]


def outside_calling_hours(number: str, now: datetime, *, start_hour: int, end_hour: int,
                          fallback_zone: str) -> str | None:
    """Why calling now is not allowed, or None when it is."""
    for zone in callee_zones(number, fallback_zone):
        local = now.astimezone(zone)
        if not start_hour <= local.hour < end_hour:
            return (f"it is {local:%-I:%M %p} for the callee ({zone.key}); calls are allowed "
                    f"from {start_hour}:00 to {end_hour}:00 local time")
    return None
