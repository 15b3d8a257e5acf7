"""Random tokens and the one-way digest they are stored as.

Every secret Frontdesk hands out (a session cookie, an API key, a setup link, a conversation
token) is 32 random bytes; the database keeps only its sha256, so a copy of the database lets
nobody in. A slow hash is not needed for 256 random bits, unlike a password.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token(prefix: str = "") -> str:
    """A URL-safe token with 256 bits of randomness, e.g. ``fd_…`` for an API key."""
    return prefix + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What is stored: the token's sha256, hex."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison."""
    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))
