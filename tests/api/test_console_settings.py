"""The console's Settings page over HTTP: API keys (shown once, last use, revoke), users (add,
deactivate, remove, never the last owner) and notification routing (saved as a profile version,
validated by the profile schema)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.api.test_console_business import row, section_form, signed_in
from tests.auth import OWNER_EMAIL, OWNER_PASSWORD

pytestmark = pytest.mark.integration


@pytest.fixture
async def owner(client) -> AsyncIterator[httpx.AsyncClient]:
    http = await signed_in(client.app, OWNER_EMAIL, OWNER_PASSWORD)
    async with http:
        yield http


async def test_an_api_key_is_shown_once_used_and_revoked(client, owner) -> None:
    created = await owner.post("/console/settings/keys", data={
        "csrf_token": owner.csrf, "name": "website CRM", "scopes": ["read", "write"]})
    assert created.status_code == 200
    key = re.search(r'id="new-key-value">(fd_[^<]+)<', created.text)[1]
    (key_id,) = re.findall(r'id="key-(\d+)">\s*<td data-label="Name">website CRM', created.text)
    line = created.text[created.text.index(f'id="key-{key_id}"'):]
    line = line[:line.index("</tr>")]
    assert "read, write" in line and f"{key[:8]}…" in line and "never" in line
    assert created.text.count(key) == 1
    assert key not in (await owner.get("/console/settings")).text  # shown that once only

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="http://test",
                                 headers={"Authorization": f"Bearer {key}"}) as api:
        assert (await api.get("/api/tasks")).status_code == 200
        assert (await api.get("/api/keys")).status_code == 403  # no admin scope
        page = (await owner.get("/console/settings")).text
        used = page[page.index(f'id="key-{key_id}"'):]
        assert re.search(r'class="last-used">\d{4}-\d\d-\d\d \d\d:\d\d UTC<',
                         used[:used.index("</tr>")])
        revoked = await owner.post(f"/console/settings/keys/{key_id}/revoke",
                                   data={"csrf_token": owner.csrf})
        assert revoked.status_code == 303
        assert revoked.headers["location"] == "/console/settings?done=revoked#keys"
        assert (await api.get("/api/tasks")).status_code == 401
    page = (await owner.get("/console/settings?done=revoked")).text
    assert "Key revoked" in page and "revoked</span>" in page
    refused = await owner.post("/console/settings/keys", data={"csrf_token": owner.csrf,
                                                              "name": "no scopes"})
    assert refused.status_code == 422 and "at least one scope" in refused.text
    assert (await owner.post("/console/settings/keys/9999/revoke",
                             data={"csrf_token": owner.csrf})).status_code == 404


async def test_users_are_added_deactivated_and_removed(client, owner) -> None:
    accounts = client.app.state.services.accounts
    added = await owner.post("/console/settings/users", data={
        "csrf_token": owner.csrf, "email": "Sam@Example.com", "role": "staff",
        "password": "a long first password"})
    assert added.status_code == 303
    assert await accounts.login("sam@example.com", "a long first password") is not None
    (sam,) = [u for u in await accounts.list_users() if u.email == "sam@example.com"]
    assert sam.role == "staff"
    dup = await owner.post("/console/settings/users", data={
        "csrf_token": owner.csrf, "email": "sam@example.com", "role": "owner",
        "password": "another long password"})
    assert dup.status_code == 422 and "An account with this email exists." in dup.text
    weak = await owner.post("/console/settings/users", data={
        "csrf_token": owner.csrf, "email": "kim@example.com", "role": "staff", "password": "x"})
    assert weak.status_code == 422 and 'value="kim@example.com"' in weak.text

    sams_browser = await signed_in(client.app, "sam@example.com", "a long first password")
    async with sams_browser:
        assert (await sams_browser.get("/console")).status_code == 200
        off = await owner.post(f"/console/settings/users/{sam.user_id}/deactivate",
                               data={"csrf_token": owner.csrf})
        assert off.headers["location"] == "/console/settings?done=deactivated#users"
        assert (await sams_browser.get("/console", follow_redirects=False)).status_code == 303
    assert await accounts.login("sam@example.com", "a long first password") is None
    assert "deactivated" in row((await owner.get("/console/settings")).text, f"user-{sam.user_id}")
    on = await owner.post(f"/console/settings/users/{sam.user_id}/reactivate",
                          data={"csrf_token": owner.csrf})
    assert on.status_code == 303
    assert await accounts.login("sam@example.com", "a long first password") is not None
    gone = await owner.post(f"/console/settings/users/{sam.user_id}/remove",
                            data={"csrf_token": owner.csrf})
    assert gone.headers["location"] == "/console/settings?done=removed#users"
    assert "sam@example.com" not in (await owner.get("/console/settings")).text
    assert await accounts.login("sam@example.com", "a long first password") is None


async def test_the_last_owner_stays(client, owner) -> None:
    accounts = client.app.state.services.accounts
    (me,) = [u for u in await accounts.list_users() if u.email == OWNER_EMAIL]
    for action in ("remove", "deactivate"):
        refused = await owner.post(f"/console/settings/users/{me.user_id}/{action}",
                                   data={"csrf_token": owner.csrf})
        assert refused.status_code == 409
        assert "the last active owner cannot be removed or deactivated" in refused.text
    assert not (await accounts.list_users())[0].disabled
    # With a second owner, the first may go (and is signed out).
    await accounts.create_user("second@example.com", "second owner password", "owner")
    left = await owner.post(f"/console/settings/users/{me.user_id}/remove",
                            data={"csrf_token": owner.csrf})
    assert left.headers["location"] == "/login"
    assert (await owner.get("/console", follow_redirects=False)).status_code == 303


async def test_routing_is_saved_as_a_profile_version(client, owner) -> None:
    page = (await owner.get("/console/settings/routing/real_estate")).text
    form = section_form(page, "routing", owner.csrf, **{
        "follow_up.staff.new.email": "desk@lakeside-realty.example",
        "follow_up.staff.new.events": ["escalation", "callback_requested"],
        "follow_up.webhooks.new.url": "ftp://crm.example/hook",
        "follow_up.webhooks.new.secret_env": "CRM_SECRET"})
    refused = await owner.post("/console/settings/routing/real_estate", data=form)
    assert refused.status_code == 422 and "Not saved" in refused.text
    assert "String should match pattern" in row(refused.text, "webhook-new")
    assert 'value="ftp://crm.example/hook"' in refused.text  # as typed
    profile = client.app.state.services.brain.profile("real_estate")
    assert profile.follow_up.webhooks == []

    form["follow_up.webhooks.new.url"] = "https://crm.example/hook"
    form["follow_up.webhooks.new.events"] = "appointment_booked"
    saved = await owner.post("/console/settings/routing/real_estate", data=form)
    assert saved.headers["location"] == "/console/settings/routing/real_estate?saved=2#routing"
    profile = client.app.state.services.brain.profile("real_estate")
    route = profile.follow_up.staff[-1]
    assert (route.email, route.events) == ("desk@lakeside-realty.example",
                                           ["escalation", "callback_requested"])
    (hook,) = profile.follow_up.webhooks
    assert (hook.url, hook.events, hook.secret_env) == ("https://crm.example/hook",
                                                        ["appointment_booked"], "CRM_SECRET")
    business = (await owner.get("/console/business/real_estate")).text
    assert "follow_up.webhooks[1]: added" in row(business, "version-2")
