"""What one turn carries between agents: understanding, ports, reply parts, effects.

Agents never perform side effects other than booking through the calendar port; everything else
they want done (start a human check, schedule a callback, mark do-not-call) is returned as an
:class:`Effect` for the conversation service to carry out and persist.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from frontdesk.brain.availability import AvailabilityCalendar
from frontdesk.brain.format import say_slot
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.nlu.cues import ONLY_COURTESY
from frontdesk.brain.nlu.name_fixes import corrected_name
from frontdesk.brain.nlu.name_spacing import name_put_right
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.ports import Calendar, CustomerDirectory, LanguageAssist, Reminders
from frontdesk.brain.state import AgentName, BackgroundTask, ConversationState, Transition
from frontdesk.config import BrainSettings
from frontdesk.knowledge.profile import BusinessProfile

NEVER_STUCK = {"anything_else", "what_else", "stuck_offer", "qualified_offer"}
"""Questions that may come back (each time after something new happened)."""


@dataclass(slots=True, frozen=True)
class Effect:
    """A side effect the brain asks for; carried out by the conversation service."""

    kind: Literal["start_escalation", "schedule_callback", "mark_do_not_call", "end_call", "cancel_task"]
    task_id: str | None = None
    detail: str | None = None
    due_at: str | None = None


@cache
def _shared_replies() -> dict[str, str]:
    data = yaml.safe_load(Path(__file__).with_name("replies.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


class Replies:
    """Reply templates: the shared ones with the profile's overrides on top."""

    def __init__(self, profile: BusinessProfile) -> None:
        self._templates = {**_shared_replies(), **profile.replies}
        self._defaults = {"business": profile.name, "agent": profile.agent_name}

    def say(self, key: str, **values: object) -> str:
        template = self._templates[key]
        return template.format(**{**self._defaults, **values}).strip()

    def has(self, key: str) -> bool:
        return key in self._templates

    def fixed(self) -> list[str]:
        """Every reply said word for word to any caller: templates whose only placeholders are
        the business's own (its name, the agent's name)."""
        lines = []
        for template in self._templates.values():
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            if names <= self._defaults.keys():
                lines.append(template.format(**self._defaults).strip())
        return lines


def fixed_lines(profile: BusinessProfile) -> list[str]:
    """What this business's agent says the same way on every call: its fixed replies, FAQ
    answers and objection replies (the phrase cache is warmed with them at start)."""
    lines = [*Replies(profile).fixed(), *(entry.answer for entry in profile.faq)]
    for play in profile.objections.values():
        lines += [play.reply, *([play.retry_reply] if play.retry_reply else [])]
    return list(dict.fromkeys(line for line in lines if line))


@dataclass(slots=True)
class TurnContext:
    """Everything an agent needs during one turn, and what it produces."""

    profile: BusinessProfile
    replies: Replies
    settings: BrainSettings
    calendar: Calendar
    customers: CustomerDirectory
    now: datetime
    """Business-local, naive."""
    understanding: Understanding | None
    """None on the opening turn (the greeting)."""
    availability: AvailabilityCalendar
    reply_parts: list[str] = field(default_factory=list)
    notice: str | None = None
    """Said first and word for word (the recording disclosure): never rephrased or cut."""
    effects: list[Effect] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    handoff: AgentName | None = None
    resuming: bool = False
    """Set when an agent hands back to a flow after an aside; the flow re-asks, not re-reads."""
    hops: int = 0
    assist: LanguageAssist | None = None
    """A language model's optional help (None: fully deterministic)."""
    reminders: Reminders | None = None
    """Which reminders a booking will get (None: none are sent, none are promised)."""
    queue: list[Understanding] = field(default_factory=list)
    said: Understanding | None = None
    """The caller's whole message this turn, asides and all."""
    """Acts of this message still to handle after the current one (the main act last)."""
    aside_answered: bool = False
    """A question or aside was answered this turn: asking the flow's question again is
    going back to it, not a failed attempt."""
    progressed: bool = False
    """The caller gave facts this turn, if not the ones asked for ("round rock, between three
    and four hundred" asked for a day): asking again is no failed attempt."""
    unanswered: list[str] = field(default_factory=list)
    """Questions of this message we had no answer to ("I don't have that information on hand"):
    one offer of a callback covers them all."""
    priced: bool = False
    """A service's price or duration was said this turn (the visit may be offered after it)."""
    facts_before: tuple[object, ...] | None = None
    """The caller's facts as the turn began (:func:`facts_of`): facts that changed since are
    progress, whichever question they answer."""

    @property
    def more_acts(self) -> bool:
        """Another act of this message follows: answer this one, but ask nothing yet."""
        return bool(self.queue)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def u(self) -> Understanding:
        assert self.understanding is not None, "agent called without a caller message"
        return self.understanding

    def say(self, key: str, **values: object) -> None:
        self.add(self.replies.say(key, **values))

    def add(self, text: str) -> None:
        if text in self.reply_parts:
            return  # two acts of one message told the same thing: said once
        self.reply_parts.append(text)

    def hand_off(self, agent: AgentName, reason: str, state: ConversationState) -> None:
        self.handoff = agent
        self.transitions.append(Transition(from_agent=state.current_agent, to_agent=agent,
                                           reason=reason))

    def request_callback(self, state: ConversationState, detail: str,
                         due_at: str | None = None, window: str | None = None) -> None:
        """Create a callback task for a person on the team — only ever after the caller asked
        for one or agreed to it. It is recorded in the state and carried out by the service."""
        task_id = f"cb_{state.conversation_id}_{state.turn_count}"
        if any(t.task_id == task_id for t in state.pending_tasks):
            return
        state.pending_tasks.append(BackgroundTask(task_id=task_id, task_type="callback",
                                                  reason=detail, due_at=due_at, window=window))
        self.effects.append(Effect(kind="schedule_callback", task_id=task_id, detail=detail,
                                   due_at=due_at))

    def ask(self, state: ConversationState, awaiting: str, agent: AgentName, key: str,
            **values: object) -> None:
        """Ask the caller something and remember who is waiting for the answer.

        Never the same question a third time in a row: the second time it is reworded (a
        ``{key}_retry`` template, with examples or choices), and a third time the agent changes
        strategy — it offers a callback from a person instead of asking again.
        """
        if state.last_ask == key and self.replies.say(key, **values) in self.reply_parts:
            return  # asked already this turn (an agent handed back to another that asks the same)
        repeats = state.ask_repeats + 1 if state.last_ask == key else 0
        if (self.aside_answered or self.progressed) and state.last_ask == key:
            repeats = state.ask_repeats  # back from a question: not a failed attempt
        elif state.last_ask == key and self._heard_the_answer(state):
            repeats = state.ask_repeats  # "ok great" to the answer given before the question
        elif repeats and key == "ask_name" and self._restated(state):
            repeats = state.ask_repeats  # "ok, so four thirty today" to "your name?": agreed, not failed
        elif repeats and awaiting == "pick_alternative" and self._new_offer(state, key, values):
            repeats = 0  # "anything in the afternoon?": other times offered, a new question
        elif repeats and self._acknowledged(state, key):
            # given a name or a day when something else was asked ("guadalupe ortiz o r t i z"
            # to "8 or 10?"): taken and said so, it is no failed attempt
            repeats = state.ask_repeats
        # two questions asked by turns ("buy or sell?" … "a consultation or a showing?" …) are as
        # stuck as one asked three times: a question back twice in its last four is not asked again
        # (a ``last_ask`` cleared means the same words now ask something new: a new time read back)
        by_turns = state.last_ask not in {key, None} and state.recent_asks[-4:].count(key) >= 2
        state.recent_asks = [*state.recent_asks[-7:], key]
        if (repeats >= 2 or by_turns) and key not in NEVER_STUCK:
            self.stuck(state, key)
            return
        retry = f"{key}_retry"
        question = self.replies.say(retry if repeats == 1 and self.replies.has(retry) else key, **values)
        if not any(question in part for part in self.reply_parts):  # asked once already this turn
            self.reply_parts.append(question)
        state.last_ask, state.ask_repeats = key, repeats
        state.awaiting = awaiting  # type: ignore[assignment]
        state.awaiting_agent = agent

    def stuck(self, state: ConversationState, key: str) -> None:
        """The same question will not be asked again: a person is offered to call back instead."""
        state.last_ask, state.ask_repeats, state.recent_asks = "stuck_offer", 0, []
        self.say("stuck_offer")
        state.callback_reason = f"Could not complete the call ({key.replace('_', ' ')})"
        state.awaiting = "offer_callback"
        state.awaiting_agent = "faq"

    def _heard_the_answer(self, state: ConversationState) -> bool:
        """The caller only acknowledges ("ok great") the answer said before the question."""
        if self.understanding is None or not ONLY_COURTESY.fullmatch(self.understanding.text.lower()):
            return False
        last = next((m.content for m in reversed(state.messages) if m.role == "assistant"), "")
        return bool(re.match(r"[^?]+[.!] ", last)) and last.rstrip().endswith("?")

    def _restated(self, state: ConversationState) -> bool:
        """The caller only says back the day or hour already settled ("ok river road got it, so
        four thirty today"): said back to them, and the question stands as not yet answered."""
        u, b = self.understanding, state.booking_slots
        if u is None or not (u.date or u.time) or u.name or facts_of(state) != self.facts_before or not (
                b.preferred_date and b.preferred_time) or (
                u.date and u.date.isoformat() != b.preferred_date) or (
                u.time and (u.time.hour % 12, u.time.minute) != (int(b.preferred_time[:2]) % 12,
                                                                  int(b.preferred_time[3:5]))):
            return False
        note = self.replies.say("noted_what", what=say_slot(datetime.combine(
            date.fromisoformat(b.preferred_date), time.fromisoformat(b.preferred_time)), self.today))
        if note not in self.reply_parts:
            self.reply_parts.append(note)
        return True

    def _new_offer(self, state: ConversationState, key: str, values: dict[str, object]) -> bool:
        """Times offered that were not the ones offered last time."""
        last = next((m.content for m in reversed(state.messages) if m.role == "assistant"), "")
        return bool(values) and self.replies.say(key, **values) not in last

    def _acknowledged(self, state: ConversationState, key: str) -> bool:
        """Say that the facts the caller gave this turn were taken, when they did give some and
        asking again will not sound the same as last time; whether it was said."""
        if self.facts_before is None or facts_of(state) == self.facts_before or (
                state.recent_asks[-4:].count(key) >= 3):
            return False
        name = state.customer.name
        b = state.booking_slots
        moved = (b.preferred_date, b.preferred_time) != tuple(self.facts_before[4:6]) and bool(
            b.preferred_date and b.preferred_time)
        note = (self.replies.say("thanks_name", first=name.split()[0])
                if name and name != self.facts_before[0]
                # "oh wait, make it Thursday at noon" while the name is asked: the new time said back
                else self.replies.say("noted_what", what=say_slot(datetime.combine(
                    date.fromisoformat(b.preferred_date or ""), time.fromisoformat(b.preferred_time or "")),
                    self.today)) if moved
                else self.replies.say("noted"))
        if note in self.reply_parts:
            return True
        last = next((m.content for m in reversed(state.messages) if m.role == "assistant"), "")
        if last.startswith(note):
            return False
        self.reply_parts.append(note)
        return True


def facts_of(s: ConversationState) -> tuple[object, ...]:
    """What the caller has told us so far: their name and number, the visit, the lead."""
    b, lead = s.booking_slots, s.lead
    return (s.customer.name, s.customer.phone, b.appointment_type, tuple(b.services), b.preferred_date,
            b.preferred_time, b.time_of_day, b.window_start, b.window_end, b.vehicle.label, lead.intent,
            lead.budget_min, lead.budget_max, lead.timeline_months, lead.timeline_text, lead.location,
            lead.financing)


def absorb_contact(s: ConversationState, ctx: TurnContext) -> None:
    """Copy name, phone and email the caller gave into the customer and the booking slots."""
    u = ctx.understanding
    if u is None:
        return
    known = s.customer.name or ""
    if u.name and "surname_only" in u.flags and len(known.split()) == 1 and (
            known.lower() != u.name.lower()):
        s.customer.name = f"{known} {u.name}"  # "this is Dana" … "last name's Okafor"
    elif u.name and (s.awaiting == "name" or not s.customer.name or u.name != s.customer.name):
        s.customer.name = u.name if s.awaiting == "name" else corrected_name(known, u.name)
    elif known and (fixed := name_put_right(normalise(u.text), known)):
        s.customer.name = fixed  # "my first name is spelled K-A-T-H-R-Y-N"
    if u.phone:
        s.customer.phone = u.phone
    if u.email:
        s.customer.email = u.email
    slots = s.booking_slots
    slots.customer_name = s.customer.name or slots.customer_name
    slots.customer_phone = s.customer.phone or slots.customer_phone
    slots.customer_email = s.customer.email or slots.customer_email
