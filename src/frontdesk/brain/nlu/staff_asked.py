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
                              r"\bstart(?:ing)? (?:talking|to talk) (?:to|with)\b|"
                              # "is it too early to be talking to somebody?": whether to, some day
                              r"\b(?:too (?:early|soon)|worth it|a good time|normal) to (?:be )?"
                              r"(?:talk|talking|speak|speaking|meet|meeting) (?:to|with)\b")
"""Someone to talk to at a visit asked for, or some day: a booking, not a person now."""
ABOUT_THE_MOVE = re.compile(r"\b(?:talk|speak|chat)\w* (?:to|with) (?:someone|somebody|"
                            r"an? (?:agent|realtor|person)|one of (?:your|y'?all'?s?) agents)"
                            r"(?: of yours| from your (?:team|office))? about (?:buying|selling|listing|"
                            r"(?:a |my |our |the |a new )?(?:house|home|condo|townhouse|property|place)\b)")
"""Someone to talk to about buying or selling ("I want to talk to someone about buying a home in
North Austin"): the lead, told; the agents meet it at a consultation, no person is asked for now."""


def talks_of_the_move(text: str, flags: set[str]) -> bool:
    """Someone to talk to about buying or selling, not asked about as a fact of ours ("is an
    appointment necessary to speak with someone about selling?" asks how we work)."""
    return ABOUT_THE_MOVE.search(text) is not None and "faq_topic" not in flags


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


PERSON_TAKEN_BACK = re.compile(r"\b(?:don'?t (?:bother|disturb|interrupt) (?:her|him|them)|"
                               r"never ?mind (?:her|him|them|about (?:her|him|them))|"
                               r"no need to (?:bother|get|grab|find) (?:her|him|them)|"
                               r"(?:you|y'?all) (?:can|could) (?:probably )?(?:just )?"
                               r"(?:do|handle|help (?:me )?with) (?:this|it|that))\b")
"""A person asked for, then let go in the same breath ("is Sarah in? … actually, don't bother her,
you can probably just do this")."""


def without_the_person(clauses: list[str], person_asked: list[bool]) -> list[str] | None:
    """The clauses left when a person asked for is let go later in the message (the asking and the
    letting go both dropped), or None when no one was let go."""
    back = next((i for i, c in enumerate(clauses) if PERSON_TAKEN_BACK.search(c.lower())), None)
    if back is None or not any(person_asked[:back]):
        return None
    return [c for i, c in enumerate(clauses) if i != back and not (i < back and person_asked[i])] or None
