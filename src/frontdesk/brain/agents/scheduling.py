"""Scheduling agent: fills booking slots, checks real availability, reads back, books.

Order of questions: what (type, service or vehicle) → day → time (offering open slots) →
name → phone → read-back → book. Everything the caller volunteers in one utterance is taken at
once, and a correction ("no, I said Thursday") replaces the slot and reads back again.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from frontdesk.brain.agents import just_booked, lead_side, lot_car, qualification, two_visits, visit_work
from frontdesk.brain.agents.appointment_words import said_to_stand
from frontdesk.brain.agents.booking_state import visit_told
from frontdesk.brain.agents.booking_words import (
    ADDS,
    BUYER_ELSEWHERE,
    JUST_CHECKING,
    SHOPPING,
    ask_which_alike,
    checks_part_of_day,
    just_one_of,
    left_as_is,
    named_again,
    replaces_service,
    said_back,
    today_in_passing,
    trouble_described,
)
from frontdesk.brain.agents.offered import (
    OPENING,
    more_times,
    offered_already,
    spread,
    take_offered,
    visit_minutes,
    which_sooner,
)
from frontdesk.brain.availability import AvailabilityCalendar, closed_reply, refusal_reply
from frontdesk.brain.context import Effect, TurnContext, absorb_contact
from frontdesk.brain.format import (
    say_date,
    say_list,
    say_on_date,
    say_phone,
    say_reminder_channels,
    say_reminder_leads,
    say_slot,
    say_time,
)
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.cues import CALLBACK_DROPPED, FOR_THE_CALL
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.ports import AppointmentNotFoundError, BookingRequest, SlotUnavailableError
from frontdesk.brain.state import Appointment, ConversationState, VehicleInfo

AGENT = "scheduling"




def _absorb_booking(s: ConversationState, ctx: TurnContext) -> bool:
    """Merge the booking facts of this utterance; True when a slot changed."""
    u = ctx.u
    slots = s.booking_slots
    before = slots.model_dump()
    profile = ctx.profile
    if left_as_is(s, u):
        u.services = []  # "yep, Saturday at eleven, and leave the oil change like it is": the one on file
    if slots.call_after and CALLBACK_DROPPED.search(u.text.lower()):
        slots.call_after = None  # "forget the callback, just get it on the schedule"
    if slots.call_after and not (u.services or u.appointment_type) and (
            FOR_THE_CALL.search(u.text.lower()) or (
            s.awaiting == "confirm_booking" and u.affirm and (u.window or u.time_of_day)
            and not (u.date or u.time))):
        # "for the call back, afternoons are best, like after two"; "yep, afternoon, anytime
        # after lunch" to the visit read back: said of the call to come, not of the visit
        said = FOR_THE_CALL.search(u.text.lower())  # ("yes to Monday at ten, and the call in the evening")
        slots.call_after = f"{slots.call_after}. {u.text[said.start():] if said else u.text}"
        absorb_contact(s, ctx)  # "… Monday afternoon's best. And it's Gwendolyn Asante."
        return s.awaiting != "confirm_booking"
    if u.appointment_type:
        slots.appointment_type = qualification.appointment_type_for(s, u)
    # ("actually, skip the rotation, the tire place just did it. Could you add a brake check
    # instead?": the one dropped in a sentence of its own goes; the rest of the visit stays)
    dropped = [*u.dropped_services, *(k for a in u.acts for k in a.dropped_services)]
    dropped_now = bool(dropped and slots.services)
    if dropped_now:
        slots.services = [k for k in slots.services if k not in dropped]
        slots.service_type = slots.services[0] if slots.services else None
    if not u.services and (kept := just_one_of(slots.services, u.text, profile)):
        slots.services, slots.service_type, slots.services_expected = kept, kept[0], 0  # "Just the oil then"
    if u.services and profile.kind == "dealership":
        # ("rotate the tires too? actually, forget the tires … do an oil change instead": instead
        # of the work let go in the same breath, not of the visit's)
        let_go = (set(ex.services_named(normalise(u.text), profile)) - set(u.services) - set(slots.services)
                  if ADDS.search(u.text.lower()) else set())
        if (replaces_service(u) and not dropped_now and not let_go) or not slots.services:
            # "actually, the inspection instead"; "swap the detail for an oil change … so
            # inspection and an oil change": what is named again of the visit stays in it
            kept = [k for k in slots.services if k not in u.services and named_again(k, u, profile)]
            only = [m.end() for m in re.finditer(r"\b(?:just|only)\b", u.text.lower())]
            if only and set(ex.services_named(normalise(u.text[only[-1]:]), profile)) == set(u.services):
                kept = []  # "they did the rotation last time … so just the oil change": that alone
            slots.services = [*kept, *u.services]
        else:  # "oh, and a tire rotation too": the visit grows
            slots.services = [*slots.services, *(k for k in u.services if k not in slots.services)]
        alone = {sv.key for sv in profile.services if sv.only_alone}
        # "a clunk … can you check the brakes": the look at the symptom is the brake inspection
        slots.services = [k for k in slots.services if k not in alone] or slots.services
        slots.service_type = slots.services[0]
        if slots.appointment_type is None or (u.appointment_type is None
                                              and slots.appointment_type != "service"
                                              and not u.vehicle):
            if slots.appointment_type == "test_drive" and slots.vehicle.stock_number:
                # "forget the test drive, just the battery": the car on the lot is not the one coming in
                slots.vehicle = VehicleInfo()
            slots.appointment_type = "service"
    if profile.kind == "real_estate" and s.lead.intent is None:
        # a valuation is a seller's appointment, a buyer consultation or a showing a buyer's
        by_type = {"listing_appointment": "sell", "buyer_consultation": "buy", "property_showing": "buy"}
        s.lead.intent = by_type.get(slots.appointment_type or "")  # type: ignore[assignment]
    if slots.appointment_type is None and profile.kind == "real_estate":
        intent = u.lead_intent or s.lead.intent
        if intent == "sell":
            slots.appointment_type = "listing_appointment"
        elif intent == "buy" and u.intent == "book" and _SET_UP.search(u.text.lower()):
            # "first-time buyers … we'd like to set something up": a buyer sits down with an
            # agent first; a showing is asked for by the home
            slots.appointment_type = "buyer_consultation"
        elif intent == "both" and lead_side.valuation_first(s, u):
            # "we'd sell it and buy something bigger … somebody coming out to tell us what ours is
            # worth … could they come this afternoon?": the valuation talked about, first
            slots.appointment_type = "listing_appointment"
        elif intent in {"buy", "both"} and (s.lead.qualified or s.awaiting == "appointment_type") and not (
                intent == "both" and u.affirm and not u.appointment_type):
            # ("yes, that's right" to buyer consultation, listing or showing? names none of them)
            slots.appointment_type = "buyer_consultation"
    if (u.vehicle and "own_vehicle" in u.flags and slots.appointment_type is None
            and profile.appointment_type("service") is not None and not u.appointment_type):
        slots.appointment_type = "service"  # the caller's own car comes in for service
    if (u.vehicle and "own_vehicle" not in u.flags and slots.appointment_type is None
            and not slots.services and SHOPPING.search(u.text.lower())
            and not BUYER_ELSEWHERE.search(u.text.lower())  # ("my wife's the one who's actually buying it")
            and profile.appointment_type("test_drive") is not None):
        slots.appointment_type = "test_drive"  # "she's buying her first car … her eye on that RAV4 you have"
    if profile.kind == "dealership" and len(u.services) == 1 and not before.get("services") and (
            "add_to_visit" not in u.flags) and re.search(
            r"\b(?:(?:can|could) (?:you(?: guys)?|y'?all|we|they) (?:also )?|and (?:also )?)"
            # ("and have them rotate the tires while it's in there too", "and throw a tire rotation in too")
            r"(?:(?:have|get) (?:them|y'?all|you|somebody|someone|the guys) )?"
            r"(?:do|get|add|throw in|throw|check|rotate|look at|swap|change)\b"
            r"[^.?!]{0,40}"
            r"\b(?:too|as well|while (?:it'?s|its|it is|you'?re|y'?all'?re) (?:in|in there|there|at it))\b",
            u.text.lower()):
        # "can you do the tires too while it's in?", nothing else named yet: ask what else, or,
        # on the call we made about the car's due service, that service and the tires
        slots.services_expected = max(slots.services_expected, 2)
        if (s.direction == "outbound" and not s.callback_for and (due := profile.service(profile.due_service))
                and due.key not in u.services):
            slots.services = [due.key, *u.services]
    if u.service_count and profile.kind == "dealership":
        slots.services_expected = max(slots.services_expected, u.service_count)
        ours = s.direction == "outbound" and not s.callback_for
        due = profile.service(profile.due_service) if ours else None
        # "how much is an oil change?" … "and a rotation?" … "both"; on our due-service call, the
        # service we called about is the other one ("y'all do detailing? … okay, do both")
        for key in [*reversed(s.recent_services), *([due.key] if due else [])]:
            if len(slots.services) < slots.services_expected and key not in slots.services:
                slots.services.append(key)
        if slots.services:
            slots.service_type = slots.services[0]
    if u.vehicle:
        slots.vehicle = lot_car.vehicle_for(slots.appointment_type, u.vehicle, ctx, slots.vehicle)
    if u.call_after:
        slots.call_after = u.call_after
    if u.visit_after:  # ("I need two things" … then one visit each: no second service to ask for)
        slots.visit_after, slots.services_expected = u.visit_after, 0
    if u.date and not today_in_passing(s, u, ctx):
        slots.preferred_date = u.date.isoformat()  # "no, I said Thursday" keeps the time
    if u.time:
        slots.preferred_time = u.time.strftime("%H:%M")
    if "latest" in u.flags:
        slots.latest = True
    if u.window:
        slots.window_start = u.window.start.strftime("%H:%M")
        slots.window_end = u.window.end.strftime("%H:%M")
        if not u.time and s.awaiting in {"time", "pick_alternative", "confirm_booking"}:
            slots.preferred_time = None  # "something after lunch instead": offer from the window
    elif u.date and not u.time and u.date.isoformat() != before.get("preferred_date"):
        slots.window_start = slots.window_end = None
    if u.time_of_day:
        slots.time_of_day = u.time_of_day  # type: ignore[assignment]
    if (not u.date and slots.preferred_date and s.awaiting is not None
            and re.search(r"\bthe (?:day|one) after\b(?! tomorrow)", u.text.lower())):
        # "tomorrow's no good — can we do the day after?": the day after the one we had
        slots.preferred_date = (date.fromisoformat(slots.preferred_date)
                                + timedelta(days=1)).isoformat()
    absorb_contact(s, ctx)
    return slots.model_dump() != before


_SET_UP = re.compile(r"\b(?:set (?:something|a time|a meeting|an appointment|one) up|"
                     r"set up (?:something|a time|a meeting|an appointment|one)|sit down|"
                     r"meet (?:with )?(?:someone|somebody|an agent|one of)|come in|get started|"
                     r"(?:talk|speak|chat) (?:to|with) (?:someone|somebody|an agent|the agent|one of))\b")
"""A buyer asking for a meeting, no home named."""


def _subject(s: ConversationState, ctx: TurnContext) -> str:
    """ ": an oil change for your 2016 Ford F-150" — what is being booked, for read-backs."""
    slots = s.booking_slots
    profile = ctx.profile
    service = profile.service(slots.service_type)
    appt = profile.appointment_type(slots.appointment_type)
    vehicle = slots.vehicle.label
    if service:
        names = [sv.name for k in (slots.services or [service.key])
                 if (sv := profile.service(k)) is not None]
        text = say_list([f"an {n}" if n[0] in "aeiou" else f"a {n}" for n in names], "and")
        if (visit := visit_work.added_to(s)) is not None:
            return visit_work.subject(s, ctx, text, visit)
        return f": {text}" + (f" for your {vehicle}" if vehicle else "")
    if appt and appt.key == "test_drive":
        return ": a test drive" + (f" of the {vehicle}" if vehicle else "")
    if appt:
        label = appt.label
        return f": {'an' if label[0] in 'aeiou' else 'a'} {label}"
    return ""


def _offer(s: ConversationState, ctx: TurnContext, key: str, slots: list[datetime],
           day: date, **values: object) -> None:
    on_date = say_on_date(day, ctx.today)
    values.update(date=say_date(day, ctx.today), on_date=on_date,
                  on_date_cap=on_date[:1].upper() + on_date[1:])
    s.booking_slots.offered = [o.isoformat(timespec="minutes") for o in slots]
    phrase = say_list([say_slot(o, ctx.today) for o in slots])
    if slots and all(o.date() == slots[0].date() for o in slots) and key in {
            "offer_slots", "offer_latest", "offer_earliest"}:
        phrase = say_list([say_time(o.time()) for o in slots])
    ctx.ask(s, "pick_alternative", AGENT, key, slots=phrase, **values)


_OFFERING = {"pick_alternative", "confirm_booking", "date", "time", "offer_appointment"}
"""Where a booking is being settled: a caller who puts it off there ends it for now."""


async def run(s: ConversationState, ctx: TurnContext) -> None:
    """One scheduling turn."""
    if ctx.resuming:  # back from an aside (a question): just ask the next missing piece
        await advance(s, ctx)
        return
    u = ctx.u
    if s.awaiting == "confirm_booking" and two_visits.second_put_right(
            s, u, lambda text: understand(text, ctx.profile, ctx.today, "time")):
        await _book(s, ctx)  # "can we do the test drive Saturday at five instead? keep the oil change …"
        return
    if s.awaiting == "confirm_booking" and two_visits.both_said_back(
            s, u, lambda text: understand(text, ctx.profile, ctx.today)):
        await _book(s, ctx)  # "yep. Saturday at ten, Monday at eleven. you got it", of Monday at eleven
        return
    if u.visit_after or "visit_after" in u.flags:  # "and then the detail, Saturday the 18th"
        ctx.say("visit_after_noted")  # a visit of its own, set up once this one is booked
        if not u.visit_after:
            await advance(s, ctx)
            return
    if "callback_dropped" in u.flags:
        _drop_the_callback(s, ctx)
    if len(u.services) > 1 and s.on_file and (kept := said_to_stand(u.text, s.on_file, ctx)):
        # "the oil change Saturday's fine, keep that … my inspection's up, could I do that one
        # Monday?": the work booked already stays where it is; the new visit is for the rest
        u.services = [k for k in u.services if k not in {a.service_type for a in kept}] or u.services
    if s.on_file and u.date is not None and (kept := said_to_stand(u.text, s.on_file, ctx)) and any(
            a.scheduled_date == u.date.isoformat() for a in kept):
        # "and keep thursday too", said of the showing on file while a new one is booked: its
        # day is not the new visit's
        u.date = None
        if u.time is not None and any(a.scheduled_time == u.time.strftime("%H:%M") for a in kept):
            u.time = None
    if u.unoffered and u.services and (
            line := ctx.replies.say("service_not_offered", things=say_list(u.unoffered, "or"))
    ) not in ctx.reply_parts:
        ctx.add(line)  # "an oil change and a wheel alignment": the one we don't do is said
    if "add_to_visit" in u.flags and (told := visit_told(s)) is not None:
        # more work on the visit just told: the same drop-off, unless another time is said
        slots = s.booking_slots
        slots.appointment_type = "service"
        slots.preferred_date = slots.preferred_date or told.scheduled_date
        slots.preferred_time = (u.time.strftime("%H:%M") if u.time else None) or told.scheduled_time
        slots.add_to = told.id
        slots.customer_name = slots.customer_name or told.customer_name  # the visit's own
    just_booked.forget_one_on_file(s, u)  # "yes, showing Monday at five-thirty and then the meeting at six"
    if just_booked.said_of_it(s, ctx):
        return  # "yep, Tuesday at six", "what do we need to bring to it?": the visit booked a moment ago
    if just_booked.another_visit(s, u):
        # "my son's Corolla needs a battery … can I book that too? next Tuesday": a visit of its
        # own, not the one just booked with more on it; who the caller is stays known
        s.booking_slots = s.booking_slots.dropped()
    # ("I'll probably just swing by one morning next week then": a day to walk in on, no booking)
    if "walk_in_instead" in u.flags and not u.time and s.appointment is None:
        # "okay cool, I'll just swing by in the morning then, I don't need an appointment"
        s.booking_slots = s.booking_slots.dropped()
        policy = next((f.answer for f in ctx.profile.faq if f.key == "walk_ins"), None)
        told = next((m.content for m in reversed(s.messages) if m.role == "assistant"), "")
        if policy and policy in told:
            ctx.say("plan_heard")  # told the walk-in policy: "I'll just come by Monday and take my chances"
        else:
            ctx.add(policy) if policy else ctx.say("booking_dropped")
        ctx.ask(s, "anything_else", "greeting", "anything_else")
        return
    if (u.intent == "cancel" or ("no_booking" in u.flags and s.appointment is None)) and not (
            u.has_booking_facts):
        s.booking_slots = s.booking_slots.dropped()
        ctx.say("booking_dropped")  # "never mind, forget the appointment", "I don't wanna book it yet"
        ctx.ask(s, "anything_else", "greeting", "anything_else")
        return
    slots = s.booking_slots
    if (ctx.profile.kind == "real_estate" and s.awaiting == "appointment_type" and s.lead.intent is None
            and {"unsure", "flexible"} & u.flags and not (u.appointment_type or u.lead_intent)):
        # "not sure" which kind of meeting: whether they buy or sell decides it, so ask that
        ctx.ask(s, "intent", "qualification", "ask_lead_intent")
        return
    if (s.awaiting in _OFFERING or (s.awaiting == "anything_else" and not slots.under_way())) and (
            "defers" in u.flags or (s.awaiting in {"pick_alternative", "date", "time", "confirm_booking"}
                                    and JUST_CHECKING.search(u.text.lower()))) and not (
            u.time or u.window or u.time_of_day or u.services or u.appointment_type
            or (u.date and u.date.isoformat() != slots.preferred_date and s.awaiting != "anything_else")):
        # ("Saturday then, maybe. I'll talk it over with my wife first", after hearing the hours)
        # "let me check with my wife and I'll call you back", "I will come tomorrow, I call
        # again for the time" (the day already offered): nothing booked, no callback promised;
        # the caller will ring when ready
        slots.offered, slots.preferred_date, slots.preferred_time = [], None, None
        ctx.say("booking_deferred")
        ctx.ask(s, "anything_else", "greeting", "anything_else")
        return
    if s.awaiting == "pick_alternative" and u.deny and "done_with_it" in u.flags and not (
            u.has_booking_facts):
        # "nah that's fine, I'll figure it out": the offer is declined, not to be said again
        slots.offered, slots.preferred_date, slots.preferred_time = [], None, None
        ctx.say("booking_dropped")
        ctx.ask(s, "anything_else", "greeting", "anything_else")
        return
    if s.awaiting == "pick_alternative" and which_sooner(s, ctx):
        return  # "which one's earlier?": that one, asked about
    if s.awaiting == "pick_alternative" and await more_times(s, ctx):
        return  # "what else do you have?", "anything later?": the day's other openings
    if s.awaiting == "pick_alternative" and not (u.deny and not (u.date or u.time)):
        picked = take_offered(s, ctx)
        if picked and (u.services or u.vehicle or u.appointment_type):
            _absorb_booking(s, ctx)  # "the later one, and make it the inspection instead"
        changed = _absorb_booking(s, ctx) if not picked else (absorb_contact(s, ctx) or True)
        if not picked and not changed and not u.date and not u.time:
            if ctx.profile.kind == "real_estate" and u.has_lead_facts:
                qualification.absorb(s, ctx)  # "it's in Pflugerville" to the times offered: kept
            offered = [datetime.fromisoformat(o) for o in slots.offered]
            ctx.ask(s, "pick_alternative", AGENT, "pick_which",
                    slots=say_list([say_slot(o, ctx.today) for o in offered]))
            return
    elif s.awaiting == "confirm_booking":
        part_checked = checks_part_of_day(s, u)
        if part_checked and u.affirm:
            await _book(s, ctx)  # "yes, 2 in the afternoon is perfect"
            return
        if part_checked:
            # "that's in the morning, right?" of an 8 AM read back: a check, not a change
            at = time.fromisoformat(s.booking_slots.preferred_time or "")
            ctx.say("read_back_part_agrees", time=say_time(at), part=u.time_of_day)
            await advance(s, ctx)
            return
        phone_before = s.booking_slots.customer_phone
        if u.affirm and u.call_after and not u.deny:  # "yes, book it, and then put me through to Dana"
            slots.call_after, u.call_after = u.call_after, None
        changed = _absorb_booking(s, ctx)
        if changed:
            visit_work.moved_with_the_work(s, u)  # "… could we do it that morning instead?"
        if ctx.profile.kind == "real_estate" and u.has_lead_facts and not changed and (
                u.affirm or (not u.deny and said_back(s, u))):
            qualification.absorb(s, ctx)  # "yeah we're pre-approved up to four hundred …": kept too
        if changed and u.phone and s.booking_slots.customer_phone != phone_before:
            ctx.say("phone_noted", phone=say_phone(s.booking_slots.customer_phone))  # said back
        if u.affirm and not changed and s.last_ask == "ask_change":
            await advance(s, ctx)  # "yes" to "what would you like to change?" books nothing
            return
        if not changed and (u.affirm or (not u.deny and not u.is_question and said_back(s, u))):
            await _book(s, ctx)  # "yes", or "Wednesday at nine thirty, great": the read-back said back
            return
        if u.deny and not changed and u.date and u.time and said_back(s, u) and len(set(re.findall(
                r"\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
                u.text.lower()))) <= 1:
            ctx.say("read_back_same")  # "no, actually make it Wednesday at 4 pm", of Wednesday at 4 PM
            await advance(s, ctx)
            return
        if u.deny and not changed:
            ctx.ask(s, "confirm_booking", AGENT, "ask_change")
            return
        if "this_number" in u.flags and not changed and s.customer.phone:
            ctx.say("phone_here")  # "you can call me on this number, she doesn't do the phone"
            await advance(s, ctx)
            return
        if not changed and s.last_ask in {"read_back", "read_back_unclear"} and not (
                ctx.profile.kind == "real_estate" and u.has_lead_facts):
            # neither yes, no nor a change: ask about it, don't read the same thing again (lead
            # facts said instead are taken and noted below)
            await advance(s, ctx, unclear=True)
            return
    elif s.awaiting == "phone" and not u.phone and s.awaiting_agent == AGENT:
        absorb_contact(s, ctx)
        ctx.ask(s, "phone", AGENT, "ask_phone_again")
        return
    elif s.awaiting == "offer_appointment" and u.deny and not u.has_booking_facts:
        s.awaiting = None
        if "goodbye" in u.flags:  # "no thanks, bye"
            ctx.say("goodbye_outbound" if s.direction == "outbound" else "goodbye")
            s.ended = True
            return
        ctx.ask(s, "anything_else", "greeting", "anything_else")
        return
    elif _absorb_booking(s, ctx) and (u.date or u.time) and s.awaiting == "name":
        # "make it six instead, Friday at six" asked the name: heard and said back; the name asked
        # again is not one of the questions asked by turns with no answer
        s.recent_asks = [k for k in s.recent_asks if k != s.last_ask]
    if ctx.profile.kind == "real_estate" and (
            u.has_lead_facts or qualification.financing_said_of_it(s, u.text.lower())):
        # the lead facts said with the booking are kept too, and said to be heard when they
        # come instead of what was asked ("round rock, between three and four hundred")
        before = s.lead.model_copy()
        notes = qualification.absorb(s, ctx)
        if not u.has_booking_facts:
            ctx.progressed = True
            # what was heard, said back ("Pre-approved, got it."), not the same "noted" each time
            heard = qualification.heard(before, s.lead)
            said = ctx.replies.say("noted_what", what=heard) if heard else ctx.replies.say("noted")
            for note in notes or [said]:
                if note not in ctx.reply_parts:
                    ctx.add(note)
    if "flexible" in u.flags and not slots.preferred_date and not u.date:
        await _earliest_day(s, ctx)  # "I don't know, whatever's open": offer the first openings
    await advance(s, ctx)


def _drop_the_callback(s: ConversationState, ctx: TurnContext) -> None:
    """"Never mind the call back, I'll forget to answer anyway. Can we just set it up? Monday,
    first thing": no call back (one promised a moment ago is taken back), and the visit is for the
    work the call back was about, or, on our call about the service due, that service."""
    u, profile = ctx.u, ctx.profile
    s.pending_callback, s.awaiting, s.awaiting_agent = None, None, None
    if promised := next((t for t in reversed(s.pending_tasks) if t.task_type == "callback"), None):
        s.pending_tasks.remove(promised)
        ctx.effects.append(Effect(kind="cancel_task", task_id=promised.task_id))
        s.callback_time = None
    if profile.kind == "dealership" and not u.services and s.recent_services:
        u.services = s.recent_services[:1]  # "call me back about my brakes" … "just set it up"
    elif profile.kind == "dealership" and not u.services and s.direction == "outbound" and (
            not s.callback_for and profile.due_service):
        u.services = [profile.due_service]


async def _earliest_day(s: ConversationState, ctx: TurnContext) -> None:
    appt = ctx.profile.appointment_type(s.booking_slots.appointment_type)
    if appt is None:
        return
    department = ctx.profile.departments[appt.department]
    nearest = await ctx.availability.nearest(department, ctx.now,
                                             visit_minutes(ctx.profile, s.booking_slots), count=1)
    if nearest:
        s.booking_slots.preferred_date = nearest[0].date().isoformat()


_SAID_MORNING = re.compile(r"\b(?:a\.?\s?m\b\.?|morning|early|before work|breakfast)")
"""The caller placed the hour in the morning themselves ("seven am", "early, like seven")."""
_GREETING = re.compile(r"\b(?:good|g'?) ?morning\b|^\W*morning\b")
""""Good morning! … seven-thirty then": a greeting places no hour in the morning."""


def _window(slots) -> tuple[time, time] | None:
    if not (slots.window_start or slots.window_end):
        return None
    return (time.fromisoformat(slots.window_start or "00:00"),
            time.fromisoformat(slots.window_end or "23:59"))


async def advance(s: ConversationState, ctx: TurnContext, *, unclear: bool = False) -> None:
    """Ask for the next missing piece, or read back when everything is there."""
    profile = ctx.profile
    slots = s.booking_slots
    if profile.kind == "real_estate":
        failure = qualification.hard_failure(s.lead, profile.qualification)
        if failure:  # never book a lead we cannot serve
            qualification.ask_next(s, ctx)
            return
    if s.customer.phone and not slots.customer_phone:
        slots.customer_phone = s.customer.phone
    if s.customer.name and not slots.customer_name:
        slots.customer_name = s.customer.name
    if (slots.appointment_type in {None, "service"} and not slots.services and s.recent_services
            and profile.kind == "dealership"):
        # asked the price of a service, then "can you do Thursday?": that service (the last asked)
        slots.services = [s.recent_services[0]]
        slots.service_type = slots.services[0]
        slots.appointment_type = "service"
    if slots.appointment_type is None and s.direction == "outbound" and not s.callback_for and (
            profile.appointment_type("service") is not None and "service" in profile.outbound_reason.lower()):
        slots.appointment_type = "service"  # we called about their car's service: no "service or test drive?"
    if ask_which_alike(s, ctx, AGENT):
        return  # "I need my inspection done": the state inspection or a brake inspection?
    if slots.appointment_type is None and profile.kind == "real_estate" and lead_side.for_someone_else(s):
        slots.appointment_type, s.lead.intent = "buyer_consultation", "buy"
    appt = profile.appointment_type(slots.appointment_type)
    if appt is None:
        if ctx.u is not None and (closed := qualification.closed_on_day_named(s, ctx)):
            ctx.add(closed)  # "could I come by your office Sunday afternoon …?": not that day, said now
        ctx.ask(s, "appointment_type", AGENT, f"ask_appointment_type_{profile.kind}")
        return
    u = ctx.understanding
    if (appt.needs_service and not profile.service(slots.service_type)
            and s.direction == "outbound" and not s.callback_for and u is not None and not u.services
            and (u.time or (u.date and (u.intent == "book" or s.awaiting == "service"))) and u.intent != "faq"
            and (due := profile.service(profile.due_service)) is not None):
        # on our call about its due service, "can y'all do Tuesday at nine?" (asked what the car
        # needs, or said first): the service we called about, on that day
        slots.services, slots.service_type = [due.key], due.key
    if appt.needs_service and not profile.service(slots.service_type) and u is not None and (
            look := trouble_described(s, u, profile)) is not None:
        slots.services, slots.service_type = [look.key], look.key
        ctx.say("service_look_first", service=look.name)
    if appt.needs_service and not profile.service(slots.service_type):
        ctx.ask(s, "service", AGENT, "ask_service",
                services=say_list([sv.name for sv in profile.services]))
        return
    if appt.needs_service and 0 < len(slots.services) < slots.services_expected:
        # "…my inspection sticker runs out too. could you do both?": ask once what the other is
        slots.services_expected = 0
        named = profile.service(slots.service_type)
        ctx.ask(s, "service", AGENT, "ask_other_service", service=named.name if named else "",
                services=say_list([sv.name for sv in profile.services
                                   if sv.key not in slots.services]))
        return
    if appt.needs_vehicle and not slots.vehicle.stock_number and slots.vehicle.model:
        # "the subaru outback on your website" said before the visit was a test drive: the car on the lot
        slots.vehicle = lot_car.vehicle_for(appt.key, slots.vehicle, ctx, slots.vehicle)
    if appt.needs_vehicle and not slots.vehicle.stock_number and not slots.vehicle.model and (
            earlier := lot_car.named_before(s, ctx)) is not None:
        slots.vehicle = earlier  # "he showed me the black F-150" … "I want to take it out again"
    if appt.needs_vehicle and not slots.vehicle.stock_number:
        in_stock = say_list([c.label for c in profile.inventory if c.is_available])
        if slots.vehicle.model:
            ctx.ask(s, "vehicle", AGENT, "vehicle_not_in_stock", vehicle=slots.vehicle.label,
                    vehicles=in_stock)
        else:
            ctx.ask(s, "vehicle", AGENT, "ask_vehicle_test_drive", vehicles=in_stock)
        return
    department = profile.departments[appt.department]
    visit_work.join_visit_on_file(s)  # "… coming in Wednesday at ten … check the battery too?"
    duration = visit_minutes(profile, slots)
    if (visit := visit_work.added_to(s)) is not None:
        # more work at the visit on file: the whole longer visit must fit, itself not counted
        duration = await visit_work.fits(s, ctx, visit, duration)
    if not slots.preferred_date:
        if slots.preferred_time:
            ctx.ask(s, "date", AGENT, "ask_date_with_time",
                    time=say_time(time.fromisoformat(slots.preferred_time)))
        else:
            ctx.ask(s, "date", AGENT, "ask_date")
        return
    day = date.fromisoformat(slots.preferred_date)
    if not slots.preferred_time:
        open_today = await ctx.availability.open_slots(department, day, duration,
                                                       slots.time_of_day, _window(slots))
        if open_today and slots.latest and offered_already(s, ctx, open_today[-1]):
            # "then whatever's the latest you can do that morning" to 11 and 11:30: the 11:30
            slots.preferred_time = open_today[-1].strftime("%H:%M")
        elif open_today and ctx.u is not None and "flexible" in ctx.u.flags and s.awaiting in {
                "pick_alternative", "time"}:
            # "Tuesday I guess? whatever you've got early is fine", offered times: the first
            # opening that fits, read back for a yes
            slots.preferred_time = open_today[0].strftime("%H:%M")
        elif open_today:
            # "whatever your last one is": the day's last opening, said alone
            if slots.latest:
                _offer(s, ctx, "offer_latest", open_today[-1:], day)
            elif _window(slots) == (time(0, 0), time(10, 0)) and OPENING.search(
                    ctx.u.text.lower() if ctx.u else ""):
                # "Saturday then, first thing when you open": the day's first opening
                _offer(s, ctx, "offer_earliest", open_today[:1], day)
            else:
                _offer(s, ctx, "offer_slots", spread(open_today), day)
            return
    if not slots.preferred_time:
        anchor = datetime.combine(day, time(9, 0))
        nearest = await ctx.availability.nearest(department, anchor, duration)
        if not nearest:
            _no_availability(s, ctx)
            return
        key, values = closed_reply(profile, department, day)
        if day > ctx.availability.last_day:
            key, values = "too_far", {"days": profile.max_days_ahead}
        later_today = [n for n in nearest if n.date() == day == ctx.today]
        if key == "no_slots_day" and later_today:
            # "the earliest you can get me in" at 9: the morning is gone, later today is not
            _offer(s, ctx, "offer_slots", later_today, day)
            return
        _offer(s, ctx, key, nearest, day, weekday=f"{day:%A}", **values)
        return
    start = datetime.combine(day, time.fromisoformat(slots.preferred_time))
    check = await ctx.availability.check(department, start, duration)
    if check.problem == "outside_hours" and start.hour < 12 and not _SAID_MORNING.search(_GREETING.sub(
            " ", " ".join(m.content.lower() for m in s.messages if m.role == "user"))):
        # "monday like seven? after my shift": an hour said bare is the one we are open at
        evening = start + timedelta(hours=12)
        if (later := await ctx.availability.check(department, evening, duration)).ok:
            start, check = evening, later
            slots.preferred_time = start.strftime("%H:%M")
    if not check.ok:
        slots.asked_time, slots.preferred_time = slots.preferred_time, None
        if not check.alternatives:
            _no_availability(s, ctx)
            return
        key, values = refusal_reply(profile, department, start, duration, check.problem)
        _offer(s, ctx, key, check.alternatives, day, time=say_time(start.time()),
               weekday=f"{day:%A}", days=ctx.profile.max_days_ahead, **values)
        return
    slots.offered = []
    u = ctx.understanding
    lead = s.lead
    if (appt.key == "listing_appointment" and profile.qualification.in_area_required and not lead.location
            and "location" not in lead.declined):
        # a valuation is at the seller's home: where it is decides whether we can come at all
        if s.last_ask == "ask_location_sell" and s.awaiting == "location":
            lead.declined.append("location")  # asked once and not said: the agent asks in person
        else:
            ctx.ask(s, "location", AGENT, "ask_location_sell")
            return
    if (missing := _hard_criterion_unknown(s, appt.key, profile)) is not None:
        # a buyer's meeting asked for straight away: where they look and what they can spend
        # decide whether we can serve them at all, so both are asked once before it is booked
        factor, key = missing
        question = ctx.replies.say(key, areas=say_list(profile.service_areas, "and"))
        if any(question in m.content for m in s.messages if m.role == "assistant"):
            lead.declined.append(factor)  # asked once and not said: the agent asks in person
        else:
            ctx.ask(s, factor, AGENT, key, areas=say_list(profile.service_areas, "and"))
            return
    if (not slots.customer_name and s.awaiting == "name" and u is not None
            and "decline" in u.flags and slots.customer_phone):
        slots.name_declined = True  # "let's skip that": the phone number identifies them
    elif (not slots.customer_name and s.awaiting == "name" and s.last_ask == "ask_name"
          and s.ask_repeats >= 1 and slots.customer_phone and not slots.name_declined):
        # Asked twice and still not heard (a bad line, a name the recogniser cannot follow):
        # a receptionist books under the number rather than give up on the booking.
        slots.name_declined = True
        ctx.say("name_skipped")
    if not slots.customer_name and not slots.name_declined:
        ctx.ask(s, "name", AGENT, "ask_name")
        return
    if not slots.customer_phone:
        ctx.ask(s, "phone", AGENT, "ask_phone")
        return
    ctx.ask(s, "confirm_booking", AGENT, "read_back_unclear" if unclear else "read_back",
            subject=_subject(s, ctx), on_date=say_on_date(day, ctx.today),
            time=say_time(start.time()), verb="add" if visit_work.added_to(s) else "book",
            name=slots.customer_name or f"the caller at {say_phone(slots.customer_phone)}")


def _hard_criterion_unknown(s: ConversationState, kind: str, profile) -> tuple[str, str] | None:
    """The first hard criterion not yet known of a buyer about to sit down with an agent (the
    area, when only our areas are served; the budget, when there is a minimum), with the
    question for it. (A showing is of a home whose place is known; it asks neither.)"""
    lead, policy = s.lead, profile.qualification
    if kind != "buyer_consultation" or lead.intent not in {None, "buy", "both"}:
        return None
    wanted = [("location", "ask_location")] if policy.in_area_required else []
    wanted += [("budget", "ask_budget")] if policy.min_budget else []
    return next(((factor, key) for factor, key in wanted
                 if factor not in lead.declined and not qualification.known(lead, factor)), None)


def _no_availability(s: ConversationState, ctx: TurnContext) -> None:
    s.callback_reason = "No availability in the next two weeks; find the caller a time"
    ctx.ask(s, "offer_callback", "faq", "no_availability")



async def _book(s: ConversationState, ctx: TurnContext) -> None:
    profile = ctx.profile
    slots = s.booking_slots
    appt = profile.appointment_type(slots.appointment_type)
    assert appt is not None and slots.preferred_date and slots.preferred_time
    department = profile.departments[appt.department]
    if (visit := visit_work.added_to(s)) is not None:
        await _add_to_visit(s, ctx, visit)
        return
    start = datetime.combine(date.fromisoformat(slots.preferred_date),
                             time.fromisoformat(slots.preferred_time))
    duration = visit_minutes(profile, slots)
    check = await ctx.availability.check(department, start, duration)
    extra = [sv.name for k in slots.services[1:] if (sv := profile.service(k)) is not None]
    request = BookingRequest(
        business=profile.key, department=department.key, capacity=department.capacity,
        appointment_type=appt.key, service_type=slots.service_type, start=start,
        duration_min=duration, customer_name=slots.customer_name,
        customer_phone=slots.customer_phone, customer_email=slots.customer_email,
        vehicle=slots.vehicle.label, conversation_id=s.conversation_id,
        notes=f"Booked by phone agent ({s.channel})"
        + (f"; also: {', '.join(extra)}" if extra else ""),
    )
    try:
        if not check.ok:
            raise SlotUnavailableError(check.problem or "taken")
        booked = await ctx.calendar.book(request)
    except SlotUnavailableError:
        # Taken between the read-back and the "yes": say so, and offer the nearest slots.
        slots.preferred_time = None
        ctx.availability = AvailabilityCalendar(profile, ctx.calendar, ctx.now)
        alternatives = await ctx.availability.nearest(department, start, duration)
        if not alternatives:
            _no_availability(s, ctx)
            return
        _offer(s, ctx, "slot_taken", alternatives, start.date(), time=say_time(start.time()))
        return
    if s.appointment is not None and s.appointment.status == "scheduled":
        s.booked_before.append(s.appointment)  # the call's first visit, booked a moment ago
    s.appointment = Appointment(
        id=booked.id, appointment_type=appt.key, service_type=slots.service_type,
        scheduled_date=booked.start.date().isoformat(),
        scheduled_time=booked.start.strftime("%H:%M"), duration_min=booked.duration_min,
        customer_name=slots.customer_name, status=booked.status, vehicle=slots.vehicle.label,
        services=list(slots.services),
    )
    if profile.kind == "real_estate" and s.lead.intent == "buy" and appt.key == "listing_appointment":
        s.lead.intent = "both"  # a buyer's own home valued ("we'd have to sell ours first"): both sides
    elif profile.kind == "real_estate" and s.lead.intent == "sell" and appt.key == "property_showing" and any(
            m.role == "user" and lexicon().intents["buy"].search(m.content.lower()) for m in s.messages[-3:]):
        s.lead.intent = "both"  # a seller's showing "since I'll be buying something bigger": both sides
    if profile.kind == "real_estate" and not s.lead.qualified and s.lead.intent:
        qualification.decide(s, ctx, known_only=True)  # a lead booked straight away is still scored
    s.lead.status = "booked"
    ctx.say("booked", subject=_subject(s, ctx), on_date=say_on_date(booked.start.date(), ctx.today),
            time=say_time(booked.start.time()))
    if ctx.reminders is not None:
        # Promised only as planned: the same rules decide the reminder jobs after the commit.
        planned = await ctx.reminders.planned(profile.key, booked.start,
                                              slots.customer_phone or s.customer.phone,
                                              slots.customer_email or s.customer.email)
        if planned:
            ctx.say("reminder_promise", how=say_reminder_channels(planned),
                    when=say_reminder_leads(planned))
    if (later := two_visits.next_visit(s, lambda t: understand(t, profile, ctx.today))) is not None:
        ctx.understanding = later
        _absorb_booking(s, ctx)  # the second visit asked beside this one, read back for its own yes
        ctx.say("visit_after_next")
        await advance(s, ctx)
        return
    if slots.call_after:
        # "… and can somebody from sales call me Monday morning about my trade-in?": that call
        # next, with its own day and time
        ctx.understanding = later = understand(slots.call_after, profile, ctx.today)
        slots.call_after = None
        s.awaiting, s.awaiting_agent = None, None
        if later.intent == "escalation" and "call_asked" not in later.flags and not re.search(
                r"\bcall (?:me|us)\b", later.text.lower()):  # "… and then put me through to a manager": now
            ctx.hand_off("escalation", "a person asked for after the booking", s)
            return
        later.intent = "objection_busy"
        later.flags |= {"call_asked", "call_aside_act"}
        ctx.hand_off("objection", "a call back asked beside the booking", s)
        return
    ctx.ask(s, "anything_else", "greeting", "anything_else")


async def _add_to_visit(s: ConversationState, ctx: TurnContext, visit: Appointment) -> None:
    """The caller said yes to more work at the visit on file: the visit grows to hold it (one
    drop-off, one booking), or, with no room for the longer visit, the work is offered alone."""
    profile, slots = ctx.profile, s.booking_slots
    department = profile.department_for(visit.appointment_type)
    names = [sv.name for k in slots.services if (sv := profile.service(k)) is not None]
    try:
        await visit_work.move_first(s, ctx, visit)  # the whole visit moved with the work
        grown = await ctx.calendar.add_work(profile.key, visit.id, visit_minutes(profile, slots),
                                            department.capacity if department else 1,
                                            note=f"also: {', '.join(names)}")
    except (SlotUnavailableError, AppointmentNotFoundError):
        visit_work.no_room(s, ctx)  # taken since the read-back
        ctx.availability = AvailabilityCalendar(profile, ctx.calendar, ctx.now)
        await advance(s, ctx)  # the day's openings for the work on its own
        return
    subject = _subject(s, ctx)
    before = visit.services or ([visit.service_type] if visit.service_type else [])
    visit.services = [*before, *(k for k in slots.services if k not in before)]
    visit.duration_min = grown.duration_min
    s.appointment = visit.model_copy(update={"customer_name": visit.customer_name or slots.customer_name})
    day = date.fromisoformat(visit.scheduled_date)
    ctx.say("booked", subject=subject, on_date=say_on_date(day, ctx.today),
            time=say_time(time.fromisoformat(visit.scheduled_time)))
    ctx.ask(s, "anything_else", "greeting", "anything_else")
