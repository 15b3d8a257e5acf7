"""Shared fixtures: a fixed clock, in-memory brains, and real databases (SQLite + PostgreSQL)."""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import httpx
import pytest
from loguru import logger as loguru_logger

from frontdesk.app import create_app
from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.config import EscalationSettings, Settings
from frontdesk.knowledge.profile import load_profiles
from frontdesk.logs import configure_logging
from tests.auth import authorize
from tests.pg import PostgresServer

# Monday 23 November 2026, 9:00 AM in Austin (both demo businesses are on Central time).
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return NOW


class MovableClock:
    """The process's "now", moved by the test: the brain books against it and jobs fall due by
    it (``create_app(settings, clock=clock)``)."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def profiles():
    return load_profiles()


@pytest.fixture
def calendar() -> InMemoryCalendar:
    return InMemoryCalendar()


@pytest.fixture
def brain(profiles, calendar) -> Brain:
    return Brain(profiles, calendar, InMemoryCustomers(), clock=fixed_clock)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request, tmp_path) -> str:
    """A fresh, empty database of each kind for one test."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'frontdesk.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return await server.create_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return Settings(env="test", data_dir=tmp_path, database_url=database_url, voice_enabled=False,
                    escalation=EscalationSettings(desk="simulated", min_wait_s=0.05, max_wait_s=0.1,
                                                  human_available="always"))


@pytest.fixture
async def client(settings) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on a running app (lifespan included) over a fresh database, signed in as
    an owner: it sends an owner's API key with every request (``anonymous`` sends nothing)."""
    app = create_app(settings, clock=fixed_clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            http.app = app  # type: ignore[attr-defined]
            await authorize(app, http)
            yield http


@pytest.fixture
async def anonymous(client) -> AsyncIterator[httpx.AsyncClient]:
    """A client on the same app without any credential."""
    transport = httpx.ASGITransport(app=client.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        http.app = client.app  # type: ignore[attr-defined]
        yield http


@pytest.fixture
def emitted():
    """Configure the pipeline into a buffer; returns a function reading the lines so far.
    Restores the test run's own logging afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    buffer = io.StringIO()

    def configure(level: str = "INFO", fmt: str = "json", personal_data: bool = False):
        buffer.seek(0)
        buffer.truncate()
        configure_logging(level, fmt=fmt, personal_data=personal_data, stream=buffer)
        return lambda: buffer.getvalue().splitlines()

    yield configure
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    loguru_logger.remove()
    loguru_logger.add(lambda _message: None, level="WARNING")
