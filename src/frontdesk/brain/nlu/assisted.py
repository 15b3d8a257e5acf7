"""Folding a language model's reading of an unclear message into the deterministic one.

Only what the NLU left open is filled, and only with values that pass the same validation as
the NLU's own (E.164 phones, real emails, dates not in the past, the business's own services).
Intents that commit the caller to something irreversible are never taken from a model: a
"yes" that confirms a booking and "do not call me" must be recognised deterministically.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, time

from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.brain.ports import IntentGuess
from frontdesk.knowledge.profile import BusinessProfile

MODEL_INTENTS = ("book", "faq", "lead", "provide_info", "escalation", "objection_busy",
                 "objection_have_agent", "objection_price", "objection_not_interested",
                 "goodbye", "greeting", "deny")
"""What a model may decide (not ``affirm``, not ``do_not_call``)."""
_NAME = re.compile(r"^[A-Za-z][A-Za-z' .-]{0,60}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)


def apply_guess(u: Understanding, guess: IntentGuess, profile: BusinessProfile,
                today: date) -> None:
    if guess.intent not in MODEL_INTENTS:
        return
    u.intent, u.confidence = guess.intent, max(u.confidence, 0.6)
    u.flags.add("model")
    slots = guess.slots
    name = slots.get("name", "")
    if not u.name and _NAME.match(name) and all(
            re.search(rf"\b{re.escape(w)}\b", u.text, re.I) for w in name.split()):
        # only a name the caller said: a model's "Location" or "Book" is no one's name
        u.name = " ".join(w.capitalize() for w in name.split())
    if not u.phone and slots.get("phone"):
        u.phone = ex.normalise_phone(slots["phone"])
    if not u.email and _EMAIL.match(slots.get("email", "")):
        u.email = slots["email"].lower()
    if not u.date and slots.get("date"):
        try:
            when = date.fromisoformat(slots["date"])
        except ValueError:
            when = None
        if when is not None and when >= today:
            u.date = when
    if not u.time and slots.get("time"):
        with contextlib.suppress(ValueError):
            u.time = time.fromisoformat(slots["time"])
    if not u.services and slots.get("service"):
        wanted = slots["service"].lower()
        for service in profile.services:
            if wanted in {p.lower() for p in (service.name, *service.synonyms)}:
                u.services = [service.key]
                break
