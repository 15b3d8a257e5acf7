"""Other times asked for, of the times just offered: "what else do you have?", "any other
times?", "is that all you've got?", "anything later?", "those are kinda early for me".

A receptionist who offered two times and hears these says what else the day has (later ones,
earlier ones, or the rest), not "I don't have that information", and does not take one of the
two for the caller."""

from __future__ import annotations

import re

FLEXIBLE = re.compile(
    r"\b(?:(?:i )?don'?t (?:really )?know|not sure|any ?(?:day|time)|anytime|"
    # (not "whenever I go over a speed bump": when the trouble comes)
    r"whenever(?! (?:i|we|he|she|they|my|our|the|his|her)\b)|"
    r"what(?:ever)?(?:'s| is)? (?:open|available|soonest|earliest)|earliest|soonest|first available|"
    r"next available|you tell me|doesn'?t matter|i'?m flexible|pretty flexible|whatever works|"
    # "whatever you've got early is fine", "whatever's easiest"
    r"whatever (?:you(?:'ve| have)?|y'?all(?: have)?|ya) (?:got|have)|"
    r"whatever(?:'s| is) (?:easiest|easy|best for you|good for you|convenient)|"
    r"what (?:do|did|would) (?:you|y'all|ya|you guys) (?:have|got)|what(?:'ve| have) (?:you|y'all|ya) got|"
    r"what(?:'s| is) (?:free|good for you|good on your end)|"
    r"what (?:would|do|can|could) (?:you|y'all|you guys) (?:suggest|recommend)|"
    r"when (?:are|is|would) (?:you|y'all|you guys|someone|somebody|an agent) (?:free|available|open))\b")
"""The caller leaves the day or time to the agent."""

_YOU = r"(?:you|y'?all|ya|you guys|u)"
_OTHER = re.compile(
    rf"\bwhat(?:'s| is)? else(?= (?:do|did|have|would|could|can) {_YOU}| {_YOU}| is (?:there|open|free)|"
    r" (?:is )?(?:open|available|free)|\s*(?:you(?:'ve| have)? got|is there)|\s*[?.!]|\s*$)|"
    # ("any other times?", "any openings?"; not "any time that day's fine", which leaves it to us)
    r"\b(?:any|anything|something|nothing|no|other|another|different|more)\s+"
    r"(?:(?:other |else |different |more )?(?:times|slots|openings|options|spots|hours|availability|"
    r"appointments)|(?:other|else|different|more) (?:time|slot|opening|option|spot|hour))\b"
    r"(?! (?:i|we) (?:can|could))|\banything else (?:open|available|free)\b|"
    rf"\bis that (?:all|it|everything)(?: {_YOU}(?:'ve| have)? (?:got|have|has)\b|"
    r"(?: there is| that'?s open)?\s*[?.!]|\s*$)|"
    r"\b(?:that'?s|those are) (?:all|it|the only (?:ones|times|two))\?|"
    rf"\b(?:only|just) (?:those|them|that|the) (?:two|ones?|times?)\?|"
    rf"\bwhat (?:times?|slots?|openings?|hours)(?: (?:do|did|would|have) {_YOU})?"
    r"(?: (?:have|got|open|available))\b|"
    rf"\bwhat (?:do|did|would) {_YOU} (?:have|got)(?: (?:open|available|left|free))?"
    r"\s*(?:that day|then)?\s*\?|"
    rf"\bwhat(?:'ve| have) {_YOU} got\b(?! (?:to|for|on) )|"
    rf"\bwhat(?:'s| is) (?:open|available|free|left)\b")
"""The rest of the day's openings asked for (not "whatever you've got", which leaves it to us)."""
_SO = (r"(?:a (?:little|bit|tad) |kinda |kind of |pretty |way |too |a little too |really |super |so |"
       r"both |all |just )")
_LATER = re.compile(
    r"\b(?:anything|something|nothing|any(?:thing)? time|a (?:little|bit|tad) (?:bit )?|somewhat|"
    r"maybe|got|have|possibly|slightly|later)\s+(?:a (?:little|bit|tad) )?later\b(?! one)|"
    r"\blater than (?:that|those|them|these|\d)|"
    r"\b(?:that'?s|those are|they'?re|it'?s|both are|both of those are|that is) "
    rf"{_SO}*"
    r"(?:too )?early\b(?! (?:morning|afternoon|evening|enough))|"
    r"\b(?:i'?m|we'?re|i am) (?:not|never) (?:up|awake|out of bed|a morning person)\b|"
    r"\b(?:after|past) (?:that|those|them)\b(?! (?:i|we))")
_EARLIER = re.compile(
    r"\b(?:anything|something|nothing|any(?:thing)? time|a (?:little|bit|tad) (?:bit )?|somewhat|"
    r"maybe|got|have|possibly|slightly|earlier)\s+(?:a (?:little|bit|tad) )?(?:earlier|sooner)\b(?! one)|"
    r"\b(?:earlier|sooner) than (?:that|those|them|these|\d)|"
    r"\b(?:that'?s|those are|they'?re|it'?s|both are|both of those are|that is) "
    rf"{_SO}*"
    r"(?:too )?late\b(?! (?:morning|afternoon|evening))|"
    r"\b(?:before) (?:that|those|them)\b(?! (?:i|we))")
PART_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|noon|lunch|night|after work|before work|"
                         r"a\.?m|p\.?m)\b")
"""A part of the day named: "anything in the afternoon?" asks for it, not just for other times."""
_CHOICE = re.compile(r"\b(?:the|that) (?:earlier|later|first|second|last|other) (?:one|option|time|slot)\b|"
                     r"\b(?:i'?ll|we'?ll|let'?s|i will) (?:take|do|go with)\b")
"""One of the times offered taken ("the later one", "I'll take the 9:30"): no other times asked."""


def asked(text: str) -> str | None:
    """"later", "earlier" or "other" when ``text`` (lower-case) asks for other times than the ones
    just offered; None when it does not (or takes one of them)."""
    if _CHOICE.search(text):
        return None
    if _LATER.search(text):
        return "later"
    if _EARLIER.search(text):
        return "earlier"
    if _OTHER.search(text):
        return "other"
    return None
