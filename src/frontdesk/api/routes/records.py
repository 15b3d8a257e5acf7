"""The business's records: appointments, leads, customers."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from frontdesk.api.deps import RuntimeDep
from frontdesk.api.schemas import AppointmentOut, CustomerOut, LeadOut
from frontdesk.storage import queries

router = APIRouter(prefix="/api", tags=["records"])


@router.get("/appointments", response_model=list[AppointmentOut])
async def appointments(runtime: RuntimeDep, business: str | None = None,
                       on: Annotated[date | None, Query(alias="date")] = None,
                       limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[AppointmentOut]:
    rows = await queries.list_appointments(runtime.sessions, business=business, on=on,
                                           limit=limit)
    return [AppointmentOut(**asdict(r)) for r in rows]


@router.get("/leads", response_model=list[LeadOut])
async def leads(runtime: RuntimeDep, business: str | None = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[LeadOut]:
    rows = await queries.list_leads(runtime.sessions, business=business, limit=limit)
    return [LeadOut(**asdict(r)) for r in rows]


@router.get("/customers", response_model=list[CustomerOut])
async def customers(runtime: RuntimeDep,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[CustomerOut]:
    rows = await queries.list_customers(runtime.sessions, limit=limit)
    return [CustomerOut(**asdict(c)) for c in rows]


@router.get("/latency")
async def latency(runtime: RuntimeDep, business: str | None = None,
                  channel: str | None = None) -> dict[str, object]:
    """p50/p95 per stage (vad_stop, stt, brain, tts_first, total) over stored turns."""
    return await queries.latency_summary(runtime.sessions, business=business, channel=channel)


@router.get("/llm")
async def language_model(runtime: RuntimeDep) -> dict[str, object]:
    """The optional language model: calls, fallbacks, breaker and cache hit/miss counters."""
    if runtime.assist is None:
        return {"enabled": False}
    return {"enabled": True, **runtime.assist.snapshot()}
