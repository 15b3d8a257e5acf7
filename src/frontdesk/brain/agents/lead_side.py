"""Which meeting a real-estate lead asks for when the words of the request do not name it: a
seller's is the listing appointment, a buyer's the buyer consultation, and one who sells *and*
buys gets the listing visit first when the value of their own home is what they talked about
("we want to sell the condo and buy a house … first thing I want to know is what the condo's
worth … could someone come by Tuesday?")."""

from __future__ import annotations

import re

from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.brain.state import ConversationState
from frontdesk.knowledge.profile import BusinessProfile

VALUATION_TALKED = re.compile(r"\b(?:what (?:ours|it|(?:our|my|the) (?:\w+ )?(?:place|house|home|condo|"
                              r"townhouse|townhome|property|unit)) ?"
                              r"(?:is|'s|would be|'d be|could be|might be)? "
                              r"worth|what (?:ours|it|(?:our|my|the) (?:\w+ )?(?:place|house|home|condo))"
                              r"(?: would| could|'d| might) (?:go|sell) for|valuation|listing appointment)\b")
"""A valuation of the caller's home, talked about."""
_OURS_COME_BY = re.compile(r"\b(?:someone|somebody|anyone|anybody|an agent|one of (?:you|y'?all|your \w+)|"
                           r"you|y'?all|you guys|they) (?:could |can |would |to )?"
                           r"(?:come|comes|coming|swing|stop) (?:by|out|over|and (?:look|see|check)\w* "
                           r"(?:at )?(?:ours|our (?:place|house|home|condo)))\b")
"""One of ours asked to come to the caller ("could someone come by Tuesday?"): to their home."""


def valuation_first(s: ConversationState, u: Understanding) -> bool:
    """A lead selling and buying who talked about what their own home is worth in the last few
    turns, or asks one of ours to come by: the listing visit is the meeting asked for."""
    said = " ".join(m.content.lower() for m in s.messages[-4:] if m.role == "user")
    return bool(VALUATION_TALKED.search(said) or VALUATION_TALKED.search(u.text.lower())
                or _OURS_COME_BY.search(u.text.lower()))


def visit_asked_about(s: ConversationState, profile: BusinessProfile) -> str | None:
    """The visit the caller named in a question earlier in the call ("if I book a showing, how long
    does that usually take?"): the one they have in mind when they then give a day."""
    for m in reversed(s.messages[:-1]):
        if m.role == "user" and m.intent == "faq" and (
                kind := ex.extract_appointment_type(normalise(m.content), profile)) is not None:
            return kind
    return None


def meeting_for(s: ConversationState, u: Understanding, profile: BusinessProfile | None = None) -> str:
    """The meeting a lead asks for without naming it: the visit they asked about earlier in the
    call, a buyer's showing among them, else by the side they are on."""
    asked = visit_asked_about(s, profile) if profile is not None else None
    if asked is not None and (asked == "listing_appointment") == (
            "sell" in {s.lead.intent, u.lead_intent} and u.lead_intent != "buy"):
        return asked
    sides = {s.lead.intent, u.lead_intent}
    if u.lead_intent == "buy":
        return "buyer_consultation"
    if "sell" in sides or ("both" in sides and valuation_first(s, u)):
        return "listing_appointment"
    return "buyer_consultation"


_SET_UP_FOR_SOMEONE = re.compile(r"\bset (?:her|him|them) up with (?:one of (?:your|y'?all'?s?) agents|"
                                 r"an agent|someone|somebody|a realtor|an? \w+ agent)\b")
"""A meeting asked for someone else ("could you set her up with one of your agents?")."""


def for_someone_else(s: ConversationState) -> bool:
    """"my son … got a job at Dell in Round Rock … could you set them up with an agent?": someone
    else's first meeting, no side named, is about buying (the side that needs an agent first)."""
    said = " ".join(m.content.lower() for m in s.messages[-6:] if m.role == "user")
    return s.lead.intent is None and bool(_SET_UP_FOR_SOMEONE.search(said)) and not re.search(
        r"\b(?:sell\w*|list\w*|worth)\b", said)
