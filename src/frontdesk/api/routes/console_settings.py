"""The console's Settings page: API keys, users, and who is told about what (owners only).

- API keys: create one with its scopes (the key is shown on the page that answers the form,
  once: only its hash is kept), see each key's last use, revoke.
- Users: add a staff member or an owner with a first password, deactivate, reactivate, remove.
  The last active owner can be neither removed nor deactivated.
- Notification routing, per business: the profile's ``follow_up.staff`` (which events are
  emailed or texted to whom) and ``follow_up.webhooks``. They are part of the business
  profile, so they are saved the way the Business page saves: validated by the profile schema
  and stored as a new version (:func:`~frontdesk.api.routes.console_business.save_section`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, status
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from frontdesk.api.deps import ServicesDep
from frontdesk.api.routes.console import back
from frontdesk.api.routes.console_business import NEW, business_page, form_text, save_section
from frontdesk.api.security import AdminDep
from frontdesk.api.services import ApiServices
from frontdesk.auth import Principal
from frontdesk.auth.accounts import ROLE_SCOPES, SCOPES, InvalidEmailError
from frontdesk.auth.passwords import MIN_PASSWORD_CHARS, WeakPasswordError
from frontdesk.knowledge.profile import FOLLOW_UP_EVENTS
from frontdesk.storage.accounts import ROLES, LastOwnerError, UserExistsError

router = APIRouter(prefix="/console/settings", include_in_schema=False)

RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
TEMPLATE = "console/settings.html"
DONE = {"revoked": "Key revoked: it no longer works.", "created": "User added.",
        "deactivated": "User deactivated and signed out.", "reactivated": "User reactivated.",
        "removed": "User removed."}


async def _settings_page(request: Request, principal: Principal, services: ApiServices,
                         status_code: int = 200, *, business: str | None = None,
                         **context: Any) -> Response:
    keys = sorted(services.business.registry)
    if not keys:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no business profile is loaded")
    accounts = services.accounts
    context.setdefault("notice", _notice(request))
    return await business_page(
        request, principal, services, business or keys[0], status_code, template=TEMPLATE,
        api_keys=list(reversed(await accounts.list_api_keys())), users=await accounts.list_users(),
        scopes=SCOPES, roles=ROLES, events=FOLLOW_UP_EVENTS, min_chars=MIN_PASSWORD_CHARS,
        me=principal.user.user_id, **context)


def _notice(request: Request) -> str | None:
    saved = request.query_params.get("saved", "")
    if saved.isdigit():
        return f"Routing saved as version {saved} of the business profile."
    if request.query_params.get("unchanged"):
        return "Nothing changed, nothing saved."
    return DONE.get(request.query_params.get("done", ""))


@router.get("", response_class=HTMLResponse)
async def settings(request: Request, principal: AdminDep, services: ServicesDep) -> Response:
    """Keys, users, and the first business's notification routing."""
    return await _settings_page(request, principal, services)


@router.get("/routing/{key}", response_class=HTMLResponse)
async def settings_for(key: Annotated[str, Path(max_length=64)], request: Request,
                       principal: AdminDep, services: ServicesDep) -> Response:
    """The same page with another business's notification routing."""
    return await _settings_page(request, principal, services, business=key)


# --- API keys --------------------------------------------------------------------------------------

@router.post("/keys", response_class=HTMLResponse)
async def create_key(request: Request, principal: AdminDep, services: ServicesDep) -> Response:
    """A new key, shown in this answer only (not redirected: it must not land in a URL)."""
    form = await request.form()
    name = form_text(form, "name", 100)
    scopes = tuple(str(s) for s in form.getlist("scopes"))
    if not name or not scopes or any(s not in ROLE_SCOPES[principal.user.role] for s in scopes):
        return await _settings_page(request, principal, services,
                                    status.HTTP_422_UNPROCESSABLE_CONTENT, notice=None,
                                    key_error="Give the key a name and at least one scope.")
    key, record = await services.accounts.create_api_key(principal.user, name, scopes)
    return await _settings_page(request, principal, services, notice=None, new_key=key,
                                new_key_name=record.name)


@router.post("/keys/{key_id}/revoke", response_class=HTMLResponse)
async def revoke_key(key_id: RowId, principal: AdminDep, services: ServicesDep) -> Response:
    if await services.accounts.revoke_api_key(key_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such API key")
    return back("/console/settings?done=revoked#keys")


# --- users -----------------------------------------------------------------------------------------

@router.post("/users", response_class=HTMLResponse)
async def create_user(request: Request, principal: AdminDep, services: ServicesDep) -> Response:
    """A staff member or owner with a first password (they change it under their account)."""
    form = await request.form()
    role = str(form.get("role") or "")
    email = form_text(form, "email", 254)
    try:
        if role not in ROLES:
            raise ValueError("choose owner or staff")
        await services.accounts.create_user(email, str(form.get("password") or ""), role)  # type: ignore[arg-type]
    except (InvalidEmailError, WeakPasswordError, ValueError) as exc:
        message = "An account with this email exists." if isinstance(exc, UserExistsError) \
            else f"Not added: {exc}."
        return await _settings_page(request, principal, services,
                                    status.HTTP_422_UNPROCESSABLE_CONTENT, notice=None,
                                    user_error=message, user_email=email)
    return back("/console/settings?done=created#users")


async def _user_change(request: Request, principal: Principal, services: ApiServices,
                       user_id: int, action: str) -> Response:
    accounts = services.accounts
    try:
        if action == "remove":
            changed = await accounts.remove_user(user_id)
        else:
            changed = await accounts.set_disabled(user_id, action == "deactivate")
    except LastOwnerError as exc:
        return await _settings_page(request, principal, services, status.HTTP_409_CONFLICT,
                                    notice=None, user_error=f"Not changed: {exc}.")
    if changed is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such user")
    if user_id == principal.user.user_id and action != "reactivate":
        return back("/login")  # they signed themselves out
    return back(f"/console/settings?done={action}d#users")


@router.post("/users/{user_id}/{action}", response_class=HTMLResponse)
async def change_user(user_id: RowId, action: Annotated[str, Path(max_length=16)],
                      request: Request, principal: AdminDep, services: ServicesDep) -> Response:
    """``deactivate`` (signed out, keys stop working), ``reactivate`` or ``remove``."""
    if action not in ("deactivate", "reactivate", "remove"):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such action")
    return await _user_change(request, principal, services, user_id, action)


# --- notification routing (part of the business profile, versioned) ----------------------------

def _routing(data: dict[str, Any], form: FormData) -> dict[str, list[str]]:
    """``follow_up.staff`` and ``follow_up.webhooks`` from the form, each item's row in the
    form named by its position when the page was drawn (``new``: the empty row that adds one)."""
    follow_up = data.setdefault("follow_up", {})
    rows: dict[str, list[str]] = {}
    for kind, fields in (("staff", ("email", "sms")), ("webhooks", ("url", "secret_env"))):
        kept, ids = [], []
        for index, item in enumerate([*follow_up.get(kind, []), None]):
            row = NEW if item is None else str(index)
            name = f"follow_up.{kind}.{row}"
            values = {f: form_text(form, f"{name}.{f}", 300) or None for f in fields}
            if (item is None and not any(values.values())) or form.get(f"{name}.remove"):
                continue
            kept.append({**(item or {}), **values,
                         "events": [str(e) for e in form.getlist(f"{name}.events")]})
            ids.append(row)
        follow_up[kind] = kept
        rows[f"follow_up.{kind}"] = ids
    return rows


@router.post("/routing/{key}", response_class=HTMLResponse)
async def save_routing(key: Annotated[str, Path(max_length=64)], request: Request,
                       principal: AdminDep, services: ServicesDep) -> Response:
    """Save the routing as a new version of the business's profile."""
    return await save_section(request, principal, services, key, "routing", _routing,
                              template=TEMPLATE, url="/console/settings/routing")
