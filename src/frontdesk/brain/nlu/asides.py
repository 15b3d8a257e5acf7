"""Which clauses of a message are asides, answered in passing (a question about the business, a
line check, who is calling) while the request or answer around them goes on, and which only look
like questions but move the booking ("can we do that instead, same time?", "is Monday at ten open?")."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.asking import IF_OPEN, STATEMENT, asks
from frontdesk.brain.nlu.cues import ANOTHER_SLOT, SUBORDINATE, asks_hours
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.on_file import ASKS_A_VISIT
from frontdesk.brain.nlu.own_booking import HOW_LONG_VISIT, VISIT_ABOUT
from frontdesk.brain.nlu.understanding import Understanding

ASIDES = {"faq", "line_check", "identity", "how_got_number", "bot_check", "repeat", "hold",
          "chitchat"}
"""Acts answered in passing: the conversation then goes back to where it was."""
_OPENINGS_ASKED = re.compile(r"\b(?:do|would|will) (?:you|y'?all)(?: guys| all)? have (?:anything|"
                             r"any (?:openings?|"
                             r"times?|slots?|spots?|availability|room))\b|\bany (?:openings?|availability)\b|"
                             r"\bwhat (?:do|would) (?:you|y'?all) have (?:on|for|open|available|this|next|"
                             r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b")
"""Openings asked for ("do you have anything on the weekend?"): the booking's business, no aside."""
_SLOT_CHECK = re.compile(r"\W*(?:(?:and|so|but|or|um|uh)\W+)*(?:is|would|will|does) "
                         r"(?:that|it|this) (?:be )?"
                         r"(?:too (?:late|early)|ok(?:ay)?|alright|all right|possible|work|doable|fine)"
                         r"(?: for (?:you|y'?all))?\W*")
"""A question about the time just proposed ("six o'clock Tuesday, is that too late?")."""


_REQUEST = re.compile(r"(?:\W*(?:so|and|also|oh|um|uh|okay|ok|hey|well|then)\W+)*"
                      # "while it's in, can they rotate the tires too?"
                      r"(?:(?:while|since|when|as long as) (?:it'?s|its|it is|the \w+(?:'s| is)|i'?m|we'?re) "
                      r"(?:in|there|in there|in the shop|out there)\W+)?"
                      r"(?:can|could|would|will) (?:you|y'all|ya|you guys|you all|somebody|someone|they|"
                      r"the guys|y'?all) (?:please |also |"
                      r"just )?(?:do|swap|change|rotate|check|look|replace|put|fix|get|take|give|"
                      r"throw|add|detail|clean|inspect|top|knock|squeeze|fit)\b")
"""A question that asks for the work ("could you rotate the tires too?"), not about it."""
_PROPOSAL = re.compile(r"\b(?:instead(?! of)|same time|"
                       r"(?:can|could|would) (?:that|it|this|the \w+) (?:be|go|get (?:moved|pushed)) "
                       r"(?:later|earlier|sooner|moved|pushed|bumped)|"
                       r"(?:can|could) (?:we|you|i) (?:do|make|switch|change|"
                       r"move|swap|go with)|how about|what about|(?:can|could) it (?:just )?be|"
                       r"the (?:next|following) day|the day (?:after|before))\b")


_SLOT_OPEN = re.compile(r"\W*(?:(?:and|so|um+|uh+|ok(?:ay)?)\W+)*(?:is|are|would|will|"
                        r"(?:the )?same (?:time|day|hour))\b[^.?!]{0,40}\b(?:open|available|free)\W*$")
"""A time asked about as an opening ("is Monday at ten open?", "same time if that's open")."""
_WHERE_MEET = re.compile(r"\b(?:meet|meeting)\b[^?.!]{0,40}\b(?:at|in)\b[^?.!]{0,30}\bor\b")
_NEEDS_FIRST = re.compile(r"\W*(?:(?:and|so|oh|but|um+|uh+)\W+)*(?:do|does|would|will|should|must) "
                          r"(?:i|we) (?:need|have|got|gotta)\b")
"""A question of what a visit needs first ("do I need to be pre-approved before I can look at it?")."""
_COST_WORD = re.compile(r"\b(?:charge|charges|cost|costs|fee|fees|free|pay)\b")


def is_aside(r: Understanding, awaiting: str | None) -> bool:
    """A clause to answer in passing, not the caller's answer or request."""
    if r.intent not in ASIDES:
        return False
    if r.intent != "faq" and (r.has_contact_facts or r.has_booking_facts or r.has_lead_facts
                              or r.vehicle):
        return False  # "this is Tom Becker" gives a name, whatever it sounds like
    if r.intent in {"faq", "reschedule"} and r.appointment_type == "test_drive" and r.vehicle and (
            ASKS_A_VISIT.search(r.text.lower())):  # "… could I take that green Outback out for a spin?"
        return False
    if r.intent == "faq" and _PROPOSAL.search(r.text.lower()) and not (
            r.act is not None and r.act.label == "question" and r.act.confidence >= 0.9):
        return False  # "can we do that instead, same time?" changes the booking
    if r.intent == "faq" and (r.services or r.service_count) and "price_question" not in r.flags and (
            _REQUEST.match(r.text.lower())):
        return False  # "can y'all swap the battery and do the sticker?" asks for the work
    if r.intent == "faq" and not asks(r) and (r.has_lead_facts or r.has_contact_facts or (
            STATEMENT.match(r.text.lower())
            and not {"faq_topic", "inventory_question", "staff_question"} & r.flags)):
        return False  # "ours is in Pflugerville.", "that's how it is on the account.": said, not asked
    if r.intent == "faq" and not {"faq_topic", "price_question", "staff_question"} & r.flags and re.fullmatch(
            r"\W*(?:it'?s|its|that'?s|she'?s|they'?re|this one'?s)\b[^?.!]{1,40},?\s*"
            r"(?:right|yeah|correct)\?\W*", r.text.lower()):
        return False  # "I saw the white Tesla … It's used, right? What are y'all asking for it?": of the car
    if ANOTHER_SLOT.search(r.text.lower()) or _SLOT_CHECK.fullmatch(r.text.lower().strip()) or (
            _OPENINGS_ASKED.search(r.text.lower())):
        return False  # "do you have anything earlier that day?", "is that too late?": the booking
    if (r.time or "same" in r.text.lower()) and _SLOT_OPEN.match(r.text.lower()):
        return False  # "is Monday at ten in the morning open?": that time, asked for
    if r.intent == "faq" and r.is_question and not (r.date or r.time) and (
            "meets_question" in r.flags or VISIT_ABOUT.search(r.text.lower())
            or HOW_LONG_VISIT.search(r.text.lower()) or _WHERE_MEET.search(r.text.lower())):
        return True  # "would I be meeting the agent at the house or at your office?": of the visit
    if r.time and IF_OPEN.search(r.text.lower()):
        return False  # "Monday at noon, if that's open?": that time, asked for
    if r.intent == "faq" and (asks_hours(r.text.lower()) or "staff_question" in r.flags):
        return True  # "open saturday?", "is Sarah in that Wednesday?" ask the hours, whatever day
    if r.intent == "faq" and r.is_question and "faq_topic" in r.flags and not (
            r.date or r.time or r.window or r.time_of_day) and _NEEDS_FIRST.match(r.text.lower()):
        return True  # "do I need to be pre-approved before I can look at it?": what the visit needs
    if r.intent == "faq":
        # "how about Wednesday at 2?" or "can I come in Thursday?" are booking moves
        books = "book" in r.flags and lexicon().intents["book"].search(SUBORDINATE.sub("", r.text.lower()))
        return not (r.date or r.time or r.window or r.time_of_day or r.appointment_type
                    or books) or bool({"price_question", "inventory_question"} & r.flags) or bool(
            # "… and do y'all charge just to tell us what it's worth?": what the visit costs
            r.is_question and not (r.date or r.time) and _COST_WORD.search(r.text.lower()))
    return True
