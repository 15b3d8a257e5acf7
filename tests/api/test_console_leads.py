"""The console's Leads page over HTTP (SQLite and PostgreSQL): the agent's leads by status,
with score, last contact and next action, narrowed by business, each linked to its calls."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from frontdesk.api.security import SESSION_COOKIE

pytestmark = pytest.mark.integration


@pytest.fixture
async def staff(client) -> AsyncIterator[httpx.AsyncClient]:
    accounts = client.app.state.services.accounts
    await accounts.create_user("jordan@example.com", "staff password 123", "staff")
    signed = await accounts.login("jordan@example.com", "staff password 123")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="https://test",
                                 cookies={SESSION_COOKIE: signed.cookie}) as http:
        yield http


async def _conversation(client, profile: str, *lines: str, phone: str | None = None) -> str:
    body = {"profile": profile, **({"caller": {"phone": phone}} if phone else {})}
    sid = (await client.post("/api/sessions", json=body)).json()["session_id"]
    for line in lines:
        assert (await client.post("/api/chat", json={"session_id": sid, "message": line})
                ).status_code == 200
    return sid


def _card(page: str, lead_id: int) -> str:
    start = page.index(f'id="lead-{lead_id}"')
    end = page.find('<div class="lead"', start)
    return page[start:end if end != -1 else len(page)]


def _stage(page: str, key: str) -> str:
    start = page.index(f'id="stage-{key}"')
    return page[start:page.index("</section>", start)]


async def test_leads_are_shown_by_status_with_their_next_action(client, staff) -> None:
    jane = await _conversation(client, "real_estate", "hi, this is Jane Porter",
                               "we want to buy in Austin within 2 months, budget 600k, "
                               "we're pre-approved and relocating for work",
                               phone="+15125550123")
    dana = await _conversation(client, "real_estate", "hi I'm thinking about selling my house",
                               "this is Dana Whitfield, my number is 512-555-0147",
                               "I'm driving right now, can somebody call me back tomorrow "
                               "morning?")
    tom = await _conversation(client, "dealership", "this is Tom Becker, can I bring my 2016 "
                              "Ford F-150 in for an oil change Wednesday at 2 pm?",
                              "(512) 555-0199", "yes")
    leads = {lead["customer_phone"]: lead for lead in (await client.get("/api/leads")).json()}
    page = await staff.get("/console/leads")
    assert page.status_code == 200 and 'id="nav-leads" class="here"' in page.text
    assert re.search(r'id="total">3 leads', page.text)

    qualified = _stage(page.text, "qualified")
    assert "Jane Porter" in qualified and "Book an appointment" in qualified
    assert f"{leads['+15125550123']['score']:.2f}" in qualified
    assert "buy · up to $600,000 · Austin · 2 months" in qualified
    # Conversations are stamped by the wall clock, not the app's: any time in Austin will do.
    assert re.search(r"Last contact: \w{3} \d\d \w{3} \d\d:\d\d C[SD]T", qualified)

    dana_card = _card(page.text, leads["+15125550147"]["id"])
    assert "Dana Whitfield" in dana_card and "Call back by Tue 24 Nov 10:00" in dana_card
    assert f'href="/console/calls/{dana}"' in dana_card
    tom_card = _card(page.text, leads["+15125550199"]["id"])
    assert "Appointment Wed 25 Nov 14:00" in tom_card and "Riverside Motors" in tom_card

    # Each card links to the lead's own calls.
    calls = (await staff.get(f"/console/calls?lead={leads['+15125550147']['id']}")).text
    assert dana in calls and jane not in calls and tom not in calls and "1 call<" in calls
    assert 'id="lead-filter"' in calls

    only = (await staff.get("/console/leads?business=dealership")).text
    assert "Tom Becker" in only and "Jane Porter" not in only and "Dana Whitfield" not in only
    assert re.search(r'id="total">1 lead\.', only)
    assert "Riverside Motors" in only  # the selector; cards no longer name the business
