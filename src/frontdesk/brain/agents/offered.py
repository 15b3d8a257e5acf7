"""The times offered to the caller, and which of them the caller takes: "the first one", "2:30
works", "whichever", "which of those is sooner?", "the latest you have"."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_list, say_on_date, say_slot, say_time
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.nlu.pauses import without_pauses
from frontdesk.brain.state import ConversationState

AGENT = "scheduling"
"""The questions asked here are the scheduling agent's."""

_NOT_A_CHOICE = r"(?!\s+(?:week|month|year|time|night|minute|thing(?! (?:you|u) (?:said|mentioned))|resort))"
_LATER_ONE = re.compile(rf"\b(?:second|later|latest|last|latter|other|2nd(?= (?:one|option)))"
                        rf"{_NOT_A_CHOICE}\b")
_FIRST_ONE = re.compile(rf"\b(?:first|earlier|earliest|former|sooner|soonest|1st(?= (?:one|option)))"
                        rf"{_NOT_A_CHOICE}\b")


_WHICH_SOONER = re.compile(r"\bwhich (?:of (?:those|them|the two|these)|one|time)?\s*(?:is|'s|would be|comes|"
                           r"works out) (?:the )?(sooner|earlier|first|earliest|soonest|later|last|latest)\b")


_LAST_OF_DAY = re.compile(r"\b(?:of the day|latest (?:\w+ )?(?:i|we|you|y'?all)\b|how late|as late as|"
                          r"latest (?:possible|available))")
"""The day's last opening asked for, not the later of the times just offered."""


def which_sooner(s: ConversationState, ctx: TurnContext) -> bool:
    """"Which of those is sooner?" asked of the times just offered: that one, put first, so a
    yes takes it."""
    offered = sorted(datetime.fromisoformat(o) for o in s.booking_slots.offered)
    found = _WHICH_SOONER.search(ctx.u.text.lower())
    if not offered or found is None:
        return False
    later = found.group(1) in {"later", "last", "latest"}
    chosen = offered[-1] if later else offered[0]
    s.booking_slots.offered = [o.isoformat() for o in [chosen, *(o for o in offered if o != chosen)]]
    ctx.ask(s, "pick_alternative", AGENT, "which_sooner", which="later" if later else "sooner",
            slot=say_slot(chosen, ctx.today))
    return True


OPENING = re.compile(r"\b(?:first thing|(?:when|whenever|as soon as|right when) (?:you|y'?all|you guys|"
                      r"the doors?) (?:open|opens)|earliest|as early as)\b")
"""The day's first opening asked for ("first thing when you open")."""


def offered_already(s: ConversationState, ctx: TurnContext, last: datetime) -> bool:
    """The day's last opening was among the times just offered, and the caller took it ("then
    whatever's the latest"), not asked what it is ("what's the latest I could do?")."""
    offered = {datetime.fromisoformat(o).replace(tzinfo=None) for o in s.booking_slots.offered}
    return last.replace(tzinfo=None) in offered and not (ctx.u is not None and ctx.u.is_question)


def pick_offered(offered: list[datetime], u: Understanding) -> datetime | None:
    """Which of the times ``offered`` the caller took: "the first one", "2:30 works", "yes"."""
    if not offered:
        return None
    text = without_pauses(u.text.lower())  # "sorry, one second" picks nothing
    if u.time:
        same = [o for o in offered if o.time() == u.time and (not u.date or o.date() == u.date)]
        if not same and not re.search(r"\b(?:a\.?m|p\.?m|morning|afternoon|evening|tonight)\b", text):
            # "like seven then?" to 5 or 7 PM offered: the hour offered, whichever half of the day
            same = [o for o in offered if (o.hour % 12, o.minute) == (u.time.hour % 12, u.time.minute)
                    and (not u.date or o.date() == u.date)]
        return same[0] if same else None
    if u.date:
        same_day = [o for o in offered if o.date() == u.date]
        if "latest" in u.flags or OPENING.search(text) or (u.window and not any(
                u.window.start <= o.time() < u.window.end
                                                         for o in same_day)):
            return None  # "Monday then, end of day, your last one": not the 9 AM offered for Monday
        return same_day[0] if same_day else None
    if "latest" in u.flags and _LAST_OF_DAY.search(text):
        return None  # "what's the latest I could do?": the day's last opening, not the later one offered
    if (number := _NUMBERED.search(text)) and (n := _NUMBERS[number.group(1)]) <= len(offered):
        return offered[n - 1]  # "option two", "number 1"
    if _LATER_ONE.search(text) and len(offered) > 1:
        return offered[-1]
    if (_FIRST_ONE.search(_FIRST_ADVERB.sub(" ", text)) and not u.deny) or u.affirm or _EITHER.search(text):
        return offered[0]  # "whichever, doesn't matter": the first, the soonest
    return None


_FIRST_ADVERB = re.compile(r"\b(?:try|trying|do|doing|check|checking|talk|talking|ask|asking|see|think|call|"
                           r"go|going|look|looking|wait|sleep|run|get|sell|buy|fix|ring)\b(?: [\w']+){0,4}? "
                           r"first\b(?! (?:one|option|time|slot|opening|thing|available|"
                           r"of (?:those|them|the)))")
""""First" said of something the caller does before ("I'll try the parts store first", "talk to my
wife first"): no choice of the times offered."""
_SAME_TIME = re.compile(r"\bsame (?:time|hour)\b")
_DAY_FROM_IT = re.compile(r"\bthe (?:day|one) (?:after|before)\b(?! tomorrow)")
_NUMBERED = re.compile(r"\b(?:number|option|choice|slot) (one|two|three|1|2|3)\b")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}
_EITHER = re.compile(r"\b(?:whichever|either (?:one|is|works|way)|any of (?:them|those|these)|"
                     r"(?:doesn'?t|don'?t) (?:really )?(?:matter|care)|you (?:pick|choose|decide)|"
                     r"up to you|dealer'?s choice|whatever(?:'s| is)? (?:easier|best|fine|works))\b")


def take_offered(s: ConversationState, ctx: TurnContext) -> bool:
    """Resolve "the first one", "2:30 works", "yes" against the alternatives offered. "Same
    time" is the hour the caller asked for before the offer ("then just do the day after, Tuesday
    the first, same time": 10, not the 9:30 offered first)."""
    offered = [datetime.fromisoformat(o) for o in s.booking_slots.offered]
    u = ctx.u
    if u.time is None and (before := s.booking_slots.preferred_time or s.booking_slots.asked_time) and (
            _SAME_TIME.search(u.text.lower())):
        if u.date is None and _DAY_FROM_IT.search(u.text.lower()):
            s.booking_slots.preferred_time = before  # "the day after, same time": from the day asked
            return False
        asked = time.fromisoformat(before)
        choice = next((o for o in offered if o.time() == asked and (not u.date or o.date() == u.date)), None)
        if choice is None:
            s.booking_slots.preferred_time = before  # that hour on the day named, if it is open
            return False
    else:
        choice = pick_offered(offered, u)
    if choice is None:
        return False
    s.booking_slots.preferred_date = choice.date().isoformat()
    s.booking_slots.preferred_time = choice.strftime("%H:%M")
    return True


def spread(slots: list[datetime]) -> list[datetime]:
    """Two well-separated options from a day's open slots (first, and one a bit later)."""
    if len(slots) <= 2:
        return slots
    later = [x for x in slots if (x - slots[0]).total_seconds() >= 2 * 3600]
    return [slots[0], later[0] if later else slots[1]]


def _across(slots: list[datetime]) -> list[datetime]:
    """Up to three of ``slots`` across their span (the first, one in the middle, the last), so
    the caller hears how the rest of the day looks, not three times half an hour apart."""
    if len(slots) <= 3:
        return slots
    return [slots[0], slots[len(slots) // 2], slots[-1]]


def visit_minutes(profile, slots) -> int:
    """Minutes for the visit: every service's time together, else the appointment type's."""
    total = sum(sv.duration_min for k in slots.services if (sv := profile.service(k)))
    return total or profile.duration_min(slots.appointment_type, slots.service_type) or 30


async def more_times(s: ConversationState, ctx: TurnContext) -> bool:
    """"What else do you have?", "anything later?" asked of the times just offered: the day's
    other openings (later or earlier ones when asked so), or, when the day has no more, the next
    day's; said so when there are none at all. Whether it was answered."""
    which = next((w for w in ("later", "earlier", "other") if f"{w}_times" in ctx.u.flags), None)
    offered = sorted(datetime.fromisoformat(o) for o in s.booking_slots.offered)
    appt = ctx.profile.appointment_type(s.booking_slots.appointment_type)
    if which is None or not offered or appt is None or (ctx.u.time and (
            ctx.u.time not in {o.time() for o in offered}
            or not re.search(r"\b(?:early|late)\b", ctx.u.text.lower()))):
        # ("anything later, like three?": three asked for; "anything a little later? like
        # eleven-ish?" to 9 or 11: the 11 offered, taken; "nine thirty's a bit early": not it)
        return False
    department = ctx.profile.departments[appt.department]
    duration = visit_minutes(ctx.profile, s.booking_slots)
    day = (offered[-1] if which == "later" else offered[0]).date()
    taken = {o.replace(tzinfo=None) for o in offered}
    rest = [o for o in await ctx.availability.open_slots(department, day, duration)
            if o.replace(tzinfo=None) not in taken]
    if which == "later":
        rest = [o for o in rest if o.replace(tzinfo=None) > offered[-1].replace(tzinfo=None)]
    elif which == "earlier":
        rest = [o for o in rest if o.replace(tzinfo=None) < offered[0].replace(tzinfo=None)]
    on_date = say_on_date(day, ctx.today)
    if rest:
        apart = [o for o in rest if all(abs((o - x).total_seconds()) >= 3600 for x in offered)]
        chosen = _across(apart or rest)
        s.booking_slots.offered = [o.isoformat(timespec="minutes") for o in chosen]
        ctx.ask(s, "pick_alternative", AGENT, f"offer_{which}_times", on_date=on_date,
                on_date_cap=on_date[:1].upper() + on_date[1:],
                slots=say_list([say_time(o.time()) for o in chosen]))
        return True
    anchor = datetime.combine(day + timedelta(days=-1 if which == "earlier" else 1), time(9, 0))
    others = [o for o in await ctx.availability.nearest(department, anchor, duration, count=2)
              if (o.date() < day if which == "earlier" else o.date() > day)
              and o.replace(tzinfo=None) not in taken][:2]
    if others:
        s.booking_slots.offered = [o.isoformat(timespec="minutes") for o in others]
        other_on = say_on_date(others[0].date(), ctx.today)
        same_day = all(o.date() == others[0].date() for o in others)
        times = say_list([say_time(o.time()) for o in others])
        then = (f"{other_on[:1].upper() + other_on[1:]} I have {times}"
                if same_day else f"I could do {say_list([say_slot(o, ctx.today) for o in others])}")
        ctx.ask(s, "pick_alternative", AGENT, f"no_{which}_times_other_day", on_date=on_date, then=then)
        return True
    ctx.ask(s, "pick_alternative", AGENT, "no_other_times", on_date=on_date,
            slots=say_list([say_time(o.time()) for o in offered]))
    return True
