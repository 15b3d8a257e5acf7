"""Two visits asked for in one call: "an oil change Saturday at ten, and then separately the
Silverado's brakes, next Tuesday at noon". The first is booked as usual; the second waits in
``booking_slots.visit_after`` and is read back for its own yes once the first is made — never
folded into one visit, and never moving the first visit to the second one's day.

Two ways in: both visits in one message (:func:`split`), or the second said while the first is
still being settled (:func:`later`: "and then the detail — Saturday the eighteenth, nine-ish").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time, timedelta

from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.brain.state import ConversationState
from frontdesk.knowledge.profile import BusinessProfile

_DAYISH = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|tonight|noon|"
    r"\d{1,2}(?:st|nd|rd|th)|\w+(?:teenth|tieth|tenth|first|second|third|fifth|eighth|ninth|twelfth)|"
    r"\d{1,2}(?::\d\d)?\s*(?:a\.?m|p\.?m|o'?clock)\b|"
    r"(?:at|by|around|like) (?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:[- ]thirty)?"
    r"(?:\s*(?:a\.?m|p\.?m|o'?clock)|-ish)\b|(?:week|day) after|next day|following (?:day|week)|"
    r"week later|same time)")
"""A day or an hour said (a cheap look before anything is read twice)."""
_CUT = re.compile(r"\s*[.;!?—]+\s*(?:(?:and|oh|also|then|so|plus|um+|uh+)\W+)*|"
                  r",?\s+(?:and then|and also|oh and|and|also|then|plus|separately)\b,?\s*|"
                  # "two houses Saturday. one at ten, one at eleven": the second said like the first
                  r",\s*(?=(?:and )?(?:the other(?: one)?|another(?: one)?|the second(?: one)?|one) at\b)")
"""Where one request ends and the next may begin."""
_CHANGE = re.compile(r"\b(?:actually|instead|rather|scratch|make (?:that|it)|no,? wait|change (?:that|it)|"
                     r"not (?:the|that)|or\b)")
"""The second half changes the first ("… actually, a rotation Wednesday"): one visit, not two."""
_SECOND = re.compile(r"^\W*(?:(?:ok(?:ay)?|good|great|perfect|cool|alright|yes|yeah|yep|um+|uh+|oh|so)"
                     r"\W+)*(?:and(?: then| also)?|also|then|plus|separately|second(?:ly)?|"
                     r"the other (?:one|thing))\b")
"""A message that opens as one more thing ("and then the detail …")."""


_MEET = re.compile(r"\b(?:sit down|meet|talk|consult\w*|come (?:in|by|out|over))\b")
"""A meeting asked for in words that name no kind of visit ("sit down about buying")."""
_BY_INTENT = {"buy": "buyer_consultation", "sell": "listing_appointment"}


def kind(u: Understanding) -> str | None:
    """The kind of visit asked for: the one named, or a buyer's or a seller's meeting asked for
    as such ("we'd like to sit down about buying, Saturday")."""
    if u.appointment_type is None and u.lead_intent in _BY_INTENT and _MEET.search(u.text.lower()):
        return _BY_INTENT[u.lead_intent]
    return u.appointment_type


def _work(u: Understanding) -> set[str]:
    """What a visit is for: its services, or its kind when no service is named."""
    if u.services:
        return set(u.services)
    return {said} if (said := kind(u)) not in {None, "service"} else set()


def _apart(first: Understanding, second: Understanding, *, alike: bool = False) -> bool:
    """Are these two visits, each with its own work and its own day or hour? (``alike``: the
    second said as another of the same kind: "one at nine-thirty and the other at ten-thirty")."""
    mine, theirs = _work(first), _work(second)
    if not mine or not theirs or not (alike or mine - theirs) or not (first.date or first.time):
        return False
    if second.date is not None and second.date != first.date:
        return True
    # (the same day, another hour: "an oil change Friday at nine, and … test drive the Outback, Friday
    # too, around five?")
    return second.time is not None and first.time is not None and second.time != first.time


_DAYS_AFTER = {"the day after": 1, "the next day": 1, "the following day": 1, "the week after": 7,
               "a week later": 7, "the following week": 7, "a week after": 7, "two weeks later": 14,
               "the week after that": 7}
_SAME_TIME = re.compile(r"\b(?:same time|same hour|the same time)\b")


def _after_the_first(second: Understanding, day: date | None, at: time | None) -> None:
    """Days and hours the second visit says by the first's ("and a tire rotation the week after,
    same time")."""
    low = second.text.lower()
    if second.date is None and day is not None and (
            days := next((n for said, n in _DAYS_AFTER.items() if said in low), None)):
        second.date = day + timedelta(days=days)
    if second.time is None and at is not None and _SAME_TIME.search(low):
        second.time = at


def split(text: str, read: Callable[[str], Understanding], earlier: str = "") -> Understanding | None:
    """Both visits in one message: the first one's understanding, with the second's words in
    ``visit_after`` (and its work taken out of the first), or None when it is one visit. A car
    named in the second half takes the work said of it here or in ``earlier`` messages."""
    low = text.lower()
    if len(_DAYISH.findall(low)) < 2:
        return None
    for cut in _CUT.finditer(low):
        before, after = low[: cut.start()], low[cut.end():]
        if not (_DAYISH.search(before) and _DAYISH.search(after)) or _CHANGE.search(after):
            continue
        first, second = read(text[: cut.start()]), read(text[cut.end():])
        if not _work(first) and _ANOTHER.search(after) and (
                said_kind := kind(read(text))) not in {None, "service"}:
            # "can we book both Saturday? one at ten and the other at eleven. two showings."
            first.appointment_type = said_kind
        _after_the_first(second, first.date, first.time)
        said = text[cut.end():].strip(" ,.;")
        alike = bool(_ANOTHER.search(after)) and bool(_work(first)) and _work(first) == _work(second)
        if not _work(first) and _MINE.match(before) and (mine := _work_of(_MY_CAR, earlier, read)):
            # "my car needs an oil change, and my husband's truck the tires rotated" … "Mine can be
            # Monday at eight, and his Tuesday at eight": whose car is whose work
            first.services, first.intent = sorted(mine), "book"
        if not _work(second) and (work := _work_of_car(after, f"{earlier} {before}", read)
                                  or (_WHOSE.match(after) and _work_of(_THEIR_CAR, earlier, read))
                                  or _another_alike(after, first)):
            first.dropped_services = sorted(work)
            # "my truck's due for its inspection … the oil change Wednesday at ten and the truck
            # Thursday at ten": the truck's work, said before; "the other one at ten-thirty"
            alike = work == _work(first)
            said = f"{_in_words(work)}: {said}"
            second = read(said)
            _after_the_first(second, first.date, first.time)
        if first.intent != "book" or not _apart(first, second, alike=alike):  # (a visit asked, not a story)
            continue
        first.services = [k for k in first.services if k not in second.services]
        first.appointment_type = kind(first)
        if first.services and first.appointment_type == "test_drive" == second.appointment_type:
            # "my wife's car needs its state inspection, and I also wanna … test drive it … the
            # inspection at like eight, and then drive the Camry after": the drive is the second's
            first.appointment_type = "service"
            if first.vehicle is not None and second.vehicle is not None and (
                    first.vehicle.model == second.vehicle.model):
                first.vehicle = None  # (the car on the lot is the drive's, not the one serviced)
        first.visit_after = said
        first.service_count = None  # ("two things: the inspection Monday, and then a detail Saturday")
        return first
    return None


_CAR_WORD = re.compile(r"\b(?:truck|suv|car|van|minivan|jeep|sedan|pickup|wagon|hatchback|motorcycle)\b")
_ANOTHER = re.compile(r"^\W*(?:the )?(?:other|second|next) (?:one|house|home|place|listing)?|"
                      r"^\W*another one\b|^\W*(?:and )?one at\b|"
                      # "the kelly lane one at ten and the pecan one at eleven": each named by its street
                      r"^\W*(?:and )?the [a-z]+(?: [a-z]+)? one (?:at|around|for|on)\b")


def _in_words(work: set[str]) -> str:
    """A visit's work as words to read again ("oil change and state inspection")."""
    return " and ".join(sorted(work)).replace("_", " ")


def _work_of_car(after: str, before: str, read: Callable[[str], Understanding]) -> set[str]:
    """The work said earlier of the car the second half names ("… the truck Thursday at ten")."""
    car = _CAR_WORD.search(after)
    if car is None:
        return set()
    for part in re.split(r"(?<=[.!?])\s+|,?\s+(?:and|but|plus)\s+", before):
        if re.search(rf"\b{car.group(0)}\b", part) and (services := read(part).services):
            return set(services)
    return set()


def _work_of(whose: re.Pattern[str], earlier: str, read: Callable[[str], Understanding]) -> set[str]:
    """The work said in an earlier message of the car ``whose`` names ("my car", "his truck")."""
    for part in re.split(r"(?<=[.!?])\s+|,?\s+(?:and|but|plus)\s+", earlier.lower()):
        if whose.search(part) and (services := read(part).services):
            return set(services)
    return set()


_MINE = re.compile(r"\W*(?:(?:ok(?:ay)?|so|um+|uh+|well)\W+)*(?:mine|my (?:car|truck|suv|van|one))\b")
_WHOSE = re.compile(r"\W*(?:and )?(?:then )?(?:his|hers|theirs|(?:my )?(?:husband|wife|son|daughter|partner|"
                    r"mom|dad)'?s)\b")
_MY_CAR = re.compile(r"\bmy (?:car|truck|suv|van|jeep|sedan|\w+)\b(?! (?:husband|wife|son|daughter))"
                     r"(?!'s)")
_THEIR_CAR = re.compile(r"\b(?:his|her|their|(?:husband|wife|son|daughter|partner|mom|dad|mother|father)'?s) "
                        r"(?:car|truck|suv|van|jeep|sedan|\w+)\b")


def _another_alike(after: str, first: Understanding) -> set[str]:
    """"the other one right after, at ten-thirty": one more of the first visit's kind."""
    work = _work(first)
    return work if _ANOTHER.search(after) and len(work) == 1 and not first.services else set()


_THE_OTHER = re.compile(r"\b(?:mine|his|hers|theirs|the other one|the other car|the second one|the other)\b")
"""The other one of two ("my Forester needs an oil change, and my son's F-150 is grinding" …
"mine first, Wednesday at noon" … "and his, Friday at four")."""


def later(s: ConversationState, u: Understanding, profile: BusinessProfile) -> bool:
    """Said while the first visit is still being settled: another visit of its own, on another
    day ("and then the detail — Saturday the eighteenth"). Work folded into the first visit
    from an earlier message leaves it for its own visit ("… and his, Friday at four": the work
    named last). True when taken as the second visit."""
    slots = s.booking_slots
    work = _work(u)
    text = u.text
    if not work and len(slots.services) >= 2 and _THE_OTHER.search(u.text.lower()) and (
            other := profile.service(slots.services[-1])) is not None:
        work, text = {other.key}, f"{other.name}: {u.text}"
    current = set(slots.services) or ({slots.appointment_type} - {None, "service"})
    if (s.appointment is not None or slots.visit_after or not slots.preferred_date or not work
            or u.date is None or u.date.isoformat() == slots.preferred_date
            or not (current - work) or not _SECOND.search(u.text.lower())
            or _CHANGE.search(u.text.lower())):
        return False
    slots.services = [k for k in slots.services if k not in work]
    slots.service_type = slots.services[0] if slots.services else slots.service_type
    slots.visit_after = text
    return True


def next_visit(s: ConversationState, read: Callable[[str], Understanding]) -> Understanding | None:
    """Once the first visit is booked: the second one's understanding, its slots started anew
    (who the caller is stays known), or None when no second visit waits."""
    slots = s.booking_slots
    if not slots.visit_after:
        return None
    text, slots.visit_after = slots.visit_after, None
    s.booking_slots = slots.dropped()
    second = read(text)
    second.appointment_type = kind(second)
    if (done := s.appointment) is not None:
        _after_the_first(second, date.fromisoformat(done.scheduled_date),
                         time.fromisoformat(done.scheduled_time))
    if second.date is None and s.appointment is not None:
        # "… then I wanna drive one of your Outbacks at nine while I'm waiting": the same day
        second.date = date.fromisoformat(s.appointment.scheduled_date)
    return second


_OF_THE_SECOND = re.compile(r"\b(?:the )?(?:second|other|later|last) one\b|"
                            r"\bthe (?:second|other) (?:visit|showing|appointment|house|home|meeting)\b")


def second_put_right(s: ConversationState, u: Understanding, read: Callable[[str], Understanding]) -> bool:
    """At the first visit's read back, a new day or hour for the second one, named by its work or
    as "the second one" ("can we do the test drive Saturday at five instead? keep the oil change
    Friday morning though", "let's move the second one to Monday, same time, eleven"): the second
    visit takes them, the first stands as read. True when so."""
    slots = s.booking_slots
    if not slots.visit_after or u.deny:
        return False
    second = read(slots.visit_after)
    theirs, mine = _work(second), set(slots.services) or ({slots.appointment_type} - {None, "service"})
    for sentence in re.split(r"(?<=[.?!])\s+", u.text):
        said = read(sentence)
        named = _work(said)
        if not (_OF_THE_SECOND.search(sentence.lower()) or (named & theirs and not named & mine)) or not (
                said.date or said.time):
            continue
        first_day = date.fromisoformat(slots.preferred_date) if slots.preferred_date else None
        day, at = said.date or second.date or first_day, said.time or second.time  # (the first's day, unsaid)
        if day is None or at is None:
            return False
        work = _in_words(theirs)
        car = f" of the {second.vehicle.make or ''} {second.vehicle.model or ''}".replace("  ", " ") if (
            second.vehicle and kind(second) == "test_drive") else ""
        slots.visit_after = f"{work}{car} on {day:%A, %B} {day.day} at {at:%I:%M %p}".replace(" 0", " ")
        return True
    return False


def both_said_back(s: ConversationState, u: Understanding, read: Callable[[str], Understanding]) -> bool:
    """A yes to a read back in a call of two visits that says both visits' days and hours ("yep.
    Saturday at ten, Monday at eleven. you got it"): the one read back is among them, so it is a yes."""
    slots = s.booking_slots
    if not u.affirm or u.deny or not (slots.visit_after or s.appointment is not None) or not (
            slots.preferred_date and slots.preferred_time):
        return False
    pieces = [read(piece) for piece in re.split(r"[,.;]|\band\b", u.text) if re.search(r"\w", piece)]
    said = [(p.date.isoformat() if p.date else None, p.time.strftime("%H:%M") if p.time else None)
            for p in pieces if p.date or p.time]
    return len(said) > 1 and any(at == slots.preferred_time and day in {None, slots.preferred_date}
                                 for day, at in said)
