"""The brain's front door: text in, reply + new state + effects out.

One :class:`Brain` per process serves every conversation; it holds the compiled graph, the
profiles and the ports, and keeps no per-conversation state of its own (the caller passes the
state in and persists what comes back).
"""

from __future__ import annotations

import re
import time as _time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from frontdesk.brain.agents import analytics, qualification, two_visits
from frontdesk.brain.agents.appointment_words import CANCELS_TOO, CHANGE_IN_CLAUSE, MOVES_TOO, STANDS
from frontdesk.brain.agents.booking_said import as_state
from frontdesk.brain.agents.escalation import apply_escalation_result, apply_transfer_failed
from frontdesk.brain.agents.move_target import told_one
from frontdesk.brain.availability import AvailabilityCalendar
from frontdesk.brain.context import Effect, Replies, TurnContext, facts_of
from frontdesk.brain.graph import build_graph
from frontdesk.brain.nlu import call_aside, understand, yes_then
from frontdesk.brain.nlu.assisted import MODEL_INTENTS, apply_guess
from frontdesk.brain.nlu.classifier import default_classifier
from frontdesk.brain.nlu.cues import ALREADY_BOOKED, CALL_ME, asks_hours
from frontdesk.brain.nlu.on_file import SOONER, about_booking, cancels_one
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.brain.nlu.warm import warm_up
from frontdesk.brain.nlu.when import relative_to
from frontdesk.brain.ports import Calendar, Clock, CustomerDirectory, LanguageAssist, Reminders
from frontdesk.brain.state import (
    BackgroundTask,
    ConversationState,
    CustomerContext,
    Message,
    Notification,
    Transition,
)
from frontdesk.config import BrainSettings
from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.knowledge.registry import ProfileRegistry

_OF_THE_BOOKING = re.compile(r"\b(?:i think|i believe|i guess)\W*$|\bwhen (?:it|that)(?:'s| is| was)\b|"
                             r"\bwhat (?:day|time) (?:it|that)(?:'s| is| was)\b")
"""A piece of a question about the booking on file ("the tires, I think?", "can you tell me when it is?")."""


_ASKED_AT_THE_END = re.compile(r"(?i)\b(?:and|also|oh and|plus)\b(?:\W+(?:uh|um|like|also))*\W+"
                               r"((?:(?!\band\b).)*?\b(?:are|is|do|does|can|could|will|would) "
                               r"(?:those|they|it|that|y'?all|you|there)\b[^.?!]*?"
                               r"(?:\bor (?:what|not)|\?)?)\W*$")
"""A question run on at the end of a message about a booking ("… and uh are those still under
warranty or what")."""


_ASKED_AFTER = re.compile(r"(?i)\b(?:and|also|so|but|plus|"
                          r"i (?:just )?(?:wanted|want|need|had) to (?:ask|know)(?: (?:about|something))?|"
                          r"quick question|(?:i (?:have )?)?no idea|(?:i'?m )?not sure|"
                          r"i don'?t (?:really )?know)"
                          r"\b(?:\W+(?:uh|um|like|also|just|yeah))*\W+"
                          r"((?:(?:where|what|how|when|which|who)(?:'?s)?|do|does|did|is|are|can|could|will|would|"
                          r"should)\b.*?)\W*$")
"""From the first question on, asked beside a booking ("… so where y'all located at and um do I
need to take the car seats out")."""
_ASKED_MIDWAY = re.compile(r"(?i)(?:^|\s)((?:where (?:exactly )?(?:is|are|do|y'?all)|how long (?:does|do|"
                           r"will|is)|"
                           r"what time (?:do|does|is))\b.*?)\W*$")
"""A question begun mid-sentence, no word joining it ("… at yalls office and im not from around
here where exactly is the office at")."""


_ASKED_ALONE = re.compile(r"(?i)(?:^|[.!?]\s+)((?:are|is|do|does|can|could|will|would|where|what|how|when)\b"
                          r"[^.!?]*\?)\W*$")
"""A question said as a sentence of its own at the end ("… that weekend. are y'all open Sundays?")."""


def _asked_tail(text: str, *, at_the_end: bool = True) -> re.Match[str] | None:
    """Where the first question asked beside a booking starts, however it is joined on."""
    found = (p.search(text) for p in (_ASKED_AT_THE_END if at_the_end else None, _ASKED_AFTER,
                                      _ASKED_MIDWAY, _ASKED_ALONE if at_the_end else None) if p is not None)
    return min(filter(None, found), key=lambda m: m.start(1), default=None)


def _each_asked(asked: Understanding) -> list[Understanding]:
    """The questions asked beside a booking, one act each ("where yall at exactly and how long does
    it usually take": both answered)."""
    return [replace(asked, acts=[]), *asked.acts]


class UnknownProfileError(KeyError):
    """No business profile with that key is loaded."""


@dataclass(slots=True)
class TurnOutcome:
    """What one turn produced."""

    state: ConversationState
    reply: str
    agent: str
    intent: str | None
    confidence: float
    transitions: list[Transition] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    brain_ms: float = 0.0


def system_clock() -> datetime:
    return datetime.now(UTC)


class Brain:
    """The multi-agent conversation brain (deterministic; no audio, HTTP or SQL)."""

    def __init__(
        self,
        profiles: Mapping[str, BusinessProfile],
        calendar: Calendar,
        customers: CustomerDirectory,
        settings: BrainSettings | None = None,
        clock: Clock = system_clock,
        assist: LanguageAssist | None = None,
        reminders: Reminders | None = None,
    ) -> None:
        # A registry stays live: a new version of a profile is what the next turn reads.
        self._profiles = (profiles if isinstance(profiles, ProfileRegistry)
                          else ProfileRegistry(profiles))
        self._reminders = reminders
        self._calendar = calendar
        self._customers = customers
        self._settings = settings or BrainSettings()
        self._clock = clock
        self._assist = assist
        self._graph = build_graph()
        default_classifier()  # trained or loaded now, at start, never inside a caller's turn
        warm_up(self._profiles.values())  # and the first read's regex and dateparser setup
        self._replies: dict[str, tuple[BusinessProfile, Replies]] = {}

    @property
    def profiles(self) -> Mapping[str, BusinessProfile]:
        return self._profiles

    def now(self) -> datetime:
        """The current instant (timezone-aware) by the brain's clock."""
        return self._clock()

    def profile(self, key: str) -> BusinessProfile:
        try:
            return self._profiles[key]
        except KeyError:
            raise UnknownProfileError(key) from None

    def _replies_for(self, profile: BusinessProfile) -> Replies:
        """The profile's reply templates, built again when a new version replaced it."""
        cached = self._replies.get(profile.key)
        if cached is None or cached[0] is not profile:
            cached = (profile, Replies(profile))
            self._replies[profile.key] = cached
        return cached[1]

    def local_now(self, profile: BusinessProfile) -> datetime:
        """Naive local time of the business."""
        return self._clock().astimezone(ZoneInfo(profile.timezone)).replace(tzinfo=None)

    async def new_state(
        self,
        conversation_id: str,
        profile: str,
        *,
        direction: str = "inbound",
        channel: str = "text",
        caller_phone: str | None = None,
        caller_name: str | None = None,
        callback_for: str | None = None,
    ) -> ConversationState:
        """A fresh conversation, recognising a returning caller by phone. ``callback_for``: an
        outbound call returning the call of that callback task."""
        self.profile(profile)
        customer = CustomerContext(name=caller_name, phone=caller_phone)
        if caller_phone:
            known = await self._customers.find_by_phone(caller_phone)
            if known is not None:
                customer = CustomerContext(customer_id=known.customer_id,
                                           name=caller_name or known.name, phone=known.phone,
                                           email=known.email, vehicles=known.vehicles)
        state = ConversationState(conversation_id=conversation_id, profile=profile,
                                  direction=direction, channel=channel,  # type: ignore[arg-type]
                                  customer=customer, callback_for=callback_for)
        state.lead.source = f"{direction}_{channel}"
        state.booking_slots.customer_name = customer.name
        state.booking_slots.customer_phone = customer.phone
        return state

    def _context(self, state: ConversationState, text: str | None) -> TurnContext:
        profile = self.profile(state.profile)
        now = self.local_now(profile)
        understanding = None
        if text is not None:
            text = text[: self._settings.max_message_chars]
            car = state.booking_slots.vehicle
            # the car on the lot the caller was told about, for "is it still there?"
            topic = car.label if car.stock_number else None
            slots = state.booking_slots
            # the day under discussion, for "the 23rd then" said about a day weeks ahead
            # (a move's new day read back counts first: "yes, Tuesday at ten")
            desk = state.desk if state.awaiting_agent == "appointments" else None
            focus = next((date.fromisoformat(d[:10]) for d in (
                desk.new_date if desk else None, *(desk.offered if desk else ()), *slots.offered,
                slots.preferred_date, state.day_asked) if d), None)
            offered = bool(slots.offered or (desk and desk.offered))
            understanding = understand(text, profile, now.date(), state.awaiting, topic, focus, offered)
            if understanding.date is None and state.awaiting_agent != "appointments" and (
                    told := told_one(state)) is not None and (
                    day := relative_to(text.lower(), date.fromisoformat(told.scheduled_date))) is not None:
                understanding.date = day  # told of Saturday's showing: "same day, right after, eleven?"
            if not understanding.services:
                # a meeting asked for as such is of its kind: "could I come in this Sunday and talk
                # to somebody?" from a buyer is a buyer consultation
                understanding.appointment_type = two_visits.kind(understanding)
            if (aside := _call_aside(state, text, profile, now.date(), topic, focus, offered)) is not None:
                understanding = aside
            elif state.awaiting in _OPEN | {"date", "time", "service"} and (
                    visit := _visit_after_call(text, profile, now.date(), state.awaiting)) is not None:
                understanding = visit  # "could you have her give me a ring this afternoon? … Oh and
                # while I've got you I need the tires rotated, Wednesday around two?": booked, then the call
            elif state.awaiting in _OPEN | {"date", "time", "service"} and (
                    call := _CALL_BESIDE.search(text.lower())) and (_ABOUT.search(text.lower(), call.start())
                                                                    or "sales" in call.group(0)):
                # "book an oil change for Tuesday at four, and then also, can somebody from sales
                # give me a call back about that red RAV4? afternoons are best": the booking now,
                # the call (with its own day and time) once it is made
                booking = understand(text[: call.start()], profile, now.date(), state.awaiting, topic,
                                     focus)
                if (booking.services or booking.appointment_type) and booking.intent in {
                        "book", "provide_info"} and not (
                        state.on_file and about_booking(booking, state.on_file, now.date(), profile)
                ) and not (
                        # ("my Jeep needs a head gasket … fix it or trade it in? could somebody in
                        # sales call me": work we do not do, no booking; the call)
                        booking.unoffered and not (booking.services or booking.date or booking.time)):
                    understanding = booking
                    understanding.call_after = text[call.start():].strip(" ,.;")
            elif state.awaiting == "confirm_booking" and (person := _PERSON_AFTER.search(text.lower())) and (
                    booking := understand(text[: person.start()], profile, now.date(), state.awaiting, topic,
                                          focus)).affirm and not booking.deny:
                # "Yes, book the Wednesday one, and then please put me through to Dana": booked, then them
                understanding = booking
                understanding.call_after = text[person.start():].strip(" ,.;")
            elif state.awaiting in _OPEN | {"date", "time", "service"} and (
                    person := _PERSON_AFTER.search(text.lower())) and (booking := understand(
                    text[: person.start()], profile, now.date(), state.awaiting, topic, focus)) and (
                    booking.services or booking.appointment_type) and (booking.date or booking.time) and (
                    booking.intent in {"book", "provide_info"}):
                # "can I book a rotation for Tuesday at three? and then I need to talk to Dana, the
                # manager, about my last bill": the booking now, the person once it is made
                understanding = booking
                understanding.call_after = text[person.start():].strip(" ,.;")
            elif state.awaiting in _OPEN | {"date", "time", "service"} and (
                    visit := _VISIT_AFTER.search(text.lower())) and CALL_ME.search(
                    text[: visit.start()].lower()):
                # "could Dana call me back this afternoon about a charge? And I also need my oil
                # changed, Friday, around four": the booking now, the call once it is made
                booking = understand(text[visit.start():], profile, now.date(), state.awaiting, topic,
                                     focus)
                if (booking.services or booking.appointment_type) and booking.intent in {
                        "book", "provide_info"}:
                    understanding = booking
                    understanding.call_after = text[: visit.start()].strip(" ,.;")
            elif state.appointment is None and not state.on_file and state.awaiting in _OPEN | _SETTLING and (
                    first := two_visits.split(text, lambda part: understand(
                        part, profile, now.date(), state.awaiting, topic, focus), " ".join(
                        m.content for m in state.messages[-6:] if m.role == "user"))) is not None:
                # (not with bookings on file: "… so I don't need tomorrow anymore. The oil change
                # next week I still want though" speaks of those)
                understanding = first  # "oil Saturday at ten, and separately the truck's brakes Tuesday"
            elif two_visits.later(state, understanding, profile):
                # "and then the detail — Saturday the eighteenth": a visit of its own, after this one
                understanding = Understanding(text=text, intent="provide_info", confidence=1.0,
                                              flags={"visit_after"})
            # (after one was changed, another said to stand: "okay cancel the rotation … and
            # tomorrow's oil change stays, that's fine": that one, as it is)
            gone = {d.split(" ")[1] for d in state.desk.done if d.startswith("cancelled ")}
            live = [a for a in state.on_file or () if str(a.id) not in gone]
            fresh = live and state.appointment is None and (not state.desk.done or (
                state.awaiting in _OPEN and (STANDS.search(text.lower()) or _STILL_WANT.search(text.lower()))
                and not CHANGE_IN_CLAUSE.search(text.lower())))
            # (anywhere, when the caller says so: "oh, I'm already on the books with y'all" asked
            # what the car needs)
            # (and on our own call, whatever we asked: "I've got the tire rotation tomorrow … can you
            # push me to Saturday?" asked what the car needs)
            # (and mid-way through anything, when told in so many words: "so cancel the Friday
            # buyer meeting, but keep the one Thursday" asked how soon they buy)
            if fresh and (state.awaiting in _OPEN or ALREADY_BOOKED.search(text.lower()) or cancels_one(
                    text.lower()) or (
                    state.direction == "outbound" and not state.booking_slots.preferred_date)) and (
                    understanding.intent not in _SETTLED) and (
                    "call_asked" not in understanding.flags or CANCELS_TOO.search(text.lower())
                    or MOVES_TOO.search(text.lower())) and (
                    found := about_booking(understanding, live, now.date(), profile) or (
                        # "I think I already set that up?": the one booking on file
                        ("lookup_appointment", live[0]) if len(live) == 1 and ALREADY_BOOKED.search(
                            text.lower()) else None)) and (
                    understanding.intent != "lookup_appointment" or found[0] != "lookup_appointment"):
                # "callin to make sure I'm still on for tomorrow, the battery": that booking
                topical = bool({"faq_topic", "price_question"} & understanding.flags)
                if understanding.intent in {"faq", "book", "provide_info"} and (
                        understanding.is_question or _asked_tail(text, at_the_end=False)) and (
                        not understanding.acts) and topical and (
                        understanding.intent == "faq" or found[0] == "lookup_appointment"):
                    # "we have a consultation Thursday at three, and I had a question first — how
                    # long does getting pre-approved take?": the booking, and the question asked
                    # ("just making sure the showing … is still on and um do we need to be pre
                    # approved": the question, from where it starts)
                    part = _asked_tail(text, at_the_end=False) if understanding.intent != "faq" else None
                    asked = (understand(part.group(1), profile, now.date(), state.awaiting) if part
                             else replace(understanding, acts=[]))
                    asked.intent, asked.is_question = "faq", True
                    asked.flags = {*asked.flags, "aside", "question"}
                    if {"faq_topic", "price_question"} & asked.flags:
                        understanding.acts = _each_asked(asked)
                understanding.intent, understanding.confidence = found[0], max(understanding.confidence, 0.8)
                # "… for the Tahoe — the tires, I think? … can you tell me when it is?": pieces of
                # the question about the booking, not questions of their own about the lot or hours
                understanding.acts = [a for a in understanding.acts if a.intent != "faq" or (
                    {"faq_topic", "price_question"} & a.flags) or not (
                    a.vehicle or _OF_THE_BOOKING.search(a.text.lower()))]
            if state.on_file and understanding.intent in {"lookup_appointment", "reschedule", "cancel"} and (
                    ({"faq_topic", "price_question"} & understanding.flags or asks_hours(text.lower()))
                    and len(understanding.acts) < 2) and (
                    tail := _asked_tail(text)):
                # "i got a break inspection wednesday … is that still on and uh the brakes yall did
                # last summer are those still under warranty or what": that question too
                # ("… its my first time coming out there so where yall located at and um do i need
                # to take the car seats out": from the first question on)
                asked = understand(tail.group(1), profile, now.date(), state.awaiting)
                if ("faq_topic" in asked.flags or (asked.intent == "faq" and asked.is_question and not (
                        _OF_THE_BOOKING.search(asked.text.lower())))) and not (
                        SOONER.search(asked.text.lower())):
                    # (not "… is there anything sooner? Like tomorrow?": the move's own new day)
                    asked.intent, asked.is_question = "faq", True
                    asked.flags |= {"aside", "question"}
                    # (one question heard already, "… where yall at exactly and how long does it
                    # take": both, when the tail holds more)
                    if len(each := _each_asked(asked)) > len(understanding.acts):
                        understanding.acts = each
        return TurnContext(
            profile=profile, replies=self._replies_for(profile), settings=self._settings,
            calendar=self._calendar, customers=self._customers, now=now,
            understanding=understanding,
            availability=AvailabilityCalendar(profile, self._calendar, now),
            assist=self._assist, reminders=self._reminders, facts_before=facts_of(state),
        )

    async def _run(self, state: ConversationState, text: str | None) -> TurnOutcome:
        started = _time.perf_counter()
        # The graph's nodes change the state in place: this turn works on its own copy, so the
        # caller's state is untouched when the turn fails half way.
        state = state.model_copy(deep=True)
        if text is not None and state.on_file is None:
            # the caller's (or the one we called) bookings, once, when they first speak: "is it
            # still on for Monday?"
            # (a caller without caller ID has none looked up; a number given later is asked by
            # the appointments agent when they ask about a booking)
            profile = self.profile(state.profile)
            found = await self._calendar.upcoming(profile.key, state.customer.phone, self.local_now(profile)
                                                  ) if state.customer.phone else []
            state = state.model_copy(update={"on_file": [as_state(a) for a in found]})
        ctx = self._context(state, text)
        if (self._assist is not None and ctx.understanding is not None
                and ctx.understanding.confidence < self._settings.unsure_below):
            guess = await self._assist.understand(ctx.understanding.text, profile=ctx.profile,
                                                  state=state, intents=list(MODEL_INTENTS),
                                                  today=ctx.today)
            if guess is not None:
                apply_guess(ctx.understanding, guess, ctx.profile, ctx.today)
        result = await self._graph.ainvoke({"s": state}, config={"configurable": {"turn": ctx}})
        new_state = ConversationState.model_validate(
            {name: getattr(result["s"], name) for name in ConversationState.model_fields})
        reply = new_state.messages[-1].content if new_state.messages else ""
        new_state.forget_older_messages(self._settings.recent_messages)
        return TurnOutcome(
            state=new_state, reply=reply, agent=new_state.current_agent,
            intent=new_state.detected_intent if text is not None else "greeting",
            confidence=new_state.confidence, transitions=ctx.transitions, effects=ctx.effects,
            brain_ms=(_time.perf_counter() - started) * 1000,
        )

    async def start(self, state: ConversationState) -> TurnOutcome:
        """The opening line of the call (greeting)."""
        return await self._run(state, None)

    async def respond(self, state: ConversationState, text: str) -> TurnOutcome:
        """One caller message → one reply."""
        if state.ended:
            raise ValueError("conversation has ended")
        if state.awaiting in {"confirm_booking", "confirm_change"} and not (
                state.desk.queued or state.desk.then_book) and (  # (those follow the yes already)
                parts := yes_then.split(text)) is not None and (
                call_aside.split(text) is None):  # (a call asked beside it is set up once it is booked)
            # "yes. and after that can you put me through to a manager?": the yes books the visit
            # read back (or cancels or moves the one on file), then the rest is the caller's next
            # words (when the yes did not do it, the message is read whole once more)
            first = await self._run(state, parts[0])
            booked, before = first.state.appointment, state.appointment
            done = (booked is not None and (before is None or booked.id != before.id)) if (
                state.awaiting == "confirm_booking") else len(first.state.desk.done) > len(state.desk.done)
            if done and (first.state.ended or first.state.awaiting in {"confirm_change", "confirm_booking"}):
                return first  # (the next change read back waits for its own answer)
            if done:  # (what the yes did stands: the calendar has it, whatever comes next)
                said = _ANYTHING_ELSE_ASKED.sub("", first.reply)
                if first.state.messages:
                    first.state.messages[-1].content = said  # (the question was never put)
                then = await self._run(first.state, parts[1])
                return replace(then, reply=f"{said} {then.reply}".strip(),
                               transitions=[*first.transitions, *then.transitions],
                               effects=[*first.effects, *then.effects],
                               brain_ms=first.brain_ms + then.brain_ms)
        return await self._run(state, text)

    def apply_task_result(self, state: ConversationState, task_id: str, *, available: bool,
                          person: str, transfer_to: str | None = None
                          ) -> tuple[ConversationState, Notification | None]:
        """Record a finished human-availability check; returns the notification to deliver.

        ``transfer_to``: the free person's own number, which a phone call is put through to."""
        s = state.model_copy(deep=True)
        replies = self._replies_for(self.profile(s.profile))
        note = apply_escalation_result(s, task_id, available, person, replies, self.now(),
                                       transfer_to)
        return s, note

    def transfer_failed(self, state: ConversationState, *, dial_status: str
                        ) -> tuple[ConversationState, Notification | None]:
        """The phone transfer to a free person was not answered (``dial_status``: Twilio's
        ``DialCallStatus``): the caller is back with the agent, which offers to take a message.

        Returns the new state and the line to say when the caller is back (None when the
        conversation has ended or no transfer was under way). Pure: no I/O."""
        s = state.model_copy(deep=True)
        note = apply_transfer_failed(s, dial_status, self._replies_for(self.profile(s.profile)))
        return s, note

    async def finish(self, state: ConversationState,
                     transcript: Sequence[Message] | None = None) -> ConversationState:
        """End a conversation from outside (hang-up): outcome and summary are computed.

        ``transcript`` is the whole conversation where the caller keeps it (the state holds
        only the last messages); a language model's summary notes read it.
        """
        s = state.model_copy(deep=True)
        s.ended = True
        if _dropped_mid_task(state):
            # The line went dead while the agent was asking something: somebody calls back.
            due = self.now() + DROPPED_CALLBACK_AFTER
            s.pending_tasks.append(BackgroundTask(
                task_id=f"cb_{s.conversation_id}_dropped", task_type="callback",
                reason=f"the call dropped while the {state.current_agent} agent was waiting "
                       f"for an answer ({state.awaiting.replace('_', ' ')})",
                due_at=due.isoformat()))
        if (call := s.booking_slots.call_after) and not state.ended and not s.lead.do_not_call:
            # hung up with a call asked beside a booking never made: the team has it as asked
            s.booking_slots.call_after = None
            s.pending_tasks.append(BackgroundTask(
                task_id=f"cb_{s.conversation_id}_asked", task_type="callback",
                reason=f"Caller asked for a call: {call}"))
        s.awaiting = None
        profile = self.profile(s.profile)
        if profile.kind == "real_estate":
            qualification.score_on_leaving(s, profile.qualification, self._settings.qualification_threshold)
        await analytics.run(s, profile, self._assist, transcript)
        s.forget_older_messages(self._settings.recent_messages)
        return s


def _call_aside(state: ConversationState, text: str, profile: BusinessProfile, today: date,
                topic: str | None, focus: date | None, offered: bool) -> Understanding | None:
    """A call from the team asked beside something under way (a booking being made, a booking on
    file being changed or just told) or asked for in the same breath ("… Friday at ten. And I need
    someone on the service side to call me about whether my warranty covers the rotors"): the rest
    of the message, read on its own, carrying the call to be set up after it (``call_after``,
    flagged ``call_aside``; an empty rest reads as nothing said)."""
    if (parts := call_aside.split(text)) is None:
        return None
    before, call = parts
    rest = understand(before, profile, today, state.awaiting, topic, focus, offered) if before else None
    if (rest is not None and (rest.intent in {"cancel", "reschedule"} or rest.intent.startswith(
            "objection"))) or (
            state.awaiting == "confirm_change" and state.desk.action == "cancel"):
        # "please cancel it and have someone call me next week", "but can somebody from service
        # ring me back this afternoon about my last bill?" to the cancel read back: the cancel's
        # own call (it goes on, then the call)
        return None
    under_way = (state.booking_slots.under_way() and state.appointment is None) or (
        state.awaiting_agent == "appointments") or told_one(state) is not None
    if not under_way and not (rest is not None and rest.intent in {"book", "provide_info", "faq"} and (
            ((rest.services or rest.appointment_type) and (rest.date or rest.time or rest.window))
            or rest.is_question or rest.acts)):
        # a call asked for, and nothing else: the call itself ("my husband dropped our F-150 off
        # this morning for the grinding noise … can somebody call me when it's done?")
        return None
    if not under_way and rest is not None and rest.unoffered and not (
            rest.services or rest.date or rest.time or rest.window):
        return None  # "my Jeep needs a head gasket … fix it or trade it in? could somebody in sales call me"
    if rest is not None and (state.awaiting in {"confirm_booking", "confirm_change"} or (
            state.awaiting in {None, "anything_else"} and not rest.is_question)) and rest.intent in {
            "unknown", "provide_info", "chitchat"} and not (
            rest.has_booking_facts or rest.has_lead_facts or rest.has_contact_facts):
        # ("I'm not sure if they'll need it overnight, and I need to figure out a ride. could
        # somebody from the shop call me back about that?": why the call, nothing else asked)
        # "and the other thing — I got charged for a cabin filter I never asked for. I'd like the
        # manager to call me about it": what the call is about, the read back still waiting
        rest, call = None, f"{before} {call}"
    aside = rest or Understanding(text="", intent="call_noted", confidence=1.0)
    aside.call_after = call
    aside.flags.add("call_aside")
    return aside


_ANYTHING_ELSE_ASKED = re.compile(r"\s*[^.!?]*\?\s*$")
"""The question closing a reply ("… Is there anything else I can help you with?")."""
_CALL_BESIDE = re.compile(r"(?:^|[,.;!?—-]\s*|\s)(?:(?:and|but|so|also|then|plus|oh|separately|um+|uh+)"
                          # ("and also somebody call me about what my Highlander's worth")
                          r",?\s+)*(?:(?:can|could|would|will|have) |(?<=also )|(?<=and )|(?<=plus ))"
                          r"(?:somebody|someone|you|y'?all|"
                          r"one of (?:your|y'?all'?s?) \w+)(?: (?:from|in|over in|on) (?:sales|service|"
                          r"the \w+ (?:department|side|team)|your \w+ (?:department|team)))? "
                          r"(?:please |also |just )?(?:give (?:me|us) a (?:call|ring|buzz)|call (?:me|us)|"
                          r"call(?= about\b)|"
                          r"reach out|get back to (?:me|us))\b")
"""A call back asked in a clause of its own, beside something else."""
_PERSON_AFTER = re.compile(r"(?:[,.;!?—-]\s*|\s)(?:(?:and|also|then|plus|oh|after that|now|and now|next|"
                           r"once that'?s done)\W+)+(?:please |just )?(?:(?:can|could|would) (?:you|y'?all) "
                           r"(?:please |also |just )?(?:put me through|transfer me|connect me)|"
                           r"(?:i|we)(?: also)?(?: need| want| wanna|'d like| would like) to (?:talk|speak) "
                           r"(?:to|with)|put me through|transfer me|connect me)\b")
"""A person asked for after a booking in the same message ("… and then put me through to a manager")."""
_VISIT_AFTER = re.compile(r"(?<=[,.;!?])\s*(?:(?:and|also|plus|oh)\W+)+(?:i|we)"
                          r"(?:'d (?:also )?(?:like|love)|"
                          r"\s+(?:also\s+)?(?:need|want|gotta|have to|'d like|would like|would love|"
                          r"wanna))\b")
"""A visit asked for after a call back asked ("… call me back about it? And I also need …")."""


def _visit_after_call(text: str, profile: BusinessProfile, today: date,
                      awaiting: str | None) -> Understanding | None:
    """A visit with its day asked after a call asked first, read on its own (the call kept as
    ``call_after``); None when there is none."""
    for cut in call_aside.cuts_after_call(text):
        visit = understand(text[cut:], profile, today, awaiting)
        if (visit.services or visit.appointment_type) and (visit.date or visit.time) and (
                visit.intent in {"book", "provide_info"}) and not visit.deny:
            visit.call_after = text[:cut].strip(" ,.;")
            return visit
    return None


_ABOUT = re.compile(r"\b(?:about|regarding|to go over)\b(?! (?:it|them)\b| (?:that|this)(?:[.,;!?]|$)|"
                    r" the (?:recall|appointment|booking|visit|work|repair)\b)")
"""What that call is to be about: another matter than the booking asked beside it."""
_STILL_WANT = re.compile(r"\b(?:still|do) (?:want|need)\b(?! (?:to|an?|another|one more)\b)")
"""Of a booking on file: "the buying one on the third we still want, yeah"."""
_OPEN = {None, "anything_else", "appointment_type", "permission", "offer_appointment", "intent"}
"""Where a caller may bring up a booking on file: the call's opening (ours too: "oh good, y'all
called, I've got one on the books for Wednesday"), or after something else."""
_SETTLING = {"date", "time", "service", "name", "pick_alternative", "confirm_booking"}
"""Where a visit is being settled: a second one may be asked beside it."""
_SETTLED = {"cancel", "reschedule", "do_not_call", "escalation", "wrong_number", "goodbye"}
"""Acts a booking on file does not change ("when is it?" may turn out to be "take me off")."""

DROPPED_CALLBACK_AFTER = timedelta(minutes=15)
"""When a call that dropped mid-conversation is due to be returned."""


def _dropped_mid_task(s: ConversationState) -> bool:
    """A spoken call that ended from outside while the agent waited for an answer that
    mattered, with nothing booked or promised yet and a number to call back."""
    return (s.channel != "text" and s.awaiting is not None and s.awaiting != "anything_else"
            and s.appointment is None and not s.lead.do_not_call and bool(s.customer.phone)
            and s.outcome not in {"wrong_number", "not_interested"}
            and not any(t.task_type == "callback" for t in s.pending_tasks))
