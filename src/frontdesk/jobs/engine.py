"""This process's job engine, chosen from the settings and the database."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Protocol

from frontdesk.config import Settings
from frontdesk.jobs.local import LocalWorker
from frontdesk.jobs.queue import ProcrastinateEngine
from frontdesk.jobs.runner import Handler, JobRunner
from frontdesk.storage.jobs import JobStore

log = logging.getLogger(__name__)


class Engine(Protocol):
    async def start(self, *, work: bool = True) -> None: ...

    async def close(self) -> None: ...


class Jobs:
    """The jobs of this process: the store, the runner and the engine that runs them."""

    def __init__(self, store: JobStore, runner: JobRunner, engine: Engine, name: str, *,
                 work: bool = True) -> None:
        self.store = store
        self.work = work
        self.runner = runner
        self.engine_name = name
        self._engine = engine

    @classmethod
    def build(cls, settings: Settings, store: JobStore, handlers: Mapping[str, Handler]) -> Jobs:
        """The engine for ``settings``; "now" is the store's clock."""
        runner = JobRunner(store, handlers, settings.jobs, clock=store.clock)
        url = settings.resolved_database_url
        name = settings.jobs.engine
        if name == "auto":
            name = "procrastinate" if url.startswith("postgresql") else "local"
        if name == "procrastinate":
            if not url.startswith("postgresql"):
                raise ValueError("the procrastinate job engine needs PostgreSQL "
                                 "(FRONTDESK_JOBS__ENGINE=local on SQLite)")
            engine: Engine = ProcrastinateEngine(runner, settings.jobs, url)
        else:
            engine = LocalWorker(runner, settings.jobs)
        return cls(store, runner, engine, name, work=settings.jobs.enabled)

    async def start(self) -> None:
        """Start the engine; without ``work`` (``jobs.enabled`` off) jobs are written and
        queued here but run by another process (``frontdesk worker``)."""
        await self._engine.start(work=self.work)
        log.info("job engine started", extra={"engine": self.engine_name, "work": self.work,
                                              "kinds": sorted(self.runner.kinds)})

    async def close(self) -> None:
        await self._engine.close()
