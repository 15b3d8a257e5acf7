"""A read-back said yes to (a visit to book, or a change to one on file), and one more thing in
the same breath: "yes. and after that can you put me through to a manager?", "that's right. oh,
and I'll need somewhere to go — that two-bedroom in Sun City, Saturday maybe", "yes, cancel it.
but I do need my brakes looked at … Monday the 20th". The yes is a turn of its own (the visit is
booked, the change made), and the rest is read after it as the caller's next words, whatever
they ask — never in the yes's place, where the read back was lost.

Not a yes then more: a yes that goes on to change the visit ("yes, but make it ten", "yeah — wait,
actually Friday"), which is one answer to the read back.
"""

from __future__ import annotations

import re

_YES_WORD = (r"(?:yes|yeah|yep|yup|yes please|correct|that'?s (?:right|correct|it|perfect|great|fine|good)|"
             r"sounds (?:good|great|perfect)|perfect|great|right|sure|absolutely|book it|do it|"
             r"that works|works for me|go ahead)")
_YES = re.compile(
    r"\W*(?:(?:oh|um+|uh+|okay|ok|well|mm+)\W+)*" + _YES_WORD
    # ("yep, that works.", "yep, that's it.", "yes ma'am")
    + r"(?:[,.!]? (?:ma'?am|sir|please|thanks|thank you|" + _YES_WORD[3:-1]
    + r"|(?:go ahead and )?cancel (?:it|that)|move it))*"
    # the day and hour read back, said back with it: "yes, Monday at one. and now a person please"
    r"(?:[,.]?\s*(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow)"
    r"(?:\s+(?:at\s+)?(?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"noon)(?:\s*(?:[ap]\.?m\.?|o'?clock|thirty))?)?)?"
    r"\s*(?:[.!;]+|,|\s[—–-]+)\s*")
"""The yes, to the end of its own clause."""
_MORE = re.compile(r"(?:(?:oh|um+|uh+|so|okay|ok|and|also|plus|now|wait)\W+)*"
                   r"(?:and|also|plus|now|but|one more thing|(?:the |one )?other thing|another thing|"
                   r"while i'?ve got you|while i have you|separately|after that)\b")
"""The rest, opened as one more thing."""
_CHANGES_IT = re.compile(r"\b(?:actually|instead|rather|make (?:it|that)|change|switch|move|push|bump|"
                         # more work on it: "yep, oh and can you add a tire rotation while it's in"
                         r"add|while (?:it'?s|its|it is|you'?re|y'?all'?re|i'?m)|with it|"
                         # of the visit itself, or a word to pass on: "will I get a new reminder?",
                         # "can you let him know it's me coming? he doesn't have to call me"
                         r"remind\w*|new time|bring|how long|let (?:him|her|them|\w+) know|"
                         r"tell (?:him|her|them)|pass (?:it|that) (?:on|along)|"
                         r"(?:doesn'?t|don'?t|no need to) (?:have to |need to )?call|"
                         # someone coming to it: "plus my husband needs to be there too — put his name down"
                         r"be there|come along|coming (?:along|with|too)|join|(?:his|her) name|"
                         r"no wait|wait,? no|scratch that|not (?:that|the)|earlier|later|sooner|"
                         r"can we do|could we do|is that|does that|will that|"
                         r"for (?:it|the (?:visit|appointment|showing|meeting|consultation)))\b")
"""Words that speak of the visit read back: a change to it, or a question about it."""
_OF_IT_TOO = re.compile(r"\b(?:too|as well|same (?:time|day))\b")
"""More of the same visit ("and a tire rotation too", "same time") …"""
_ANOTHER_ONE = re.compile(r"\b(?:hers|his|theirs|my (?:wife|husband|son|daughter|mom|dad|sister|brother)|"
                          r"her (?:car|truck|suv|van)|his (?:car|truck|suv|van)|another|"
                          r"(?:the )?other (?:car|one)|second (?:car|one))\b")
"""… unless it is somebody else's, or another car ("my husband's truck got the same letter — can you do
his Thursday? same time-ish"): a visit of its own."""


def split(text: str) -> tuple[str, str] | None:
    """(the yes, the rest) when a read back is said yes to and one more thing follows; else None."""
    said = text.lower()
    yes = _YES.match(said)
    if yes is None:
        return None
    rest = said[yes.end():]
    if not _MORE.match(rest) or len(rest.split()) < 4 or _CHANGES_IT.search(rest) or (
            _OF_IT_TOO.search(rest) and not _ANOTHER_ONE.search(rest)):
        return None
    return text[: yes.end()].strip(" ,;—–-"), text[yes.end():].strip(" ,;—–-")
