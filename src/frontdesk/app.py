"""The composition root: builds every part of a Frontdesk process once, from one Settings.

Nothing below this module imports it. Each layer receives a small bundle of its own type, fully
built (:class:`~frontdesk.voice.services.CallServices` for a call,
:class:`~frontdesk.api.services.ApiServices` for the HTTP API); whether voice is enabled or a
Twilio account is configured is decided here once, and the parts that depend on it answer with a
clear error instead of handing consumers an optional field to check.
``serve`` (:func:`create_app`), ``chat``, ``talk``, ``eval``, the benchmarks and the tests all
build through :func:`build_runtime` / :func:`open_runtime`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from frontdesk.api.main import create_api
from frontdesk.api.services import ApiServices
from frontdesk.auth import Accounts
from frontdesk.auth.ratelimit import TokenBucketLimiter
from frontdesk.brain import Brain
from frontdesk.brain.context import fixed_lines
from frontdesk.brain.nlu.classifier import default_classifier
from frontdesk.brain.ports import Clock
from frontdesk.config import Settings
from frontdesk.conversations.calendar import StaffCalendar
from frontdesk.conversations.calls import CallRecords
from frontdesk.conversations.events import EventBus
from frontdesk.conversations.profiles import BusinessProfiles
from frontdesk.conversations.roster import RosterStaffDesk, StaffRoster
from frontdesk.conversations.service import ConversationService
from frontdesk.conversations.staff import SimulatedStaffDesk, StaffDesk
from frontdesk.followup import plan
from frontdesk.followup.appointments import AppointmentDetails, BusinessContact
from frontdesk.followup.email import SmtpMailer, reminder_email
from frontdesk.followup.handlers import FollowThrough, PlannedReminders
from frontdesk.followup.plan import Channels
from frontdesk.followup.sms import TwilioMessaging
from frontdesk.followup.webhooks import WebhookSender
from frontdesk.jobs.engine import Jobs
from frontdesk.knowledge.profile import BusinessProfile, load_profiles
from frontdesk.knowledge.registry import ProfileRegistry
from frontdesk.llm.assist import LLMAssist
from frontdesk.storage.accounts import AccountStore
from frontdesk.storage.conversations import ConversationStore
from frontdesk.storage.database import create_engine, session_factory
from frontdesk.storage.facts import AppointmentFacts, FactsReader
from frontdesk.storage.history import CallHistory
from frontdesk.storage.jobs import JobStore
from frontdesk.storage.migrate import upgrade
from frontdesk.storage.models import Business
from frontdesk.storage.optouts import SmsOptOutStore
from frontdesk.storage.ports import SqlCalendar, SqlCustomerDirectory
from frontdesk.storage.presence import PresenceStore
from frontdesk.storage.profiles import ProfileStore
from frontdesk.storage.recordings import CLEANUP_JOB, RecordingRetention, RecordingStore
from frontdesk.storage.seed import load_profiles_from_db, seed_profiles
from frontdesk.storage.tasks import TaskStore
from frontdesk.telephony.callbacks import CallbackCaller
from frontdesk.telephony.hours import outside_calling_hours
from frontdesk.telephony.phone import PhoneCalls
from frontdesk.telephony.rest import TwilioRest
from frontdesk.voice.engines import VoiceEngines
from frontdesk.voice.services import CallServices
from frontdesk.webrtc.calls import BrowserCalls

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Runtime:
    """Everything one Frontdesk process owns, built in one go; closed once on shutdown."""

    settings: Settings
    database: AsyncEngine
    sessions: async_sessionmaker
    brain: Brain
    events: EventBus
    conversations: ConversationService
    call_records: CallRecords
    phone: PhoneCalls
    browser: BrowserCalls
    assist: LLMAssist | None
    """The optional language model behind the brain (the root's own knowledge; layers below
    get what they need from it, see :meth:`api`)."""
    engines: VoiceEngines | None
    """The speech models, when voice is enabled."""
    jobs: Jobs
    """What runs later (reminders, staff alerts, webhooks, callbacks)."""
    tasks: TaskStore
    staff: StaffRoster
    """The rosters and their presence (the roster desk's and the API's)."""
    recordings: RecordingStore
    """Call recordings under ``data_dir/recordings``."""
    accounts: Accounts
    calendar: StaffCalendar
    """The appointments as staff see and change them (the console's Calendar)."""
    business: BusinessProfiles
    """The profiles in force and their edits (versions)."""
    _closers: list[Any] = field(default_factory=list)

    def voice(self) -> CallServices:
        """What a call is built from; only for a runtime built with speech engines."""
        if self.engines is None:
            raise RuntimeError("this runtime was built without speech engines")
        return CallServices(self.engines, self.conversations, self.settings.voice,
                            self.recordings)

    def api(self) -> ApiServices:
        assist = self.assist

        def language_model() -> dict[str, Any]:
            return {"enabled": False} if assist is None else {"enabled": True, **assist.snapshot()}

        auth = self.settings.auth
        return ApiServices(self.settings, self.database.dialect.name, self.sessions, self.brain,
                           self.events, self.conversations, self.phone, self.browser,
                           language_model, self.tasks, self.jobs.store,
                           SmsOptOutStore(self.sessions), self.staff,
                           CallHistory(self.sessions), self.recordings, self.accounts,
                           TokenBucketLimiter(auth.login_per_minute, auth.login_burst),
                           TokenBucketLimiter(auth.public_per_minute, auth.public_burst),
                           self.calendar, self.business)

    async def close(self) -> None:
        """Close in reverse order of building: calls first, the database last."""
        for close in reversed(self._closers):
            try:
                await close()
            except Exception:  # one part failing to close must not keep the others open
                log.exception("closing a part of the runtime failed")


async def prepare_database(settings: Settings) -> None:
    """Migrate to the latest schema and seed the demo businesses on a fresh database."""
    await asyncio.to_thread(upgrade, settings.resolved_database_url)
    engine = create_engine(settings.resolved_database_url)
    try:
        sessions = session_factory(engine)
        async with sessions() as db:
            count = await db.scalar(select(func.count()).select_from(Business))
        if not count:
            seeded = await seed_profiles(sessions, load_profiles(settings.profiles_dir).values())
            log.info("seeded demo businesses", extra={"count": seeded})
    finally:
        await engine.dispose()


async def build_runtime(settings: Settings, *, clock: Clock | None = None,
                        migrate: bool = True, engines: VoiceEngines | None = None,
                        load_voice: bool = False) -> Runtime:
    """Build the whole process.

    ``migrate``: bring the database to the latest schema first (and seed a fresh one).
    ``engines``: lend already loaded speech models (tests and benchmarks share one set; the
    runtime does not close them). ``load_voice``: load them here when ``settings.voice_enabled``
    (the server does; ``chat`` and the text evals do not need them).
    """
    if migrate:
        await prepare_database(settings)
    closers: list[Any] = []
    try:
        database = create_engine(settings.resolved_database_url)
        closers.append(database.dispose)
        sessions = session_factory(database)
        # The YAML files seed the database; a version saved in the console overrides them.
        yaml_profiles = load_profiles(settings.profiles_dir)
        profiles = ProfileRegistry(await load_profiles_from_db(sessions, yaml_profiles),
                                   words=yaml_profiles)
        business = BusinessProfiles(ProfileStore(sessions), profiles)
        await business.refresh()
        assist = await _language_model(settings) if settings.llm.enabled else None
        if assist is not None:
            closers.append(assist.close)
        # The act classifier trains (or loads from its cache) off the event loop, once per process.
        await asyncio.to_thread(default_classifier)
        kwargs = {"clock": clock} if clock is not None else {}
        job_store = JobStore(sessions, **kwargs)
        tasks = TaskStore(sessions, job_store)
        # The agent promises the reminders the configured channels will send, no others.
        reminders = PlannedReminders(profiles, Channels(
            sms=settings.twilio.messaging_configured, email=bool(settings.smtp.host),
            calls=False), SmsOptOutStore(sessions), job_store.clock)
        # One calendar for the agent and the console: its booking lock serialises both.
        calendar = SqlCalendar(sessions, job_store)
        brain = Brain(profiles, calendar, SqlCustomerDirectory(sessions),
                      settings.brain, assist=assist, reminders=reminders, **kwargs)
        staff_calendar = StaffCalendar(brain.profiles, calendar, FactsReader(sessions), job_store,
                                       brain.now)
        events = EventBus()
        store = ConversationStore(sessions, job_store)
        staff = StaffRoster(brain.profiles, PresenceStore(sessions), brain.now)
        desk: StaffDesk = (SimulatedStaffDesk(settings.escalation)
                           if settings.escalation.desk == "simulated" else RosterStaffDesk(staff))
        conversations = ConversationService(brain, store, events, desk,
                                            refresh_profiles=business.refresh)
        closers.append(conversations.close)
        await conversations.resume_background_work()
        if engines is None and load_voice and settings.voice_enabled:
            engines = await VoiceEngines.load(settings)
            closers.append(engines.close)
            closers.append(_in_background(engines.warm_phrases(
                [line for profile in brain.profiles.values() for line in fixed_lines(profile)])))
        recordings = RecordingStore(sessions, settings.data_dir)
        voice = (CallServices(engines, conversations, settings.voice, recordings)
                 if engines else None)
        call_records = CallRecords(store, conversations)
        rest = TwilioRest(settings.twilio) if settings.twilio.rest_configured else None
        phone = PhoneCalls(call_records, conversations, settings.twilio, voice=voice, rest=rest)
        closers.append(phone.close)
        browser = BrowserCalls(voice, call_records, settings.webrtc)
        closers.append(browser.close)
        # Last to start, first to stop: a job may use any part above.
        calls = _callback_caller(settings, phone, tasks, job_store, brain)
        follow = _follow_through(settings, sessions, job_store, tasks, brain, closers,
                                 calls=calls is not None)
        retention = RecordingRetention(recordings, job_store, lambda: brain.profiles)
        handlers = {**follow.handlers(), CLEANUP_JOB: retention.run,
                    **({"callback_call": calls} if calls else {})}
        jobs = Jobs.build(settings, job_store, handlers)
        await jobs.start()
        closers.append(jobs.close)
        await business.start()  # versions other processes save (e.g. for the worker's alerts)
        closers.append(business.close)
        if any(p.recording.enabled for p in brain.profiles.values()) or await recordings.any():
            await retention.schedule()
    except BaseException:
        for close in reversed(closers):
            await close()
        raise
    accounts = Accounts(AccountStore(sessions), settings.auth)
    return Runtime(settings, database, sessions, brain, events, conversations, call_records,
                   phone, browser, assist, engines, jobs, tasks, staff, recordings, accounts,
                   staff_calendar, business, closers)


def _in_background(work: Coroutine[Any, Any, None]) -> Callable[[], Awaitable[None]]:
    """Start ``work`` now; the returned closer cancels it if it is still running at stop."""
    task = asyncio.create_task(work)

    async def stop() -> None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return stop


def _callback_caller(settings: Settings, phone: PhoneCalls, tasks: TaskStore, job_store: JobStore,
                     brain: Brain) -> CallbackCaller | None:
    """The agent's own callback calls: only with Twilio set up for outbound calls and a public
    URL to give Twilio (a job has no request to take one from)."""
    twilio = settings.twilio
    if not (twilio.rest_configured and twilio.from_number and settings.public_url):
        return None

    def allowed(number: str, business: str, at: datetime) -> bool:
        return outside_calling_hours(number, at, start_hour=twilio.calling_hours_start,
                                     end_hour=twilio.calling_hours_end,
                                     fallback_zone=brain.profile(business).timezone) is None

    return CallbackCaller(phone, tasks, job_store, base_url=settings.public_url.rstrip("/"),
                          allowed=allowed)


def _follow_through(settings: Settings, sessions: async_sessionmaker, job_store: JobStore,
                    tasks: TaskStore, brain: Brain, closers: list[Any], *,
                    calls: bool) -> FollowThrough:
    """Reminders, staff alerts and webhooks over the channels this process has configured."""
    sms = TwilioMessaging(settings.twilio) if settings.twilio.messaging_configured else None
    if sms is not None:
        closers.append(sms.close)
    mailer = SmtpMailer(settings.smtp) if settings.smtp.host else None
    webhooks = WebhookSender()
    closers.append(webhooks.close)
    return FollowThrough(profiles=brain.profile, jobs=job_store, tasks=tasks,
                         facts=FactsReader(sessions), opt_outs=SmsOptOutStore(sessions),
                         webhooks=webhooks, sms=sms, mailer=mailer, reminder_email=_reminder_email,
                         calls=calls, clock=job_store.clock)


def _reminder_email(profile: BusinessProfile, facts: AppointmentFacts,
                    now: datetime) -> EmailMessage:
    appointment = AppointmentDetails(facts.appointment_id, plan.what(profile, facts),
                                     facts.start.date(), facts.start.time(), facts.duration_min,
                                     facts.customer_name, facts.customer_email)
    business = BusinessContact(profile.name, profile.timezone, profile.address, profile.phone,
                               profile.email or None)
    # SEQUENCE must grow with every revision of the invitation: minutes since the epoch do.
    return reminder_email(appointment, business, sequence=int(now.timestamp() // 60), stamp=now)


@asynccontextmanager
async def open_runtime(settings: Settings, **kwargs: Any) -> AsyncIterator[Runtime]:
    """:func:`build_runtime` for the length of a ``with`` block."""
    runtime = await build_runtime(settings, **kwargs)
    try:
        yield runtime
    finally:
        await runtime.close()


def create_app(settings: Settings, *, clock: Clock | None = None,
               engines: VoiceEngines | None = None,
               announce: Callable[[str], None] | None = None) -> FastAPI:
    """The server: the HTTP API over a runtime built when the app starts (its lifespan).

    Speech models load at startup when ``settings.voice_enabled``; ``engines`` lends already
    loaded ones instead (tests share one set across apps). While no account exists, every
    start issues a one-time setup link: logged, and handed to ``announce`` (``serve`` prints
    it)."""

    @asynccontextmanager
    async def services() -> AsyncIterator[ApiServices]:
        async with open_runtime(settings, clock=clock, engines=engines,
                                load_voice=True) as runtime:
            await _offer_setup_link(runtime, announce)
            yield runtime.api()

    return create_api(services, allowed_origins=settings.auth.allowed_origins)


def server_base_url(settings: Settings) -> str:
    """Where a person on this machine opens the server (the public URL when there is one)."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    host = settings.server.host
    host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{host}:{settings.server.port}"


async def _offer_setup_link(runtime: Runtime, announce: Callable[[str], None] | None) -> None:
    token = await runtime.accounts.issue_setup_link()
    if token is None:
        return
    url = f"{server_base_url(runtime.settings)}/setup?token={token}"
    minutes = runtime.settings.auth.setup_link_ttl_s // 60
    log.warning("no account yet: open the setup link to create the owner",
                extra={"setup_url": url, "expires_in_min": minutes})
    if announce is not None:
        announce(f"No account yet. Create the owner's login within {minutes} minutes at:\n"
                 f"  {url}\n"
                 "(or run: frontdesk users create --owner --email you@example.com)")


async def _language_model(settings: Settings) -> LLMAssist:
    assist = LLMAssist.from_settings(settings.llm)
    present = await assist.client.ollama_has_model()
    if present is False:
        log.warning("Ollama does not have the model: run `ollama pull <model>` (the agent "
                    "answers deterministically until it does)", extra={"model": settings.llm.model})
    return assist
