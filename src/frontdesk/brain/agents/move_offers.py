"""The new times offered for a booking being moved: the open ones of the day asked for, the
latest when asked, the nearest when the day is full or closed (used by :mod:`.appointments`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from frontdesk.brain.agents.appointment_words import LATER_ON
from frontdesk.brain.agents.booking_said import facts, start_of
from frontdesk.brain.agents.desk_calls import callback_reason
from frontdesk.brain.availability import AvailabilityCalendar, closed_reply
from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_date, say_list, say_on_date, say_slot, say_time
from frontdesk.brain.nlu.clock import TimeWindow
from frontdesk.brain.state import Appointment, ConversationState
from frontdesk.knowledge.profile import Department

AGENT = "appointments"


async def offer_earliest(s: ConversationState, ctx: TurnContext, a: Appointment,
                         department: Department) -> None:
    """The soonest openings for a move with no day asked ("whenever's first", "anything sooner?"),
    or from the day after its own ("later in the week? what do you have?")."""
    availability = AvailabilityCalendar(ctx.profile, ctx.calendar, ctx.now, ignore=a.id)
    start = ctx.now
    if LATER_ON.search(ctx.u.text.lower()):
        start = datetime.combine(date.fromisoformat(a.scheduled_date) + timedelta(days=1),
                                 time.fromisoformat(a.scheduled_time), tzinfo=ctx.now.tzinfo)
    nearest = [o for o in await availability.nearest(department, start, a.duration_min, count=3)
               if o != start_of(a)][:2]
    if s.desk.sooner:
        was = say_slot(start_of(a), ctx.today)
        if not (nearest := [o for o in nearest if o < start_of(a)]):
            ctx.ask(s, "date", AGENT, "appt_none_sooner", was=was, **facts(a, ctx))
            return
        offer(s, ctx, "appt_offer_sooner", nearest, nearest[0].date(), was=was)
        return
    if not nearest:
        s.callback_reason = callback_reason(s)
        ctx.ask(s, "offer_callback", "faq", "no_availability")
        return
    offer(s, ctx, "pick_which", nearest, nearest[0].date())


def bounds(ctx: TurnContext) -> TimeWindow | None:
    """A bound on the new time said with the move ("anytime from two on", "before noon"); a
    part of the day is the desk's ``part``."""
    window = ctx.u.window
    return window if window and window.label.startswith(("after ", "before ", "between ")) else None


async def offer_day(s: ConversationState, ctx: TurnContext, availability: AvailabilityCalendar,
                     department: Department, day: date, a: Appointment) -> None:
    old = start_of(a)
    window = bounds(ctx)  # "anything open Tuesday? anytime from two on works"
    open_today = [o for o in await availability.open_slots(
        department, day, a.duration_min, s.desk.part,
        window=(window.start, window.end) if window and not s.desk.part else None) if o != old]
    if open_today and s.desk.latest:
        offer(s, ctx, "offer_latest", open_today[-1:], day)  # "what's the latest you got tomorrow?"
        return
    if open_today:
        later = [o for o in open_today if (o - open_today[0]).total_seconds() >= 2 * 3600]
        offer(s, ctx, "offer_slots", [open_today[0], later[0] if later else open_today[-1]]
               if len(open_today) > 2 else open_today, day)
        return
    nearest = [o for o in await availability.nearest(department, datetime.combine(day, old.time()),
                                                     a.duration_min, count=3) if o != old][:2]
    nearest = await off_its_own_day(availability, department, datetime.combine(day, old.time()), a, nearest)
    if not nearest:
        s.callback_reason = callback_reason(s)
        ctx.ask(s, "offer_callback", "faq", "no_availability")
        return
    key, values = closed_reply(ctx.profile, department, day)
    offer(s, ctx, key, nearest, day, weekday=f"{day:%A}", **values)


async def off_its_own_day(availability: AvailabilityCalendar, department: Department, start: datetime,
                          a: Appointment, alternatives: list[datetime]) -> list[datetime]:
    """The times offered instead of another day asked for, none on the day the booking is moved
    off ("we gotta move both showings off of saturday … can we do sunday?": not Saturday again)."""
    own = start_of(a).date()
    if start.date() == own or all(o.date() != own for o in alternatives):
        return alternatives
    nearest = await availability.nearest(department, start, a.duration_min, count=8)
    return [o for o in nearest if o.date() != own][:2] or alternatives


def offer(s: ConversationState, ctx: TurnContext, key: str, slots: list[datetime], day: date,
           **values: object) -> None:
    on_date = say_on_date(day, ctx.today)
    values.update(date=say_date(day, ctx.today), on_date=on_date,
                  on_date_cap=on_date[:1].upper() + on_date[1:])
    s.desk.offered = [o.isoformat(timespec="minutes") for o in slots]
    if key in {"offer_slots", "offer_latest"} and all(o.date() == day for o in slots):
        phrase = say_list([say_time(o.time()) for o in slots])
    else:
        phrase = say_list([say_slot(o, ctx.today) for o in slots])
    ctx.ask(s, "pick_alternative", AGENT, key, slots=phrase, **values)
