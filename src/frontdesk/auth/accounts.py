"""The accounts service: sign-in, sessions, API keys, the setup link and conversation tokens.

A :class:`Principal` is who a request acts for: a user signed in with a session cookie (every
scope their role allows) or an API key (the scopes it was given, within its creator's role).
Roles: ``owner`` may do everything; ``staff`` everything but API keys, users and editing the
business (the ``admin`` scope).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from frontdesk.auth.passwords import dummy_verify, hash_password, verify_password
from frontdesk.auth.secrets import digest, new_token, same
from frontdesk.config import AuthSettings
from frontdesk.storage.accounts import AccountStore, ApiKeyRecord, Role, UserRecord

log = logging.getLogger(__name__)

SCOPES = ("read", "write", "calls", "admin")
"""``read``: GET the back office; ``write``: change it (tasks, presence, jobs); ``calls``: place
outbound calls (they cost money); ``admin``: API keys and users (owners only)."""
ROLE_SCOPES: dict[str, frozenset[str]] = {
    "owner": frozenset(SCOPES),
    "staff": frozenset({"read", "write", "calls"}),
}
API_KEY_PREFIX = "fd_"


class InvalidEmailError(ValueError):
    pass


class WrongPasswordError(ValueError):
    pass


@dataclass(slots=True, frozen=True)
class Principal:
    """Who a request acts for."""

    user: UserRecord
    via: Literal["session", "api_key"]
    scopes: frozenset[str]
    session_hash: str | None = None
    csrf_token: str | None = None
    """The session's anti-forgery token (sessions only)."""
    key_id: int | None = None

    def can(self, scope: str) -> bool:
        return scope in self.scopes


@dataclass(slots=True, frozen=True)
class SignedIn:
    """A new browser session: the cookie value (shown to nobody else) and its CSRF token."""

    cookie: str
    csrf_token: str
    user: UserRecord
    expires_at: datetime


def normal_email(email: str) -> str:
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or len(email) > 254 or any(c.isspace() for c in email):
        raise InvalidEmailError(f"not an email address: {email!r}")
    return email


class Accounts:
    """Every account operation; the HTTP layer and the CLI call this, never the store."""

    def __init__(self, store: AccountStore, settings: AuthSettings,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.settings = settings
        self._now = clock

    # --- users and the first owner -----------------------------------------------------------

    async def needs_setup(self) -> bool:
        return await self.store.count_users() == 0

    async def create_user(self, email: str, password: str, role: Role) -> UserRecord:
        """Raises InvalidEmailError, WeakPasswordError or UserExistsError."""
        return await self.store.create_user(normal_email(email), hash_password(password), role)

    async def list_users(self) -> list[UserRecord]:
        return await self.store.list_users()

    async def set_disabled(self, user_id: int, disabled: bool) -> UserRecord | None:
        """Deactivate or reactivate; raises LastOwnerError rather than leave no active owner."""
        user = await self.store.set_disabled(user_id, disabled)
        if user is not None:
            log.info("user deactivated" if disabled else "user reactivated",
                     extra={"user_id": user_id})
        return user

    async def remove_user(self, user_id: int) -> UserRecord | None:
        """Delete the user, their sessions and keys; raises LastOwnerError for the last owner."""
        user = await self.store.delete_user(user_id)
        if user is not None:
            log.info("user removed", extra={"user_id": user_id})
        return user

    async def issue_setup_link(self) -> str | None:
        """A fresh one-time setup token while no account exists (None once one does)."""
        if not await self.needs_setup():
            return None
        token = new_token()
        expires = self._now() + timedelta(seconds=self.settings.setup_link_ttl_s)
        await self.store.create_setup_token(digest(token), expires)
        return token

    async def setup_link_valid(self, token: str) -> bool:
        return bool(token) and await self.needs_setup() and await self.store.setup_token_valid(
            digest(token), self._now())

    async def complete_setup(self, token: str, email: str, password: str) -> UserRecord | None:
        """Create the first owner and spend the link; None when the link no longer works."""
        email = normal_email(email)
        password_hash = hash_password(password)
        user = await self.store.use_setup_token(digest(token), email, password_hash, self._now())
        if user is not None:
            log.info("first owner created through the setup link", extra={"user_id": user.user_id})
        return user

    # --- sign-in -----------------------------------------------------------------------------

    async def login(self, email: str, password: str) -> SignedIn | None:
        """A new session, or None for a wrong email or password (the caller logs the failure)."""
        found = await self.store.user_with_hash(email.strip())
        if found is None:
            dummy_verify(password)
            return None
        user, password_hash = found
        if user.disabled or not verify_password(password_hash, password):
            return None
        return await self._session_for(user)

    async def _session_for(self, user: UserRecord) -> SignedIn:
        cookie, csrf = new_token(), new_token()
        expires = self._now() + timedelta(seconds=self.settings.session_ttl_s)
        await self.store.create_session(digest(cookie), user.user_id, csrf, expires)
        return SignedIn(cookie, csrf, user, expires)

    async def from_session(self, cookie: str) -> Principal | None:
        if not cookie:
            return None
        record = await self.store.session(digest(cookie), self._now())
        if record is None:
            return None
        return Principal(record.user, "session", ROLE_SCOPES[record.user.role],
                         session_hash=record.session_hash, csrf_token=record.csrf_token)

    async def logout(self, principal: Principal) -> None:
        if principal.session_hash is not None:
            await self.store.delete_session(principal.session_hash)

    async def change_password(self, principal: Principal, current: str, new: str) -> SignedIn:
        """Every session of the user ends (other browsers are signed out); the one making the
        change gets a new session. Raises WrongPasswordError or WeakPasswordError."""
        stored = await self.store.password_hash(principal.user.user_id)
        if stored is None or not verify_password(stored, current):
            raise WrongPasswordError("the current password is wrong")
        await self.store.set_password(principal.user.user_id, hash_password(new))
        log.info("password changed", extra={"user_id": principal.user.user_id})
        return await self._session_for(principal.user)

    # --- API keys ----------------------------------------------------------------------------

    async def create_api_key(self, owner: UserRecord, name: str,
                             scopes: tuple[str, ...]) -> tuple[str, ApiKeyRecord]:
        """The key (shown once, never stored) and its record. Scopes beyond the creator's role
        are refused with ValueError."""
        allowed = ROLE_SCOPES[owner.role]
        unknown = [s for s in scopes if s not in allowed]
        if unknown or not scopes:
            raise ValueError(f"scopes must be some of {sorted(allowed)}, got {list(scopes)}")
        key = new_token(API_KEY_PREFIX)
        record = await self.store.create_api_key(digest(key), key[:8], name,
                                                 tuple(dict.fromkeys(scopes)), owner.user_id)
        log.info("api key created", extra={"key_id": record.key_id, "scopes": list(scopes)})
        return key, record

    async def from_api_key(self, key: str) -> Principal | None:
        if not key.startswith(API_KEY_PREFIX):
            return None
        record = await self.store.api_key(digest(key), self._now())
        if record is None:
            return None
        scopes = frozenset(record.scopes) & ROLE_SCOPES[record.user.role]
        return Principal(record.user, "api_key", scopes, key_id=record.key_id)

    async def list_api_keys(self) -> list[ApiKeyRecord]:
        return await self.store.list_api_keys()

    async def revoke_api_key(self, key_id: int) -> ApiKeyRecord | None:
        return await self.store.revoke_api_key(key_id, self._now())

    # --- a website visitor's own conversation ------------------------------------------------

    async def conversation_token(self, conversation_id: str) -> str:
        """A new token for the conversation just started (returned to its visitor only)."""
        token = new_token()
        await self.store.add_conversation_token(conversation_id, digest(token))
        return token

    async def owns_conversation(self, conversation_id: str, token: str) -> bool:
        if not token:
            return False
        stored = await self.store.conversation_token(conversation_id)
        return stored is not None and same(stored, digest(token))
