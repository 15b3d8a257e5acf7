"""What the HTTP API is built from, handed over fully built by the composition root."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.auth import Accounts
from frontdesk.auth.ratelimit import RateLimiter
from frontdesk.brain import Brain
from frontdesk.config import Settings
from frontdesk.conversations.calendar import StaffCalendar
from frontdesk.conversations.events import EventBus
from frontdesk.conversations.profiles import BusinessProfiles
from frontdesk.conversations.roster import StaffRoster
from frontdesk.conversations.service import ConversationService
from frontdesk.storage.history import CallHistory
from frontdesk.storage.jobs import JobStore
from frontdesk.storage.optouts import SmsOptOutStore
from frontdesk.storage.recordings import RecordingStore
from frontdesk.storage.tasks import TaskStore
from frontdesk.telephony.phone import PhoneCalls
from frontdesk.webrtc.calls import BrowserCalls


@dataclass(frozen=True, slots=True)
class ApiServices:
    settings: Settings
    database: str
    """The SQL dialect in use (``sqlite``, ``postgresql``), for ``/health``."""
    sessions: async_sessionmaker
    """Read-only record queries (appointments, leads, customers, latency)."""
    brain: Brain
    events: EventBus
    conversations: ConversationService
    phone: PhoneCalls
    browser: BrowserCalls
    language_model: Callable[[], dict[str, Any]]
    """The optional language model's state: ``{"enabled": False}`` when there is none."""
    tasks: TaskStore
    """The callback inbox."""
    jobs: JobStore
    """Jobs and their deliveries, for inspection and retry."""
    sms_opt_outs: SmsOptOutStore
    """Numbers that texted STOP (written by the inbound SMS webhook)."""
    staff: StaffRoster
    """The businesses' rosters with their presence (``/api/staff``)."""
    history: CallHistory
    """The call log (``/api/calls``)."""
    recordings: RecordingStore
    """Call recordings on disk."""
    accounts: Accounts
    """Users, sessions, API keys, the setup link, conversation tokens."""
    login_limiter: RateLimiter
    public_limiter: RateLimiter
    """Sign-in attempts and public (website) requests, per client address."""
    calendar: StaffCalendar
    """Appointments as staff see, cancel and move them (the agent's rules and calendar)."""
    business: BusinessProfiles
    """The business profiles in force, their versions and edits (the console's Business)."""
