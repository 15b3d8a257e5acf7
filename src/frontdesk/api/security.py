"""Who may call what: the gate every route passes, and the checks of the public endpoints.

Secure by default: :func:`gate` is a dependency of the whole app, so a route added later is
closed unless its path is in :data:`PUBLIC_ROUTES` (the website's endpoints, sign-in pages,
Twilio's signed webhooks) or :data:`OWN_CHECK_ROUTES` (a visitor's own conversation: its token
or a back-office credential, checked by :func:`conversation_access`).

Credentials: ``Authorization: Bearer fd_…`` (an API key; ``?key=`` on WebSockets, where
browsers cannot set headers) or the ``frontdesk_session`` cookie. A cookie-authenticated
request that changes anything must carry the session's CSRF token (``X-CSRF-Token`` or a
``csrf_token`` form field); API keys need none, since browsers never attach them on their own.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException, WebSocketException, status
from starlette.requests import HTTPConnection, Request

from frontdesk.api.services import ApiServices
from frontdesk.auth import Principal
from frontdesk.auth.secrets import same
from frontdesk.telephony.signature import is_trusted_peer

log = logging.getLogger(__name__)

SESSION_COOKIE = "frontdesk_session"
CSRF_COOKIE = "frontdesk_csrf"
CSRF_HEADER = "x-csrf-token"
CONVERSATION_TOKEN_HEADER = "x-session-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

PUBLIC_ROUTES: dict[str, str] = {
    "/health": "liveness; details only with a credential",
    "/call": "the browser-call page a website links to",
    "/api/webrtc/offer": "the browser call's signalling",
    "/api/sessions": "a website visitor starts a text conversation",
    "/login": "sign-in page",
    "/setup": "the one-time first-owner link",
    "/twilio/voice": "Twilio webhook (X-Twilio-Signature)",
    "/twilio/status": "Twilio webhook (X-Twilio-Signature)",
    "/twilio/sms": "Twilio webhook (X-Twilio-Signature)",
    "/twilio/dial-status": "Twilio webhook (X-Twilio-Signature)",
    "/twilio/stream": "Twilio Media Streams (only streams our TwiML announced)",
}
"""Route paths (as declared) that need no login; each does its own checks."""

OWN_CHECK_ROUTES: frozenset[str] = frozenset({
    "/api/chat", "/api/sessions/{session_id}", "/api/sessions/{session_id}/end",
    "/ws/{session_id}",
})
"""A conversation's routes: its visitor's token (from ``POST /api/sessions`` or the browser
call's offer) or a back-office credential (:func:`conversation_access`)."""


def _services(conn: HTTPConnection) -> ApiServices:
    return conn.app.state.services


def _is_websocket(conn: HTTPConnection) -> bool:
    return conn.scope["type"] == "websocket"


def _method(conn: HTTPConnection) -> str:
    return "GET" if _is_websocket(conn) else conn.scope["method"]


def client_ip(conn: HTTPConnection) -> str:
    """The client's address: behind a trusted proxy, the last one it saw in X-Forwarded-For."""
    trusted = _services(conn).settings.server.trusted_proxies
    peer = conn.client.host if conn.client else ""
    if not is_trusted_peer(peer, trusted):
        return peer
    hops = [h.strip() for h in conn.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not is_trusted_peer(hop, trusted):
            return hop
    return hops[0] if hops else peer


def bearer(conn: HTTPConnection) -> str | None:
    scheme, _, value = conn.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if _is_websocket(conn):
        return conn.query_params.get("key") or None
    return None


async def authenticate(conn: HTTPConnection) -> Principal | None:
    """The API key's or the session cookie's principal (a key wins when both are sent)."""
    accounts = _services(conn).accounts
    key = bearer(conn)
    if key is not None:
        return await accounts.from_api_key(key)
    cookie = conn.cookies.get(SESSION_COOKIE)
    return await accounts.from_session(cookie) if cookie else None


async def csrf_ok(conn: HTTPConnection, principal: Principal) -> bool:
    """A session's state-changing request carries its CSRF token (header or form field)."""
    if principal.via != "session" or _method(conn) in SAFE_METHODS or _is_websocket(conn):
        return True
    sent = conn.headers.get(CSRF_HEADER)
    content_type = conn.headers.get("content-type", "")
    if sent is None and isinstance(conn, Request) and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = str((await conn.form()).get("csrf_token") or "")
    return bool(sent) and principal.csrf_token is not None and same(sent, principal.csrf_token)


def required_scope(conn: HTTPConnection) -> str:
    path = conn.scope.get("route").path if conn.scope.get("route") else conn.url.path
    method = _method(conn)
    if path == "/api/calls" and method == "POST":
        return "calls"
    return "read" if method in SAFE_METHODS else "write"


def refuse(conn: HTTPConnection, code: int, detail: str) -> Exception:
    """The refusal in the request's own terms: a WebSocket close, a redirect to the sign-in
    page for a page a person opened, JSON for the API."""
    if _is_websocket(conn):
        return WebSocketException(code=1008, reason=detail)
    if (code == status.HTTP_401_UNAUTHORIZED and not conn.url.path.startswith("/api/")
            and _method(conn) == "GET"):
        target = conn.url.path + (f"?{conn.url.query}" if conn.url.query else "")
        return HTTPException(status.HTTP_303_SEE_OTHER, "sign in first",
                             headers={"Location": f"/login?next={quote(target, safe='')}"})
    headers = {"WWW-Authenticate": "Bearer"} if code == status.HTTP_401_UNAUTHORIZED else None
    return HTTPException(code, detail, headers=headers)


async def gate(conn: HTTPConnection) -> None:
    """Every route's first dependency: public and self-checking routes pass, the rest need a
    principal with the scope the request asks for."""
    route = conn.scope.get("route")
    path = getattr(route, "path", conn.url.path)
    if path in PUBLIC_ROUTES or path in OWN_CHECK_ROUTES:
        return
    principal = await authenticate(conn)
    if principal is None:
        raise refuse(conn, status.HTTP_401_UNAUTHORIZED, "sign in or send an API key")
    if principal.via == "session" and _is_websocket(conn) and not origin_allowed(conn):
        raise refuse(conn, status.HTTP_403_FORBIDDEN, "origin not allowed")
    if not await csrf_ok(conn, principal):
        raise refuse(conn, status.HTTP_403_FORBIDDEN, "missing or wrong CSRF token")
    scope = required_scope(conn)
    if not principal.can(scope):
        raise refuse(conn, status.HTTP_403_FORBIDDEN, f"this credential lacks the {scope!r} scope")
    conn.state.principal = principal


def current_principal(conn: HTTPConnection) -> Principal:
    principal = getattr(conn.state, "principal", None)
    if principal is None:  # a route in the allow-list asked for one: programming error
        raise refuse(conn, status.HTTP_401_UNAUTHORIZED, "sign in or send an API key")
    return principal


def require_admin(conn: HTTPConnection) -> Principal:
    """Owners only (API keys and users); an owner's key needs the ``admin`` scope."""
    principal = current_principal(conn)
    if principal.user.role != "owner" or not principal.can("admin"):
        raise refuse(conn, status.HTTP_403_FORBIDDEN, "only an owner may do this")
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
AdminDep = Annotated[Principal, Depends(require_admin)]


# --- the public endpoints ----------------------------------------------------------------------

def own_origin(conn: HTTPConnection) -> str:
    settings = _services(conn).settings
    if settings.public_url:
        return settings.public_url.rstrip("/")
    scheme = "https" if conn.url.scheme in ("https", "wss") else "http"
    return f"{scheme}://{conn.headers.get('host', conn.url.netloc)}"


def origin_allowed(conn: HTTPConnection) -> bool:
    """No Origin (not a browser, or a same-origin GET), this server's own, or a configured one."""
    origin = conn.headers.get("origin")
    if origin is None:
        return True
    origin = origin.rstrip("/")
    if origin in (o.rstrip("/") for o in _services(conn).settings.auth.allowed_origins):
        return True
    host = conn.headers.get("host", "")
    return origin == own_origin(conn) or origin.partition("://")[2] == host


async def rate_limited(conn: HTTPConnection, kind: str) -> None:
    limiter = _services(conn).login_limiter if kind == "login" else _services(conn).public_limiter
    wait_s = await limiter.hit(f"{kind}:{client_ip(conn)}")
    if wait_s is not None:
        log.warning("rate limit reached", extra={"limit": kind, "client": client_ip(conn)})
        if _is_websocket(conn):
            raise WebSocketException(code=1013, reason="too many requests")
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many requests, slow down",
                            headers={"Retry-After": str(max(1, round(wait_s)))})


async def public_endpoint(conn: HTTPConnection) -> None:
    """The website's endpoints: only from allowed origins, rate limited per client address
    (requests with an API key are the business's own and are not counted)."""
    if not origin_allowed(conn):
        raise refuse(conn, status.HTTP_403_FORBIDDEN, "origin not allowed")
    if bearer(conn) is not None and await authenticate(conn) is not None:
        return
    await rate_limited(conn, "public")


async def conversation_access(conn: HTTPConnection, conversation_id: str) -> None:
    """The conversation's own token (``X-Session-Token``, or ``?token=`` on the WebSocket), or
    a back-office credential allowed to read (GET) or write the conversation."""
    token = conn.headers.get(CONVERSATION_TOKEN_HEADER)
    if token is None and _is_websocket(conn):
        token = conn.query_params.get("token")
    if token:
        if not origin_allowed(conn):
            raise refuse(conn, status.HTTP_403_FORBIDDEN, "origin not allowed")
        if await _services(conn).accounts.owns_conversation(conversation_id, token):
            return
        raise refuse(conn, status.HTTP_401_UNAUTHORIZED, "wrong conversation token")
    principal = await authenticate(conn)
    if principal is None:
        raise refuse(conn, status.HTTP_401_UNAUTHORIZED,
                     "send the conversation's X-Session-Token, or sign in")
    if principal.via == "session" and not origin_allowed(conn):
        raise refuse(conn, status.HTTP_403_FORBIDDEN, "origin not allowed")
    if not await csrf_ok(conn, principal):
        raise refuse(conn, status.HTTP_403_FORBIDDEN, "missing or wrong CSRF token")
    if not principal.can(required_scope(conn)):
        raise refuse(conn, status.HTTP_403_FORBIDDEN, "this credential cannot do this")
