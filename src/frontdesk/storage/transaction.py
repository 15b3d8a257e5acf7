"""One transaction per unit of work, shared by every storage call the work makes.

A conversation turn reads the conversation, runs the brain — which reads the calendar and the
customers through its ports and may book an appointment — and writes the turn. When each step
opened its own session:

- a booking was committed in its own transaction before the turn that made it was saved, so a
  crash between the two left an appointment the conversation did not know about (and the
  caller's next "yes" booked the slot again);
- a step holding a connection while the brain asked for another (a voice webhook registering a
  call looks the caller up) nested two checkouts; with every pooled connection held by such a
  step waiting for a second one, the pool deadlocked until its timeout (20 calls ringing at
  once did exactly that).

Inside :func:`transaction` every storage call made by the same piece of work (the task and the
tasks it awaits, which inherit the context) joins that transaction: one connection, one commit
or one rollback. :func:`reading` does the same for reads outside any transaction. Locks that
must outlive a write until it is committed (the calendar's booking lock) are held with
:func:`hold_until_commit`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

log = logging.getLogger(__name__)


@dataclass(eq=False)
class _Unit:
    session: AsyncSession
    is_open: bool = True
    held: list[asyncio.Lock] = field(default_factory=list)
    """Released after the commit (or rollback), last taken first."""
    committed: list[Callable[[], None]] = field(default_factory=list)
    """Called after the commit succeeds (never after a rollback)."""


_current: ContextVar[_Unit | None] = ContextVar("frontdesk_transaction", default=None)


def _joinable() -> _Unit | None:
    unit = _current.get()
    # A task started inside a transaction and outliving it inherits a closed unit: it must
    # open its own, never use a finished session.
    return unit if unit is not None and unit.is_open else None


@asynccontextmanager
async def transaction(sessions: async_sessionmaker) -> AsyncIterator[AsyncSession]:
    """A session in a transaction, committed when the block ends (rolled back on error).

    Inside another transaction of the same work, that one's session: its writes are committed
    with it, all or nothing.
    """
    joined = _joinable()
    if joined is not None:
        yield joined.session
        return
    unit: _Unit | None = None
    try:
        async with sessions() as db, db.begin():
            unit = _Unit(db)
            token = _current.set(unit)
            try:
                yield db
            finally:
                unit.is_open = False
                _current.reset(token)
    finally:
        for lock in reversed(unit.held if unit is not None else []):
            lock.release()
    # Reached only when the block and its commit succeeded.
    for callback in unit.committed if unit is not None else []:
        try:
            callback()
        except Exception:  # the data is committed; a failing listener must not undo the caller
            log.exception("an after-commit callback failed")


def after_commit(callback: Callable[[], None]) -> None:
    """Call ``callback`` once the current transaction has committed (at once outside one).

    For work that must only see committed data: waking the job worker for a job written in
    a turn's transaction, which a rollback would take back."""
    unit = _joinable()
    if unit is None:
        callback()
    else:
        unit.committed.append(callback)


@asynccontextmanager
async def reading(sessions: async_sessionmaker) -> AsyncIterator[AsyncSession]:
    """A session for reads: the current transaction's if there is one, else a short one."""
    joined = _joinable()
    if joined is not None:
        yield joined.session
        return
    async with sessions() as db:
        yield db


async def hold_until_commit(lock: asyncio.Lock) -> None:
    """Acquire ``lock`` for the rest of the current transaction: it is released after the
    transaction commits or rolls back. Re-entrant within one transaction."""
    unit = _joinable()
    if unit is None:
        raise RuntimeError("hold_until_commit() needs an open transaction()")
    if any(held is lock for held in unit.held):
        return
    await lock.acquire()
    unit.held.append(lock)
