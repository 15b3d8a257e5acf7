"""Credentials for tests: an owner with an API key on a running app, sent by default."""

from __future__ import annotations

import httpx

from frontdesk.auth.accounts import SCOPES

OWNER_EMAIL = "owner@example.com"
OWNER_PASSWORD = "correct horse battery"


async def owner_key(app, *, email: str = OWNER_EMAIL, password: str = OWNER_PASSWORD) -> str:
    """An API key with every scope, of an owner created on first use (the app has started)."""
    accounts = app.state.services.accounts
    found = await accounts.store.user_with_hash(email)
    user = found[0] if found else await accounts.create_user(email, password, "owner")
    key, _ = await accounts.create_api_key(user, "tests", tuple(SCOPES))
    return key


async def authorize(app, http: httpx.AsyncClient) -> str:
    """Make ``http`` send an owner's key on every request (Twilio webhooks ignore it)."""
    key = await owner_key(app)
    http.headers["Authorization"] = f"Bearer {key}"
    return key


async def sign_in(page, url: str, *, email: str = OWNER_EMAIL,
                  password: str = OWNER_PASSWORD) -> None:
    """Fill in the sign-in form the browser is on and wait to land on ``url``."""
    await page.fill("#email", email)
    await page.fill("#password", password)
    await page.click("#submit")
    await page.wait_for_url(url)
