"""What a question points back at: "I saw a red RAV4 on your site. Is it still there?"

A caller names a car in one clause (or turn) and asks about it in the next with a pronoun
("it", "that one", "the car"). Read alone, "is it still there?" is a line check and "how much
is it?" a price question about nothing; read with the car they are about the lot's questions.

Whose car it is decides what the question is about. The caller's OWN car ("my car is a 2016
Camry. How much is an oil change for it?") is the subject of a service; nothing is carried,
the service question stands. A car on the LOT ("that green Subaru, the wagon", "I saw a red
RAV4 on your site") is what a sales question refers to, and the clause is read with the car
named in place of the pronoun.
"""

from __future__ import annotations

import re

from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.text import normalise, word_pattern
from frontdesk.knowledge.profile import BusinessProfile

_REFERENCE = re.compile(r"\b(?:it|that one|this one|that car|this car|the car|that truck|the truck|"
                        r"that suv|the suv|that thing|she|her|"
                        # "… a Camry, only if it's silver or gray. Do you have one?"
                        r"(?:(?<=\bhave )|(?<=\bgot )|(?<=\bhas ))(?:one|any)(?= ?\W*$)|"
                        # "is that twenty-six five, or is there stuff on top?": its price, checked
                        r"(?<=\bis )that(?= (?:\$|\d|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                        r"the (?:price|final|best)|firm|negotiable)))\b(?!'s|'ll| is\b| was\b)")
"""Words that point back at a car already named."""
_DUMMY_IT = re.compile(r"\b(?:is it (?:possible|ok|okay|true|fine|worth)|it (?:takes?|depends|"
                       r"says|seems|sounds|looks like (?:i|we|you))|make it|(?:if|when) it'?s|"
                       r"it'?s (?:me|just)|what time is it|do it|get it done)\b")
"""An "it" that refers to nothing ("is it possible to…", "how long does it take?")."""
_OWN = re.compile(r"\b(?:my|our|mine|ours|i drive|we drive|i own|we own|i(?:'ve| have)? got|"
                  r"we(?:'ve| have)? got|i have|we have|i bought|we bought|i'?m driving|"
                  r"(?:he|she|wife|husband|son|daughter) drives)\b(?:\s+\S+){0,3}\s*$")
"""Words that make the car just after them the caller's own ("my car is a…", "I drive a…")."""
_LOT = re.compile(r"\b(?:your|y'all'?s|you(?:'ve| have| guys have| all have)? got|you have|"
                  r"y'all have|you guys have|on (?:the|your) lot|(?:web)?site|online|listed|"
                  r"listing|advert(?:ised)?|ad|for sale|in stock|saw|seen|spotted|eyeing|"
                  r"eyed|interested in|looking at|selling|asking|test ?drive|drive it|"
                  r"still (?:have|got|there|available)|wants?|wanting|looking for|shopping for)\b")
"""Words that make a car one the business has ("I saw a red RAV4 on your site")."""


def vehicle_phrase(text: str, profile: BusinessProfile) -> str | None:
    """The car a clause names, as a short noun phrase ("red Toyota RAV4", "green Subaru
    wagon"), when it is one on the lot rather than the caller's own; else None."""
    if not profile.inventory:
        return None
    u = normalise(text)
    query = ex.extract_vehicle_query(u, profile)
    if not (query.make or query.model or (query.body and query.color)):
        described = ex.extract_vehicle(u, profile)  # "a wagon on the lot": the one that fits
        return f"{described.make} {described.model}" if described and described.model else None
    if is_own_vehicle(u.lower, query, profile) and not _LOT.search(u.lower):
        return None
    parts = [query.color, "used" if query.used else None, query.make, query.model or query.body]
    return " ".join(p for p in parts if p)


OWN_CAR = re.compile(r"\b(?:my|our|his|her|their)(?: \w+'?s)? (?:car|truck|vehicle|suv|van|ride)\b")
"""The caller's (or their family's) own car: "my truck", "my husband's truck", "her SUV"."""


def is_own_vehicle(lower: str, query: ex.VehicleQuery, profile: BusinessProfile | None = None) -> bool:
    """Is the car this text names the caller's own ("my 2016 Camry", "I drive a Tacoma", "my f
    one fifty")?"""
    # (a body word goes with no model named: "my old truck's overheating … that blue CR-V you have")
    words = [w for w in (query.model, query.make, None if query.model else query.body) if w]
    for word in words:
        found = word_pattern(word.lower(), "").search(lower)
        if found and _OWN.search(lower[: found.start()]):
            return True
    if query.model and profile is not None and not any(
            word_pattern(w.lower(), "").search(lower) for w in words):
        # the model said as speech has it ("my f one fifty in for the inspection"): the words
        # after "my" name it
        for own in re.finditer(r"\b(?:my|our|his|her|their)\b", lower):
            after = ex.extract_vehicle_query(normalise(lower[own.end(): own.end() + 30]), profile)
            if after.model == query.model:
                return True
    return bool(OWN_CAR.search(lower))


_ASKS = re.compile(r"\?\s*$|^(?:\W*(?:so|and|also|oh|um|uh|like|okay|ok|hey|well)\W+)*(?:what|when|"
                   r"where|how|why|which|who|do|does|did|is|are|can|could|will|would|should|any)\b|"
                   r"\b(?:how much|asking|still (?:there|available|for sale|around|have|got))\b")


_STILL_THERE = re.compile(r"\W*(?:(?:and|so|um+|uh+|oh)\W+)*still (?:there|available|around|for sale|"
                          r"on the lot|in stock)\W*$")
"""The car's question said short, right after it ("that blue CR-V. still there?")."""


def refers_back(text: str) -> bool:
    """Does this question point back at a car named before ("is it still there?")?"""
    lower = normalise(text).lower
    return (_REFERENCE.search(lower) is not None and not _DUMMY_IT.search(lower)
            and _ASKS.search(lower) is not None) or _STILL_THERE.match(lower) is not None


def with_referent(text: str, phrase: str) -> str:
    """The clause with its first pointing word replaced by the car ("is the red Toyota RAV4
    still there?")."""
    if _STILL_THERE.match(normalise(text).lower):
        return f"is the {phrase} {text.strip()}"  # "that blue CR-V. still there?"
    return re.sub(_REFERENCE.pattern, f"the {phrase}", text.replace("’", "'"), count=1,
                  flags=re.IGNORECASE)


def referents(clauses: list[str], profile: BusinessProfile,
              topic: str | None = None) -> list[str | None]:
    """For each clause, the lot car it refers back to, if any: the car named in an earlier
    clause of the message, else ``topic`` (the lot car the conversation is about)."""
    found: list[str | None] = []
    last: str | None = topic
    for clause in clauses:
        named = vehicle_phrase(clause, profile)
        own = named is None and ex.extract_vehicle(normalise(clause), profile) is not None
        if own:
            last = None  # "my car is a 2016 Camry. how much is an oil change for it?"
            found.append(None)
            continue
        if named:
            last = named
            found.append(None)
            continue
        mentions_service = bool(ex.extract_services(normalise(clause), profile))
        found.append(last if last and not mentions_service and refers_back(clause) else None)
    return found
