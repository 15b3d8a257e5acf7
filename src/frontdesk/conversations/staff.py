"""The staff desk: whether a person can take a caller who asked for one.

The conversation service asks a :class:`StaffDesk` when the brain starts a check for a person
and records the answer; it does not know how the answer is reached. The real desk is
:class:`~frontdesk.conversations.roster.RosterStaffDesk` (the profile's roster, on-duty hours
and presence); :class:`SimulatedStaffDesk` (seed 004's simulation: a random wait, then
available by a setting or by chance) is a demo setting, ``escalation.desk = "simulated"``.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Protocol

from frontdesk.config import EscalationSettings

ANYONE = "a team member"
"""Who is named when the business lists no staff."""


@dataclass(slots=True, frozen=True)
class StaffRequest:
    """A caller waiting for a person."""

    conversation_id: str
    task_id: str
    profile: str
    """The business's key."""
    staff: tuple[str, ...]
    """The names on the business's roster (its profile's ``staff``)."""
    department: str | None = None
    """The department the caller's request is about; None: anyone may take it."""


@dataclass(slots=True, frozen=True)
class StaffAnswer:
    available: bool
    person: str
    """Who takes the call, or who will call back."""
    transfer_to: str | None = None
    """Where a phone call is put through to that person (E.164), when the desk knows; the
    business's ``human_transfer_number`` otherwise."""


class StaffDesk(Protocol):
    """Finds a person for a caller."""

    async def ask(self, request: StaffRequest) -> StaffAnswer:
        """Wait for the answer; may take a while. Cancelled when the server stops (the
        service asks again for every unanswered check at the next start)."""
        ...


class SimulatedStaffDesk:
    """No real staff: wait ``min_wait_s``..``max_wait_s``, then answer by the setting
    (``always``, ``never``, or ``random`` with ``available_probability``)."""

    def __init__(self, settings: EscalationSettings, rng: random.Random | None = None) -> None:
        self._settings = settings
        self._rng = rng or random.Random()

    async def ask(self, request: StaffRequest) -> StaffAnswer:
        await asyncio.sleep(self._rng.uniform(self._settings.min_wait_s,
                                              self._settings.max_wait_s))
        available = self._decide()
        return StaffAnswer(available, self._rng.choice(request.staff or (ANYONE,)))

    def _decide(self) -> bool:
        mode = self._settings.human_available
        if mode == "always":
            return True
        if mode == "never":
            return False
        return self._rng.random() < self._settings.available_probability
