"""``X-Twilio-Signature`` checks with Twilio's own ``RequestValidator``.

Twilio signs the full URL it requested (scheme, host, path and query) plus the POSTed form
fields. Behind a proxy or tunnel the server sees another host, so the URL is rebuilt from
``FRONTDESK_PUBLIC_URL`` when it is set.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import HTTPConnection
from twilio.request_validator import RequestValidator


def public_base(conn: HTTPConnection, public_url: str | None) -> str:
    """``https://host`` as Twilio reaches us: the configured public URL or the request's host."""
    if public_url:
        return public_url.rstrip("/")
    scheme = conn.headers.get("x-forwarded-proto") or conn.url.scheme
    scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    host = conn.headers.get("x-forwarded-host") or conn.headers.get("host") or conn.url.netloc
    return f"{scheme}://{host}"


def requested_url(conn: HTTPConnection, public_url: str | None) -> str:
    """The exact URL Twilio signed."""
    query = f"?{conn.url.query}" if conn.url.query else ""
    return f"{public_base(conn, public_url)}{conn.url.path}{query}"


def is_valid(auth_token: str, url: str, params: Mapping[str, str], signature: str | None) -> bool:
    if not signature:
        return False
    return RequestValidator(auth_token).validate(url, dict(params), signature)


def sign(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """What Twilio would send (used by the test fakes and the ``simulate`` tooling)."""
    return RequestValidator(auth_token).compute_signature(url, dict(params))
