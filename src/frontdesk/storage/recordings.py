"""Call recordings on disk (``data_dir/recordings/``) and their place on the call's row.

The voice pipeline writes the file (:mod:`frontdesk.voice.recording`) under a name this store
chooses and attaches it to the conversation when the call ends; the API streams it; the daily
retention job and ``DELETE /api/calls/{id}`` remove it. The row keeps the path relative to
``data_dir``, so a data folder moved elsewhere keeps its recordings.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.storage.jobs import JobRecord, JobStore, NewJob
from frontdesk.storage.models import Business
from frontdesk.storage.models import Conversation as ConversationRow
from frontdesk.storage.transaction import reading, transaction

log = logging.getLogger(__name__)

FOLDER = "recordings"
SUFFIX = ".ogg"
MEDIA_TYPE = "audio/ogg"
CLEANUP_JOB = "recordings_cleanup"
"""The job kind that deletes expired recordings, once a day."""
CLEANUP_EVERY = timedelta(days=1)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(slots=True, frozen=True)
class Recording:
    """A call's recording that exists on disk."""

    conversation_id: str
    path: Path
    """Absolute."""
    duration_s: float | None
    media_type: str = MEDIA_TYPE


class RecordingStore:
    """Where recordings live and which call each belongs to."""

    def __init__(self, sessions: async_sessionmaker, data_dir: Path) -> None:
        self._sessions = sessions
        self._data_dir = Path(data_dir).resolve()
        self.folder = self._data_dir / FOLDER

    def new_file(self, conversation_id: str) -> Path:
        """The file a call's recording is written to (its folder created)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / f"{_UNSAFE.sub('_', conversation_id)}{SUFFIX}"

    async def attach(self, conversation_id: str, path: Path, duration_s: float) -> bool:
        """Record ``path`` as the call's recording; False (and the file removed) when the
        conversation no longer exists."""
        relative = Path(path).resolve().relative_to(self._data_dir).as_posix()
        async with transaction(self._sessions) as db:
            call = await db.get(ConversationRow, conversation_id)
            if call is not None:
                call.recording_path, call.recording_duration_s = relative, round(duration_s, 2)
        if call is None:
            _remove(Path(path))
            return False
        return True

    async def get(self, conversation_id: str) -> Recording | None:
        """The call's recording, when it has one and the file is still there."""
        async with reading(self._sessions) as db:
            row = (await db.execute(select(ConversationRow.recording_path,
                                           ConversationRow.recording_duration_s)
                                    .where(ConversationRow.id == conversation_id))).first()
        if row is None or row[0] is None:
            return None
        path = self._resolve(row[0])
        if path is None or not path.is_file():
            return None
        return Recording(conversation_id, path, row[1])

    async def delete(self, conversation_id: str) -> bool:
        """Remove the call's recording (file and reference); False when it had none."""
        async with transaction(self._sessions) as db:
            call = await db.get(ConversationRow, conversation_id)
            if call is None or call.recording_path is None:
                return False
            relative = call.recording_path
            call.recording_path, call.recording_duration_s = None, None
        path = self._resolve(relative)
        if path is not None:
            _remove(path)
        return True

    def remove_file(self, relative: str | None) -> None:
        """Delete a recording file whose row is already gone (a deleted conversation)."""
        path = self._resolve(relative) if relative else None
        if path is not None:
            _remove(path)

    async def purge(self, retention_days: Mapping[str, int], now: datetime) -> int:
        """Delete the recordings of calls that started more than their business's
        ``retention_days`` (by business key) before ``now``; how many were deleted."""
        deleted = 0
        for business, days in retention_days.items():
            cutoff = (now - timedelta(days=days)).astimezone(UTC)
            async with reading(self._sessions) as db:
                expired = list(await db.scalars(
                    select(ConversationRow.id).join(Business,
                                                    Business.id == ConversationRow.business_id)
                    .where(Business.key == business, ConversationRow.recording_path.is_not(None),
                           ConversationRow.started_at < cutoff)))
            for conversation_id in expired:
                deleted += await self.delete(conversation_id)
        if deleted:
            log.info("expired recordings deleted", extra={"count": deleted})
        return deleted

    async def any(self) -> bool:
        """Some call has a recording."""
        async with reading(self._sessions) as db:
            return await db.scalar(select(ConversationRow.id).where(
                ConversationRow.recording_path.is_not(None)).limit(1)) is not None

    def _resolve(self, relative: str) -> Path | None:
        """The absolute path of a stored one; None when it points outside the recordings."""
        path = (self._data_dir / relative).resolve()
        return path if path.is_relative_to(self.folder) else None


class RecordingRetention:
    """Deletes recordings past their business's ``recording.retention_days``, once a day.

    A durable job rather than a timer task: on PostgreSQL several server processes share the
    work and the job's key (one per day) lets only one of them run it; a failed run is retried
    and visible in ``/api/jobs``; a server down at the time catches up when it starts. Each run
    schedules the next one.
    """

    def __init__(self, store: RecordingStore, jobs: JobStore,
                 profiles: Callable[[], Mapping[str, BusinessProfile]]) -> None:
        self._store = store
        self._jobs = jobs
        self._profiles = profiles

    async def schedule(self, when: datetime | None = None) -> str | None:
        """The cleanup of ``when``'s day (now by default); None when it is already there."""
        when = when or self._jobs.clock()
        return await self._jobs.add(NewJob(CLEANUP_JOB, when, key=(
            f"{CLEANUP_JOB}:{when.astimezone(UTC).date().isoformat()}"), max_attempts=3))

    async def run(self, _job: JobRecord) -> None:
        """The job's handler: purge, then schedule tomorrow's run."""
        now = self._jobs.clock()
        await self._store.purge({key: p.recording.retention_days
                                 for key, p in self._profiles().items()}, now)
        await self.schedule(now + CLEANUP_EVERY)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
