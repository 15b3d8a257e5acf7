"""The opening hours asked, as against an opening asked for: "what time do you close Saturday?"
asks the hours; "is Friday open, at nine?" and "what've you got open Friday?" ask for a slot.
Split from :mod:`.cues`, which re-exports these names."""

from __future__ import annotations

import re

HOURS_QUESTION = re.compile(
    r"\b(?:open|close|closed|closing|hours|till when|until when|how late|how early|"
    r"(?:till|until|up to) what time|what time do you|lock up|"
    r"(?:is|will|would) (?:any(?:one|body)|some(?:one|body)) (?:be )?(?:there|around|in)|"
    r"(?:do|work|open) (?:on )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days|weekends))\b")
"""A question about when the business is open, however it is put ("till what time can I bring
it in on a Saturday?", "if I swing by Sunday, will anybody be there?")."""
SLOTS_OPEN = re.compile(
    r"\b(?:ha(?:ve|s)|got|there|any(?:thing)?|something|slots?|spots?|times?|openings?|"
    r"appointments?)(?:\s+(?:you|y'all|ya|you guys|we|anything|something|any|still|left|free|"
    r"slots?|spots?|times?|available|like|else))*\s+open\b|"
    # "Tuesday, I guess. Whatever's open, you pick.", "whichever one's open"
    r"\b(?:whatever|whichever(?: one)?|what ?ever)(?:'s| is)\s+open\b|"
    # "dang ok well whats the next open one after that": a slot, not the hours
    r"\b(?:next|first|earliest|soonest) open(?: one| slot| spot| time)?\b|"
    # "could we do it earlier? like right when y'all open?": the first slot of the day
    r"\b(?:right |just |as soon as |soon as )?when (?:you|y'?all|you guys|ya|(?:the|your) doors?) "
    r"(?:first )?opens?\b|"
    # "is Friday open, at nine?", "friday nine o'clock, is that open?", "would the 28th be open?":
    # the day or hour is what is open, a slot
    r"\b(?:is|are|'s|would|will|is there)\s+(?:that|this|those|these|"
    r"(?:(?:this|next|that|coming) )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"(?: (?:the )?\w+(?:st|nd|rd|th))?|"
    r"tomorrow|the \w+(?:st|nd|rd|th)|\d{1,2}(?::\d\d)?(?: ?[ap]\.?m\.?| o'?clock)?|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)"
    r"(?: thirty| fifteen| forty five)?"
    r"(?: o'?clock)?|(?:that|the|this) (?:time|slot|spot|day|hour|one))"
    r"(?: (?:at|in the|morning|afternoon)(?: \S+){1,2})?\s+(?:still |even )?(?:be )?(?:still )?open\b")
"""Openings asked for ("what've you got open Friday?", "anything open Saturday morning?"): the
open slots of a day, not the business's opening hours."""


def asks_hours(text: str) -> bool:
    """Whether ``text`` (lower case) asks when the business is open; "what do you have open
    Thursday?" asks for openings instead."""
    return HOURS_QUESTION.search(SLOTS_OPEN.sub(" ", text)) is not None


HOURS_LIMIT = re.compile(
    r"\b(?:how late|how early|(?:till|until|up to) what time|what time do you (?:close|lock up)|"
    r"(?:is|will|would) (?:any(?:one|body)|some(?:one|body)) (?:be )?(?:there|around|in))\b")
"""Asks how far the opening hours reach, even when it names a service or a day."""
