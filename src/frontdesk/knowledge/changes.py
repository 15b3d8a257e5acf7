"""What changed between two versions of a business profile, in lines a person reads.

Lists of keyed items (FAQ entries, services, appointment types, the roster, the inventory) are
matched by their key, so editing one answer reads ``faq[loaner].answer: "Yes…" → "No…"`` and not
as every later entry shifting. Pure: no I/O.
"""

from __future__ import annotations

from typing import Any

from frontdesk.knowledge.profile import WEEKDAYS, BusinessProfile

ITEM_KEYS = ("key", "stock_number", "name")
"""The field that names an item of a list, first one present wins."""
MAX_VALUE_CHARS = 80


def _short(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        text = "[" + ", ".join(str(v) for v in value) + "]"
    elif isinstance(value, str):
        text = f'"{value}"'
    elif value is None:
        text = "none"
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


def _hours(days: dict[str, Any]) -> dict[str, str]:
    """``{"mon": ["07:30:00", "18:00:00"]}`` → ``{"mon": "07:30-18:00", …}`` (closed days too)."""
    return {day: f"{days[day][0][:5]}-{days[day][1][:5]}" if day in days else "closed"
            for day in WEEKDAYS}


def _item_key(items: list[Any]) -> str | None:
    for name in ITEM_KEYS:
        if items and all(isinstance(i, dict) and name in i for i in items):
            return name
    return None


def _diff(path: str, old: Any, new: Any, out: list[str]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        if set(old) == {"days"} == set(new):  # opening hours, as the owner types them
            old, new = _hours(old["days"]), _hours(new["days"])
        for key in [*old, *(k for k in new if k not in old)]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in new:
                out.append(f"{sub}: removed")
            elif key not in old:
                out.append(f"{sub}: added {_short(new[key])}")
            else:
                _diff(sub, old[key], new[key], out)
        return
    if isinstance(old, list) and isinstance(new, list):
        name = _item_key(old + new)
        if name is not None:
            before = {str(i[name]): i for i in old}
            after = {str(i[name]): i for i in new}
            for key in [*before, *(k for k in after if k not in before)]:
                sub = f"{path}[{key}]"
                if key not in after:
                    out.append(f"{sub}: removed")
                elif key not in before:
                    out.append(f"{sub}: added")
                else:
                    _diff(sub, before[key], after[key], out)
            return
        if all(isinstance(i, dict) for i in old + new):  # routes and webhooks: by position
            for index in range(max(len(old), len(new))):
                sub = f"{path}[{index + 1}]"
                if index >= len(new):
                    out.append(f"{sub}: removed")
                elif index >= len(old):
                    out.append(f"{sub}: added")
                else:
                    _diff(sub, old[index], new[index], out)
            return
    out.append(f"{path}: {_short(old)} → {_short(new)}")


def describe_changes(old: BusinessProfile, new: BusinessProfile) -> list[str]:
    """One line per changed field, in the profile's own order; empty when nothing changed."""
    out: list[str] = []
    _diff("", old.model_dump(mode="json"), new.model_dump(mode="json"), out)
    return out
