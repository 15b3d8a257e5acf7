"""Password hashing with argon2id (argon2-cffi, its RFC 9106 low-memory profile by default)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 256
"""A bound on the work one login can ask of the hasher."""

_HASHER = PasswordHasher()


class WeakPasswordError(ValueError):
    """The password is too short or too long."""


def check_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPasswordError(f"the password needs at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise WeakPasswordError(f"the password must be at most {MAX_PASSWORD_CHARS} characters")


def hash_password(password: str) -> str:
    check_strength(password)
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def dummy_verify(password: str) -> None:
    """Spend the time a real check takes, so an unknown email answers as slowly as a known one."""
    verify_password(_DUMMY, password)


_DUMMY = _HASHER.hash("frontdesk-timing-equaliser")
