"""Words that say rather than ask or refuse: thanks to a read back, a fact asked of us outright,
"I don't want to be second in line" (why, not a no), "what I really need is …", work asked "at the
same time" as another. Split from :mod:`.cues` (the cues of asking, refusing and booking)."""

from __future__ import annotations

import re

_THANKS = r"(?:thank(?:s| you)(?: so much| very much| a lot| kindly)?|appreciate (?:it|that|you))"
THANKS_FOR_IT = re.compile(r"\W*(?:(?:oh|ok(?:ay)?|great|perfect|awesome|wonderful|lovely|alright)\W+)*"
                           + _THANKS + r"\W*(?:(?:no|nope|nah)\W+)?"
                           r"(?:(?:nothing|that'?s|that is)(?: else| all| it)\W*(?:for (?:now|today)\W*)?)?"
                           r"(?:" + _THANKS + r"\W*)?")
"""Thanks and nothing more ("thank you! no, nothing else, thanks so much"): to a read back, the
go-ahead."""
WANTS_TO_KNOW = re.compile(r"\b(?:do|would|does) (?:you|y'?all|you guys|anyone|anybody) "
                           r"(?:happen to )?know\b|"
                           r"\b(?:can|could) (?:you|y'?all|you guys) tell (?:me|us)\b")
"""A fact asked of us outright ("do you know what the property taxes would be on something like
that?"): owned up to even beside a booking asked for."""
WANTS_NOT_TO = re.compile(r"\W*i (?:don'?t|do not) (?:want|wanna) (?:to )?(?:be|lose|miss|wait|end up|"
                          r"get stuck|have to wait|show up)\b")
""""I don't want to be second in line", "I don't wanna lose my spot": why the caller asks, no no."""

SAYS_WHAT = re.compile(r"\W*(?:(?:so|and|but|um+|uh+|well|okay|ok|oh)\W+)*(?:what|all) (?:i|we) "
                       r"(?:\w+ ){0,2}?(?:need|want|wanted|meant|mean|was after|'?m after|am after|"
                       r"'?d like|would like|was calling about|'?m calling about|'?m looking for|"
                       r"was looking for|really need)(?: done| to do| to book)? (?:is|was|are)\b(?!.*\?\s*$)"
                       # "(plus) what the credit union said they'd do": what someone said, reported
                       r"|\W*(?:(?:so|and|but|plus|um+|uh+)\W+)*what (?:the|my|our|his|her|their) "
                       r"[\w' ]{2,30}?(?:said|says|told|gave|offered|approved|quoted|thinks|thought|wants|"
                       r"wanted|would do|'d do)"
                       r"\b(?!.*\?\s*$)"
                       # "I think I already took care of that?": said with a rise, asked of no one
                       r"|\W*(?:(?:oh|um+|uh+|sure|but|well|so|yeah)\W+)*(?:i|we) "
                       r"(?:think |thought |believe )?(?:i |we )?(?:already|just) "
                       r"(?:took care of|did|handled|had|got|scheduled|booked) "
                       r"(?:that|it|this)\b")
"""A statement shaped like a question ("what I actually need is the state inspection", "all
we want is a showing", "I think I already took care of that?"): the caller says, asks nothing."""
TOLD_CONDITION = re.compile(r"\b(?:what|how much) (?:i|we|they) [\w' ]{2,30}?\b(?:depends|hinges|is up to|"
                             r"comes down to)\b")
"""A condition told, shaped like a question ("how much we spend depends on what our place goes for")."""
SAME_VISIT = re.compile(r"\bat the same time\b|\bwhile (?:you'?re|y'?all'?re|it'?s) at it\b|"
                        r"\bsame (?:visit|trip)\b")
"""Work asked for beside the work asked about ("… could you do an oil change at the same time?")."""
LATE_FOR_IT = re.compile(r"\b(?:i'?m|im|i am|we'?re|were|we are|(?:i|we)'?ll be|(?:i|we) will be|gonna be|"
                         r"going to be|might be|may be|running)\s+"
                         r"(?:(?:a|like|about|maybe|just|probably|kinda|kind of|a little|a bit|a few|so|"
                         r"really|gonna be|going to be|running|uh|um)\s+)*"
                         r"(?:[\w-]+(?: or [\w-]+)?\s+(?:minutes?|mins?)\s+)?(?:late|behind)\b"
                         r"(?! (?:on|with) (?:the |my |our )?(?:payments?|bills?|rent|mortgage)\b)"
                         r"(?! (?:afternoon|morning|evening|in the|night|next|this|that)\b)|"
                         r"\bstuck in traffic\b|"
                         # "I'm sitting on 35 behind a wreck, not moving at all", "traffic's backed up"
                         r"\b(?:stuck|sitting|sat|stopped|parked) (?:on|in|at) (?:the )?(?:highway|freeway|"
                         r"interstate|i-?\s?\d+|\d+|mopac|traffic|toll ?road|bridge)\b(?=[^.?!]{0,60}\b"
                         r"(?:wreck|accident|crash|traffic|construction|not moving|backed up|standstill|"
                         r"late)\b)|"
                         r"\b(?:behind|stuck behind) (?:a|an|this|some) (?:\w+ )?(?:wreck|accident|crash)\b|"
                         r"\btraffic(?:'s| is) (?:backed up|at a standstill|not moving|a nightmare)\b")
"""Running late for a booking ("we are running like fifteen minutes behind", "I'm gonna be a bit
late"): asked whether it still stands, not a move."""
NEW_TIME_ASKED = re.compile(r"\b(?:reschedul\w*|(?:another|different|later|new) (?:day|time)|instead)\b")
"""Said with running late, another time asked for: a move after all ("… can we do another day?")."""
LET_DOWN = re.compile(
    r"\b(?:(?:nobody|no one|no-one|noone|nobody ever|no one ever|y'?all never|you (?:guys )?never|"
    r"they never|(?:she|he) never|(?<!\bi )(?<!\bwe )never) (?:called|call|rang|got back|gets back|returned|"
    r"follow(?:ed)? up|reached out)|"
    r"(?:never|didn'?t|did not|haven'?t|have not|hasn'?t|still haven'?t) "
    r"(?:got|get|gotten|heard|received|had)"
    r"(?: a| any| the| that)? (?:call(?: ?back)?|back|word|response|reply|answer|anything)|"
    r"(?:still )?waiting (?:on|for) (?:a |that |the |your |y'?all'?s )?(?:call ?back|call|someone to call|"
    r"somebody to call)|"
    r"(?:was|were) (?:supposed|meant) to (?:call|get back|ring)|"
    r"promised (?:to )?(?:call|get back|a call))")
"""The caller says a promised call never came ("I called Monday and nobody called me back"): owned
up to with an apology before anything else."""
