"""The intent the rules alone imply for a clause: the patterns of ``lexicon.yaml`` that matched
(``flags``) and the facts read (a service and a day is a booking). :func:`~frontdesk.brain.nlu.
combine.combine` weighs it against the act classifier's reading."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.clauses import EMBEDDED_ASK
from frontdesk.brain.nlu.cues import CALL_ME, HOURS_LIMIT, RENTS
from frontdesk.brain.nlu.places import PRICED_OUT
from frontdesk.brain.nlu.understanding import Understanding

# Highest priority first: the first that matches wins.
_PRIORITY = (
    "do_not_call",
    "escalation",
    "objection_busy",
    "objection_have_agent",
    "objection_price",
    "objection_not_interested",
)


def classify_by_rules(r: Understanding, flags: set[str], awaiting: str | None) -> tuple[str, float]:
    for intent in _PRIORITY:
        if intent == "escalation" and intent in flags and _TO_CALL_ME.search(r.text.lower()) and not (
                _NOW.search(r.text.lower()) or _A_HUMAN.search(r.text.lower())):
            flags |= {"objection_busy", "call_asked"}  # "I need the manager to call me": a call, later
            continue
        if intent in flags:
            if intent == "objection_busy" and _CARRY_ON.search(r.text.lower()):
                continue  # "sorry, I'm at work. okay, go ahead": busy a moment, and back
            if intent == "objection_not_interested" and (r.has_booking_facts or r.has_lead_facts):
                continue  # "not right now, maybe Tuesday" is a booking, not a refusal
            if intent == "objection_busy" and (awaiting == "callback_time" or (
                    "book" in flags and (r.services or r.appointment_type) and (r.date or r.time)) or (
                    # "ok sat the 8th at 11 then?? sorry im drivin": a time proposed, the driving why
                    # "Saturday would be best. Any time after three, I'm busy until about two thirty"
                    r.date and (r.time or r.window) and not CALL_ME.search(r.text.lower()) and not re.search(
                        r"\b(?:call|phone|telephone|ring) ?(?:back|me|us|her|him|them)\b", r.text.lower()))):
                continue  # ("I'm at work … just put me down Monday seven-thirty for the oil change")
            if intent == "objection_price" and PRICED_OUT.search(r.text.lower()):
                continue  # "looking in Austin, but it's just too expensive": the place, not us
            return intent, 0.9
    is_price = "price_question" in flags and (bool(r.services) or "how much" in r.text.lower()
                                             or r.is_question)
    if r.is_question and r.time is None and HOURS_LIMIT.search(r.text.lower()):
        return "faq", 0.9  # "how late can I bring it in Friday?" asks the hours, books nothing
    if is_price and r.is_question and not (r.date or r.time or r.window) and "price_question" in flags and (
            r.appointment_type or r.services):
        return "faq", 0.9  # "is there a charge to have somebody come out and tell us what it's worth?"
    if "book" in flags or (r.appointment_type and not r.is_question) or (r.appointment_type and _MAY_I.match(
            r.text.lower())):
        return "book", 0.9  # ("can I drive it", "could we go see it": the visit asked for)
    if r.services and (r.date or r.time) and not is_price:
        return "book", 0.85
    if is_price:
        return "faq", 0.9
    if r.is_question or "inventory_question" in flags:
        return "faq", 0.8
    if r.lead_intent in {"buy", "sell", "both"} or (r.lead_intent == "rent" and RENTS.search(r.text.lower())):
        return "lead", 0.85
    if "goodbye" in flags and not (r.has_booking_facts or r.has_lead_facts):
        return "goodbye", 0.85
    if "faq_topic" in flags and EMBEDDED_ASK.search(r.text.lower()) and not (
            r.lead_intent or r.date or r.time or r.name or r.services or r.appointment_type):
        return "faq", 0.8  # "okay, sorry … I just wanted to ask what areas y'all cover": asked
    if r.affirm:
        return "affirm", 0.9
    if r.deny:
        return "deny", 0.9
    if r.has_booking_facts or r.has_lead_facts or r.has_contact_facts or r.vehicle:
        return "provide_info", 0.8
    if "greeting" in flags or "thanks" in flags:
        return "greeting", 0.8
    if awaiting == "motivation" and r.motivation:
        return "provide_info", 0.7
    return "unknown", 0.3


_TO_CALL_ME = re.compile(r"\b(?:need|want|like|have|get|ask|tell)\s+(?:\w+\s+){1,4}?(?:to\s+)?"
                         r"(?:call|ring|phone)\s+(?:me|us)\b|\bgive (?:me|us) a (?:call|ring)\b")
"""A person asked to call the caller ("I need the manager to call me"): a call back, not one put
through now."""
_CARRY_ON = re.compile(r"\b(?:go ahead|go on|carry on|i'?m (?:back|listening|here|all yours)|shoot|continue|"
                       r"you were saying|where were we)\W*$")
"""The caller back from a moment away, asking to go on."""
_A_HUMAN = re.compile(r"\b(?:actual|real|live) (?:person|human|people)\b|\bhuman being\b|\ba human\b")
"""A person asked for as against the machine ("I need an actual person to call me"): the hand-off."""
_NOW = re.compile(r"\b(?:right now|now|right away|immediately|today|this minute|asap|on the phone|"
                  r"put me through|transfer)\b")
_MAY_I = re.compile(r"\W*(?:(?:so|and|um+|uh+|oh|okay|ok|well)\W+)*(?:can|could|may) (?:i|we) "
                    r"(?:come |go )?(?:drive|test drive|see|tour|view|look at|walk through) "
                    r"(?:it|that one|her|the \w+)\W*$")
