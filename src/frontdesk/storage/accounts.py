"""Accounts: users and their roles, browser sessions, API keys, the setup link, and the tokens
that let a website visitor keep talking in their own conversation.

Secrets are never stored: sessions, API keys, setup links and conversation tokens are kept as
the sha256 of a high-entropy random value (the caller hashes, see ``frontdesk.auth.secrets``);
passwords as argon2id strings made by ``frontdesk.auth.passwords``. This store hands out
dataclasses, never ORM rows, and joins the transaction of the work that calls it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.storage.models import ApiKey, ConversationToken, SetupToken, User, UserSession
from frontdesk.storage.transaction import reading, transaction

Role = Literal["owner", "staff"]
ROLES: tuple[Role, ...] = ("owner", "staff")


LAST_USED_RESOLUTION = timedelta(minutes=1)
"""How often a key's last-used time is written."""


class UserExistsError(ValueError):
    """An account with this email already exists."""


class LastOwnerError(ValueError):
    """The change would leave no active owner (nobody could manage the accounts any more)."""


@dataclass(slots=True, frozen=True)
class UserRecord:
    user_id: int
    email: str
    role: Role
    disabled: bool
    created_at: datetime
    password_changed_at: datetime


@dataclass(slots=True, frozen=True)
class SessionRecord:
    """A signed-in browser, with its user."""

    session_hash: str
    user: UserRecord
    csrf_token: str
    expires_at: datetime


@dataclass(slots=True, frozen=True)
class ApiKeyRecord:
    key_id: int
    name: str
    prefix: str
    scopes: tuple[str, ...]
    user: UserRecord
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _user(row: User) -> UserRecord:
    role: Role = "owner" if row.role == "owner" else "staff"
    return UserRecord(row.id, row.email, role, row.disabled, _utc(row.created_at),  # type: ignore[arg-type]
                      _utc(row.password_changed_at))  # type: ignore[arg-type]


def _key(row: ApiKey, user: User) -> ApiKeyRecord:
    return ApiKeyRecord(row.id, row.name, row.prefix, tuple(row.scopes), _user(user),
                        _utc(row.created_at), _utc(row.last_used_at),  # type: ignore[arg-type]
                        _utc(row.revoked_at))


class AccountStore:
    """Reads and writes ``users``, ``user_sessions``, ``api_keys``, ``setup_tokens`` and
    ``conversation_tokens``."""

    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    # --- users -------------------------------------------------------------------------------

    async def count_users(self) -> int:
        async with reading(self._sessions) as db:
            return int(await db.scalar(select(func.count()).select_from(User)) or 0)

    async def create_user(self, email: str, password_hash: str, role: Role) -> UserRecord:
        """Raises UserExistsError when the (lower-cased) email is taken."""
        try:
            async with transaction(self._sessions) as db:
                if await db.scalar(select(User.id).where(User.email == email.lower())):
                    raise UserExistsError(email)
                row = User(email=email.lower(), password_hash=password_hash, role=role,
                           disabled=False, password_changed_at=datetime.now(UTC))
                db.add(row)
                await db.flush()
                return _user(row)
        except IntegrityError:  # two creations raced: the unique constraint decided
            raise UserExistsError(email) from None

    async def user_with_hash(self, email: str) -> tuple[UserRecord, str] | None:
        """The user and their password hash, for a login."""
        async with reading(self._sessions) as db:
            row = await db.scalar(select(User).where(User.email == email.lower()))
            return None if row is None else (_user(row), row.password_hash)

    async def password_hash(self, user_id: int) -> str | None:
        async with reading(self._sessions) as db:
            return await db.scalar(select(User.password_hash).where(User.id == user_id))

    async def list_users(self) -> list[UserRecord]:
        async with reading(self._sessions) as db:
            return [_user(row) for row in await db.scalars(select(User).order_by(User.id))]

    async def set_password(self, user_id: int, password_hash: str) -> None:
        """Replace the password and sign the user out everywhere (every session row goes)."""
        async with transaction(self._sessions) as db:
            await db.execute(update(User).where(User.id == user_id).values(
                password_hash=password_hash, password_changed_at=datetime.now(UTC)))
            await db.execute(delete(UserSession).where(UserSession.user_id == user_id))

    async def set_disabled(self, user_id: int, disabled: bool) -> UserRecord | None:
        """Deactivate (signed out everywhere; their keys stop working) or reactivate a user;
        None when there is no such user. Raises LastOwnerError."""
        async with transaction(self._sessions) as db:
            row = await db.get(User, user_id, with_for_update=True)
            if row is None:
                return None
            if disabled and not row.disabled:
                await self._keep_an_owner(db, row)
                await db.execute(delete(UserSession).where(UserSession.user_id == user_id))
            row.disabled = disabled
            return _user(row)

    async def delete_user(self, user_id: int) -> UserRecord | None:
        """Remove a user with their sessions and API keys; None when there is no such user.
        Raises LastOwnerError."""
        async with transaction(self._sessions) as db:
            row = await db.get(User, user_id, with_for_update=True)
            if row is None:
                return None
            if not row.disabled:
                await self._keep_an_owner(db, row)
            removed = _user(row)
            await db.execute(delete(UserSession).where(UserSession.user_id == user_id))
            await db.execute(delete(ApiKey).where(ApiKey.user_id == user_id))
            await db.delete(row)
            return removed

    @staticmethod
    async def _keep_an_owner(db: AsyncSession, leaving: User) -> None:
        if leaving.role != "owner":
            return
        # Lock the other owners' rows too: two owners removing each other at once must not
        # both succeed (PostgreSQL; SQLite has one writer anyway).
        others = (await db.scalars(select(User.id).where(
            User.role == "owner", User.disabled.is_(False), User.id != leaving.id)
            .with_for_update())).all()
        if not others:
            raise LastOwnerError("the last active owner cannot be removed or deactivated")

    # --- browser sessions --------------------------------------------------------------------

    async def create_session(self, session_hash: str, user_id: int, csrf_token: str,
                             expires_at: datetime) -> None:
        async with transaction(self._sessions) as db:
            db.add(UserSession(id=session_hash, user_id=user_id, csrf_token=csrf_token,
                               created_at=datetime.now(UTC), expires_at=expires_at))

    async def session(self, session_hash: str, now: datetime) -> SessionRecord | None:
        """The live session with this hash (expired ones and disabled users' are none)."""
        async with reading(self._sessions) as db:
            found = (await db.execute(select(UserSession, User).join(
                User, User.id == UserSession.user_id).where(UserSession.id == session_hash))).first()
            if found is None:
                return None
            row, user = found
            expires_at = _utc(row.expires_at)
            if user.disabled or expires_at is None or expires_at <= now:
                return None
            return SessionRecord(row.id, _user(user), row.csrf_token, expires_at)

    async def delete_session(self, session_hash: str) -> None:
        async with transaction(self._sessions) as db:
            await db.execute(delete(UserSession).where(UserSession.id == session_hash))

    # --- API keys ----------------------------------------------------------------------------

    async def create_api_key(self, key_hash: str, prefix: str, name: str,
                             scopes: tuple[str, ...], user_id: int) -> ApiKeyRecord:
        async with transaction(self._sessions) as db:
            row = ApiKey(key_hash=key_hash, prefix=prefix, name=name, scopes=list(scopes),
                         user_id=user_id, created_at=datetime.now(UTC))
            db.add(row)
            await db.flush()
            user = await db.get(User, user_id)
            assert user is not None  # the foreign key held
            return _key(row, user)

    async def api_key(self, key_hash: str, now: datetime) -> ApiKeyRecord | None:
        """The live key with this hash, its last use set to ``now``."""
        async with transaction(self._sessions) as db:
            found = (await db.execute(select(ApiKey, User).join(
                User, User.id == ApiKey.user_id).where(ApiKey.key_hash == key_hash))).first()
            if found is None:
                return None
            row, user = found
            if row.revoked_at is not None or user.disabled:
                return None
            # A write per request would queue every API call behind SQLite's one writer: the
            # last use is kept to the minute.
            last = _utc(row.last_used_at)
            if last is None or now - last >= LAST_USED_RESOLUTION:
                row.last_used_at = now
            return _key(row, user)

    async def list_api_keys(self) -> list[ApiKeyRecord]:
        async with reading(self._sessions) as db:
            found = await db.execute(select(ApiKey, User).join(
                User, User.id == ApiKey.user_id).order_by(ApiKey.id))
            return [_key(row, user) for row, user in found]

    async def revoke_api_key(self, key_id: int, now: datetime) -> ApiKeyRecord | None:
        """Revoke the key (kept for the record); None when there is no such key."""
        async with transaction(self._sessions) as db:
            found = (await db.execute(select(ApiKey, User).join(
                User, User.id == ApiKey.user_id).where(ApiKey.id == key_id))).first()
            if found is None:
                return None
            row, user = found
            if row.revoked_at is None:
                row.revoked_at = now
            return _key(row, user)

    # --- the setup link ----------------------------------------------------------------------

    async def create_setup_token(self, token_hash: str, expires_at: datetime) -> None:
        async with transaction(self._sessions) as db:
            db.add(SetupToken(id=token_hash, expires_at=expires_at, created_at=datetime.now(UTC)))

    async def setup_token_valid(self, token_hash: str, now: datetime) -> bool:
        async with reading(self._sessions) as db:
            row = await db.get(SetupToken, token_hash)
            return row is not None and row.used_at is None and _utc(row.expires_at) > now  # type: ignore[operator]

    async def use_setup_token(self, token_hash: str, email: str, password_hash: str,
                              now: datetime) -> UserRecord | None:
        """Spend the link and create the first owner in one transaction; None when the link is
        unknown, used or expired, or an account exists already."""
        async with transaction(self._sessions) as db:
            spent = await db.execute(update(SetupToken).where(
                SetupToken.id == token_hash, SetupToken.used_at.is_(None),
                SetupToken.expires_at > now).values(used_at=now))
            if spent.rowcount != 1:  # type: ignore[attr-defined]
                return None
            if await db.scalar(select(func.count()).select_from(User)):
                return None
            row = User(email=email.lower(), password_hash=password_hash, role="owner",
                       disabled=False, password_changed_at=now)
            db.add(row)
            await db.flush()
            return _user(row)

    # --- conversation tokens -----------------------------------------------------------------

    async def add_conversation_token(self, conversation_id: str, token_hash: str) -> None:
        async with transaction(self._sessions) as db:
            db.add(ConversationToken(conversation_id=conversation_id, token_hash=token_hash,
                                     created_at=datetime.now(UTC)))

    async def conversation_token(self, conversation_id: str) -> str | None:
        """The stored hash of the conversation's token (None: it has none)."""
        async with reading(self._sessions) as db:
            return await db.scalar(select(ConversationToken.token_hash).where(
                ConversationToken.conversation_id == conversation_id))
