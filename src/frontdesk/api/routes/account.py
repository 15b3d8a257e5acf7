"""Signing in and the accounts: ``/login``, ``/logout``, ``/setup``, ``/account/password``
(small server-rendered pages), and for owners ``/api/keys`` and ``/api/users``.

The sign-in and setup forms are protected against cross-site forgery by a double-submit token
(the ``frontdesk_csrf`` cookie must match the form's ``csrf_token``); once signed in, the
session's own CSRF token replaces it (the cookie holds it for the console's scripts).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from frontdesk.api.deps import ServicesDep
from frontdesk.api.pages import render
from frontdesk.api.schemas import errors
from frontdesk.api.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    AdminDep,
    PrincipalDep,
    client_ip,
    origin_allowed,
    rate_limited,
)
from frontdesk.auth.accounts import InvalidEmailError, SignedIn, WrongPasswordError
from frontdesk.auth.passwords import MIN_PASSWORD_CHARS, WeakPasswordError
from frontdesk.auth.secrets import new_token, same
from frontdesk.logs import personal
from frontdesk.storage.accounts import ApiKeyRecord, UserExistsError, UserRecord

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["accounts"])
AFTER_LOGIN = "/console"
"""Where signing in leads when the sign-in page was not given a ``next`` page."""


def _page(name: str, status_code: int = 200, **context: object) -> HTMLResponse:
    return render(name, status_code, min_chars=MIN_PASSWORD_CHARS, **context)


def _secure(request: Request) -> bool:
    mode = request.app.state.services.settings.auth.cookie_secure
    if mode != "auto":
        return mode == "always"
    # Browsers keep Secure cookies on plain-HTTP loopback addresses (a local install).
    return request.url.scheme == "https" or request.url.hostname in ("localhost", "127.0.0.1",
                                                                      "::1")


def _form_csrf(request: Request) -> str:
    """The pre-sign-in double-submit token: the cookie's, or a new one."""
    return request.cookies.get(CSRF_COOKIE) or new_token()


def _with_cookies(response: Response, request: Request, signed: SignedIn | None = None,
                  csrf: str | None = None) -> Response:
    secure = _secure(request)
    if signed is not None:
        max_age = max(1, int((signed.expires_at - datetime.now(signed.expires_at.tzinfo))
                             .total_seconds()))
        response.set_cookie(SESSION_COOKIE, signed.cookie, max_age=max_age, path="/",
                            httponly=True, secure=secure, samesite="lax")
        csrf = signed.csrf_token
    if csrf is not None:  # readable by the page's own scripts (never by other sites)
        response.set_cookie(CSRF_COOKIE, csrf, path="/", httponly=False, secure=secure,
                            samesite="strict")
    return response


def _safe_next(target: str | None) -> str:
    """Only a path on this server (never ``//host`` or ``https://…``): no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return AFTER_LOGIN
    return target


async def _checked_form(request: Request) -> dict[str, str]:
    """A sign-in or setup form: from an allowed origin, rate limited, with the double-submit
    token matching."""
    if not origin_allowed(request):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "origin not allowed")
    await rate_limited(request, "login")
    form = {k: str(v) for k, v in (await request.form()).items()}
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not same(form.get("csrf_token", ""), cookie):
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "missing or wrong CSRF token: reload the page (cookies must be on)")
    return form


# --- pages ---------------------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, next: str | None = None) -> Response:
    csrf = _form_csrf(request)
    return _with_cookies(_page("login.html", title="Sign in", csrf_token=csrf,
                               next=_safe_next(next), email=""), request, csrf=csrf)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, services: ServicesDep) -> Response:
    form = await _checked_form(request)
    email, target = form.get("email", ""), _safe_next(form.get("next"))
    signed = await services.accounts.login(email, form.get("password", ""))
    if signed is None:
        # Never the password; the email only as personal data (redacted unless enabled).
        log.warning("failed sign-in", extra={"client": client_ip(request), **personal(email=email)})
        csrf = _form_csrf(request)
        return _with_cookies(_page("login.html", status.HTTP_401_UNAUTHORIZED, title="Sign in",
                                   error="Wrong email or password.", csrf_token=csrf,
                                   next=target, email=email), request, csrf=csrf)
    log.info("signed in", extra={"user_id": signed.user.user_id, "client": client_ip(request)})
    return _with_cookies(RedirectResponse(target, status.HTTP_303_SEE_OTHER), request, signed)


@router.post("/logout")
async def logout(request: Request, principal: PrincipalDep, services: ServicesDep) -> Response:
    await services.accounts.logout(principal)
    response = RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


@router.get("/setup", response_class=HTMLResponse)
async def setup_page(request: Request, services: ServicesDep, token: str = "") -> Response:
    csrf = _form_csrf(request)
    valid = await services.accounts.setup_link_valid(token)
    return _with_cookies(_page("setup.html", 200 if valid else 410, title="Set up Frontdesk",
                               valid=valid, token=token, csrf_token=csrf, email=""),
                         request, csrf=csrf)


@router.post("/setup", response_class=HTMLResponse)
async def setup(request: Request, services: ServicesDep) -> Response:
    form = await _checked_form(request)
    token, email = form.get("token", ""), form.get("email", "")
    csrf = _form_csrf(request)
    try:
        user = await services.accounts.complete_setup(token, email, form.get("password", ""))
    except (InvalidEmailError, WeakPasswordError) as exc:
        return _with_cookies(_page("setup.html", 422, title="Set up Frontdesk", valid=True,
                                   token=token, csrf_token=csrf, email=email, error=str(exc)),
                             request, csrf=csrf)
    if user is None:
        return _page("setup.html", 410, title="Set up Frontdesk", valid=False)
    signed = await services.accounts.login(email, form.get("password", ""))
    return _with_cookies(RedirectResponse(AFTER_LOGIN, status.HTTP_303_SEE_OTHER), request,
                         signed)


@router.get("/account/password", response_class=HTMLResponse)
async def password_page(principal: PrincipalDep) -> Response:
    return _page("password.html", title="Your account", email=principal.user.email,
                 csrf_token=principal.csrf_token or "")


@router.post("/account/password", response_class=HTMLResponse)
async def change_password(request: Request, principal: PrincipalDep,
                          services: ServicesDep) -> Response:
    if principal.via != "session":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "change a password signed in, not by key")
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        signed = await services.accounts.change_password(
            principal, form.get("current_password", ""), form.get("new_password", ""))
    except (WrongPasswordError, WeakPasswordError) as exc:
        return _page("password.html", 400, title="Your account", email=principal.user.email,
                     csrf_token=principal.csrf_token or "", error=str(exc))
    return _with_cookies(_page("password.html", title="Your account", email=signed.user.email,
                               csrf_token=signed.csrf_token,
                               message="Password changed; other browsers are signed out."),
                         request, signed)


# --- the API: who am I, keys and users (owners) ------------------------------------------------

class MeOut(BaseModel):
    user_id: int
    email: str
    role: Literal["owner", "staff"]
    via: Literal["session", "api_key"]
    scopes: list[str]


class ApiKeyIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    scopes: list[Literal["read", "write", "calls", "admin"]] = Field(default=["read"],
                                                                     min_length=1)


class ApiKeyOut(BaseModel):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str
    """Shown this once: only its hash is kept."""


class UserIn(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=MIN_PASSWORD_CHARS, max_length=256)
    role: Literal["owner", "staff"] = "staff"


class UserOut(BaseModel):
    id: int
    email: str
    role: Literal["owner", "staff"]
    disabled: bool
    created_at: datetime


def _key_out(record: ApiKeyRecord) -> dict[str, object]:
    return {"id": record.key_id, "name": record.name, "prefix": record.prefix,
            "scopes": list(record.scopes), "created_by": record.user.email,
            "created_at": record.created_at, "last_used_at": record.last_used_at,
            "revoked_at": record.revoked_at}


def _user_out(user: UserRecord) -> UserOut:
    return UserOut(id=user.user_id, email=user.email, role=user.role, disabled=user.disabled,
                   created_at=user.created_at)


@api_router.get("/me", response_model=MeOut, responses=errors(401))
async def me(principal: PrincipalDep) -> MeOut:
    return MeOut(user_id=principal.user.user_id, email=principal.user.email,
                 role=principal.user.role, via=principal.via, scopes=sorted(principal.scopes))


@api_router.get("/keys", response_model=list[ApiKeyOut], responses=errors(401, 403))
async def list_keys(_: AdminDep, services: ServicesDep) -> list[ApiKeyOut]:
    return [ApiKeyOut(**_key_out(k)) for k in await services.accounts.list_api_keys()]


@api_router.post("/keys", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated,
                 responses=errors(401, 403, 422))
async def create_key(body: ApiKeyIn, admin: AdminDep, services: ServicesDep) -> ApiKeyCreated:
    """A new key for ``Authorization: Bearer``; the response is the only time it is shown."""
    key, record = await services.accounts.create_api_key(admin.user, body.name,
                                                         tuple(body.scopes))
    return ApiKeyCreated(key=key, **_key_out(record))


@api_router.delete("/keys/{key_id}", response_model=ApiKeyOut, responses=errors(401, 403, 404))
async def revoke_key(key_id: Annotated[int, Path(ge=1, le=2**31 - 1)], _: AdminDep,
                     services: ServicesDep) -> ApiKeyOut:
    record = await services.accounts.revoke_api_key(key_id)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such API key")
    return ApiKeyOut(**_key_out(record))


@api_router.get("/users", response_model=list[UserOut], responses=errors(401, 403))
async def list_users(_: AdminDep, services: ServicesDep) -> list[UserOut]:
    return [_user_out(u) for u in await services.accounts.list_users()]


@api_router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserOut,
                 responses=errors(401, 403, 409, 422))
async def create_user(body: UserIn, _: AdminDep, services: ServicesDep) -> UserOut:
    try:
        user = await services.accounts.create_user(body.email, body.password, body.role)
    except (InvalidEmailError, WeakPasswordError) as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    except UserExistsError:
        raise HTTPException(status.HTTP_409_CONFLICT, "an account with this email exists") from None
    return _user_out(user)

