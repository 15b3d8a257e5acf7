"""A second change asked with the first ("move the oil change to Wednesday, and just cancel the
detail"; "yes. and the CR-V at four, could that be three thirty instead?"): read, queued on the
desk, and taken up when the first is done."""

from __future__ import annotations

import re
from datetime import date, time

from frontdesk.brain.agents.appointment_words import (
    _CALLBACK,
    BESIDE,
    EVERY_ONE,
    IN_ITS_SPOT,
    STANDS,
    _named_in,
)
from frontdesk.brain.agents.booking_said import count, facts, listed
from frontdesk.brain.agents.move_target import beside_the_other
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.change import When, split_change
from frontdesk.brain.nlu.text import normalise, phrase_in
from frontdesk.brain.state import Appointment, AppointmentDesk, ConversationState

_CHANGE_CLAUSE = re.compile(r"[.?!;]\s+|,?\s+(?:and|then|also|plus|but)\s+"
                            r"(?:(?:just|also|please|(?:can|could) (?:you|we|y'?all))\s+)*"
                            r"(?=(?:cancel|scrap|call off|drop|move|push|bump|slide|reschedule|put|stick|"
                            r"slot|switch|shift)\b|"
                            # "… and then the rotation, can y'all push that to like two"
                            r"(?:the|my|our|his|her) [^.?!]{0,30}?\b(?:can|could|would) (?:y'?all|you|we) "
                            r"(?:cancel|move|push|bump|slide|switch|shift|reschedule|make|do \w+ instead)\b)")


_SPOT_OF = re.compile(r"\b(?:in|into|to|take|takes|get) (?:the|that) ([\w' -]{3,40}?) "
                      r"(?:spot|slot|time slot)\b")
"""A place on the calendar named by its day and hour ("the Tuesday ten o'clock spot")."""
_ASKED_BY = re.compile(r"\b(?:could|can|would|make|move|push|bump|slide|change)\b")
"""The word that asks the change, which the booking changed is named before (or right after)."""


def for_the_next_one(s: ConversationState, ctx: TurnContext) -> bool:
    """Does the message name the booking asked for beside the change (its car, its kind), not the
    appointment being changed?"""
    u, chosen = ctx.u, next((a for a in s.desk.found if a.id == s.desk.chosen), None)
    later = understand(s.desk.then_book or "", ctx.profile, ctx.today)
    car = u.vehicle is not None and later.vehicle is not None and (u.vehicle.model or "") == (
        later.vehicle.model or "") and bool(u.vehicle.model)
    kind = u.appointment_type is not None and u.appointment_type == later.appointment_type and (
        chosen is None or chosen.appointment_type != u.appointment_type)
    return car or kind


def queued_cancel(a: Appointment) -> str:
    """The cancel of a booking as :attr:`AppointmentDesk.queued` holds it (its day and hour tell
    it from another of its kind)."""
    return f"cancel {a.service_type or a.appointment_type} {a.scheduled_date} {a.scheduled_time}"


def first_of_every(desk: AppointmentDesk, candidates: list[Appointment], text: str) -> list[Appointment]:
    """Every booking found changed at once ("go ahead and cancel both of 'em", "push both of them
    to wednesday"): the first is read back; a cancel queues the others after it, a move moves
    them by as much once it is made (:attr:`AppointmentDesk.every`)."""
    if len(candidates) < 2 or not (desk.every or (desk.action == "cancel" and EVERY_ONE.search(text))):
        return candidates
    if not desk.every:
        desk.queued = [queued_cancel(a) for a in candidates[1:]]
    return candidates[:1]


def all_queued_to_cancel(s: ConversationState, first: Appointment) -> list[Appointment]:
    """Every booking a cancel of "both" or "everything" is about, when each other one found is
    queued to be cancelled after the first (so all are read back at once), else nothing."""
    desk = s.desk
    rest = [a for a in desk.found if a is not first]
    every = rest and not desk.done and set(desk.queued) == {queued_cancel(a) for a in rest}
    return [first, *rest] if every else []


def ask_cancel(s: ConversationState, ctx: TurnContext, a: Appointment) -> None:
    """The cancel read back: of this one, or of every one found when all are to go ("cancel
    everything we have": each said in one breath, and a yes cancels them all)."""
    if every := all_queued_to_cancel(s, a):
        s.desk.all_read_back = True
        ctx.ask(s, "confirm_change", "appointments", "appt_confirm_cancel_all",
                all="both" if len(every) == 2 else f"all {count(every)}", list=listed(every, ctx))
    elif (new := _visit_after(s, ctx)) is not None:
        # "… so cancel that. and then I'd like to come drive the red RAV4": the new one named too,
        # so its day said next reads as the yes it is
        ctx.ask(s, "confirm_change", "appointments", "appt_confirm_cancel_then", new=new, **facts(a, ctx))
    else:
        ctx.ask(s, "confirm_change", "appointments", "appt_confirm_cancel", **facts(a, ctx))


def _visit_after(s: ConversationState, ctx: TurnContext) -> str | None:
    """The kind of visit asked for after the cancel (:attr:`AppointmentDesk.then_book`), as said."""
    if not s.desk.then_book or _CALLBACK.search(s.desk.then_book.lower()):
        return None
    later = understand(s.desk.then_book, ctx.profile, ctx.today)
    asked = later.appointment_type if later.appointment_type != "service" else None
    kind = ctx.profile.appointment_type(asked)
    service = ctx.profile.service(later.services[0]) if later.services else None
    return kind.label.lower() if kind else service.name.lower() if service else None


def a_plan_for_each(s: ConversationState, ctx: TurnContext, action: str | None) -> str | None:
    """Asked the new day of one (or of "both"), a plan for each booking said instead ("the detail
    just cancel it … and the oil change can you do friday instead", "scratch the rotation. and the
    oil change, could that go to wednesday"): the change to read as if asked afresh (the other
    one is queued after it), or None."""
    desk, text = s.desk, ctx.u.text
    if len(desk.found) < 2:
        return None
    if action in {"cancel", "move"} and (desk.action != action or desk.every) and other_change(
            text, action, ctx, s):
        return action
    if action is None and [c for c in other_change(text, "move", ctx, s) if c.startswith("cancel ")] and (
            other_change(text, "cancel", ctx, s)):
        return "cancel"
    return None


def next_queued(s: ConversationState) -> tuple[str, Appointment, When] | None:
    """The change queued after this one, and the appointment it is about, if the caller has it."""
    desk = s.desk
    changed = {d.split()[-1] for d in desk.done if d.startswith(("moved ", "cancelled "))}
    while desk.queued:
        action, what, *new = desk.queued.pop(0).split(" ")
        day, at = [*new, "-", "-"][:2]
        wanted = When(date.fromisoformat(day) if day != "-" else None,
                      time.fromisoformat(at) if at != "-" else None)
        # another appointment than the one just changed ("cancel my rotation … actually no, move it")
        # (a cancel queued with its day and hour: that one, of several of a kind)
        a = next((f for f in desk.found if what in {f.service_type, f.appointment_type, *f.services}
                  and str(f.id) not in changed and (action != "cancel" or day == "-" or (
                      f.scheduled_date, f.scheduled_time) == (day, at))), None)
        if a is not None:
            return action, a, wanted
    return None


def queued_target_said(desk, u) -> bool:
    """Does the answer say back the new day or hour of a move queued after this change?"""
    for item in desk.queued:
        action, _, *new = item.split(" ")
        day, at = [*new, "-", "-"][:2]
        if action == "move" and ((u.date and u.date.isoformat() == day) or (
                u.time and u.time.strftime("%H:%M") == at)) and not (
                u.date and day != "-" and u.date.isoformat() != day):
            return True
    return False


_YES_FIRST = re.compile(r"\W*(?:yes|yeah|yep|yup|sure|correct|right|perfect|sounds good)\b")
_THE_OTHER_STAYS = re.compile(r"\b(?:keep|leave) the other(?: one| appointment| booking)?\b|"
                              r"\bthe other (?:one|appointment|booking) (?:stays|is fine|is good|can stay)\b")


def yes_while_another_stays(desk: AppointmentDesk, said: str, at: time | None = None) -> bool:
    """A yes to the change read back, with another booking said to stay: "yep saturday at ten for
    the civic, mine stays thursday" (the move's new day named), "yep just tomorrow's, keep the
    other one" (to a cancel)."""
    if desk.action == "move" and (desk.new_date or desk.new_time) and (_YES_FIRST.match(said) or re.search(
            r"\b(?:yes|yeah|yep|yup|right|correct)\b", said[:40])):
        # ("saturday at nine, yes, just the truck. mine stays"; of the hour alone: "yes, five o'clock …")
        return (f"{date.fromisoformat(desk.new_date):%A}".lower() in said if desk.new_date
                else at is not None and at.strftime("%H:%M") == desk.new_time)
    if not _YES_FIRST.match(said):
        return False
    return desk.action == "cancel" and _THE_OTHER_STAYS.search(said) is not None


def other_change(text: str, action: str, ctx: TurnContext, s: ConversationState) -> list[str]:
    """A change asked on another appointment in the same message ("can you move the oil change
    to Wednesday? and just cancel the detail altogether"), as ``cancel detailing``."""
    for clause in _CHANGE_CLAUSE.split(text.lower()):
        other = ("cancel" if re.search(r"\b(?:cancel|scrap|call off|drop|"
                                       # "we don't need tomorrow's meeting"
                                       r"(?:don'?t|do not|won'?t) (?:need|want)|no longer need)\b", clause)
                 else "move" if re.search(r"\b(?:move|push|bump|slide|shift|switch|reschedule|put|stick|slot|"
                                          r"make (?:it|"
                                          r"that)|instead|(?:can|could) (?:you|we|y'?all|it) (?:do|be)|"
                                          # "and the tire rotation, can that go to saturday"
                                          r"(?:can|could|would) (?:that|it|this|those) (?:go|move)|"
                                          # "can the Camry go in the CR-V's old spot?"
                                          r"(?:can|could|would) (?:the|my|our) [\w-]+(?: [\w-]+)? (?:just )?"
                                          r"(?:go|move|take|get moved|be moved)|"
                                          r"change (?:it|that))\b", clause) else None)
        if other is None or other == action or (other == "move" and STANDS.search(clause) and not re.search(
                r"\b(?:move|push|bump|slide|shift|reschedule)\b", clause)):
            continue  # ("the tacoma one stays put yeah": it stands, no move)
        # named to be cancelled: no wanted service, so by its words ("… in the detail's slot":
        # the other one, where this one goes)
        said = normalise(IN_ITS_SPOT.sub(" ", BESIDE.sub(" ", clause))).lower
        _, target = split_change(clause, ctx.today)
        named = [sv.key for sv in ctx.profile.services
                 if any(phrase_in(p.lower(), said) for p in (sv.name, *sv.synonyms))] or (
            [t] if (t := ex.extract_appointment_type(normalise(clause), ctx.profile)) else []) or [
            # "and the eleven, could we make it ten thirty": named by its hour
            # ("and then can the four o'clock just slide up to three": named after the "can")
            a.service_type or a.appointment_type for a in (s.on_file or []) if any(
                _named_in(a, piece, ctx)
                for piece in _ASKED_BY.split(clause)[:2])][:1]
        moved = next((a for a in s.on_file or []
                      if named and named[0] in {a.service_type, a.appointment_type}), None)
        if moved is not None and (beside := beside_the_other(moved, s.on_file or [], clause, ctx)):
            target = beside  # "and move the oil change into the detail's spot, that Saturday at ten"
        elif moved is not None and (spot := _SPOT_OF.search(clause)) and (
                held := [a for a in s.on_file or [] if a is not moved and _named_in(a, spot[1], ctx)]):
            # "could the consultation go in the Tuesday ten o'clock spot?": the hour the one named by
            # its day and time had
            target = When(date.fromisoformat(held[0].scheduled_date),
                          time.fromisoformat(held[0].scheduled_time))
        if named:
            new = [target.date.isoformat() if target.date else "-",
                   target.time.strftime("%H:%M") if target.time else "-"] if other == "move" else []
            return [" ".join([other, named[0], *new])]
    return []


_YES_CANCEL = re.compile(r"^\W*(?:(?:yes|yeah|yep|yup|ok(?:ay)?|right|actually|no|nah|sorry|wait)\W+){1,3}"
                         r"(?:just |please |go ahead and )?cancel (?P<what>[^.;,!?]*?)"
                         r"(?=\s*(?:[.;,!?]|$|\b(?:and|but|keep|leave|we'?ll|i'?ll)\b))")


def cancel_instead(desk: AppointmentDesk, text: str, chosen: Appointment | None, ctx: TurnContext) -> bool:
    """To a move read back, the cancel of that same booking said instead ("yes, cancel the nine
    thirty. keep the ten"; "no, just cancel it"): put on the desk in the move's place."""
    said = _YES_CANCEL.match(text.lower())
    what = said["what"].strip() if said is not None else ""
    instead = desk.action == "move" and chosen is not None and said is not None and (
        not what or re.match(r"(?:it|that|that one|this one)\b", what) is not None
        or _named_in(chosen, what, ctx)) and not any(
        _named_in(a, what, ctx) for a in desk.found if a is not chosen)
    if instead:
        desk.action, desk.new_date, desk.new_time = "cancel", None, None
    return instead
