"""What is said right after a day that rules it out ("Tuesday I'm slammed", "Saturday is no good",
"Thursday I got car pool"), and what only explains another hour or day ("Thursday at noon. I'm at
work till eleven-thirty")."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.text import ONLY_PART_OF_IT

_BLOCKED_AFTER = re.compile(r"^[\s,.!?-]*(?:(?:is|are|'s|'re)\s+)?(?:i'?m|we'?re|i am|we are|is|are|"
                            r"isn't|doesn't|won't|no good|bad|out|not good|booked|busy|slammed|cancel\w*|"
                            r"taken|full|tough|no|my|our|his|her)\b")


_TAKEN_BY = re.compile(r"^[\s,.!?-]*(?:(?:i|we|he|she|they)(?:'ve| have)? (?:got|have|has)|"
                       r"(?:i'?ve|we'?ve) got) "
                       rf"{ONLY_PART_OF_IT}"
                       # (a day with time free is not taken: "today i got the afternoon off")
                       r"(?![^.?!,]{0,25}\b(?:off|free|open|time|nothing|availability|room|no plans)\b)"
                       # ("three in the afternoon? I have a key": a thing held, no time taken)
                       r"(?!(?:(?:a|an|my|our|the|his|her|some) )?(?:keys?|questions?|quick question|coupon|"
                       r"(?:million|bunch of|lot of|ton of|many|so many|1000000) questions|"
                       r"code|lockbox|number|dog|cat|budget|list|few questions|couple (?:of )?questions|"
                       r"spare key)\b)"
                       r"(?!to\b)(?:a |an |my |our |the |his |her )?\w+")
"""A day taken by something the caller has on it ("Thursday I got car pool", "Friday we have
church"); a day with time free is not ("Thursday I got the day off")."""
_HARD_DAY = re.compile(r"^[\s,.!?-]*(?:'s|is|will be|would be|'ll be)?\s*"
                       r"(?:gonna be|going to be|looking|lookin'?)?"
                       r"\s*(?:really |pretty |way too |too |just |kinda |kind of )?"
                       r"(?:crazy|nuts|hectic|rough|insane|impossible|packed|"
                       r"a (?:no[- ]go|mess|zoo|nightmare|madhouse))\b")
"""A day said to be a bad one ("Thursday's gonna be crazy at work", "Friday is a no-go")."""


_MIXED_UP = re.compile(r"\W*(?:mixed up|confused|(?:was|is) wrong|by mistake|mixed up with)\b")
"""A value said to be the mistake ("sorry I got wednesday mixed up")."""


_BUSY_UNTIL = re.compile(r"[\s,.!?-]*(?:i'?m|we'?re|i am|we are|i'?ll be|i work)\s+(?:at work|working|busy|"
                         r"tied up|in class|on shift|stuck at work)\s+(?:till|until|til|'?til)\b")


_BUSY_ANOTHER_DAY = re.compile(r"^[\s,.!?-]*(?:i'?m|we'?re|i am|we are|i|we)\s+(?:busy|slammed|booked|out|"
                               r"working|at work|work|off)\s+(?:(?:late|early|all day|again|till \w+|on)\s+)*"
                               r"(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b")
"""Busy on another day, said after the one given ("Friday at five. I'm working late Thursday")."""


def ruled_out_after(text: str, end: int) -> bool:
    """"Tuesday I'm slammed", "Saturday is no good": the mention is ruled out by what follows;
    "is Saturday busy?" asks about the business's day, it rules nothing out."""
    before = text[max(0, end - 30):end].rsplit(" ", 1)[0] + " "  # the words before the day said
    if re.search(r"\b(?:is|are|how'?s|how is)\s+(?:(?:this|next|the)\s+)?$", before):
        return False
    if _TAKEN_BY.match(text[end:]) or _HARD_DAY.match(text[end:]) or _MIXED_UP.match(text[end:]):
        return True
    if _BUSY_UNTIL.match(text[end:]):
        return False  # "Thursday at noon. I'm at work till eleven-thirty": why noon, not against it
    if (other := _BUSY_ANOTHER_DAY.match(text[end:])) and not text[:end].endswith(other["day"]):
        return False  # "Friday at five. I'm working late Thursday": why not Thursday, not against five
    if re.match(r",?\s+(?:i'?m|we'?re|i am|we are)\s+(?:driving|flying|heading|traveling|travelling) "
                r"(?:up |down |out |over |back )?to\b", text[end:]):
        return True  # "Saturday I'm driving to San Antonio for my cousin's wedding" (said with it)
    return _BLOCKED_AFTER.match(text[end:]) is not None and re.match(
        r"^[\s,.!?-]*(?:(?:is|are|'s|'re)\s+)?(?:i'?m|we'?re|i am|we are)?\s*(?:busy|slammed|booked|"
        r"out|no good|bad|not good|full|tough|taken|out of town|working|at work|cancel\w*|"
        # "Thursday I'm over at my sister's" (not "… we're gone to Dallas till then": why not before)
        r"(?:over|down|up|out) (?:at|by) (?:my|our|his|her|the) (?!.{0,30}\b(?:till|until)\b)|"
        r"(?:does(?:n'?t| not)|won'?t|will not) (?:really |quite )?work|"
        # "Wednesday's my daughter's recital": the day is someone's event ("my day off" is free)
        r"(?:(?<='s )|(?<=is ))(?:my|our|his|her) (?:(?:son|daughter|kid|kids|wife|husband|mom|dad|boy|girl|"
        r"grand\w+|sister|brother|cousin|niece|nephew|friend|best friend|boss|aunt|uncle)'?s? )?"
        r"(?:recital|game|party|appointment|surgery|shift|class|practice|meeting|wedding|funeral|"
        r"graduation|birthday party|tournament|doctor|dentist|treatment|court date|"
        r"flight))\b",  # "I'm off" is free
        text[end:]) is not None
