"""Which day and time in a request to move an appointment are the old ones, and which the new.

"Can I move my oil change to Friday?" names only the new day; "I have Tuesday at nine, can we
push it to Thursday?" names both; "I won't make it tomorrow, can we do next week?" rules the
old one out and asks for the new one. The new day and time follow a *target cue* ("to",
"instead", "can we do", "how about", "make it"): the last cue followed by a day or a time
splits the message; what comes before it describes the appointment the caller has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from frontdesk.brain.nlu import clock, when
from frontdesk.brain.nlu.text import normalise

_TARGET_CUE = re.compile(
    r"\b(?:to|till|until|into|instead(?! of)(?!\s*[?.!])|rather(?! than)(?! not)|prefer|how about|what about|"
    r"maybe|"
    r"what (?:do|would|did|have) (?:you|y'?all) (?:have|got)|(?:do|would) (?:you|y'?all) have|"
    r"anything (?:on|for|open)|is there anything|"
    r"(?:can|could|would|should) (?:we|i|you|y'?all) (?:do|try|go with|come(?: in)?|make it|"
    r"get (?:it|me|us|her|him) in|get in|take (?:it|me|us|her|him)|see (?:me|us|it)|"
    r"(?:squeeze|fit|work) (?:me|us|it|him|her) in|bring it(?: in)?|switch(?: it)?(?: to)?)|"
    r"(?:we|i|you|y'?all) (?:can|could) (?:do|try|go with|make it)|"  # "any way y'all could do Friday"
    # "can it be saturday the seventeenth", "could it be six" (not "could it be earlier?")
    r"(?:(?:can|could|would) (?:it|that|this|we) |(?<=[.?!,] )(?:can|could) |^(?:can|could) )(?:be|go|happen)"
    r"(?= (?:on |at |like |maybe |say |around )?"
    r"(?:the |this |next )?(?:\d|mon|tues|wednes|thurs|fri|satur|sun|tomorrow|today|noon|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|half))|"
    r"make it|make that|let'?s (?:do|say|go with)|go with|switch(?: it)?|bump(?: it)?|"
    r"push(?: it)?(?: back)?|move(?: it)?|(?<!my )(?<!the )(?<!a )(?<!her )(?<!his )(?<!our )(?<!night )"
    r"(?<!day )(?<!work )shift(?: it)?(?!s? (?:ends?|starts?|is|was|goes|runs|gets)\b)|slide(?: it)?)\b")
"""Words after which callers name the new day or time."""


_TO_DO = re.compile(r"\s+(?:value|look|see|check|meet|price|appraise|show|tour|walk|talk|go over|fix|"
                    r"rotate|change|inspect|detail|clean|replace|drop|pick)\b")
"""A "to" that says what a visit is for, not where it moves."""


@dataclass(slots=True)
class When:
    """A day and a time of day, either of which may be missing."""

    date: date | None = None
    time: time | None = None
    part: str | None = None
    """Morning, afternoon or evening, when that is all the caller said of the time."""

    @property
    def given(self) -> bool:
        return self.date is not None or self.time is not None or self.part is not None


_LOOSE_HOUR = re.compile(r"\b(?:like|maybe|say|around|about|at)\s+(\d{1,2})(?::(\d{2}))?\b"
                         r"(?!\s*(?:days?|weeks?|hours?|minutes?|months?|people|%|miles?|mi\b|blocks?|"
                         r"years?|kids|cars?|bucks|dollars))")
"""A time said loosely after the new day was named ("no, make it later, like four")."""
_HOUR_THAT_WORKS = re.compile(r"\W*(?:(?:um+|uh+|ok(?:ay)?|yeah|so|well)\W+)*(\d{1,2})(?::(\d{2}))?"
                              r"(?:\s*o'?clock)?\s+(?:works?|would work|is (?:good|fine|best|better)|please|"
                              r"then)\b")
""""eleven works": an hour said with its yes, all the caller says of the new time."""


def _read(text: str, today: date) -> When:
    u = normalise(text)
    at = clock.extract_time(u)
    loose = (_LOOSE_HOUR.search(u.numeric) or _HOUR_THAT_WORKS.match(u.numeric)) if at is None else None
    if loose is not None and clock.for_other_activity(u.numeric, loose.start(1)):
        loose = None  # "I get off at five": the end of the caller's shift, not the new time
    if loose is not None:
        at = clock.clock(int(loose.group(1)), int(loose.group(2) or 0), None)
    return When(when.extract_date(u, today), at, None if at else clock.extract_time_of_day(u))


_FROM_TO = re.compile(r"\bfrom (?:the )?(\d{1,2})(?::(\d{2}))?\s*(?:o'?clock|([ap])\.?m\.?)?"
                      r"(?: one)? (?:to|till|until|over to) (?:like |maybe |about |around )?"
                      r"(\d{1,2})(?::(\d{2}))?\s*(?:o'?clock|([ap])\.?m\.?)?(?!\s*(?:days?|weeks?|hours?|%))")
"""Two times as old and new ("move it from ten to one", "from 9 to 11:30"): the first is the
time the appointment has, the second the one it moves to, on the day named (if any)."""


def _from_to(text: str, today: date) -> tuple[When, When] | None:
    numeric = re.sub(r"\b(?:noon|midday)\b", "12 pm", normalise(text).numeric)
    match = _FROM_TO.search(numeric)
    if match is None:
        return None
    old_h, old_m, old_half, new_h, new_m, new_half = match.groups()
    old = clock.clock(int(old_h), int(old_m or 0), old_half and old_half + "m")
    new = clock.clock(int(new_h), int(new_m or 0), new_half and new_half + "m")
    if old is None or new is None:
        return None
    before, after = numeric[: match.start()], numeric[match.end():]
    return (When(when.extract_date(normalise(before), today), old),
            When(when.extract_date(normalise(after), today), new))


_BARE_HOUR = re.compile(r"\s*(?:like |maybe |say |around |about )?(\d{1,2})(?::(\d{2}))?"
                        r"(?=\s*(?:instead|then|please|if|or|\?|[.!,]|$|(?:still |same |on |this |next )?"
                        r"(?:today|tomorrow|day\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day)))")
"""An hour said alone after a target cue ("could that be eleven instead?")."""


_MOVED_TO = re.compile(r"\b(?:switch|bump|push|move|shift|slide|change|put|reschedule)\w*"
                       r"(?: (?:me|us|it|that|this|him|her|them|the \w+|my \w+|our \w+))?"
                       r"(?: back| up| over)? $")
"""A "to" right after a verb of moving and what it moves ("could you slide me to five? still
today"): a bare hour after it is the new time, whatever day words follow."""
_MOVE_VERB = r"(?:switch|bump|push|move|shift|slide)$"
_OBJECT_NAMED = re.compile(r"\s+(?:my|our|the|his|her|their)\s+(?!(?:day|time|date)\b)")
"""What a verb of moving names right after it: the appointment ("move my oil change monday"),
whose day follows, not the new one."""


_TRAVEL = re.compile(r"\b(?:driv(?:e|ing)|head(?:ing|ed)?|fl(?:y|ying|ew)|travel\w*|ride|riding|"
                     r"trip)\s+(?:up |down |over |out |back )?$")
"""Words of a trip before "to" ("driving up to Dallas"): a place follows, not a time."""


def split_change(text: str, today: date) -> tuple[When, When]:
    """``(current, target)``: the day/time describing the appointment the caller has, and the
    day/time they want it moved to. Either may be empty."""
    if (both := _from_to(text, today)) is not None:
        return both
    lowered = text.lower()
    cues = list(_TARGET_CUE.finditer(lowered))
    for k in range(len(cues) - 1, -1, -1):
        cue = cues[k]
        if _OBJECT_NAMED.match(lowered, cue.end()) and re.match(_MOVE_VERB, cue.group(0)):
            break  # "I need to move my oil change monday": the day of the one they have
        if re.fullmatch(r"till|until|to", cue.group(0)) and clock.for_other_activity(
                lowered, min(len(lowered), cue.end() + 1)):
            continue  # "I work till five": the caller's shift, not the new time
        if cue.group(0) == "to" and _TO_DO.match(lowered, cue.end()):
            continue  # "somebody coming to value my place Monday at eleven": what the visit is for
        if cue.group(0) == "to" and _TRAVEL.search(lowered, 0, cue.start()):
            continue  # "I'm driving up to Dallas Thursday": where the caller goes, not the new time
        target = _read(text[cue.end():], today)
        if target.time is None and (not re.fullmatch(r"till|until|to|into", cue.group(0)) or (
                cue.group(0) == "to" and _MOVED_TO.search(lowered, 0, cue.start()))) and (
                bare := _BARE_HOUR.match(normalise(text[cue.end():]).numeric)) is not None:
            # "could that be eleven instead?", "how about ten?": an hour said alone right after
            # the words that ask for the new time
            target = When(target.date, clock.clock(int(bare[1]), int(bare[2] or 0), None))
        if not target.given and (end := re.search(r"[.?!]", text[cue.end():])) is not None:
            # "could we bump it to three? my husband's got a thing till two thirty": the hour
            # the sentence asks for, whatever the next one says of another
            target = _read(text[cue.end(): cue.end() + end.end()], today)
        if not target.given or (target.date is None and target.time is None and re.search(
                r"\bthat (?:morning|afternoon|evening|night)\b", lowered[cue.end():])):
            continue  # "… my sister needs me to pick her up that afternoon": another errand's
        if target.date is None:
            # "to Wednesday. same time, actually no, make it five": the new day was named at an
            # earlier cue, and the correction only changes the time
            for earlier in reversed(cues[:k]):
                if re.search(r"(?:n't|\bnot|\bnever|\bcannot)\s*$", lowered[: earlier.start()]):
                    continue  # "I won't make it tomorrow": the old day, ruled out
                day = _read(text[earlier.end(): cue.start()], today).date
                if day is not None:
                    return (_read(text[: earlier.start()], today),
                            When(day, target.time, target.part))
        if target.time is None and target.date is not None and k > 0:
            # "can you do next tuesday two thirty instead, the fifteenth": the time said before
            # the last cue, with the day said after it
            said = _read(text[cues[k - 1].end(): cue.start()], today)
            if said.time is not None and (said.date is None or said.date.weekday() == target.date.weekday()):
                return _read(text[: cues[k - 1].start()], today), When(target.date, said.time)
        return _read(text[: cue.start()], today), target
    return _read(text, today), When()
