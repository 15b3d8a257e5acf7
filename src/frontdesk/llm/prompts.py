"""Prompt templates as data (``prompts/*.yaml``), the business facts they carry, token counts.

Token counts are estimated (about four characters per token for English) — no tokenizer
download — which is what the context budget needs: an upper bound kept well inside the
model's window.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from frontdesk.brain.state import ConversationState, Message
from frontdesk.knowledge.profile import BusinessProfile

_DIR = Path(__file__).with_name("prompts")


def estimate_tokens(text: str) -> int:
    return max(1, (len(text) + 3) // 4)


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    system: str
    user: str

    def render(self, **values: object) -> list[dict[str, str]]:
        return [{"role": "system", "content": self.system.format(**values).strip()},
                {"role": "user", "content": self.user.format(**values).strip()}]


@cache
def template(name: str) -> Template:
    data = yaml.safe_load((_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    return Template(name, data["system"], data["user"])


_DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
              "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


def _money(value: float) -> str:
    return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"


def business_facts(profile: BusinessProfile) -> str:
    """Everything the agent may state, as plain lines (hours, services, prices, FAQ, areas)."""
    lines: list[str] = []
    if profile.address:
        lines.append(f"Address: {profile.address}.")
    if profile.phone:
        lines.append(f"Phone: {profile.phone}.")
    for dept in profile.departments.values():
        days = ", ".join(f"{_DAY_NAMES[day]} {start:%-I:%M %p} to {end:%-I:%M %p}"
                         for day, (start, end) in dept.hours.days.items())
        lines.append(f"{dept.label} hours: {days or 'closed'}.")
    for closure in profile.closures:
        where = (" (" + ", ".join(profile.departments[d].label for d in closure.departments) + ")"
                 if closure.departments else "")
        short = closure.short_hours
        said = f"open {short[0]:%-I:%M %p} to {short[1]:%-I:%M %p}." if short else "closed."
        lines.append(f"{closure.name[:1].upper()}{closure.name[1:]}{where}: {said}")
    for service in profile.services:
        price = ("free" if service.price_max == 0 else _money(service.price_min)
                 if service.price_min == service.price_max
                 else f"{_money(service.price_min)} to {_money(service.price_max)}")
        lines.append(f"{service.name}: {price}, about {service.duration_min} minutes.")
    for kind in profile.appointment_types:
        lines.append(f"Appointments can be booked for: {kind.label}.")
    if profile.inventory:
        available = [v for v in profile.inventory if v.is_available]
        lines.append("Vehicles in stock: " + "; ".join(
            f"{v.year} {v.make} {v.model}{' ' + v.color if v.color else ''} {_money(v.price)}"
            for v in available) + ".")
    if profile.service_areas:
        lines.append("Areas served: " + ", ".join(profile.service_areas) + ".")
    for entry in profile.faq:
        lines.append(f"Q: {entry.question} A: {entry.answer}")
    return "\n".join(lines)


def history(state: ConversationState, budget_tokens: int, keep_last: int = 6) -> str:
    """The conversation within a token budget: the last turns verbatim, older ones summarised
    as a count and the slots already known (which the state keeps anyway)."""
    recent: list[Message] = state.messages[-keep_last:]
    lines = [f"{'Caller' if m.role == 'user' else 'Assistant'}: {m.content}" for m in recent]
    while lines and estimate_tokens("\n".join(lines)) > budget_tokens:
        lines.pop(0)
    older = state.earlier_messages + len(state.messages) - len(lines)
    if older > 0:
        known = known_slots(state)
        lines.insert(0, f"(Earlier: {older} messages. Known so far: {known or 'nothing yet'}.)")
    return "\n".join(lines) or "(start of call)"


def known_slots(state: ConversationState) -> str:
    slots = state.booking_slots
    pairs = {"name": slots.customer_name or state.customer.name,
             "phone": slots.customer_phone or state.customer.phone,
             "service": slots.service_type, "date": slots.preferred_date,
             "time": slots.preferred_time, "budget": state.lead.budget_max,
             "area": state.lead.location}
    return ", ".join(f"{k} {v}" for k, v in pairs.items() if v)
