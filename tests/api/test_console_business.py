"""The console's Business page over HTTP: an owner's edit is validated by the profile schema,
stored as a version (history, roll back), and answers the next conversation without a restart
— in this process and in another one on the same database. Staff cannot see or post it."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.knowledge.profile import PROFILES_DIR
from tests.auth import OWNER_EMAIL, OWNER_PASSWORD, authorize
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration

LOANER_Q = "Do you have loaner cars?"
OLD_LOANER = "Yes, we offer loaner cars for repairs expected to take more than 4 hours."
NEW_LOANER = "Every service customer gets a free loaner car, whatever the repair."


async def signed_in(app, email: str, password: str) -> httpx.AsyncClient:
    """A browser with a session cookie (the caller closes it); ``.csrf`` is its token."""
    signed = await app.state.services.accounts.login(email, password)
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://test",
                             cookies={"frontdesk_session": signed.cookie})
    http.csrf = signed.csrf_token  # type: ignore[attr-defined]
    return http


@pytest.fixture
async def owner(client) -> AsyncIterator[httpx.AsyncClient]:
    http = await signed_in(client.app, OWNER_EMAIL, OWNER_PASSWORD)
    async with http:
        yield http


@pytest.fixture
async def staff(client) -> AsyncIterator[httpx.AsyncClient]:
    await client.app.state.services.accounts.create_user("jo@example.com", "staff password 1",
                                                         "staff")
    http = await signed_in(client.app, "jo@example.com", "staff password 1")
    async with http:
        yield http


async def ask(api: httpx.AsyncClient, question: str, profile: str = "dealership") -> str:
    """A new text conversation, as a website visitor starts one: the reply to ``question``."""
    started = (await api.post("/api/sessions", json={"profile": profile})).json()
    reply = await api.post("/api/chat", json={"session_id": started["session_id"],
                                              "message": question},
                           headers={"X-Session-Token": started["session_token"]})
    assert reply.status_code == 200, reply.text
    return reply.json()["reply"]


def section_form(page: str, section: str, csrf: str, **changes: Any) -> dict[str, Any]:
    """The section's form as the page drew it (what a browser sends), with ``changes`` typed in."""
    part = page[page.index(f'id="{section}"'):]
    part = part[:part.index("</form>")]
    fields: dict[str, Any] = {}
    for tag in re.findall(r"<input [^>]*>", part):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        name, value = attrs.get("name", ""), html.unescape(attrs.get("value", ""))
        if attrs.get("type") != "checkbox":
            fields[name] = value
        elif re.search(r"\schecked\b", tag):  # unticked boxes are not sent
            fields.setdefault(name, []).append(value)
    fields |= {k: html.unescape(v) for k, v in
               re.findall(r'name="([^"]+)"[^>]*>([^<]*)</textarea>', part)}
    version = re.search(r'name="version" value="(\d*)"', part)[1]
    return fields | {"csrf_token": csrf, "version": version, **changes}


def faq_form(page: str, csrf: str, **changes: Any) -> dict[str, Any]:
    return section_form(page, "faq", csrf, **changes)


def row(page: str, row_id: str) -> str:
    """One row of a section: from its id to the next row."""
    part = page[page.index(f'id="{row_id}"'):]
    return part[:part.index('class="row', 1)] if 'class="row' in part else part


async def test_an_faq_edit_answers_the_next_conversation_without_a_restart(client, owner) -> None:
    yaml_before = (PROFILES_DIR / "dealership.yaml").read_text()
    assert OLD_LOANER in await ask(client, LOANER_Q)
    page = (await owner.get("/console/business/dealership")).text
    assert OLD_LOANER in page and 'id="no-history"' in page
    saved = await owner.post("/console/business/dealership/faq",
                             data=faq_form(page, owner.csrf, **{"faq.loaner.answer": NEW_LOANER}))
    assert saved.status_code == 303
    assert saved.headers["location"] == "/console/business/dealership?saved=2#faq"
    assert NEW_LOANER in await ask(client, LOANER_Q)
    assert (PROFILES_DIR / "dealership.yaml").read_text() == yaml_before  # the file is the seed
    history = (await owner.get(saved.headers["location"])).text
    assert "Saved as version 2" in history
    v2 = history[history.index('id="version-2"'):history.index('id="version-1"')]
    assert OWNER_EMAIL in v2 and "in force" in v2
    assert f"faq[loaner].answer: &#34;{OLD_LOANER}&#34; → &#34;{NEW_LOANER}&#34;" in v2
    assert "the profile before the first edit" in history[history.index('id="version-1"'):]


async def test_a_bad_edit_shows_the_error_at_its_field_and_changes_nothing(client, owner) -> None:
    page = (await owner.get("/console/business/dealership")).text
    form = section_form(page, "services", owner.csrf, **{
        "services.oil_change.price_min": "89", "services.oil_change.price_max": "49",
        "services.tire_rotation.duration_min": "thirty"})
    refused = await owner.post("/console/business/dealership/services", data=form)
    assert refused.status_code == 422
    assert "Not saved" in refused.text
    oil = row(refused.text, "service-oil_change")
    assert "service oil_change: price_max &lt; price_min" in oil
    rotation = row(refused.text, "service-tire_rotation")
    assert 'data-for="services.tire_rotation.duration_min"' in rotation
    assert "valid integer" in rotation
    assert 'value="thirty"' in rotation  # shown as typed, to be fixed
    assert 'class="field-error"' not in row(refused.text, "service-brake_inspection")
    hours = await owner.post("/console/business/dealership/hours", data={
        "csrf_token": owner.csrf, "version": "", "hours.service.mon": "18:00-07:30"})
    assert hours.status_code == 422
    assert "closing time must be after opening time" in row(hours.text, "hours-service")
    greeting = await owner.post("/console/business/dealership/greeting", data={
        "csrf_token": owner.csrf, "version": "", "agent_name": "Ava",
        "replies.greeting_inbound": "Hi, {agent} at {bussiness} here"})
    assert greeting.status_code == 422 and "unknown placeholder(s) {bussiness}" in greeting.text
    blank = await owner.post("/console/business/dealership/faq", data=faq_form(
        page, owner.csrf, **{"faq.shuttle.answer": "  "}))
    assert blank.status_code == 422
    assert "at least 1 character" in row(blank.text, "faq-shuttle")
    # Nothing changed: no version, the old price and the old greeting.
    assert 'id="no-history"' in (await owner.get("/console/business/dealership")).text
    assert "$49" in await ask(client, "how much is an oil change?")
    assert "Riverside Motors" in (await client.post(
        "/api/sessions", json={"profile": "dealership"})).json()["reply"]
    assert page.count('class="field-error"') == 0


async def test_versions_roll_back_and_a_restart_keeps_the_latest(settings, client, owner) -> None:
    page = (await owner.get("/console/business/dealership")).text
    first = await owner.post("/console/business/dealership/faq", data=faq_form(
        page, owner.csrf, **{"faq.loaner.answer": NEW_LOANER}))
    assert first.status_code == 303
    page = (await owner.get("/console/business/dealership")).text
    second = await owner.post("/console/business/dealership/greeting", data={
        "csrf_token": owner.csrf, "version": "2", "agent_name": "Zoe",
        "replies.greeting_inbound": "Riverside Motors service desk, {agent} speaking."})
    assert second.headers["location"] == "/console/business/dealership?saved=3#greeting"
    assert (await client.post("/api/sessions", json={"profile": "dealership"})).json()[
        "reply"] == "Riverside Motors service desk, Zoe speaking."
    # A form opened on version 2 no longer saves: version 3 is in force.
    stale = await owner.post("/console/business/dealership/faq", data=faq_form(
        page, owner.csrf, **{"faq.loaner.answer": "something else"}))
    assert stale.status_code == 409 and "someone saved a newer version" in stale.text

    back = await owner.post("/console/business/dealership/rollback/1",
                            data={"csrf_token": owner.csrf, "version": "3"})
    assert back.headers["location"] == "/console/business/dealership?saved=4#history"
    assert OLD_LOANER in await ask(client, LOANER_Q)
    history = (await owner.get("/console/business/dealership")).text
    v4 = history[history.index('id="version-4"'):history.index('id="version-3"')]
    assert "brought back version 1" in v4 and "agent_name: &#34;Zoe&#34; → &#34;Ava&#34;" in v4
    again = await owner.post("/console/business/dealership/rollback/2",
                             data={"csrf_token": owner.csrf, "version": "4"})
    assert again.headers["location"].endswith("saved=5#history")
    assert (await owner.post("/console/business/dealership/rollback/99", data={
        "csrf_token": owner.csrf, "version": "5"})).status_code == 404

    # Another process on the same database (a restart, a second server): version 5 is in force.
    other = create_app(settings, clock=fixed_clock)
    async with other.router.lifespan_context(other), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=other), base_url="http://test") as api:
        await authorize(other, api)
        assert NEW_LOANER in await ask(api, LOANER_Q)
        # A version saved here shows on the other's page, and its edits build on it.
        page = (await owner.get("/console/business/dealership")).text
        assert (await owner.post("/console/business/dealership/faq", data=faq_form(
            page, owner.csrf, **{"faq.loaner.answer": "No loaners this week."}))).status_code == 303
        async with await signed_in(other, OWNER_EMAIL, OWNER_PASSWORD) as there:
            page = (await there.get("/console/business/dealership")).text
            assert "No loaners this week." in page
            saved = await there.post("/console/business/dealership/greeting", data=section_form(
                page, "greeting", there.csrf, agent_name="Kim"))
            assert saved.headers["location"].endswith("saved=7#greeting")
        assert "No loaners this week." in await ask(api, LOANER_Q)
        # ... and the first process's next conversation has the other's version.
        greeting = (await client.post("/api/sessions", json={"profile": "dealership"})).json()
        assert greeting["reply"].startswith("Thanks for calling Riverside Motors, this is Kim.")


async def test_services_and_faq_entries_are_added_and_removed(client, owner) -> None:
    page = (await owner.get("/console/business/dealership")).text
    added = await owner.post("/console/business/dealership/faq", data=faq_form(
        page, owner.csrf, **{"faq.new.question": "Do you sell gift cards?",
                             "faq.new.answer": "Yes, gift cards come in any amount.",
                             "faq.new.keywords": "gift card, gift cards, voucher",
                             "faq.payment.remove": "1"}))
    assert added.status_code == 303
    assert "gift cards come in any amount" in await ask(client, "do you sell gift cards?")
    profile = client.app.state.services.brain.profile("dealership")
    assert "payment" not in [f.key for f in profile.faq]
    assert profile.faq[-1].key == "do_you_sell_gift_cards"
    page = (await owner.get("/console/business/dealership")).text
    form = section_form(page, "services", owner.csrf, **{
        "services.new.name": "wheel alignment", "services.new.duration_min": "60",
        "services.new.price_min": "99", "services.new.price_max": "129",
        "services.oil_change.price_min": "59", "services.detailing.remove": "1"})
    assert (await owner.post("/console/business/dealership/services",
                             data=form)).status_code == 303
    profile = client.app.state.services.brain.profile("dealership")
    assert profile.service("wheel_alignment").price_max == 129
    assert profile.service("oil_change").price_min == 59
    assert profile.service("detailing") is None
    assert "$59" in await ask(client, "how much is an oil change?")
    page = (await owner.get("/console/business/dealership")).text
    unchanged = await owner.post("/console/business/dealership/services",
                                 data=section_form(page, "services", owner.csrf))
    assert unchanged.headers["location"].endswith("unchanged=1#services")


async def test_staff_get_403_and_no_links(client, owner, staff) -> None:
    for path in ("/console/business", "/console/business/dealership", "/console/settings"):
        assert (await staff.get(path)).status_code == 403, path
    for path in ("/console/business/dealership/faq", "/console/business/dealership/rollback/1",
                 "/console/settings/keys", "/console/settings/users",
                 "/console/settings/routing/dealership", "/console/settings/keys/1/revoke"):
        assert (await staff.post(path, data={"csrf_token": staff.csrf})).status_code == 403, path
    today = (await staff.get("/console")).text
    assert 'id="nav-business"' not in today and 'id="nav-settings"' not in today
    mine = (await owner.get("/console")).text
    assert 'href="/console/business" id="nav-business"' in mine
    assert 'href="/console/settings" id="nav-settings"' in mine
    assert (await owner.get("/console/business")).headers["location"] == \
        "/console/business/dealership"
    assert (await owner.get("/console/business/nope")).status_code == 404
