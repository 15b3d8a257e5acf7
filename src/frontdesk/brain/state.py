"""The one typed conversation state every agent reads and writes.

It is plain, JSON-serialisable data (it is persisted after every turn and sent to clients), in
the shape of seed 004's ConversationState plus the lead fields of the REAutomation2 seeds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import AliasChoices, BaseModel, Field

AgentName = Literal[
    "router",
    "greeting",
    "qualification",
    "objection",
    "scheduling",
    "appointments",
    "faq",
    "escalation",
    "analytics",
]

Awaiting = Literal[
    "name",
    "phone",
    "email",
    "date",
    "time",
    "service",
    "vehicle",
    "appointment_type",
    "confirm_booking",
    "pick_alternative",
    "intent",
    "budget",
    "timeline",
    "location",
    "financing",
    "motivation",
    "callback_time",
    "offer_appointment",
    "offer_callback",
    "anything_else",
    "permission",
    "which_appointment",
    "confirm_change",
    "move_or_cancel",
    "take_message",
]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Message(BaseModel):
    role: Literal["user", "assistant", "system"]
    content: str
    agent: str | None = None
    intent: str | None = None
    at: datetime = Field(default_factory=utcnow)


class CustomerContext(BaseModel):
    customer_id: int | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    vehicles: list[dict[str, object]] = []


class VehicleInfo(BaseModel):
    year: int | None = None
    make: str | None = None
    model: str | None = None
    stock_number: str | None = None

    @property
    def label(self) -> str | None:
        parts = [str(self.year) if self.year else None, self.make, self.model]
        text = " ".join(p for p in parts if p)
        return text or None


class BookingSlots(BaseModel):
    appointment_type: str | None = None
    service_type: str | None = None
    preferred_date: str | None = None
    """``YYYY-MM-DD`` in the business's time zone."""
    preferred_time: str | None = None
    """``HH:MM`` (24 h) in the business's time zone."""
    time_of_day: Literal["morning", "afternoon", "evening"] | None = None
    window_start: str | None = None
    """``HH:MM``: the caller wants a slot at or after this ("after 3", "after work")."""
    window_end: str | None = None
    """``HH:MM``: the appointment must start before this ("before lunch")."""
    latest: bool = False
    """The caller wants the last opening of the day ("end of day, whatever your last one is")."""
    services: list[str] = []
    """Every service for this visit ("an oil change and a tire rotation"); the first is
    ``service_type``."""
    services_expected: int = 0
    """How many services the caller said the visit is for ("could you do both?"), while fewer
    are named; 0 once asked about."""
    customer_name: str | None = None
    name_declined: bool = False
    """The caller would rather not give a name; the booking goes under their phone number."""
    customer_phone: str | None = None
    customer_email: str | None = None
    vehicle: VehicleInfo = VehicleInfo()
    offered: list[str] = []
    """Alternatives last offered, as ``YYYY-MM-DDTHH:MM``."""
    call_after: str | None = None
    """A call back asked beside this booking about something else, set up once it is made."""
    visit_after: str | None = None
    """The words of a second visit asked beside this one, read back once this one is made."""
    asked_time: str | None = None
    """``HH:MM``: the hour asked for that was not open, for "… the day after, same time"."""
    add_to: int | None = None
    """The booking on file this work joins ("rotate the tires too while it's in there"): at
    that visit's own day and time the visit grows to hold it, instead of a second booking."""
    visit_moves: bool = False
    """The caller moved that whole visit, work added and all, to the day and time asked."""

    def dropped(self) -> BookingSlots:
        """Nothing asked to be booked any more; who the caller is stays known, and so does a call
        asked beside the booking (it is still owed)."""
        return BookingSlots(customer_name=self.customer_name, customer_phone=self.customer_phone,
                            call_after=self.call_after)

    def under_way(self) -> bool:
        """Something is being booked: a kind of visit, work or a day asked for."""
        return bool(self.appointment_type or self.service_type or self.services or self.preferred_date)


class LeadInfo(BaseModel):
    """Qualification of a caller as a sales lead (real estate, and dealership sales)."""

    intent: Literal["buy", "sell", "both", "rent", "other"] | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    timeline_months: float | None = None
    timeline_text: str | None = None
    location: str | None = None
    in_service_area: bool | None = None
    financing: Literal["pre_approved", "cash", "in_progress", "not_started"] | None = None
    motivation: str | None = None
    score: float = 0.0
    qualified: bool | None = None
    factors: dict[str, float] = {}
    do_not_call: bool = False
    declined: list[str] = []
    """Factors the caller could not or would not give; the agent moved on."""
    status: Literal["new", "contacted", "qualified", "nurture", "booked", "lost", "do_not_call"] = (
        "new"
    )
    source: str = "inbound_call"


class Appointment(BaseModel):
    id: int
    appointment_type: str
    service_type: str | None = None
    scheduled_date: str
    scheduled_time: str
    duration_min: int
    customer_name: str | None = None
    status: str = "scheduled"
    vehicle: str | None = None
    services: list[str] = []
    department: str | None = None


class AppointmentDesk(BaseModel):
    """A caller's request about an appointment they already have: find, cancel, move, tell."""

    action: Literal["cancel", "move", "lookup"] | None = None
    found: list[Appointment] = []
    """Upcoming appointments found under the caller's number(s), earliest first."""
    searched: list[str] = []
    """Phone numbers (E.164) already looked up."""
    chosen: int | None = None
    """The id of the appointment the caller means, once it is clear."""
    new_date: str | None = None
    """Move: the day asked for (``YYYY-MM-DD``)."""
    new_time: str | None = None
    """Move: the time asked for (``HH:MM``)."""
    part: str | None = None
    """Move: the part of the day asked for ("the afternoon instead"), when no time was."""
    latest: bool = False
    """Move: the last opening of the day asked for ("what's the latest you got tomorrow?")."""
    sooner: bool = False
    """Move: an earlier time than the booking's asked for ("I'm on for a week from Tuesday …
    anything sooner?"): the soonest openings are offered, and a weekday said is the next one."""
    queued: list[str] = []
    """A second change asked in the same breath, on another appointment, done after this one
    (``cancel detailing``: "move the oil change to Wednesday, and just cancel the detail")."""
    every: bool = False
    """Move: every booking found moves together ("we gotta move both showings off of saturday"):
    once this one's new day is said, the others are queued to follow it."""
    then_book: str | None = None
    """What the caller said after asking for the cancel, when it asks for a new booking ("… need
    to cancel it. But while I've got you, can I come drive the blue CR-V Thursday at six?"):
    taken up once the cancel is done."""
    offered: list[str] = []
    """Move: open times last offered, as ``YYYY-MM-DDTHH:MM``."""
    done: list[str] = []
    """What was changed in this conversation, e.g. ``cancelled 12``, ``moved 12``."""
    result: Appointment | None = None
    """The last appointment changed, as it now is (status ``cancelled`` after a cancel)."""
    kept: bool = False
    """The caller changed their mind and kept the appointment as it was."""
    all_read_back: bool = False
    """Cancel: every booking found was read back at once ("cancel everything we have"), so a yes
    cancels each of them, not only the first."""

    def last_done(self, what: str) -> bool:
        """Was ``what`` ("told", "cancelled", "moved") the last thing done about an appointment?"""
        return bool(self.done) and self.done[-1].startswith(f"{what} ")


class BackgroundTask(BaseModel):
    task_id: str
    task_type: Literal["human_escalation", "callback"]
    status: Literal["pending", "running", "completed", "failed", "cancelled"] = "pending"
    reason: str | None = None
    human_available: bool | None = None
    human_agent_name: str | None = None
    due_at: str | None = None
    window: str | None = None
    """The part of the day the caller asked to be called back in (morning/afternoon/evening)."""
    department: str | None = None
    """A check for a person: the department the caller's request is about (None: anyone)."""
    transfer_status: str | None = None
    """A check whose person was free: how the transfer to them failed (Twilio's
    ``DialCallStatus``: ``no-answer``, ``busy``, ``failed``, ``canceled``); None otherwise."""


class Notification(BaseModel):
    notification_id: str
    message: str
    priority: Literal["interrupt", "high", "normal"] = "normal"
    delivered: bool = False
    handoff: bool = False
    """A person is ready to take the call: a phone line transfers after saying it."""
    transfer_to: str | None = None
    """With ``handoff``: the person's own number (E.164), when the roster has one."""


class Transition(BaseModel):
    from_agent: str
    to_agent: str
    reason: str


class ConversationState(BaseModel):
    """Everything the brain knows about one conversation."""

    conversation_id: str = Field(validation_alias=AliasChoices("conversation_id", "session_id"))
    """Checkpoints written before the glossary named it ``session_id``; they still load."""
    profile: str
    channel: Literal["text", "voice", "phone", "web"] = "text"
    direction: Literal["inbound", "outbound"] = "inbound"
    callback_for: str | None = None
    """An outbound call that returns a call the business promised: the task it keeps (the
    agent greets with "returning your call", not with a campaign's pitch)."""
    callback_whom: str | None = None
    """On our own call, whom a callback reaches when whoever answered is not the lead ("that's
    all my wife": "her"); the callback is promised for that person, not for whoever answered."""
    messages: list[Message] = []
    """The last few messages (:meth:`forget_older_messages`); the transcript is stored apart."""
    earlier_messages: int = 0
    """How many messages came before ``messages``."""
    faq_asked_earlier: bool = False
    """The caller asked an FAQ question in one of the earlier messages (the call's outcome)."""
    current_agent: AgentName = "greeting"
    detected_intent: str | None = None
    confidence: float = 0.0
    customer: CustomerContext = CustomerContext()
    booking_slots: BookingSlots = BookingSlots()
    lead: LeadInfo = LeadInfo()
    appointment: Appointment | None = None
    """The appointment booked in this conversation (the last, when it booked more than one)."""
    booked_before: list[Appointment] = []
    """Visits booked earlier in this conversation, before ``appointment``."""
    desk: AppointmentDesk = AppointmentDesk()
    """An existing appointment the caller asked about (cancel, move, when is it)."""
    on_file: list[Appointment] | None = None
    """The caller's upcoming bookings, looked up by their number when they first speak (None:
    not looked up), so that a message about one of them is read as such."""
    awaiting: Awaiting | None = None
    awaiting_agent: AgentName | None = None
    pending_tasks: list[BackgroundTask] = []
    notifications_queue: list[Notification] = []
    escalation_in_progress: bool = False
    human_agent_status: Literal["checking", "available", "unavailable"] | None = None
    objection_counts: dict[str, int] = {}
    last_objection: str | None = None
    callback_time: str | None = None
    pending_callback: dict[str, str | None] | None = None
    """A callback the caller asked for before we had a number to call (no caller ID): its
    reason, due time and window, kept until the number is given."""
    misunderstood_count: int = 0
    last_ask: str | None = None
    """The reply template of the agent's last question, to notice asking the same thing."""
    ask_repeats: int = 0
    """How many times in a row ``last_ask`` has been asked again."""
    recent_asks: list[str] = []
    """The last questions asked, oldest first: two questions asked by turns are caught too."""
    recent_services: list[str] = []
    """Services the caller last asked about (a price question), for "book me for that"."""
    recent_topic: str | None = None
    """The kind of question answered last ("hours"), for a follow-up that names only a day
    ("and Saturday?"); cleared by anything else."""
    day_asked: str | None = None
    """``YYYY-MM-DD``: the day whose hours the caller last asked ("are you open New Year's
    Eve?"), for "the thirty-first at ten" said after it."""
    callback_reason: str | None = None
    """What a callback offered (and not yet accepted) would be about."""
    turn_count: int = 0
    ended: bool = False
    outcome: str | None = None
    summary: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    last_updated: datetime = Field(default_factory=utcnow)

    def forget_older_messages(self, keep: int) -> None:
        """Keep only the last ``keep`` messages, and what the brain needs of the older ones.

        The state is written after every turn; a call of 400 turns carrying its whole history
        rewrote 145 KB per turn. No agent looks further back than the last question asked.
        """
        older = len(self.messages) - keep
        if older <= 0:
            return
        dropped, self.messages = self.messages[:older], self.messages[older:]
        self.earlier_messages += older
        self.faq_asked_earlier = self.faq_asked_earlier or any(
            m.role == "user" and m.intent == "faq" for m in dropped)
