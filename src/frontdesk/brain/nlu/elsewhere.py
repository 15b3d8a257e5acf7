"""A caller who meant to ring another place: "is this Riverside Motors or the discount tire place?
I'm looking for discount tire", "oh sorry, is this lakeside dental?"."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from frontdesk.knowledge.profile import BusinessProfile

_EITHER_PLACE = re.compile(r"\b(?:is this|is that|am i (?:talking|speaking) (?:to|with)|did i (?:reach|get))"
                           r" (?:the )?(?P<a>[\w'& -]{2,40}?),? or (?:is (?:this|it) )?(?:the )?"
                           r"(?P<b>[\w'& -]{2,40}?)\s*\?")
_WANTED = re.compile(r"\b(?:looking for|trying to (?:reach|get|call)|need|wanted|want|meant to call) "
                     r"(?:the )?(?P<c>[\w'& -]{2,40})")


WHILE_I_HAVE_YOU = re.compile(r"\b(?:while i'?ve got|while i (?:have|got)|since i(?:'ve got| have| got)|"
                              r"as long as i(?:'ve got| have)|now that i(?:'ve got| have)) "
                              r"(?:you|ya|y'?all)\b")
"""A caller who reached us by mistake and asks us something all the same ("Is this Riverside
Pizza? Oh — the car place? … while I've got you, do y'all do state inspections?")."""


def wants_the_other_place(text: str, profile: BusinessProfile) -> bool:
    """"Is this A or B? I'm looking for B": the place the caller wants is the one that is not
    the business (matched loosely, as speech recognition spells it)."""
    lowered = text.lower()
    if WHILE_I_HAVE_YOU.search(lowered):
        return False
    either, wanted = _EITHER_PLACE.search(lowered), _WANTED.search(lowered)
    if either is None or wanted is None or wanted.start() < either.end():
        return False
    ours = profile.name.lower()
    places = [either.group("a").strip(), either.group("b").strip()]
    other = [p for p in places if fuzz.partial_ratio(p, ours) < 80]
    return len(other) == 1 and fuzz.partial_ratio(other[0], wanted.group("c")) >= 80 and (
        fuzz.partial_ratio(wanted.group("c"), ours) < 80)


_IS_THIS = re.compile(r"\b(?:is|was) (?:this|that|it) (?:the |a |an )?([a-z0-9' &-]{2,40}?)"
                      r"(?:\?|,|\.|$| or\b)")
_OTHER_KINDS = re.compile(r"\b(?:dental|dentist|orthodont\w*|doctor|doctor's|clinic|medical|pharmacy|"
                          r"hospital|vet|veterinary|animal|pizza|restaurant|cafe|bakery|salon|barber|spa|nails|school|"
                          r"daycare|bank|credit union|insurance|law|lawyer|attorney|plumbing|plumber|"
                          r"electric|hvac|roofing|pest|cleaners|laundromat|gym|fitness|church|library|"
                          r"pediatrics|chiropract\w*|optometr\w*|eye care|physical therapy|urgent care|"
                          r"storage|moving company|movers|towing|body shop|tire shop|car wash)\b")
"""Kinds of business a caller may have meant to ring ("is this lakeside dental?")."""


def asks_for_another_kind(text: str, profile: BusinessProfile) -> bool:
    """"oh sorry, is this lakeside dental? I'm trying to move my cleaning": the place the caller
    names shares a word with ours, but it is another kind of business."""
    ours = f"{profile.name} {profile.kind}".lower().replace("_", " ")
    if WHILE_I_HAVE_YOU.search(text.lower()):
        return False
    for match in _IS_THIS.finditer(text.lower()):
        if re.search(r"\b(?:one|still|available|sold|car|truck|suv|sedan|van|wagon|house|home)\b",
                     match.group(1)):
            continue  # "is that electric one still there?" asks about a car, not a place
        kind = _OTHER_KINDS.search(match.group(1))
        if kind is not None and kind.group(0) not in ours:
            return True
    return False
