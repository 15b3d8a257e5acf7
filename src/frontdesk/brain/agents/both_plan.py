"""Two bookings on file lined up in one message, read as one plan for both: swapped ("can you flip
those? the consultation at ten and the house at three"), both pushed by as much ("could you just
push both of them back an hour?"), one cancelled and the other moved ("scrap the detail. and the
oil change, can it be the Friday instead? at nine, where the detail was"), or one put beside the
other ("the same day as the oil change, right after it? eleven"). The first change of the
plan is read back and the second is queued behind it (``AppointmentDesk.queued``), so each is
confirmed before it is made."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from frontdesk.brain.agents import desk_calls
from frontdesk.brain.agents.appointment_words import STANDS, _named_in
from frontdesk.brain.agents.booking_said import start_of
from frontdesk.brain.agents.change_queue import queued_cancel
from frontdesk.brain.agents.move_target import _by_what, nearer_its_day
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import clock, when
from frontdesk.brain.nlu.change import When, split_change
from frontdesk.brain.nlu.own_booking import CANCEL_TAKEN_BACK
from frontdesk.brain.nlu.relative import A_WEEK_ON, shift_hours
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.state import Appointment, ConversationState

SWAP = re.compile(r"\b(?:flip|swap|switch|trade|reverse|exchange)(?:ped)? (?:those|them|these|'?em|"
                  r"the two|both|the (?:two )?(?:days|times|slots|order|appointments|bookings))"
                  r"(?: (?:two|around))?\b|"
                  r"\b(?:switch|swap|flip) (?:them|those|'?em) (?:around|over)\b")
"""Two bookings' places traded ("can you flip those?", "swap the days", "trade them")."""
_BOTH = re.compile(r"\b(?:both|everything|the two|them both|each of them|them all|"
                   r"all (?:of (?:them|'?em)|two|three|my|our|the))\b")
"""Every booking said at once ("both of them", "everything"; not "after all")."""
_CANCEL = re.compile(r"\b(?:cancel|scrap|scratch|drop(?![- ]off)|nix|forget|skip|call off|get rid of|"
                     r"(?:won'?t|don'?t|do not|no longer) need)\b")
_MOVE = re.compile(r"\b(?:move|push|bump|slide|shift|put|go|take over|come forward|be|do|instead|earlier|"
                   r"later|reschedule|change (?:it|that|the (?:day|time)))\b")
_ITS_SLOT = re.compile(r"\b(?:that|its|it'?s|the same|[\w-]+'s (?:old|usual)) "
                       r"(?:slot|spot|time|place|opening)\b|"
                       r"\bwhere (?:the|that) [\w' ]{2,30} (?:was|is)\b|\btake over\b|"
                       r"\bslide into (?:that|its)\b|\bin (?:its|it'?s) place\b")
"""The cancelled booking's place, taken by the other ("where the detail was", "that slot")."""
_CLAUSE = re.compile(r"[.;!?]\s+|,?\s+(?:but|and then|and)\s+"
                     r"(?=(?:the|my|our|keep|could|can|would|please)\b)")


@dataclass(slots=True)
class Step:
    """One change of the plan: ``action`` ("move" or "cancel") of ``booking``, to ``to``."""

    action: str
    booking: Appointment
    to: When | None = None

    def queued(self) -> str:
        """As :attr:`AppointmentDesk.queued` holds it."""
        if self.action == "cancel":
            return queued_cancel(self.booking)
        to = self.to or When()
        key = self.booking.service_type or self.booking.appointment_type
        return " ".join(["move", key or "", to.date.isoformat() if to.date else "-",
                         to.time.strftime("%H:%M") if to.time else "-"])


def _slot(a: Appointment) -> When:
    start = start_of(a)
    return When(start.date(), start.time())


def _the_two(found: list[Appointment], text: str, ctx: TurnContext) -> tuple[Appointment, Appointment] | None:
    if len(found) == 2:
        return found[0], found[1]
    named = [a for a in found if _named_in(a, text, ctx)]
    return (named[0], named[1]) if len(named) == 2 else None


def _first_named(pair: tuple[Appointment, Appointment], text: str, ctx: TurnContext
                 ) -> tuple[Appointment, Appointment]:
    """The two in the order the message names them ("the detailing Monday at one and the brakes …")."""
    pieces = re.split(r",|[.?!;]|\band\b", text)

    def said_at(a: Appointment) -> int:  # (by what it is: its old day and hour may be the other's new)
        return next((i for i, piece in enumerate(pieces) if a in _by_what(pair, normalise(piece), ctx)),
                    len(pieces))
    return (pair[1], pair[0]) if said_at(pair[1]) < said_at(pair[0]) else pair


def _swapped(pair: tuple[Appointment, Appointment], text: str) -> list[Step]:
    first, second = pair
    a, b = _slot(first), _slot(second)
    if re.search(r"\b(?:swap|flip|switch|trade) the days\b", text):
        return [Step("move", first, When(b.date, a.time)), Step("move", second, When(a.date, b.time))]
    if re.search(r"\b(?:swap|flip|switch|trade) the times\b", text):
        return [Step("move", first, When(a.date, b.time)), Step("move", second, When(b.date, a.time))]
    return [Step("move", first, b), Step("move", second, a)]


def _by_as_much(a: Appointment, text: str) -> When | None:
    """Its new day and hour, moved by as much as the words say ("back an hour", "a week")."""
    hours = shift_hours(text)
    delta = timedelta(hours=hours) if hours else timedelta(days=7) if A_WEEK_ON.search(text) or re.search(
        r"\b(?:push|bump|move|slide) (?:it|that|them|both) (?:back |out )?(?:a|one) week\b", text) else None
    if delta is None:
        return None
    at = start_of(a) + delta
    return When(at.date(), at.time())


def _shifted(found: list[Appointment], text: str) -> list[Step]:
    moved = [(a, to) for a in found if (to := _by_as_much(a, text)) is not None]
    return [Step("move", a, to) for a, to in moved]


_BESIDE = re.compile(r"\b(?:(?:right |just |straight )?(?:after|before|behind|ahead of)|"
                     r"(?:on )?the same day as|same day as) (?:the|my|our|that|his|her|it|mine)"
                     r"(?: [\w'-]+){0,3}|"
                     r"\b(?:right )?(?:after|before)(?= *(?:[?.!,]|$))|"
                     r"\bwhen(?:ever)? the [\w' -]{2,20}?(?: is|'s) (?:done|over|finished)\b")
"""The other booking, said as where this one goes ("right after the recall thing", "the same day,
right before")."""


def _beside(found: list[Appointment], text: str, ctx: TurnContext) -> list[Step]:
    """One booking put beside the other ("can you do the oil change the same day, right before?
    nine thirty", "could we do the buying talk the same day as the house, right after? three
    o'clock"): that one, on the other's day, at the hour said."""
    if len(found) != 2 or not (_BESIDE.search(text) or re.search(r"\bsame day\b", text)):
        return []
    # (not the one said to stay: "leave the brakes at two like it is, and then the inspection at three")
    rest = ", ".join(part for part in re.split(r"[,.;!?]|\band then\b", _BESIDE.sub(" ", text))
                     if not STANDS.search(part))
    named = _by_what(found, normalise(rest), ctx)  # (by what it is: the other's day may be said as its new)
    if len(named) != 1:
        return []
    moved = named[0]
    anchor = found[1] if moved is found[0] else found[0]
    # the hour said last ("… right after it? eleven", "that's at ten, so eleven?"), else the one said
    hour = _HOUR_LAST.search(normalise(rest).numeric)
    at = clock.clock(int(hour[1]), int(hour[2] or 0), None) if hour else _said(rest, ctx).time
    if at is None:
        return []
    return [Step("move", moved, When(date.fromisoformat(anchor.scheduled_date), at))]


_HOUR_LAST = re.compile(r"(?:^|[?.!,;]\s*)(?:(?:like|say|maybe|at|around|um|uh|so|then|make it)\s+)*"
                        r"(1[0-2]|[1-9])(?::(\d\d))?(?:\s*ish)?\W*$")
"""An hour said alone at the end ("… right after? eleven")."""


def _last_day(text: str, own: date | None, ctx: TurnContext) -> date | None:
    """The last day said that is not the booking's own ("Saturday got busy … Tuesday at five")."""
    days = [d for piece in re.split(r"[,.;!?]|\bso\b", text)
            if (d := when.extract_date(normalise(piece), ctx.today))]
    return next((d for d in reversed(days) if d != own), None)


def _said(text: str, ctx: TurnContext) -> When:
    current, target = split_change(text, ctx.today)
    return target if target.given else current


def _cancelled(found: list[Appointment], clause: str, before: str, ctx: TurnContext) -> list[Appointment]:
    """The booking a cancel is said of: the words right after the verb ("cancel the oil change my
    brother-in-law did"), else those before it ("the showing you can cancel it"), else the
    sentence before ("my brother-in-law put a battery in it, so scrap that one"), else the clause."""
    verb = _CANCEL.search(clause)
    assert verb is not None
    after = re.split(r"[,.;!?]|\b(?:and|but|so|because|cause|since|my|we|i)\b", clause[verb.end():],
                     maxsplit=1)[0]
    if named := _by_what(found, normalise(after), ctx):
        return named
    # ("… after we sell, so the buyer one, you can scrap that": the words just before it)
    lead_in = re.split(r"[.;!?]|\b(?:so|because|since)\b", clause[: verb.start()])[-1]
    if re.match(r"\s*(?:it|that|this|them)\b", clause[verb.end():]) and (
            named := _by_what(found, normalise(lead_in), ctx)
            or [a for a in found if _named_in(a, lead_in, ctx)]):
        return named
    if re.match(r"\s*(?:it|that|this)(?: one)?\b", clause[verb.end():]) and before:
        return [a for a in found if _named_in(a, before, ctx)]
    return [a for a in found if _named_in(a, _CANCEL.sub(" ", clause), ctx)]


def _cancel_and_move(found: list[Appointment], text: str, ctx: TurnContext) -> list[Step]:
    if len(found) != 2:
        return []
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    cancels = [i for i, c in enumerate(clauses) if _CANCEL.search(c) and not re.search(
        r"\b(?:don'?t|do not|not) (?:cancel|scrap|drop)\b", c)]
    if len(cancels) != 1 or CANCEL_TAKEN_BACK.search(text):  # ("cancel the detail. hmm, no, keep the detail")
        return []
    at = cancels[0]
    named = _cancelled(found, clauses[at], clauses[at - 1] if at > 0 else "", ctx)
    if len(named) != 1:
        return []
    gone = named[0]
    kept = found[1] if gone is found[0] else found[0]
    rest = " ".join(c for i, c in enumerate(clauses) if i != at and not (i == at - 1 and not _named_in(
        kept, c, ctx)))
    if not (_MOVE.search(rest) or _ITS_SLOT.search(rest)) or (STANDS.search(rest) and not re.search(
            r"\b(?:move|push|bump|slide|reschedule|instead|earlier|later)\b", rest)):
        return []  # ("… the oil change next week I still want though": it stands)
    own = _slot(kept)
    current, target = split_change(rest, ctx.today)
    if not target.date and (later := _last_day(rest, own.date, ctx)):  # "… its old spot? Tuesday at five"
        target = When(later, target.time, target.part)
    # (the day said of the booking moved is its old one: "can the Camry go … ? Tuesday at five")
    said = When(target.date or (current.date if current.date != own.date else None),
                target.time or current.time)
    if _ITS_SLOT.search(rest):  # ("could the Wednesday house go in that Monday five o'clock slot?")
        said = When(target.date or _slot(gone).date, target.time or _slot(gone).time)
    if not (said.date or said.time):  # ("… and the consultation, push it a week, same time")
        return [Step("cancel", gone), Step("move", kept, _by_as_much(kept, rest))]
    day = nearer_its_day(said.date, own.date, rest) if said.date and own.date else own.date
    return [Step("cancel", gone), Step("move", kept, When(day, said.time or own.time))]


def read(s: ConversationState, ctx: TurnContext) -> list[Step] | None:
    """The plan a message makes of the two bookings found, or None when it makes none."""
    found = list(s.desk.found)
    text = ctx.u.text.lower()
    if len(found) < 2:
        return None
    if (swap := SWAP.search(text)) and (pair := _the_two(found, text, ctx)) is not None:
        return _swapped(_first_named(pair, text[swap.end():], ctx), text)
    if steps := _cancel_and_move(found, text, ctx):
        return steps
    if _BOTH.search(text) and re.search(r"\b(?:push|bump|move|slide|shift)\b", text) and (
            steps := _shifted(found, text)):
        return steps
    return _beside(found, text, ctx) or None


def cued(text: str) -> bool:
    """Does the message line two bookings up (so both are looked for before it is read)?"""
    lowered = text.lower()
    return bool(SWAP.search(lowered) or (_BOTH.search(lowered) and shift_hours(lowered)) or (
        _CANCEL.search(lowered) and _MOVE.search(lowered) and _CLAUSE.search(lowered)))


def take(s: ConversationState, plan: list[Step]) -> None:
    """Put the plan on the desk: its first change chosen (with its new day and hour), the rest
    queued behind it."""
    desk = s.desk
    first, *rest = plan
    desk.action, desk.chosen, desk.every = first.action, first.booking.id, False  # type: ignore[assignment]
    to = first.to or When()
    desk.new_date = to.date.isoformat() if to.date else None
    desk.new_time = to.time.strftime("%H:%M") if to.time else None
    desk.part, desk.offered, desk.latest = None, [], False
    desk.queued = [step.queued() for step in rest]


async def planned(s: ConversationState, ctx: TurnContext) -> bool:
    """Is the message a plan for two bookings on file? If so it is put on the desk (both are
    looked for first when none were yet: "scrap the detail, and the oil change, can it be
    Friday?")."""
    if not s.desk.found and cued(ctx.u.text):
        await desk_calls.search(s, ctx)
    if (plan := read(s, ctx)) is None:
        return False
    take(s, plan)
    return True
