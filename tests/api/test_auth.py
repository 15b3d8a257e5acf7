"""The back office is closed: the route table, roles, sign-in, CSRF, API keys, rate limits, the
setup link and outbound calls without a public URL (SQLite and PostgreSQL)."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute, iter_route_contexts
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from frontdesk.api.security import CSRF_COOKIE, PUBLIC_ROUTES, SESSION_COOKIE
from frontdesk.app import create_app
from frontdesk.config import AuthSettings, TwilioSettings
from tests.auth import OWNER_EMAIL, OWNER_PASSWORD
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration

PUBLIC = {
    "/health", "/call", "/api/webrtc/offer", "/api/sessions", "/login", "/setup",
    "/twilio/voice", "/twilio/status", "/twilio/sms", "/twilio/dial-status", "/twilio/stream",
}
"""The explicit allow-list: adding a public route must change this test too."""


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


async def test_every_route_but_the_public_ones_refuses_an_anonymous_request(anonymous) -> None:
    assert set(PUBLIC_ROUTES) == PUBLIC
    app = anonymous.app
    checked = 0
    routes = list(iter_route_contexts(app.routes))  # included routers flattened
    for route in routes:
        if route.path in PUBLIC:
            continue
        if isinstance(route.original_route, APIWebSocketRoute):
            continue  # test_websocket_refuses_without_a_credential
        assert isinstance(route.original_route, APIRoute), f"{route.path}: no gate on it"
        for method in route.methods - {"HEAD"}:
            response = await anonymous.request(method, _concrete(route.path),
                                               headers={"content-type": "application/json"},
                                               content=b'{"session_id": "1", "message": "hi"}',
                                               follow_redirects=False)
            checked += 1
            if route.path.startswith("/api/") or method != "GET":
                assert response.status_code == 401, (method, route.path, response.text)
            else:  # a page a person opened: off to the sign-in page
                assert response.status_code == 303, (method, route.path)
                assert response.headers["location"].startswith("/login?next=")
    assert checked > 25
    sockets = {r.path for r in routes if isinstance(r.original_route, APIWebSocketRoute)}
    assert sockets - PUBLIC == {"/ws/{session_id}"}


def test_websocket_refuses_without_a_credential(settings) -> None:
    app = create_app(settings, clock=fixed_clock)
    with TestClient(app) as http:
        created = http.post("/api/sessions", json={"profile": "dealership"}).json()
        sid = created["session_id"]
        for url in (f"/ws/{sid}", f"/ws/{sid}?token=wrong", f"/ws/{sid}?key=fd_wrong"):
            with pytest.raises(WebSocketDisconnect) as refused, http.websocket_connect(url):
                pass
            assert refused.value.code == 1008, url
        # The visitor's own token follows their own conversation.
        with http.websocket_connect(f"/ws/{sid}?token={created['session_token']}") as ws:
            assert ws.receive_json()["type"] == "state_update"


async def test_health_says_nothing_sensitive_without_a_credential(client, anonymous) -> None:
    assert (await anonymous.get("/health")).json() == {
        "status": "ok", "version": (await client.get("/health")).json()["version"],
        "database": None, "profiles": None, "process": None, "phrases_ready": None}
    assert (await client.get("/health")).json()["database"] in ("sqlite", "postgresql")


async def test_a_visitor_reaches_only_their_own_conversation(anonymous) -> None:
    mine = (await anonymous.post("/api/sessions", json={"profile": "dealership"})).json()
    other = (await anonymous.post("/api/sessions", json={"profile": "dealership"})).json()
    token = {"X-Session-Token": mine["session_token"]}
    assert (await anonymous.post("/api/chat", json={"session_id": mine["session_id"],
                                                    "message": "hours?"}, headers=token)
            ).status_code == 200
    assert (await anonymous.get(f"/api/sessions/{mine['session_id']}", headers=token)
            ).status_code == 200
    assert (await anonymous.get(f"/api/sessions/{other['session_id']}", headers=token)
            ).status_code == 401
    assert (await anonymous.post("/api/chat", json={"session_id": other["session_id"],
                                                    "message": "hi"}, headers=token)
            ).status_code == 401
    assert (await anonymous.post(f"/api/sessions/{mine['session_id']}/end", headers=token)
            ).status_code == 200
    # A page on another website may not use the public endpoints (no allowed origins set).
    refused = await anonymous.post("/api/sessions", json={"profile": "dealership"},
                                   headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403


async def _login(http: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    page = await http.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return await http.post("/login", data={"email": email, "password": password,
                                           "csrf_token": csrf, "next": "/api/me"})


@pytest.fixture
async def browser(client):
    """A cookie-carrying client over HTTPS (so Secure cookies come back) on the same app."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="https://test") as http:
        yield http


async def test_login_logout_and_csrf(client, browser) -> None:
    wrong = await _login(browser, OWNER_EMAIL, "not the password")
    assert wrong.status_code == 401 and SESSION_COOKIE not in browser.cookies
    signed = await _login(browser, OWNER_EMAIL, OWNER_PASSWORD)
    assert signed.status_code == 303 and signed.headers["location"] == "/api/me"
    cookie = next(c for c in signed.headers.get_list("set-cookie")
                  if c.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie
    me = (await browser.get("/api/me")).json()
    assert me["email"] == OWNER_EMAIL and me["via"] == "session" and me["role"] == "owner"
    # A state change by cookie needs the session's CSRF token.
    body = {"status": "busy"}
    assert (await browser.put("/api/staff/dealership/Sarah/presence", json=body)
            ).status_code == 403
    csrf = browser.cookies[CSRF_COOKIE]
    assert (await browser.put("/api/staff/dealership/Sarah/presence", json=body,
                              headers={"X-CSRF-Token": "forged"})).status_code == 403
    ok = await browser.put("/api/staff/dealership/Sarah/presence", json=body,
                           headers={"X-CSRF-Token": csrf})
    assert ok.status_code in (200, 404), ok.text  # the gate let it through
    # The login form itself refuses a forged post (no matching double-submit cookie).
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="https://test") as stranger:
        forged = await stranger.post("/login", data={
            "email": OWNER_EMAIL, "password": OWNER_PASSWORD, "csrf_token": "x"})
        assert forged.status_code == 403
    assert (await browser.post("/logout")).status_code == 403  # CSRF again
    out = await browser.post("/logout", data={"csrf_token": csrf})
    assert out.status_code == 303
    assert (await browser.get("/api/me")).status_code == 401
    # The old cookie is dead server-side, even when replayed.
    replay = httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                               base_url="https://test",
                               cookies={SESSION_COOKIE: cookie.split(";")[0].split("=", 1)[1]})
    async with replay:
        assert (await replay.get("/api/me")).status_code == 401


async def test_password_change_signs_out_other_browsers(client, browser) -> None:
    await _login(browser, OWNER_EMAIL, OWNER_PASSWORD)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="https://test") as other:
        await _login(other, OWNER_EMAIL, OWNER_PASSWORD)
        assert (await other.get("/api/me")).status_code == 200
        page = await browser.get("/account/password")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        bad = await browser.post("/account/password", data={
            "csrf_token": csrf, "current_password": "wrong one!", "new_password": "x" * 12})
        assert bad.status_code == 400
        changed = await browser.post("/account/password", data={
            "csrf_token": csrf, "current_password": OWNER_PASSWORD,
            "new_password": "a much better one"})
        assert changed.status_code == 200 and "Password changed" in changed.text
        assert (await browser.get("/api/me")).status_code == 200  # this browser: a new session
        assert (await other.get("/api/me")).status_code == 401
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="https://test") as fresh:
        assert (await _login(fresh, OWNER_EMAIL, OWNER_PASSWORD)).status_code == 401
        assert (await _login(fresh, OWNER_EMAIL, "a much better one")).status_code == 303


async def test_api_keys_are_shown_once_scoped_revocable_and_record_their_use(
        client, anonymous) -> None:
    created = await client.post("/api/keys", json={"name": "reports", "scopes": ["read"]})
    assert created.status_code == 201
    key = created.json()["key"]
    listed = {k["id"]: k for k in (await client.get("/api/keys")).json()}
    assert "key" not in listed[created.json()["id"]]
    assert listed[created.json()["id"]]["last_used_at"] is None
    reader = {"Authorization": f"Bearer {key}"}
    assert (await anonymous.get("/api/leads", headers=reader)).status_code == 200
    assert (await anonymous.post("/api/calls", json={"to": "+15125550100"},
                                 headers=reader)).status_code == 403  # no 'calls' scope
    assert (await anonymous.get("/api/keys", headers=reader)).status_code == 403  # no 'admin'
    used = {k["id"]: k for k in (await client.get("/api/keys")).json()}[created.json()["id"]]
    assert used["last_used_at"] is not None
    revoked = await client.delete(f"/api/keys/{created.json()['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert (await anonymous.get("/api/leads", headers=reader)).status_code == 401
    assert (await client.delete("/api/keys/999999")).status_code == 404


async def test_staff_cannot_manage_keys_or_users(client, anonymous) -> None:
    made = await client.post("/api/users", json={"email": "sam@example.com",
                                                 "password": "staff password", "role": "staff"})
    assert made.status_code == 201 and made.json()["role"] == "staff"
    assert (await client.post("/api/users", json={"email": "SAM@example.com",
                                                  "password": "staff password"})
            ).status_code == 409
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="https://test") as staff:
        assert (await _login(staff, "sam@example.com", "staff password")).status_code == 303
        csrf = {"X-CSRF-Token": staff.cookies[CSRF_COOKIE]}
        assert (await staff.get("/api/leads")).status_code == 200
        assert (await staff.get("/api/tasks")).status_code == 200
        assert (await staff.post("/api/keys", json={"name": "mine"}, headers=csrf)
                ).status_code == 403
        assert (await staff.post("/api/users", json={"email": "x@example.com",
                                                     "password": "another password"},
                                 headers=csrf)).status_code == 403
        assert (await staff.get("/api/users")).status_code == 403


async def test_sign_in_is_rate_limited_and_failures_are_logged_without_the_password(
        settings, emitted) -> None:
    read = emitted("INFO")
    limited = settings.model_copy(update={"auth": AuthSettings(login_per_minute=1, login_burst=3)})
    app = create_app(limited, clock=fixed_clock)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        codes = [(await _login(http, "who@example.com", "secret-guess-123")).status_code
                 for _ in range(5)]
        assert codes[:3] == [401, 401, 401] and codes[3:] == [429, 429]
    lines = read()
    assert any("failed sign-in" in line for line in lines)
    assert not any("secret-guess-123" in line for line in lines)


async def test_public_endpoints_are_rate_limited_per_address(settings) -> None:
    limited = settings.model_copy(update={"auth": AuthSettings(public_per_minute=1,
                                                               public_burst=2)})
    app = create_app(limited, clock=fixed_clock)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        codes = [(await http.post("/api/sessions", json={"profile": "dealership"})).status_code
                 for _ in range(3)]
        assert codes == [201, 201, 429]
        assert int((await http.get("/call")).headers["retry-after"]) >= 1


async def test_the_setup_link_creates_the_first_owner_once(settings, emitted) -> None:
    read = emitted("INFO")
    announced: list[str] = []
    app = create_app(settings, clock=fixed_clock, announce=announced.append)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        url = re.search(r"(/setup\?token=\S+)", announced[0]).group(1)
        assert any("setup_url" in line for line in read())
        assert (await http.get("/setup?token=wrong")).status_code == 410
        page = await http.get(url)
        assert page.status_code == 200
        form = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1),
                "token": url.split("=", 1)[1], "email": "Boss@Example.com",
                "password": "short"}
        assert (await http.post("/setup", data=form)).status_code == 422
        done = await http.post("/setup", data={**form, "password": "long enough pass"})
        assert done.status_code == 303
        me = (await http.get("/api/me")).json()
        assert me == {**me, "email": "boss@example.com", "role": "owner"}
        assert (await http.get(url)).status_code == 410  # single use
    # An owner exists: the next start offers no link.
    again: list[str] = []
    app = create_app(settings, clock=fixed_clock, announce=again.append)
    async with app.router.lifespan_context(app):
        assert again == []


async def test_outbound_calls_need_a_public_url(settings, anonymous, client) -> None:
    twilio = TwilioSettings(account_sid="AC" + "0" * 32, auth_token="t",
                            from_number="+15125550100")
    app = create_app(settings.model_copy(update={"twilio": twilio}), clock=fixed_clock)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        from tests.auth import authorize

        await authorize(app, http)
        refused = await http.post("/api/calls", json={"to": "+15125550142",
                                                      "profile": "dealership"},
                                  headers={"X-Forwarded-Host": "evil.example",
                                           "Host": "evil.example"})
        assert refused.status_code == 503
        assert "FRONTDESK_PUBLIC_URL" in refused.json()["detail"]

