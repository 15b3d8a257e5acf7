"""How a caller answers an offer (a call back, a booking): what the caller has when they are
done, a leave-taking that agrees to nothing, and a "no" said after an "okay"."""

from __future__ import annotations

import re

ALL_I_NEEDED = re.compile(r"\b(?:that'?s|that is|that was) (?:really |just |about )?(?:all|it|everything)"
                           r"(?: (?:i|we) (?:needed|wanted|was after|had))?\b(?! (?:for )?(?:now|you need))"
                           r"|\bthat'?s all i (?:needed|wanted)\b")
"""Said to an offer, the caller has what they came for: a no, however it starts ("okay")."""
SIGNS_OFF = re.compile(r"\b(?:i'?ll (?:tell|let|have) (?:him|her|them|my \w+)(?: know)?|"
                        r"i'?ll pass (?:it|that) (?:on|along)|"
                        r"(?:see|talk to) (?:y'?all|you|ya)(?: guys)? (?:tomorrow|then|later|soon|there|"
                        r"(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b")
"""Said to an offer of a call back, a leave-taking ("okay cool, I'll tell him. thank you", "cool,
see y'all tomorrow then"): the caller is done, and agrees to no call."""
_OK = r"\W*(?:(?:ah|oh|ok(?:ay)?|alright|all right|i see|got it|gotcha|hmm+)\W+)+"
OK_THEN_NO = re.compile(_OK + r"no\b(?!\s+(?:problem|worries)\b)")
"""An "okay" heard, then a no ("ah, ok. no, my car's fine, I just needed a rental"): a no."""
OK_THEN_NOT_BUYING = re.compile(_OK + r"[^?]*?\b(?:i'?m|we'?re|i am|we are) not (?:\w+ )?"
                                r"(?:buying|selling|interested|looking)\b")
"""An "okay" heard, then "I'm not buying anything" ("ah, okay. that was probably my brother-in-law …
I'm not buying anything, sorry"): a no."""
_CONSENT_AFTER = re.compile(r"\b(?:yes|yeah|yep|yup|sure|please|that'?d|that would|sounds|go ahead|do that|"
                            r"call|ring|reach|text|have (?:them|someone|somebody|him|her)|"
                            r"i'?d (?:like|appreciate)|"
                            r"that works|works for me|perfect|great|fine|good|i guess|why not|but|number|"
                            r"today|tonight|tomorrow|morning|afternoon|evening|after|before|around|"
                            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d)\b")


def ok_then_on(answer: str) -> bool:
    """An "okay" heard, then words of their own that agree to nothing ("oh. okay. I mean, it's got
    about five thousand miles on it now", "alright, then just keep it like it is. thanks"): the
    "okay" takes in what was said; it is no yes to the offer."""
    said = re.match(_OK, answer)
    rest = answer[said.end():] if said else ""
    return bool(said) and len(rest.split()) >= 3 and not _CONSENT_AFTER.search(rest)


I_PASS = re.compile(r"\b(?:i'?ll|i will|i'?m gonna|i'?m going to|we'?ll|we will|gonna) (?:just |probably )?"
                    r"(?:pass|take a pass|sit this one out)\b|\b(?:i'?ll|we'?ll) hold off\b")
"""An offer declined in the caller's words ("I think I'll pass for now"), whatever came before."""
APPROVES = re.compile(
    r"(?:(?:that|it|this|which|all|everything)(?:'?s| is| will be| would be|'d be|'ll be| sounds| seems)\s+|"
    r"(?:sounds|seems|looks)\s+)?(?:(?:just|quite|very|really|absolutely|totally|so|all|real)\s+)?"
    r"(?:perfect|great|fine|good|lovely|splendid|wonderful|excellent|brilliant|grand|awesome|satisfactory|"
    r"ideal|cool|fantastic|terrific|marvell?ous|super|beautiful|dandy|peachy|bet|say less|deal|works|"
    r"(?:we|i)(?:'ll| will| shall) see you then|see you then)\b(?!\s*(?:,\s*)?(?:but|except|only|if)\b)")
"""Approval in the caller's own words ("that's perfect", "splendid", "bet", "that will be quite
satisfactory", "we shall see you then"): to a yes-or-no question, a yes."""

INSTEAD_OF = re.compile(r"\b(\d{1,2})(?::(\d{2}))? instead of (?:the )?\d{1,2}(?::\d{2})?\b")
"""An hour put in place of another ("can it be three instead of two?"): the first is the hour."""
TO_SET_UP = re.compile(r"\b(?:call|ring) (?:me|us)(?: back)? (?:to|and) (?:set (?:something|it|that|one|"
                       r"a time|an appointment|a day) up|set up (?:a|an|something|the)|schedule|book|"
                       r"find a time|figure out a (?:time|day))\b")
"""A call asked for to book the visit ("could somebody just call me back to set something up?"): the
visit later, not now."""
NO_MATTER = re.compile(r"\bno (?:problem|worries)\b")
"""An offer let go ("alright, no problem. thanks"): no yes, unless one is said first."""
SEE_YOU_THEN = re.compile(r"\W*(?:(?:ok(?:ay)?|alright|all right|great|perfect|cool|awesome|thanks|"
                          r"thank you)\W+)*"
                          r"(?:see|i'?ll see) (?:y'?all|you|ya)(?: guys)?(?: (?:on |this )?\w+day)?"
                          r"(?: (?:at|around) [\w:-]+(?: ?[ap]\.?m\.?| o'?clock)?)?(?: then)?"
                          r"(?:\W+(?:thanks|thank you|bye|bye-bye)\W*)*\W*")
"""A leave-taking that names the visit just set ("alright, see y'all at five", "see you
Saturday at nine then"): the caller says goodbye, and asks nothing new."""


_HOUR_ALONE = re.compile(r"(?:^|[.?!,—–-]\s*)(\d{1,2})(?::(\d{2}))?\b"
                         r"(?=\s*(?:[.?!,—–-]|$|is\b|'s\b|works\b|would\b|sounds\b|should\b|then\b|please\b))")


def hour_put_right(text: str, first: re.Match[str]) -> re.Match[str] | None:
    """The hour said instead of the one a message opens with, when that one is taken back
    ("eight — well, not eight, I have to drop the kids at school first. Nine. Nine is doable"):
    the last hour said on its own; None when the first stands."""
    if not re.search(rf"\b(?:not|no|can'?t do)\s+(?:at\s+)?{first[1]}\b", text[first.end():]):
        return None
    later = [m for m in _HOUR_ALONE.finditer(text, first.end()) if m[1] != first[1]]
    return later[-1] if later else None
