"""The business's records: appointments, leads, customers."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from frontdesk.api.deps import ServicesDep
from frontdesk.api.schemas import AppointmentOut, CustomerOut, LeadOut, StageLatency
from frontdesk.storage import queries

router = APIRouter(prefix="/api", tags=["records"])


@router.get("/appointments", response_model=list[AppointmentOut])
async def appointments(services: ServicesDep, business: str | None = None,
                       on: Annotated[date | None, Query(alias="date")] = None,
                       limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[AppointmentOut]:
    rows = await queries.list_appointments(services.sessions, business=business, on=on,
                                           limit=limit)
    return [AppointmentOut(**asdict(r), session_id=r.conversation_id) for r in rows]


@router.get("/leads", response_model=list[LeadOut])
async def leads(services: ServicesDep, business: str | None = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[LeadOut]:
    rows = await queries.list_leads(services.sessions, business=business, limit=limit)
    return [LeadOut(**asdict(r)) for r in rows]


@router.get("/customers", response_model=list[CustomerOut])
async def customers(services: ServicesDep,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[CustomerOut]:
    rows = await queries.list_customers(services.sessions, limit=limit)
    return [CustomerOut(**asdict(c)) for c in rows]


@router.get("/latency", response_model=dict[str, StageLatency])
async def latency(services: ServicesDep, business: str | None = None,
                  channel: str | None = None) -> dict[str, object]:
    """p50/p95 per stage (vad_stop, stt, brain, tts_first, total) over stored turns."""
    return await queries.latency_summary(services.sessions, business=business, channel=channel)


@router.get("/llm")
async def language_model(services: ServicesDep) -> dict[str, object]:
    """The optional language model: calls, fallbacks, breaker and cache hit/miss counters."""
    return services.language_model()
