"""A new time said from the appointment's own: "an hour later", "the day after, same time", "same
time next week", "push it back like thirty minutes". The words name no day or hour of their own;
the booking being moved gives them one (``agents/move_target.py``)."""

from __future__ import annotations

import re

_AMOUNT = (r"(?:half an|a half|half|an|a|one|two|three|four|(?:a )?couple(?: of)?|fifteen|twenty|thirty|"
           r"forty[- ]five|ten|\d{1,2})(?: and a half)?")
_UNIT = r"(?:hours?|hrs?|minutes?|mins?)"
SHIFT = re.compile(rf"\b(?P<amount>{_AMOUNT}) (?P<unit>{_UNIT})(?P<tail> and a half)? "
                   rf"(?P<way>earlier|later|sooner|back|up)\b|"
                   # "push that back a hour", "can we move it up like thirty minutes"
                   rf"\b(?:push(?:ing|ed)?|mov(?:e|ing|ed)|bump(?:ing|ed)?|slid(?:e|ing)|kick(?:ing|ed)?|put(?:ting)?|"
                   rf"scoot(?:ing|ed)?|set(?:ting)?)(?: (?:it|that|this|that one|this one|"
                   rf"the (?:second|first|other|later|earlier) one|him|her|them|mine|his|"
                   # ("push both of them back an hour", "bump everything up an hour")
                   rf"hers|things|both(?: of (?:them|'?em))?|them both|everything|all(?: of (?:them|'?em))?|"
                   rf"the two(?: of (?:them|'?em))?))? (?P<way2>back|up|later|earlier)(?: by)?"
                   rf"(?: like| about| maybe| just| around)? (?P<amount2>{_AMOUNT}) (?P<unit2>{_UNIT})"
                   rf"(?P<tail2> and a half)?\b")
"""A move by so much from the appointment's own time ("an hour earlier", "half an hour later",
"push it back like thirty minutes")."""
_AMOUNTS = {"half an": 0.5, "a half": 0.5, "half": 0.5, "an": 1, "a": 1, "one": 1, "two": 2, "three": 3,
            "four": 4, "couple": 2, "a couple": 2, "couple of": 2, "a couple of": 2, "fifteen": 15,
            "twenty": 20, "thirty": 30, "forty five": 45, "forty-five": 45, "ten": 10}


def shift_hours(text: str) -> float | None:
    """How many hours a move shifts the appointment by, later positive ("an hour earlier" → -1)."""
    if (m := SHIFT.search(text)) is None:
        return None
    amount, unit, way = m["amount"] or m["amount2"], m["unit"] or m["unit2"], m["way"] or m["way2"]
    half = amount.endswith(" and a half") or bool(m["tail"] or m["tail2"])
    amount = amount.removesuffix(" and a half")
    value = float(amount) if amount.isdigit() else float(_AMOUNTS.get(amount, 1))
    hours = (value + (0.5 if half else 0)) / (60 if unit.startswith("m") else 1)
    return -hours if way in {"earlier", "sooner", "up"} else hours


DAYS_ON = re.compile(r"\b(?:(?P<count>a|one|two|three|a couple(?: of)?) days? "
                     r"(?:later|after(?:wards?)?|out)|"
                     # "could y'all push it back a day?", "push that a day, to Wednesday"
                     r"(?:push|move|bump|slide|kick|put) "
                     r"(?:it|that|this|him|her|them|things|mine|his|hers) "
                     r"(?:back |out |off )?(?:by )?(?:like |just )?"
                     r"(?P<by>a|one|two|three|a couple(?: of)?) days?|"
                     r"(?P<next>the (?:day|one) after|the next day|the following day|a day later)|"
                     r"(?P<week>(?:a|one|exactly a) week (?:later|out|from then)|"
                     r"the (?:next|following) week,? same (?:day|time))|"
                     # "I really need it the day before", "a couple days earlier", "move it up a day"
                     # (not "the day before my trip", "the day before Thanksgiving": a day of its own)
                     r"(?P<before>(?P<bcount>a|one|two|three|a couple(?: of)?) days? (?:earlier|sooner)|"
                     r"the (?:day|one) before(?! (?:my|our|his|her|their|the|we|i|you|\w+day|thanksgiving|"
                     r"christmas|new year)\b)|"
                     r"(?:move|bump|pull|scoot) (?:it|that|this|them) up (?:by )?(?:like |just )?"
                     r"(?:a|one) day))\b")
"""A move by so many days from the appointment's own day ("the day after, same time", "two days
later", "push it exactly a week", "the day before")."""


A_WEEK_ON = re.compile(r"\bsame (?:times?|days?)\b[^.?!]{0,25}?\b(?:next|following) week\b|"
                       r"\b(?:next|following) week\b[^.?!]{0,25}?\bsame (?:times?|days?)\b|"
                       r"\b(?:a|one) week (?:later|out|from then)\b|"
                       # "can you just push all of 'em back a week?"
                       r"\b(?:push|move|bump|put|slide) (?:it|that|this|them|'?em|both|all (?:of )?"
                       r"(?:them|'?em|three)|everything|the whole thing) (?:back |out |off )?(?:by )?"
                       # ("push it out a whole week", "bump it back one full week")
                       r"(?:a|one)(?: whole| full)? week\b|"
                       # "the Monday after, same time", "the saturday after": its own weekday, a week on
                       r"\bthe (?:mon|tues|wednes|thurs|fri|satur|sun)day after\b(?! (?:next|this|the))|"
                       # "same time the week after", "the week after, same times" (not "after next")
                       # ("a buyer consultation the week after": when that one is, not a move)
                       r"(?<!consultation )(?<!appointment )(?<!showing )(?<!visit )(?<!one )"
                       r"\bthe week after\b(?! next)|"
                       r"\bthe (?:next|following) (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
                       # "can i move it to the same time next saturday" (its own weekday)
                       r"\bsame (?:time|hour)\b[^.?!]{0,6}\bnext "
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
"""A move of a week, to the appointment's own weekday ("same time next week", "push it back a
week", "the Monday after"); a weekday named must be its own."""
RELATIVE_MOVE = re.compile("|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern)
                                   for p in (A_WEEK_ON, SHIFT, DAYS_ON)))
"""A new time said from the appointment's own ("an hour later", "the day after", "a week later")."""
LATEST = re.compile(r"\b(?:(?<!since )(?<!after )(?<!from )(?:your|the) (?:very )?(?:last|latest) "
                   r"(?:one|slot|appointment|showing|opening|"
                   r"time|available)|as late as (?:possible|you can|you go|you have)|(?:the )?latest "
                   r"(?:(?:slot |time |one |opening )?(?:you(?:'?ve| guys| all)?|y'?all) (?:have|got|can)|"
                   r"possible|one|available)|whatever your last|how late (?:can|could) (?:you|y'?all) "
                   r"(?:do|take|fit|get|see|squeeze|book)|(?:the )?latest (?:\w+ )?"
                   r"(?:i|we) (?:could|can|would be able to) (?:do|get|come|book|make|drop|bring|swing)|"
                   r"last (?:slot|appointment|opening|time) of the day)\b")
"""The last opening of the day, asked for ("end of day, whatever your last one is")."""
