"""The console's Business page: an owner edits what the agent says about the business.

Hours, services and prices, FAQ answers, objection replies and the greeting, one form per
section. A saved form is the whole profile with that section changed, validated by the same
schema as the YAML files and stored as a new version (:class:`~frontdesk.conversations.profiles.
BusinessProfiles`): the next conversation answers from it, no restart. A bad edit saves nothing
and comes back with each error beside its field. The history lists every version (who, when,
what changed) with a roll back to any of them. Owners only (``AdminDep``); each form carries the
version it was opened on, so an edit never silently overwrites someone else's newer one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, status
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from frontdesk.api.deps import ServicesDep
from frontdesk.api.routes.console import back, page
from frontdesk.api.security import AdminDep
from frontdesk.api.services import ApiServices
from frontdesk.auth import Principal
from frontdesk.conversations.profiles import InvalidProfileError, StaleVersionError
from frontdesk.knowledge.profile import WEEKDAYS

router = APIRouter(prefix="/console/business", include_in_schema=False)

BusinessKey = Annotated[str, Path(min_length=1, max_length=64)]
Data = dict[str, Any]
NEW = "new"
"""The row id of the empty row that adds an item."""
MAX_TEXT = 2000


# --- reading a form into a profile ---------------------------------------------------------------

def form_text(form: FormData, name: str, limit: int = MAX_TEXT) -> str:
    return str(form.get(name) or "").strip()[:limit]


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "item"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",") if w.strip()]


Rows = dict[str, list[str]]
"""A list's path in the profile (``services``) → the form's row id of each of its items."""


def _greeting(data: Data, form: FormData) -> Rows:
    data["agent_name"] = form_text(form, "agent_name", 100)
    replies = data.setdefault("replies", {})
    for key in ("greeting_inbound", "greeting_outbound"):
        value = form_text(form, f"replies.{key}")
        if value:
            replies[key] = value
        else:  # blank: the standard greeting
            replies.pop(key, None)
    return {}


def _hours(data: Data, form: FormData) -> Rows:
    for key, department in data["departments"].items():
        # The schema's own parser reads "07:30-18:00" or "closed" (a blank day is closed).
        department["hours"] = {day: form_text(form, f"hours.{key}.{day}", 20) or "closed"
                               for day in WEEKDAYS}
    return {}


def _services(data: Data, form: FormData) -> Rows:
    kept, rows = [], []
    for service in data.get("services", []):
        row = service["key"]
        if form.get(f"services.{row}.remove"):
            continue
        service.update({field: form_text(form, f"services.{row}.{field}", 100)
                        for field in ("name", "duration_min", "price_min", "price_max")})
        kept.append(service)
        rows.append(row)
    name = form_text(form, f"services.{NEW}.name", 100)
    if name:
        kept.append({"key": _slug(name, {s["key"] for s in kept}), "name": name,
                     "synonyms": [name.lower()],
                     **{field: form_text(form, f"services.{NEW}.{field}", 100)
                        for field in ("duration_min", "price_min", "price_max")}})
        rows.append(NEW)
    data["services"] = kept
    return {"services": rows}


def _faq(data: Data, form: FormData) -> Rows:
    kept, rows = [], []
    for entry in data.get("faq", []):
        row = entry["key"]
        if form.get(f"faq.{row}.remove"):
            continue
        entry.update(question=form_text(form, f"faq.{row}.question"),
                     answer=form_text(form, f"faq.{row}.answer"),
                     keywords=_words(form_text(form, f"faq.{row}.keywords")))
        kept.append(entry)
        rows.append(row)
    question = form_text(form, f"faq.{NEW}.question")
    if question or form_text(form, f"faq.{NEW}.answer"):
        kept.append({"key": _slug(question, {e["key"] for e in kept}), "category": "general",
                     "question": question, "answer": form_text(form, f"faq.{NEW}.answer"),
                     "keywords": _words(form_text(form, f"faq.{NEW}.keywords"))})
        rows.append(NEW)
    data["faq"] = kept
    return {"faq": rows}


def _objections(data: Data, form: FormData) -> Rows:
    for key, play in data.get("objections", {}).items():
        play["reply"] = form_text(form, f"objections.{key}.reply")
        play["retry_reply"] = form_text(form, f"objections.{key}.retry_reply") or None
    return {}


Reader = Callable[[Data, FormData], Rows]
SECTIONS: dict[str, Reader] = {"greeting": _greeting, "hours": _hours, "services": _services,
                               "faq": _faq, "objections": _objections}
"""Section → what reads its form into the whole profile. A reader returns the form's row id of
each item of a list it rebuilt, so an error on item 3 is shown on the row it was typed in."""


def _row_errors(errors: dict[str, list[str]], rows: Rows) -> dict[str, list[str]]:
    """``services.2.price_max`` → ``services.oil_change.price_max`` (the row's id in the form)."""
    found: dict[str, list[str]] = {}
    for path, messages in errors.items():
        for prefix, ids in rows.items():
            index, _, rest = path.removeprefix(prefix + ".").partition(".")
            if path.startswith(prefix + ".") and index.isdigit() and int(index) < len(ids):
                path = ".".join(p for p in (prefix, ids[int(index)], rest) if p)
                break
        found.setdefault(path, []).extend(messages)
    return found


# --- the page --------------------------------------------------------------------------------

def _hours_view(data: Data) -> dict[str, dict[str, Any]]:
    """Per department its label and each weekday as the owner types it (``07:30-18:00``)."""
    view = {}
    for key, department in data["departments"].items():
        hours = department["hours"]
        if isinstance(hours, dict) and "days" in hours:
            days = {d: f"{hours['days'][d][0][:5]}-{hours['days'][d][1][:5]}"
                    if d in hours["days"] else "closed" for d in WEEKDAYS}
        else:  # a failed edit, shown as typed
            days = {d: str(hours.get(d, "closed")) for d in WEEKDAYS}
        view[key] = {"label": department["label"], "days": days}
    return view


async def business_page(request: Request, principal: Principal, services: ApiServices, key: str,
                        status_code: int = 200, *, data: Data | None = None,
                        template: str = "console/business.html", **context: Any) -> Response:
    """The page for business ``key`` (``data``: an edit that failed, shown as typed)."""
    business = services.business
    await business.refresh()  # another server may have saved the version the owner expects
    try:
        profile = business.current(key)
    except KeyError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such business") from None
    data = data if data is not None else profile.model_dump(mode="json")
    here = "settings" if template.endswith("settings.html") else "business"
    return page(template, request, principal, status_code,
                title="Settings" if here == "settings" else "Business", here=here,
                business=key, p=data, version=business.version(key) or "",
                businesses=[(k, p.name) for k, p in sorted(business.registry.items())],
                hours=_hours_view(data), history=await business.history(key),
                errors=context.pop("errors", {}), **context)


async def save_section(request: Request, principal: Principal, services: ApiServices, key: str,
                       section: str, read: Reader, *, template: str = "console/business.html",
                       url: str = "/console/business") -> Response:
    """Read the section's form into the whole profile, then save it as a new version: back to
    the page (post/redirect/get), or the page again with the errors and nothing saved."""
    business = services.business
    # The section goes into the latest version, even one another process saved.
    await business.refresh()
    try:
        data = business.current(key).model_dump(mode="json")
    except KeyError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such business") from None
    form = await request.form()
    opened_on = str(form.get("version") or "")
    rows = read(data, form)
    try:
        saved = await business.save(key, data, author=principal.user.email,
                                    after=int(opened_on) if opened_on.isdigit() else None)
    except InvalidProfileError as exc:
        return await business_page(
            request, principal, services, key, status.HTTP_422_UNPROCESSABLE_CONTENT, data=data,
            template=template, errors=_row_errors(exc.errors, rows), section=section,
            error="Not saved: fix what is marked below. The agent still uses the version in force.")
    except StaleVersionError:
        return await business_page(
            request, principal, services, key, status.HTTP_409_CONFLICT, template=template,
            error="Not saved: someone saved a newer version while you were editing. This page "
                  "now shows it; make your change again.")
    done = f"saved={saved.number}" if saved is not None else "unchanged=1"
    return back(f"{url}/{key}?{done}#{section}")


def _notice(request: Request) -> str | None:
    saved = request.query_params.get("saved", "")
    if saved.isdigit():
        return f"Saved as version {saved}: the next conversation uses it."
    if request.query_params.get("unchanged"):
        return "Nothing changed, nothing saved."
    return None


@router.get("", response_class=HTMLResponse)
async def first_business(_: AdminDep, services: ServicesDep) -> Response:
    keys = sorted(services.business.registry)
    if not keys:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no business profile is loaded")
    return back(f"/console/business/{keys[0]}")


@router.get("/{key}", response_class=HTMLResponse)
async def business_view(key: BusinessKey, request: Request, principal: AdminDep,
                        services: ServicesDep) -> Response:
    """Every editable section of one business, and its version history."""
    return await business_page(request, principal, services, key, notice=_notice(request))


@router.post("/{key}/rollback/{number}", response_class=HTMLResponse)
async def roll_back(key: BusinessKey, number: Annotated[int, Path(ge=1, le=2**31 - 1)],
                    request: Request, principal: AdminDep, services: ServicesDep) -> Response:
    """Bring an earlier version back; the roll back is itself a new version."""
    opened_on = str((await request.form()).get("version") or "")
    try:
        saved = await services.business.roll_back(
            key, number, author=principal.user.email,
            after=int(opened_on) if opened_on.isdigit() else None)
    except (KeyError, LookupError):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such business or version") from None
    except StaleVersionError:
        return await business_page(
            request, principal, services, key, status.HTTP_409_CONFLICT,
            error="Not rolled back: someone saved a newer version meanwhile. Look again.")
    except InvalidProfileError as exc:  # an old version the schema no longer accepts
        return await business_page(request, principal, services, key,
                                   status.HTTP_422_UNPROCESSABLE_CONTENT,
                                   error=f"Version {number} cannot be brought back: {exc}")
    done = f"saved={saved.number}" if saved is not None else "unchanged=1"
    return back(f"/console/business/{key}?{done}#history")


@router.post("/{key}/{section}", response_class=HTMLResponse)
async def save(key: BusinessKey, section: Annotated[str, Path(max_length=32)], request: Request,
               principal: AdminDep, services: ServicesDep) -> Response:
    """Save one section's form as a new version of the profile."""
    if section not in SECTIONS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such section")
    return await save_section(request, principal, services, key, section, SECTIONS[section])
