"""``X-Twilio-Signature`` checks with Twilio's own ``RequestValidator``.

Twilio signs the full URL it requested (scheme, host, path and query) plus the POSTed form
fields. Behind a proxy or tunnel the server sees another host, so the URL is rebuilt from
``FRONTDESK_PUBLIC_URL`` when it is set, else from the request, believing ``X-Forwarded-Proto``
and ``-Host`` only from a trusted proxy. A URL built from a request is only ever used for a
request Twilio signed (the signature proves Twilio used it); outbound calls need the public URL.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Collection, Mapping

from starlette.requests import HTTPConnection
from twilio.request_validator import RequestValidator

LOOPBACK = ("127.0.0.1", "::1")


def is_trusted_peer(peer: str | None, proxies: Collection[str]) -> bool:
    """Whether ``peer`` is one of the configured proxies (addresses or networks)."""
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return peer in proxies
    for entry in proxies:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def public_base(conn: HTTPConnection, public_url: str | None,
                trusted_proxies: Collection[str] = LOOPBACK) -> str:
    """``https://host`` as Twilio reaches us: the configured public URL, else the request's
    (forwarded headers only from ``trusted_proxies``)."""
    if public_url:
        return public_url.rstrip("/")
    forwarded = is_trusted_peer(conn.client.host if conn.client else None, trusted_proxies)
    scheme = (forwarded and conn.headers.get("x-forwarded-proto")) or conn.url.scheme
    scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    host = ((forwarded and conn.headers.get("x-forwarded-host")) or conn.headers.get("host")
            or conn.url.netloc)
    return f"{scheme}://{host}"


def requested_url(conn: HTTPConnection, public_url: str | None,
                  trusted_proxies: Collection[str] = LOOPBACK) -> str:
    """The exact URL Twilio signed."""
    query = f"?{conn.url.query}" if conn.url.query else ""
    return f"{public_base(conn, public_url, trusted_proxies)}{conn.url.path}{query}"


def is_valid(auth_token: str, url: str, params: Mapping[str, str], signature: str | None) -> bool:
    if not signature:
        return False
    return RequestValidator(auth_token).validate(url, dict(params), signature)


def sign(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """What Twilio would send (used by the test fakes and the ``simulate`` tooling)."""
    return RequestValidator(auth_token).compute_signature(url, dict(params))
