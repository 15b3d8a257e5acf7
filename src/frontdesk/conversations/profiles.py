"""Editing a business profile while the agent runs: validate, store as a new version, apply.

:class:`BusinessProfiles` is the one way a profile changes after start. An edit is checked with
the same pydantic schema as the YAML files (:class:`~frontdesk.knowledge.profile.BusinessProfile`),
stored as a new version (:class:`~frontdesk.storage.profiles.ProfileStore`) and put in force in
this process's :class:`~frontdesk.knowledge.registry.ProfileRegistry`, which the brain reads: the
next conversation answers from it, no restart.

Other processes (more servers, ``frontdesk worker``) learn of a new version by asking the
database for the latest version numbers — one small query — when a conversation starts (so
the next conversation anywhere gets it) and every :data:`POLL_S` seconds (for processes that
only run jobs, like staff alerts that follow the notification routing).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from pydantic import ValidationError

from frontdesk.knowledge.changes import describe_changes
from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.knowledge.registry import ProfileRegistry
from frontdesk.storage.profiles import ProfileStore, StaleVersionError, StoredProfile

log = logging.getLogger(__name__)

POLL_S = 5.0
"""How often a process checks for versions saved by another process."""
BASELINE_AUTHOR = "profile file (as first loaded)"
"""Who version 1 is by: the profile as it was before the first edit, kept to roll back to."""

__all__ = ["BusinessProfiles", "InvalidProfileError", "StaleVersionError"]


class InvalidProfileError(ValueError):
    """The edit does not pass the profile schema; nothing was saved."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{path or 'profile'}: {', '.join(msgs)}"
                                   for path, msgs in errors.items()))
        self.errors = errors
        """Where (``faq.2.answer``, ``departments.service.hours``; ``""`` for the whole
        profile) → what is wrong."""


def validation_errors(exc: ValidationError) -> dict[str, list[str]]:
    """Pydantic's errors by dotted location, in words (without its "Value error, " prefix)."""
    found: dict[str, list[str]] = {}
    for error in exc.errors():
        path = ".".join(str(part) for part in error["loc"])
        found.setdefault(path, []).append(error["msg"].removeprefix("Value error, "))
    return found


class BusinessProfiles:
    """The profiles in force, their versions, and the edits that make new ones."""

    def __init__(self, store: ProfileStore, registry: ProfileRegistry, *,
                 poll_s: float = POLL_S) -> None:
        self._store = store
        self._registry = registry
        self._poll_s = poll_s
        self._poller: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    @property
    def registry(self) -> ProfileRegistry:
        return self._registry

    def current(self, key: str) -> BusinessProfile:
        """The profile in force (KeyError for an unknown business)."""
        return self._registry[key]

    def version(self, key: str) -> int | None:
        """The stored version in force (None: the profile file, never edited)."""
        return self._registry.version(key)

    # --- picking up versions -----------------------------------------------------------------

    async def refresh(self) -> list[str]:
        """Put in force every business's latest stored version this process does not have yet;
        returns their keys. At start this is what makes stored edits override the YAML."""
        latest = await self._store.latest_numbers()
        stale = [key for key, number in latest.items()
                 if (self._registry.version(key) or 0) < number]
        changed = []
        for key in stale:
            try:
                stored = await self._store.latest(key)
            except ValidationError:
                # The schema grew stricter than an old version: keep what is in force, loudly.
                log.exception("a stored profile version no longer validates",
                              extra={"business": key})
                continue
            if stored is not None and self._registry.apply(stored.profile, stored.number):
                changed.append(key)
                log.info("profile version in force", extra={"business": key,
                                                            "version": stored.number})
        return changed

    async def start(self) -> None:
        """Check for other processes' versions every ``poll_s`` seconds until closed."""
        if self._poller is None:
            self._poller = asyncio.create_task(self._poll(), name="profile-versions")

    async def close(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self._poll_s)
            try:
                await self.refresh()
            except Exception:  # a database hiccup must not end the polling: next round retries
                log.warning("checking for new profile versions failed", exc_info=True)

    # --- edits -------------------------------------------------------------------------------

    async def save(self, key: str, data: dict[str, Any], *, author: str, after: int | None,
                   restored_from: int | None = None) -> StoredProfile | None:
        """Validate ``data`` (a whole profile, as ``model_dump(mode="json")`` gives it) and
        store it as the version after ``after``, the version the editor started from; in force
        here at once. None when it changes nothing.

        Raises InvalidProfileError (nothing saved), StaleVersionError (someone saved since
        ``after``: nothing saved) or KeyError (no such business)."""
        async with self._lock:  # one save at a time in this process; the store guards the rest
            await self.refresh()  # another process's version counts as "in force" too
            current = self._registry[key]
            try:
                profile = BusinessProfile.model_validate(data)
            except ValidationError as exc:
                raise InvalidProfileError(validation_errors(exc)) from None
            if profile.key != key:
                raise InvalidProfileError({"key": ["the business's key cannot change"]})
            if after != self._registry.version(key):
                raise StaleVersionError(f"{key}: version {after} is not the one in force")
            changes = describe_changes(current, profile)
            if not changes:
                return None
            stored = await self._store.save(
                profile, after=after, author=author, changes=changes,
                restored_from=restored_from,
                baseline=(current, BASELINE_AUTHOR) if after is None else None)
            self._registry.apply(stored.profile, stored.number)
        log.info("profile edited", extra={"business": key, "version": stored.number,
                                          "changes": len(changes)})
        return stored

    async def roll_back(self, key: str, number: int, *, author: str,
                        after: int | None) -> StoredProfile | None:
        """Bring version ``number`` back, as a new version; None when it is what is in force.
        Raises LookupError for an unknown version, and what :meth:`save` raises."""
        old = await self._store.get(key, number)
        if old is None:
            raise LookupError(f"{key} has no version {number}")
        return await self.save(key, old.profile.model_dump(mode="json"), author=author,
                               after=after, restored_from=number)

    async def history(self, key: str, limit: int = 100) -> list[StoredProfile]:
        """The business's versions, newest first (empty until the first edit)."""
        return await self._store.history(key, limit)
