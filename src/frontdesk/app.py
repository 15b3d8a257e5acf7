"""Composition root: builds storage, brain and service from one Settings object."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from frontdesk.brain import Brain
from frontdesk.brain.nlu.classifier import default_classifier
from frontdesk.brain.ports import Clock
from frontdesk.config import Settings
from frontdesk.conversations.calls import CallRecords
from frontdesk.conversations.events import EventBus
from frontdesk.conversations.service import ConversationService
from frontdesk.conversations.staff import SimulatedStaffDesk
from frontdesk.knowledge.profile import load_profiles
from frontdesk.storage.conversations import ConversationStore
from frontdesk.storage.database import create_engine, session_factory
from frontdesk.storage.migrate import upgrade
from frontdesk.storage.models import Business
from frontdesk.storage.ports import SqlCalendar, SqlCustomerDirectory
from frontdesk.storage.seed import load_profiles_from_db, seed_profiles

if TYPE_CHECKING:
    from frontdesk.llm.assist import LLMAssist
    from frontdesk.telephony.rest import TwilioRest
    from frontdesk.voice.engines import VoiceEngines
    from frontdesk.webrtc.calls import BrowserCalls

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Runtime:
    """Everything a running Frontdesk process owns; closed once on shutdown."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker
    brain: Brain
    events: EventBus
    conversations: ConversationService
    call_records: CallRecords
    twilio: TwilioRest | None = None
    """Twilio's REST API, when an account is configured."""
    engines: VoiceEngines | None = None
    """The speech models, when voice calls are enabled."""
    owns_engines: bool = True
    assist: LLMAssist | None = None
    """The optional language model behind the brain."""
    browser_calls: BrowserCalls | None = None
    """WebRTC calls from the ``/call`` page, when voice is enabled."""

    async def close(self) -> None:
        if self.browser_calls is not None:
            await self.browser_calls.close()
        await self.conversations.close()
        if self.twilio is not None:
            await self.twilio.close()
        if self.assist is not None:
            await self.assist.close()
        if self.engines is not None and self.owns_engines:
            await self.engines.close()
        await self.engine.dispose()


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
                        migrate: bool = True) -> Runtime:
    """Migrate (optionally), load profiles from the database and wire the brain."""
    if migrate:
        await prepare_database(settings)
    engine = create_engine(settings.resolved_database_url)
    sessions = session_factory(engine)
    profiles = await load_profiles_from_db(sessions, load_profiles(settings.profiles_dir))
    kwargs = {"clock": clock} if clock is not None else {}
    assist = await _language_model(settings) if settings.llm.enabled else None
    # The act classifier trains (or loads from its cache) off the event loop, once per process.
    await asyncio.to_thread(default_classifier)
    brain = Brain(profiles, SqlCalendar(sessions), SqlCustomerDirectory(sessions),
                  settings.brain, assist=assist, **kwargs)
    events = EventBus()
    store = ConversationStore(sessions)
    service = ConversationService(brain, store, events, SimulatedStaffDesk(settings.escalation))
    await service.resume_background_work()
    twilio = None
    if settings.twilio.rest_configured:
        from frontdesk.telephony.rest import TwilioRest

        twilio = TwilioRest(settings.twilio)
    return Runtime(settings, engine, sessions, brain, events, service,
                   CallRecords(store, service), twilio, assist=assist)


async def _language_model(settings: Settings) -> LLMAssist:
    from frontdesk.llm.assist import LLMAssist

    assist = LLMAssist.from_settings(settings.llm)
    present = await assist.client.ollama_has_model()
    if present is False:
        log.warning("Ollama does not have the model: run `ollama pull <model>` (the agent "
                    "answers deterministically until it does)", extra={"model": settings.llm.model})
    return assist
