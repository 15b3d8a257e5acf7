"""Someone on the team asked for: a person by name now ("can I talk to Marcus"), the days of
one ("is Sarah in that Wednesday?"), or a person to meet at a visit; a caller who names their own
role ("I'm the office manager") asks for no one."""

from __future__ import annotations

import re
from functools import cache

from frontdesk.knowledge.profile import BusinessProfile, StaffMember

_ASK_HIM_HER = re.compile(r"\b(?:can|could|may) i (?:please )?(?:speak|talk) (?:to|with) (?:him|her)\b")


A_MEETING_ASKED = re.compile(r"\b(?:come (?:in|by|out|over)|stop by|swing by|sit down|meet up)\b[^.?!]{0,40}"
                              r"\b(?:talk|speak)\w* (?:to|with)\b|"
                              r"\bstart(?:ing)? (?:talking|to talk) (?:to|with)\b")
"""Someone to talk to at a visit asked for, or some day: a booking, not a person now."""


def asks_for_someone(text: str, profile: BusinessProfile) -> bool:
    """A person on the team asked for by name ("is Sarah in today?", "can I talk to Marcus"),
    or by "him"/"her" after the name was said ("the service lady, can I speak with her")."""
    if _ASK_HIM_HER.search(text):
        return True
    staff = "|".join(re.escape(m.name.lower()) for m in profile.staff)
    return bool(staff) and re.search(
        rf"\b(?:(?:speak|talk)(?:ing)? (?:to|with)|put me through to|transfer me to|"
        rf"connect me (?:to|with)|get me)\s+(?:{staff})\b"
        rf"|\bis (?:{staff}) (?:in|there|around|available|working|free)\b(?!{_ANOTHER_DAY})",
        text) is not None


_ANOTHER_DAY = (r"(?: on)?(?: that| this| next| the)? (?:monday|tuesday|wednesday|thursday|friday|saturday|"
                r"sunday|weekend|tomorrow|\d{1,2}(?:st|nd|rd|th)|morning|afternoon|evening)")
"""After "is Sarah in": a day to come, so a question about her hours, not a wish to talk now."""


def staff_asked_about(text: str, profile: BusinessProfile) -> StaffMember | None:
    """The team member whose days the caller asks about ("is Sarah in that Wednesday?",
    "does Priya work Saturdays?")."""
    return next((member for member in profile.staff if _days_asked(member.name.lower()).search(text)), None)


@cache
def _days_asked(name: str) -> re.Pattern[str]:
    name = re.escape(name)
    return re.compile(rf"\b(?:is|will) {name} (?:be )?(?:in|there|around|available|working|on)\b"
                      rf"{_ANOTHER_DAY}|\bdoes {name} work\b")


SAYS_OWN_ROLE = re.compile(r"\b(?:i'?m|i am|this is|am|as) (?:the |a |an |their |our )?(?:[\w-]+ ){0,2}"
                            r"(?:manager|supervisor|operator|representative)\b|\b(?:my|our|his|"
                            r"her) (?:[\w-]+ )?"
                            r"(?:manager|supervisor)\b")
WANTS_SOMEONE = re.compile(r"\b(?:speak|talk|get|give|put|transfer|connect|want|need|see) (?:me )?(?:to |"
                            r"with |through "
                            r"to )?(?:a |the |your |some )?(?:[\w-]+ )?(?:manager|supervisor|person|human)\b")
"""A caller who names their own role ("I'm the office manager") asks for no one, unless they
also ask for a person in so many words."""
