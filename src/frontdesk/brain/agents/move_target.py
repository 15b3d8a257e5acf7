"""Which appointment a move is about, and the new day and time the caller's words give it:
said outright, said from the booking's own day or hour ("the Monday after", "an hour later"),
or said back to a read-back. Split from :mod:`.appointments` along the design: reading the new
time apart from running the change."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from frontdesk.brain.agents.appointment_words import (
    STANDS,
    _car_of,
    _is_car,
    _name_word_said,
    named_beside,
    without_the_ones_kept,
)
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import clock, when
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.change import When, split_change
from frontdesk.brain.nlu.relative import A_WEEK_ON, DAYS_ON, shift_hours
from frontdesk.brain.nlu.text import Utterance, normalise
from frontdesk.brain.nlu.understand import ADD_ON
from frontdesk.brain.nlu.when import WEEKDAY
from frontdesk.brain.state import Appointment, AppointmentDesk, ConversationState
from frontdesk.knowledge.profile import Department

SEPARATE_VISIT = re.compile(r"\b(?:(?:a|its|their) )?(?:separate|its own|their own) (?:time|appointment|appt|"
                            r"visit|day|trip|slot|drop-?off|booking)\b|\bseparately\b")
"""Work asked as a visit of its own, beside one on file ("I also want a separate time to get it
detailed")."""

def chosen_one(s: ConversationState) -> Appointment | None:
    """The appointment the change is about, once one of those found is chosen."""
    return next((a for a in s.desk.found if a.id == s.desk.chosen), None)


def told_one(s: ConversationState) -> Appointment | None:
    """The one appointment last told to the caller in this call, if one was."""
    said = next((d.removeprefix("told ") for d in reversed(s.desk.done) if d.startswith("told ")), None)
    found = [a for a in s.desk.found if str(a.id) == said] if said != "all" else s.desk.found
    return found[0] if len(found) == 1 else None


def wanted(s: ConversationState, ctx: TurnContext, current: When, target: When) -> When:
    """The new day and time in an answer about a move. Asked for the new time, the day said
    before the time is the new day too ("early next week's best. Tuesday, maybe nine
    thirty?"), unless it is the day the appointment has."""
    chosen = chosen_one(s)
    # ("keep the wednesday one thats fine but the rotation can we do the saturday after that"):
    # the days of the bookings said to stand are not the one moved
    own = without_the_ones_kept(ctx.u.text, s.desk.found, chosen, ctx).lower()
    if chosen is not None and A_WEEK_ON.search(own) and only_its_weekday(
            own, date.fromisoformat(chosen.scheduled_date)):
        # "same time next week", "push it back a week", "the Monday after, same time": the
        # appointment's own day, a week on
        said = target if target.given else current
        later = date.fromisoformat(chosen.scheduled_date) + timedelta(days=7)
        return When(later, said.time if said.date in {None, later} else None, said.part)
    if chosen is not None and target.time is None and (hours := shift_hours(ctx.u.text.lower())):
        # "can we do it an hour earlier instead", "push it back half an hour": from its own time
        at = datetime.combine(target.date or date.fromisoformat(chosen.scheduled_date),
                              time.fromisoformat(chosen.scheduled_time)) + timedelta(hours=hours)
        return When(at.date(), at.time(), None)
    if chosen is not None and (on := DAYS_ON.search(ctx.u.text.lower())):
        # "could you do the day after, same time?", "two days later": from its own day ("the day
        # after, the Friday": the Friday after it, not this one)
        days = 7 if on["week"] else 1 if on["next"] else {"a": 1, "one": 1, "two": 2, "three": 3}.get(
            on["count"] or on["by"] or on["bcount"] or ("a" if on["before"] else ""), 2)
        days = -days if on["before"] else days
        later = date.fromisoformat(chosen.scheduled_date) + timedelta(days=days)
        if target.date is None or target.date.weekday() == later.weekday():
            return When(later, target.time or time.fromisoformat(chosen.scheduled_time), None)
        if target.date.isoformat() == chosen.scheduled_date or (on["before"] and target.date.weekday() == (
                date.fromisoformat(chosen.scheduled_date).weekday())):
            # "… wednesday the twelfth at ten, can we push that back a day": its own day, named;
            # "I really need it the day before, 'cause I'm driving up to Dallas that friday": its
            # weekday, whichever week the words alone would give
            return When(later, time.fromisoformat(chosen.scheduled_time), None)
    if chosen is not None and not (target.date or current.date) and re.search(
            r"\b(?:that|the) same day\b|\bsame day\b(?! next)", ctx.u.text.lower()):
        # "do y'all have anything after five that same day?": its own day, another hour
        said = target if target.given else current
        return When(date.fromisoformat(chosen.scheduled_date), said.time, said.part)
    if not target.given:
        return current
    if target.date is None and current.date is not None and (
            chosen is None or current.date.isoformat() != chosen.scheduled_date):
        return When(current.date, target.time, target.part)
    if chosen is not None and target.time is not None and (
            later := later_hour(chosen, ctx.u.text, target.time)):
        target = When(target.date, later, target.part)
    old_day = chosen.scheduled_date if chosen is not None else None
    if target.date is not None and target.date.isoformat() == old_day and (
            re.search(r"\bnext (?:mon|tues|wednes|thurs|fri|satur|sun)day\b", ctx.u.text.lower())):
        # "it's Saturday; can we push it to next Saturday?": the one a week on, not the same day
        return When(target.date + timedelta(days=7), target.time, target.part)
    return target


def later_hour(chosen: Appointment, said: str, at: time) -> time | None:
    """"Monday after work … can we make that later, like seven?" of five o'clock: seven at
    night, the hour after the booking's own (None when the hour said needs no turning)."""
    own = time.fromisoformat(chosen.scheduled_time)
    if at.hour < 12 and re.search(r"\blater\b", said.lower()) and not re.search(
            r"\b(?:a\.?m|morning)\b", said.lower()) and at <= own < at.replace(hour=at.hour + 12):
        return at.replace(hour=at.hour + 12)
    return None


def only_its_weekday(text: str, day: date) -> bool:
    """Every weekday the message names is the appointment's own ("the Saturday after")."""
    return all(said[:3] == f"{day:%a}".lower() for said in re.findall(WEEKDAY, text))


def said_back(desk: AppointmentDesk, wanted: When, chosen: Appointment | None = None,
              said: str = "") -> bool:
    """The new day and time the caller names are the ones read back, nothing else (a move of
    the hour alone keeps the booking's own day: "monday one thirty, perfect")."""
    day = desk.new_date or (chosen.scheduled_date if chosen is not None and desk.new_time else None)
    at = desk.new_time or (chosen.scheduled_time if chosen is not None and desk.new_date else None)
    # ("one o'clock thursday yes ma'am" to Thursday the 20th read back: that Thursday, not this one;
    # "three o'clock on the first" names its own day)
    weeks = {0, 7} if _BARE_WEEKDAY.search(said) and not _DAY_OF_MONTH.search(said) else {0}
    # ("yeah to in the afternoon thats fine" to 2 PM read back: the part of the day it is in)
    first, last = _PART_HOURS.get(wanted.part or "", (0, 0))
    part_fits = wanted.part is None or (
        wanted.time is None and at is not None and first <= int(at[:2]) < last)
    return (day is not None and at is not None and part_fits
            and (wanted.date is None or abs((wanted.date - date.fromisoformat(day)).days) in weeks)
            and (wanted.time is None or wanted.time.strftime("%H:%M") == at or (
                # "seven's good" to 7 PM read back: the hour said without a part of the day
                not _PART_SAID.search(said) and wanted.time.minute == int(at[3:])
                and wanted.time.hour % 12 == int(at[:2]) % 12)))


_PART_HOURS = {"morning": (0, 12), "afternoon": (12, 17), "evening": (17, 24)}
_PART_SAID = re.compile(r"\b(?:a\.?m|p\.?m|morning|afternoon|evening|night|tonight|noon)\b")
_BARE_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_DAY_OF_MONTH = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
                           r"eighth|ninth|tenth|\w+teenth|twentieth|thirtieth|twenty[- ]\w+|thirty[- ]first|"
                           r"next|this)\b|"
                           r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")


def both_hours_said(text: str, new: time) -> bool:
    """Does the answer name the move's new hour and another one beside it?"""
    # ("make it eleven, not ten": the hour read back, taken back, is no yes to it)
    hours = re.findall(r"\b(not |instead of |rather than )?(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:st|nd|rd|th)\b)",
                       normalise(text).numeric)
    said = {(int(h) % 12, int(m or 0)) for _, h, m in hours}
    taken_back = {(int(h) % 12, int(m or 0)) for no, h, m in hours if no}
    return len(said) > 1 and (new.hour % 12, new.minute) in said - taken_back


def both_hours_confirmed(desk: AppointmentDesk, text: str) -> bool:
    """"four and four thirty thursday", "yep, that's right, Tuesday nine and nine thirty" to a move
    read back beside another booking or a next visit: the move's hour, and the other's."""
    return desk.action == "move" and bool(desk.new_time) and bool(
        desk.then_book or desk.every or desk.queued
        or re.match(r"\W*(?:yes|yeah|yep|yup|right|correct|perfect|sure)\b", text.lower())) and (
        both_hours_said(text, time.fromisoformat(desk.new_time or "00:00")))


_MOVED_UP = re.compile(r"\bearlier\b|\b(?:bump|move|pull|scoot|push)\w* (?:\w+ ){0,3}up\b")


def nearer_its_day(new: date, booked: date, text: str, sooner: bool = False) -> date:
    """A weekday said bare for a booking a week or so off is the one nearest it: "I've got a
    listing appointment next Wednesday at four. Could we do Thursday at four instead?" is the
    Thursday after it, not this one; unless sooner was asked ("a week from Tuesday … anything
    sooner?" … "Thursday would be amazing": this Thursday)."""
    if sooner and new < booked:
        return new
    weekday = f"{new:%A}".lower()
    if new <= booked and re.search(rf"\bfollowing {weekday}\b|\b{weekday} (?:after|following)"
                                   rf"(?: (?:that|it|this))?(?=\s*(?:[,.?!]|$|at\b|same\b))", text.lower()):
        # "I got the brakes on the twenty-second, I need to slide that to the following Tuesday":
        # the Tuesday after it
        return booked + timedelta(days=(new.weekday() - booked.weekday()) % 7 or 7)
    if new < booked and (booked - new).days >= 4 and _MOVED_UP.search(text.lower()) and not re.search(
            r"\b(?:this|this coming|tomorrow)\b", text.lower()):
        # "can we move my rotation up? it's on the 4th … Tuesday would be better": the Tuesday
        # before it, not the one nearest today
        return booked - timedelta(days=(booked.weekday() - new.weekday()) % 7 or 7)
    if new >= booked or (booked - new).days < 4 or re.search(
            r"\b(?:today|tomorrow|this week|same day|earliest|soonest|sooner|asap)\b", text.lower()):
        return new  # ("… the sit-down that same day, Thursday, right after the showing": that Thursday)
    if not re.search(rf"(?<!this )(?<!next )(?<!coming )\b{weekday}s?\b(?!,? (?:the )?\d)", text.lower()):
        return new
    # (a booking weeks off: "move them both to Saturday" of Friday the 22nd is the 23rd)
    return min((new + timedelta(days=7 * weeks) for weeks in range(9)), key=lambda d: abs((d - booked).days))


def the_others_moved_by(desk: AppointmentDesk, a: Appointment, moved: Appointment) -> list[str]:
    """Every booking found moved together ("we need to push both of em a hour later same day",
    "I gotta move both of those to thursday. same times", "both showings off of saturday …
    monday's fine then"): the others by as much as this one moved, as the changes queued after
    it ("move property_showing 2027-05-07 11:00")."""
    by = datetime.fromisoformat(f"{moved.scheduled_date}T{moved.scheduled_time}") - datetime.fromisoformat(
        f"{a.scheduled_date}T{a.scheduled_time}")
    return [f"move {o.service_type or o.appointment_type} {at:%Y-%m-%d %H:%M}" for o in desk.found
            if o.id != a.id and o.status == "scheduled" and (
                at := datetime.fromisoformat(f"{o.scheduled_date}T{o.scheduled_time}") + by)]


def the_offered_weekday(offered: list[str], day: date, said: str) -> date:
    """A weekday said bare to times offered on that weekday is the day offered ("closed Sundays …
    Monday, October 4 at 10:30?" — "monday's fine then, same times": the fourth, not this Monday)."""
    if re.search(r"\b(?:this|next|\d{1,2}(?:st|nd|rd|th))\b", normalise(said).numeric):
        return day
    return next((d for o in offered if (d := date.fromisoformat(o[:10])).weekday() == day.weekday()), day)


YES_AND_HOUR = re.compile(r"(?:(?:yes|yeah|yep|yup|sure|ok|okay|at|um|uh)\W+)*"
                          r"(?P<h>1[0-2]|[1-9])(?::(?P<m>\d\d))?(?:\W+(?:yes|yeah|yep|yup|sure|ok|okay|please|then))*")
"""An hour with a yes around it ("eleven yeah", "yeah at eleven")."""


def car_answered(found: list[Appointment], text: str, ctx: TurnContext) -> list[Appointment]:
    """Asked which booking, "the Odyssey one. the Camry one can stay": the one whose car is said,
    not the one said to stand."""
    cars = [car for clause in re.split(r"[.;!?]|\bbut\b", text.lower()) if not STANDS.search(clause)
            and (car := _car_of(normalise(clause), ctx))]
    return [a for a in found if any(_is_car(a, car) for car in cars)]


_PAIRED = re.compile(r"\b(\d{1,2})(?::(\d{2}))?(?: one| o'?clock)?,? (?:to|over to|goes to|moves? to|at) "
                     r"(\d{1,2})(?::(\d{2}))?\b")


def paired_moves(found: list[Appointment], said: str) -> list[tuple[Appointment, time]]:
    """"the nine thirty to two, and the ten thirty to three": each booking named by its hour, with
    its new hour (empty unless every pair names a different booking on file)."""
    pairs = []
    for m in _PAIRED.finditer(normalise(said).numeric):
        mine = [a for a in found if int(a.scheduled_time[:2]) % 12 == int(m[1]) % 12
                and int(a.scheduled_time[3:]) == int(m[2] or 0)]
        hour = int(m[3]) + (12 if 1 <= int(m[3]) <= 6 else 0)
        if len(mine) != 1 or hour > 23:
            return []
        pairs.append((mine[0], time(hour, int(m[4] or 0))))
    return pairs if len(pairs) > 1 and len({a.id for a, _ in pairs}) == len(pairs) else []


def take_pairs(desk: AppointmentDesk, pairs: list[tuple[Appointment, time]]) -> Appointment:
    """The first pair's move set up to be read back, the others queued after it."""
    (first, at), rest = pairs[0], pairs[1:]
    desk.chosen, desk.new_date, desk.new_time = first.id, first.scheduled_date, at.strftime("%H:%M")
    desk.part, desk.latest, desk.offered = None, False, []
    desk.queued = [f"move {a.service_type or a.appointment_type} {a.scheduled_date} {t:%H:%M}"
                   for a, t in rest]
    return first


def later_hour_of(desk: AppointmentDesk, chosen: Appointment, said: str) -> None:
    """The move's new hour turned to the evening when said "later" than the booking's own."""
    if desk.action == "move" and desk.new_time and (
            later := later_hour(chosen, said, time.fromisoformat(desk.new_time))):
        desk.new_time = later.strftime("%H:%M")


def department_of(ctx: TurnContext, a: Appointment) -> Department | None:
    """The department a booking on file belongs to."""
    if a.department and a.department in ctx.profile.departments:
        return ctx.profile.departments[a.department]
    return ctx.profile.department_for(a.appointment_type)


def adds_work(a: Appointment, ctx: TurnContext) -> bool:
    """The message that asked about this service visit also asks for more work on it ("I got the
    oil change set for Saturday and while it's in there I want 'em to rotate the tires too"): the
    caller's words become a request to add that work to the same drop-off."""
    u = ctx.u
    extra = [sv for sv in u.services if sv not in {a.service_type, *a.services}]
    if not (extra and ctx.profile.kind == "dealership" and ADD_ON.search(u.text.lower())) or (
            SEPARATE_VISIT.search(u.text.lower())):
        return False  # ("… that stays, but I also want a separate time to get it detailed": its own visit)
    # ("… and I also need an oil change, can y'all just do both at once?": both is the one on
    # file and this one)
    u.intent, u.services, u.service_count = "book", extra, None
    u.flags.add("add_to_visit")
    return True


_SIDE_WORDS = (("listing_appointment", re.compile(r"\b(?:sell\w*|listing|the house one|"
                                                  r"our (?:house|place|home))\b")),
               ("buyer_consultation", re.compile(r"\b(?:buy\w*|consult\w*|sit-?down)\b")),
               ("property_showing", re.compile(r"\b(?:showing|tour|see (?:the|a) house)\b")))
"""Which kind of meeting a clause names by what it is for ("the house one", "the buying meeting")."""


def _by_what(found: list[Appointment], said, ctx: TurnContext) -> list[Appointment]:
    """The bookings a clause names by what they are: the work, the kind of meeting, the car."""
    services = ex.extract_services(said, ctx.profile)
    kinds = {key for key, words in _SIDE_WORDS if words.search(said.lower)}
    car = _car_of(said, ctx)
    named = [a for a in found if (services and a.service_type in services) or a.appointment_type in kinds
             or (car is not None and _is_car(a, car))]
    # ("then the inspection right after at eight thirty": a word of its service's name)
    return named or [a for a in found if _name_word_said(a, found, said.lower, ctx)]


_HOUR_FOR = re.compile(r"\W*(?:like |maybe |say |then )?(\d{1,2})(?::(\d{2}))?\s+(?:for|on|with)\b")
"""An hour said first, then the booking it is for ("nine for the battery and ten for the oil")."""


def that_day_said(s: ConversationState, text: str, ctx: TurnContext) -> date | None:
    """"That Friday" said of the Friday the caller named before ("work gave me Friday the 17th
    off … could you put both on that Friday morning?"): that date."""
    that = re.search(rf"\bthat ({WEEKDAY})\b", text.lower())
    if that is None:
        return None
    for m in reversed([m for m in s.messages[:-1] if m.role == "user"][-3:]):
        said = normalise(m.content).numeric
        for span in reversed(list(when.DATE_SPAN.finditer(said))):
            day = when.extract_date(Utterance(*[span.group(0)] * 3), ctx.today, _single=True)
            if day is not None and f"{day:%A}".lower() == that[1]:
                return day
    return None


def each_its_own(text: str, found: list[Appointment], ctx: TurnContext,
                 said_before: date | None = None) -> list[tuple[Appointment, When]]:
    """Two bookings moved in one breath, each to its own time ("can we move them both to the 30th?
    the house one at ten and the buying meeting at noon", "the detail to Saturday at eight and the
    oil change to Monday at noon"): each booking with its new day and hour (the day said once for
    both), or nothing when fewer than two are told apart."""
    if len(found) < 2:
        return []
    both_on = said_before or split_change(text, ctx.today)[1].date or (
        # "could you put both on that Friday morning? oil change at eight, …": the day said for both
        when.extract_date(normalise(text), ctx.today) if re.search(r"\bboth\b|\ball of (?:them|'?em)\b",
                                                                  text.lower()) else None)
    pairs: list[tuple[Appointment, When]] = []
    for clause in re.split(r"[.;?!]\s+|,\s*|\s+and\s+", text.lower()):
        said = normalise(clause)
        named = _by_what(found, said, ctx)
        # ("the buying meeting at noon": the hour of the meeting named, no other errand's)
        bare = normalise(re.sub(r"\b(?:meeting|appointment|appt|consultation|showing)\b", " ", clause))
        day, at = when.extract_date(said, ctx.today), clock.extract_time(bare)
        if at is None and (alone := _HOUR_FOR.match(bare.numeric)):
            at = clock.clock(int(alone[1]), int(alone[2] or 0), None)  # "nine for the battery"
        if len(named) != 1 or named[0] in (a for a, _ in pairs) or (day is None and at is None):
            continue
        if day is not None and not re.search(r"\d(?:st|nd|rd|th)\b", said.numeric) and (
                on := [b for b in found if b is not named[0]
                       and date.fromisoformat(b.scheduled_date).weekday() == day.weekday()]):
            day = date.fromisoformat(on[0].scheduled_date)  # "swap them … the brakes Tuesday": the other's
        new = When(day or both_on, at)
        if (new.date is None or new.date.isoformat() == named[0].scheduled_date) and (
                at is None or at.strftime("%H:%M") == named[0].scheduled_time):
            continue  # "the detail tomorrow morning … a week later on both": the booking as it is
        pairs.append((named[0], new))
    return pairs if len(pairs) >= 2 else []


def queued_moves(pairs: list[tuple[Appointment, When]]) -> list[str]:
    """The moves after the first, as the desk queues them ("move buyer_consultation 2027-11-30 12:00")."""
    return [f"move {a.service_type or a.appointment_type} {w.date.isoformat() if w.date else '-'} "
            f"{w.time.strftime('%H:%M') if w.time else '-'}" for a, w in pairs]


def beside_the_other(a: Appointment, found: list[Appointment], text: str, ctx: TurnContext) -> When | None:
    """Where a booking moved "right after the oil change" goes: on that one's day, as it ends (or,
    "right before", as this one must start to end when it begins; "into the detail's spot", when
    that one was)."""
    beside = named_beside(text, [f for f in found if f.id != a.id], ctx)
    if beside is None:
        return None
    other, side = beside
    starts = datetime.combine(date.fromisoformat(other.scheduled_date),
                              time.fromisoformat(other.scheduled_time))
    at = {"after": starts + timedelta(minutes=other.duration_min), "same": starts,
          "before": starts - timedelta(minutes=a.duration_min)}[side]
    return When(date=at.date(), time=at.time())


def onto_its_day(desk: AppointmentDesk, beside: When) -> When:
    """The move's new time beside another booking: that one's day and the hour by it, or the hour
    the caller said (on that day, when they named its weekday or none)."""
    if not desk.new_time:
        return beside
    said = date.fromisoformat(desk.new_date) if desk.new_date else None
    day = beside.date if said is None or (beside.date and said.weekday() == beside.date.weekday()) else said
    return When(date=day, time=time.fromisoformat(desk.new_time))


def set_target(s: ConversationState, wanted: When) -> None:
    """Set the move's new day and time (those not said stay as they were)."""
    desk = s.desk
    before = (desk.new_date, desk.new_time)
    if wanted.date is not None:
        desk.new_date = wanted.date.isoformat()  # the new hour, if one was said, stays ("eleven" … "friday")
    if wanted.time is not None:
        desk.new_time = wanted.time.strftime("%H:%M")
    desk.part = wanted.part if wanted.time is None else None
    desk.latest = desk.latest and wanted.time is None
    desk.offered = []
    if s.awaiting == "confirm_change" and (desk.new_date, desk.new_time) != before:
        s.last_ask = None  # another time to read back is a new question, not the same one again
