"""The FastAPI app over services the composition root builds (``frontdesk.app.create_app``)."""

from __future__ import annotations

import contextlib
import math
import os
import resource
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from frontdesk import __version__
from frontdesk.api.looplag import LoopLag
from frontdesk.api.routes import (
    account,
    assets,
    browser,
    calls,
    console,
    console_business,
    console_calendar,
    console_leads,
    console_settings,
    followup,
    records,
    sessions,
    staff,
    twilio,
    ws,
)
from frontdesk.api.schemas import HealthOut, LoopLagOut, ProcessUsage
from frontdesk.api.security import authenticate, gate
from frontdesk.api.services import ApiServices
from frontdesk.brain import UnknownProfileError
from frontdesk.conversations.service import ConversationError


def process_usage() -> dict[str, float]:
    """This server process's CPU seconds so far (all threads) and resident memory, for load
    tests and monitoring."""
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with contextlib.suppress(OSError, ValueError, IndexError):
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        rss_mb = pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    return {"pid": os.getpid(), "cpu_s": round(time.process_time(), 3), "rss_mb": round(rss_mb, 1)}


def json_safe(value: object) -> object:
    """``value`` with what strict JSON and UTF-8 cannot carry made printable: NaN and infinities
    become strings, lone surrogates ``\\udXXX`` escapes. A 422 echoes the offending input, and
    that input is exactly what the default handler failed to serialise (a 500)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def create_api(services: Callable[[], AbstractAsyncContextManager[ApiServices]], *,
               allowed_origins: Sequence[str] = ()) -> FastAPI:
    """Build the application; ``services`` is entered when the app starts (its lifespan) and
    left when it stops, so nothing is built or held before then.

    Every route passes :func:`~frontdesk.api.security.gate` first (an app-wide dependency):
    closed unless it is on the public allow-list. ``allowed_origins``: other websites whose
    pages may call the public endpoints (CORS)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with services() as built, LoopLag() as lag:
            app.state.services = built
            app.state.loop_lag = lag
            yield

    # The API description and its explorer sit behind the gate like the back office they show.
    app = FastAPI(title="Frontdesk", version=__version__, lifespan=lifespan,
                  dependencies=[Depends(gate)], docs_url=None, redoc_url=None, openapi_url=None)
    if allowed_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(allowed_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["content-type", "x-session-token"])

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Frontdesk API")

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422,
                            content={"detail": json_safe(jsonable_encoder(exc.errors()))})

    @app.exception_handler(ConversationError)
    async def _conversation_error(_: Request, exc: ConversationError) -> JSONResponse:
        return JSONResponse(status_code=exc.status,
                            content={"detail": f"{type(exc).__name__}: {exc}"})

    @app.exception_handler(UnknownProfileError)
    async def _unknown_profile(_: Request, exc: UnknownProfileError) -> JSONResponse:
        # The same shape as any other invalid field (the documented 422), pointing at it.
        return JSONResponse(status_code=422, content={"detail": [{
            "loc": ["body", "profile"], "msg": f"unknown profile {exc.args[0]!r}",
            "type": "unknown_profile", "input": json_safe(exc.args[0])}]})

    @app.get("/health", response_model=HealthOut)
    async def health(request: Request, lag_window_s: Annotated[float, Query(
            gt=0, le=600, description="the event-loop lag summarised over this many seconds")] = 60,
                     ) -> HealthOut:
        """Anyone: up or not. With a credential: the database, profiles and process usage."""
        services: ApiServices = request.app.state.services
        if await authenticate(request) is None:
            return HealthOut(status="ok", version=__version__)
        lag = LoopLagOut(window_s=lag_window_s, **request.app.state.loop_lag.summary(lag_window_s))
        return HealthOut(status="ok", version=__version__, database=services.database,
                         profiles=sorted(services.brain.profiles),
                         process=ProcessUsage(**process_usage(), loop_lag_ms=lag),
                         phrases_ready=services.phone.phrases_ready)

    app.include_router(sessions.router)
    app.include_router(records.router)
    app.include_router(followup.router)
    app.include_router(ws.router)
    app.include_router(calls.router)
    app.include_router(twilio.router)
    app.include_router(browser.router)
    app.include_router(staff.router)
    app.include_router(account.router)
    app.include_router(account.api_router)
    app.include_router(console.router)
    app.include_router(console_calendar.router)
    app.include_router(console_leads.router)
    app.include_router(console_business.router)
    app.include_router(console_settings.router)
    app.include_router(assets.router)
    return app
